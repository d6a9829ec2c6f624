// Kenyan mobile numbers: what a citizen types (07…, 01…, +254…, 254…, with spaces or dashes) made into E.164,
// checked with libphonenumber-js's mobile metadata (kept up to date with Kenya's numbering plan), and masked
// for staff. A number is personal data: only the masked form may be shown or logged.
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';

/** Only digits, spaces, dashes, dots, brackets and one leading +: no letters, no "call me on …". */
const TYPED = /^\+?[\d\s().-]+$/;

/** A Kenyan mobile number in E.164 (`+2547…` or `+2541…`), or null for anything else (a landline too). */
export function toKenyanMobile(text: string): string | null {
  const typed = text.trim();
  if (typed.length > 30 || !TYPED.test(typed)) return null;
  const digits = typed.replace(/\D/g, '');
  if (digits.length < 9 || digits.length > 12) return null;
  const phone = parsePhoneNumberFromString(typed, 'KE');
  if (!phone || phone.country !== 'KE' || !phone.isValid()) return null;
  return phone.number;
}

/** `+254712345123` → `+2547•••••123`: enough for the citizen to recognise, not enough to call. */
export function maskPhone(e164: string): string {
  if (e164.length < 9) return '•'.repeat(e164.length);
  return `${e164.slice(0, 5)}${'•'.repeat(e164.length - 8)}${e164.slice(-3)}`;
}
