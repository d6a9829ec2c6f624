// The shape of a Kenyan mobile number as typed on the keypad (07…/01… and 10 digits, or 254 and 12), checked
// on the kiosk so a slip is caught at once. The server checks the number itself with libphonenumber-js
// (@foleni/shared phone.ts), whose metadata would double the kiosk's download; a number it refuses brings the
// citizen back to the keypad.
const SHAPE = /^(?:0|254)[17]\d{8}$/;

/** The digits typed, in E.164 (+254…), or null when they cannot be a Kenyan mobile number. */
export function kenyanMobileShape(digits: string): string | null {
  if (!SHAPE.test(digits)) return null;
  return `+254${digits.startsWith('0') ? digits.slice(1) : digits.slice(3)}`;
}
