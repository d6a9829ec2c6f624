// Checking a booking in from the kiosk: one try, and what a refusal means for the citizen. A check-in of the
// same reference again answers the same ticket, so a try after a lost answer is safe without a key.
import type { Lang, PrintResult, Ticket } from '@foleni/shared';
import { ApiError } from '@foleni/shared/client';
import { api } from './api.js';

/** How long a check-in keeps retrying over a bad network before the citizen is asked what to do. */
export const CHECK_IN_PATIENCE_MS = 20_000;

/**
 * Why the kiosk could not check the booking in, as the citizen is told it: `unknown` (mistyped, or no such
 * booking), `not-today`, `cancelled`, `too-late` (its grace is over: a no-show), `used` (already served),
 * `network` (the server cannot be reached) or `other`.
 */
export type CheckInRefusal = 'unknown' | 'not-today' | 'cancelled' | 'too-late' | 'used' | 'network' | 'other';

export type CheckInOutcome = { ok: true; answer: { ticket: Ticket; print: PrintResult } } | { ok: false; error: ApiError };

/** `lang`: the kiosk's language now, which becomes the booking's (its ticket and SMS speak it). */
export async function checkInOnce(reference: string, lang: Lang): Promise<CheckInOutcome> {
  try {
    return { ok: true, answer: await api.checkInAppointment({ reference, body: { lang } }) };
  } catch (e) {
    return { ok: false, error: e instanceof ApiError ? e : new ApiError(0, 'network', String(e)) };
  }
}

export function refusalOf(err: ApiError): CheckInRefusal {
  if (err.network || err.status >= 500 || err.status === 429) return 'network';
  switch (err.code) {
    case 'not-found':
    case 'invalid-reference':
      return 'unknown';
    case 'appointment-not-today':
      return 'not-today';
    case 'appointment-cancelled':
      return 'cancelled';
    case 'appointment-too-late':
      return 'too-late';
    case 'appointment-closed':
    case 'appointment-served':
      return 'used';
  }
  // A reference the server cannot even read is one it does not know.
  return err.status === 404 || err.status === 400 ? 'unknown' : 'other';
}

/** The slot of a booking for another day, as the refusal names it (`details.slotStart`), to tell the citizen. */
export function slotStartOf(err: ApiError): string | null {
  const details = err.details;
  if (typeof details !== 'object' || details === null || !('slotStart' in details)) return null;
  const at = details.slotStart;
  return typeof at === 'string' && Number.isFinite(Date.parse(at)) ? at : null;
}
