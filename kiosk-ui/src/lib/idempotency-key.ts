// One key per citizen's tap flow: every retry of that flow sends the same key, so the server hands back the
// ticket it already made instead of a second one. crypto.getRandomValues works on plain http too, where
// crypto.randomUUID does not (kiosks often reach the server by LAN address).

export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'kiosk-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
