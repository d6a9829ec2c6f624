// A booking's reference as staff read it to a caller: "K 7 M – 3 P A", in two groups of three so the caller
// can write it down and read it back. The alphabet has no look-alikes, so each character is said as it is.
export function spelled(reference: string): string {
  const chars = [...reference];
  const half = Math.ceil(chars.length / 2);
  return `${chars.slice(0, half).join(' ')} – ${chars.slice(half).join(' ')}`;
}

/** Looks like a reference (six characters, spaces and dashes aside), so a search is by reference, not by phone. */
export function asReference(text: string): string | null {
  const bare = text.toUpperCase().replace(/[\s–-]/g, '');
  return /^[A-Z0-9]{6}$/.test(bare) && /[A-Z]/.test(bare) ? bare : null;
}
