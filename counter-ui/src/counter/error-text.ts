// Turns a failed request into a sentence for the clerk, in their language: what happened and what to do.
// Every code a clerk's actions can meet has its own words in English and Kiswahili (`counter.error.<code>`
// in staff.ts). The server writes its messages in English only, so the specifics come from the refusal's
// `details` where the server sends them (the counter that holds a ticket), else from what the screen knows
// (which ticket, counter, service); the server's words are the last resort for a code we do not know.
import type { Lang, StaffKey, Translated, Vars } from '@foleni/shared';
import { counterNameIn, staffCatalogue, tStaff } from '@foleni/shared';
import { ApiError } from '@foleni/shared/client';

/** What the screen knows about the action that failed, to name things in the sentence. */
export interface ErrorVars {
  /** The ticket acted on. */
  label?: string;
  /** The counter acted at (the clerk's own, or the one being opened). */
  counter?: string;
  /** The service concerned: the ticket's, or where it was to be transferred (its name in each language). */
  service?: string | Translated;
  /** The counter that holds the ticket now, if the screen knows (the server's details win). */
  holder?: string;
  /** The clerk who holds the counter being opened. */
  clerk?: string;
}

export interface ErrorText {
  text: string;
  /** The view was stale, or may be (no answer came): ask the server for a fresh snapshot. */
  stale: boolean;
  /** The session is gone: back to sign-in. */
  signedOut: boolean;
}

/** Codes of a refused request (`invalid-body`, `invalid-ticket-id`…, a body that is not JSON) and of the body parser. */
const REFUSED_REQUEST = /^(invalid-.+|bad-request|body-too-large|unsupported-media-type)$/;

const hasKey = (key: string): key is StaffKey => key in staffCatalogue.en;

/** The catalogue key for a code, or null when we have no words of our own for it. */
export function errorKey(code: string, status: number): StaffKey | null {
  const own = `counter.error.${code}`;
  if (hasKey(own)) return own;
  if (REFUSED_REQUEST.test(code)) return 'counter.error.invalid';
  if (status === 429) return 'counter.error.rate-limited';
  if (status >= 500) return 'counter.error.server';
  return null;
}

/** The name of the counter a refusal's details say holds the ticket (`already-called`, `not-your-ticket`). */
export function holderIn(details: unknown): string | undefined {
  if (typeof details !== 'object' || details === null || !('counter' in details)) return undefined;
  const counter = (details as { counter: unknown }).counter;
  if (typeof counter !== 'object' || counter === null || !('name' in counter)) return undefined;
  const name = (counter as { name: unknown }).name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

export function explainError(e: unknown, lang: Lang, vars: ErrorVars = {}): ErrorText {
  if (!(e instanceof ApiError)) {
    const message = e instanceof Error ? e.message : String(e);
    return { text: tStaff(lang, 'counter.error.generic', { message }), stale: false, signedOut: false };
  }
  // No answer is not "nothing happened": the server may have done it and the answer been lost on the way
  // back (a call made, the customer waiting at the counter). Catch up to show the clerk what really happened.
  if (e.network) return { text: tStaff(lang, 'counter.error.network'), stale: true, signedOut: false };
  if (e.status === 401) return { text: tStaff(lang, 'counter.error.unauthorized'), stale: false, signedOut: true };
  // Refused because the screen was behind (not yours any more, gone, changed meanwhile): catch up.
  const stale = e.status === 403 || e.status === 404 || e.status === 409;
  const key = errorKey(e.code, e.status);
  if (!key) return { text: tStaff(lang, 'counter.error.generic', { message: e.message }), stale, signedOut: false };
  const holder = holderIn(e.details) ?? vars.holder;
  const filled: Vars = {
    label: vars.label ?? '…',
    counter: vars.counter !== undefined ? counterNameIn(lang, String(vars.counter)) : tStaff(lang, 'counter.error.thisCounter'),
    service: (typeof vars.service === 'string' ? vars.service : vars.service?.[lang]) ?? '?',
    holder: holder !== undefined ? counterNameIn(lang, holder) : tStaff(lang, 'counter.error.anotherCounter'),
    clerk: vars.clerk ?? tStaff(lang, 'counter.error.anotherClerk'),
  };
  return { text: tStaff(lang, key, filled), stale, signedOut: false };
}
