// Booking references as the citizen types or scans them: six characters of an alphabet without look-alikes
// (no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B), so the kiosk's keyboard has only these keys.
// REFERENCE_ALPHABET and REFERENCE_LENGTH of @foleni/shared, written again here: importing them would bring
// the zod schemas of their module into the kiosk's bundle (96 kB more). scanner.test.ts checks they agree.
export const REFERENCE_KEYS = 'ACDEFHJKMNPRTUVWXY3479';
export const REFERENCE_LENGTH = 6;

const ONE = new RegExp(`^[${REFERENCE_KEYS}]{${REFERENCE_LENGTH}}$`);
const AT_END = new RegExp(`(?:^|[^A-Z0-9])([${REFERENCE_KEYS}]{${REFERENCE_LENGTH}})$`);

/**
 * The reference in what a scanner typed: the code alone ("K7M3PA", "k7m-3pa"), or at the end of a link or a
 * labelled text ("https://…/b/K7M3PA", "REF:K7M3PA"). Null when there is none.
 */
export function referenceFrom(scanned: string): string | null {
  const text = scanned.trim().toUpperCase();
  const bare = text.replace(/[\s-]/g, '');
  if (ONE.test(bare)) return bare;
  const end = AT_END.exec(text.replace(/[/?#=\s]+$/, ''));
  return end ? end[1]! : null;
}

/** Whether the key belongs to the reference alphabet. */
export const isReferenceKey = (key: string): boolean => key.length === 1 && REFERENCE_KEYS.includes(key);
