// Kenyan mobile numbers: what a citizen types (07…, 01…, +254…, 254…, with spaces or dashes) made into E.164,
// checked with libphonenumber-js's mobile metadata (kept up to date with Kenya's numbering plan), and masked
// for staff. A number is personal data: only the masked form may be shown or logged.
import type { E164Number, MetadataJson } from 'libphonenumber-js/core';
import { Metadata, PhoneNumber } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/metadata.mobile.json';

/** Only digits, spaces, dashes, dots, brackets and one leading +: no letters, no "call me on …". */
const TYPED = /^\+?[\d\s().-]+$/;

/** What of Kenya's numbering plan the library's metadata holds, beyond its typed surface. */
interface KenyanPlan {
  nationalNumberPattern(): string;
  type(type: 'MOBILE'): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

/**
 * The nine national digits of a valid Kenyan mobile number, as one regex made from the library's metadata once:
 * what `PhoneNumber.isValid()` checks (the national pattern, then the mobile pattern), without the library
 * building both regexes again for every number (a third of the time a ticket with a number spends on it).
 * Null when the metadata's shape is not what this expects: then the library decides each number.
 */
export const KENYAN_MOBILE = ((): RegExp | null => {
  const m = new Metadata(metadata as MetadataJson);
  m.selectNumberingPlan('KE');
  const plan = m.numberingPlan as unknown as Partial<KenyanPlan> | undefined;
  if (typeof plan?.nationalNumberPattern !== 'function' || typeof plan.type !== 'function') return null;
  const mobile = plan.type('MOBILE');
  if (!mobile || !(mobile.possibleLengths() ?? [9]).includes(9)) return null;
  return new RegExp(`^(?=(?:${plan.nationalNumberPattern()})$)(?:${mobile.pattern()})$`);
})();

/** A Kenyan mobile number in E.164 (`+2547…` or `+2541…`), or null for anything else (a landline too). */
export function toKenyanMobile(text: string): string | null {
  const typed = text.trim();
  if (typed.length > 30 || !TYPED.test(typed)) return null;
  const digits = typed.replace(/\D/g, '');
  // The nine digits after Kenya's 254 or trunk 0. The forms a Kenyan writes are few: finding them here and
  // checking them against the library's patterns accepts exactly the numbers the library accepts parsing the
  // whole text (phone.test.ts compares the two on random input), at a fraction of its cost.
  const national = typed.startsWith('+')
    ? digits.startsWith('254') ? digits.slice(3) : ''
    : digits.length === 12 && digits.startsWith('254') ? digits.slice(3) : digits.length === 10 && digits.startsWith('0') ? digits.slice(1) : digits;
  if (national.length !== 9) return null;
  if (KENYAN_MOBILE) return KENYAN_MOBILE.test(national) ? `+254${national}` : null;
  const phone = new PhoneNumber(`+254${national}` as E164Number, metadata as MetadataJson);
  return phone.isValid() ? phone.number : null;
}

/** `+254712345123` → `+2547•••••123`: enough for the citizen to recognise, not enough to call. */
export function maskPhone(e164: string): string {
  if (e164.length < 9) return '•'.repeat(e164.length);
  return `${e164.slice(0, 5)}${'•'.repeat(e164.length - 8)}${e164.slice(-3)}`;
}
