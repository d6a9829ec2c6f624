// Kenyan mobile numbers as citizens write them (0712 345 678, +254 712 345678, 254712345678, 712345678),
// stored as E.164, and shown masked. One place for the rule: bookings and SMS notifications both use it.
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';

/** A Kenyan mobile number in E.164 (`+254712345678`), or null when the text is not one. */
export function toKenyanMobile(text: string): string | null {
  const trimmed = text.trim();
  if (!/^[+(\d][\d\s().-]{6,24}$/.test(trimmed)) return null;
  const phone = parsePhoneNumberFromString(trimmed, 'KE');
  // The mobile metadata: isValid() holds only for mobile numbers, so a landline (020 …) is refused.
  if (!phone || phone.country !== 'KE' || !phone.isValid()) return null;
  return phone.number;
}

/** A stored number as answers show it: `+2547•••••123` (country code and first digit, then the last three). */
export function maskPhone(e164: string): string {
  if (e164.length <= 8) return '•'.repeat(e164.length);
  return `${e164.slice(0, 5)}${'•'.repeat(e164.length - 8)}${e164.slice(-3)}`;
}
