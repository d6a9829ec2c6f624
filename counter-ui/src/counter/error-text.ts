// Turns a failed request into a sentence for the clerk: what happened and what to do. The server writes
// its messages in English with the specifics (which counter, which ticket), so English shows them as they
// are; Kiswahili uses our own translation of the code when we have one.
import type { Lang, StaffKey } from '@foleni/shared';
import { tStaff } from '@foleni/shared';
import { ApiError } from '@foleni/shared/client';

const TRANSLATED = new Set<string>([
  'counter-busy',
  'counter-paused',
  'counter-closed',
  'counter-taken',
  'clerk-has-counter',
  'already-called',
  'not-your-ticket',
  'wrong-state',
  'ticket-moved',
  'service-inactive',
  'forbidden',
]);

export interface ErrorText {
  text: string;
  /** The view was stale: ask the server for a fresh snapshot. */
  stale: boolean;
  /** The session is gone: back to sign-in. */
  signedOut: boolean;
}

export function explainError(e: unknown, lang: Lang, label = '…'): ErrorText {
  if (!(e instanceof ApiError)) {
    const message = e instanceof Error ? e.message : String(e);
    return { text: tStaff(lang, 'counter.error.generic', { message }), stale: false, signedOut: false };
  }
  if (e.network) return { text: tStaff(lang, 'counter.error.network'), stale: false, signedOut: false };
  if (e.status === 401) return { text: tStaff(lang, 'counter.error.unauthorized'), stale: false, signedOut: true };
  const stale = e.status === 403 || e.status === 409;
  if (lang === 'en' || !TRANSLATED.has(e.code)) return { text: e.message, stale, signedOut: false };
  return { text: tStaff(lang, `counter.error.${e.code}` as StaffKey, { label }), stale, signedOut: false };
}
