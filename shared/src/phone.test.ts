import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import { describe, expect, it } from 'vitest';
import { KENYAN_MOBILE, maskPhone, toKenyanMobile } from './phone.js';

/** The library parsing the whole text as a Kenyan would type it: what toKenyanMobile's shortcut must agree with. */
function parsedByTheLibrary(text: string): string | null {
  const typed = text.trim();
  if (typed.length > 30 || !/^\+?[\d\s().-]+$/.test(typed)) return null;
  const digits = typed.replace(/\D/g, '');
  if (digits.length < 9 || digits.length > 12) return null;
  const phone = parsePhoneNumberFromString(typed, 'KE');
  return phone && phone.country === 'KE' && phone.isValid() ? phone.number : null;
}

describe('Kenyan mobile numbers', () => {
  it('takes every common way of typing one, as E.164', () => {
    for (const typed of ['0712345678', '0712 345 678', '+254712345678', '254712345678', '+254 712 345 678', ' 0712-345-678 ', '(0712) 345678']) {
      expect(toKenyanMobile(typed), typed).toBe('+254712345678');
    }
    expect(toKenyanMobile('0110 123 456')).toBe('+254110123456');
  });

  it('refuses landlines, letters, short, long and foreign numbers', () => {
    for (const typed of ['020 2222222', '0712abc678', 'call 0712345678', '0712', '07123456789', '1'.repeat(200), '+255712345678', '', '   ', '0800 720 000']) {
      expect(toKenyanMobile(typed), typed).toBeNull();
    }
  });

  it('accepts exactly what the library accepts parsing the whole text', () => {
    const prefix = fc.constantFrom('', '+', '+254', '254', '0', '07', '01', '011', '0700', '020', '+2540', '00254', '+255', '+1', '(0', ' ');
    const rest = fc.array(fc.constantFrom(...'01234567897 -.()'.split('')), { maxLength: 13 });
    let valid = 0;
    fc.assert(
      fc.property(prefix, rest, (p, r) => {
        const typed = p + r.join('');
        const expected = parsedByTheLibrary(typed);
        if (expected) valid++;
        expect(toKenyanMobile(typed), typed).toBe(expected);
      }),
      { numRuns: 20_000 },
    );
    // The inputs reach valid numbers too, not only refusals.
    expect(valid).toBeGreaterThan(100);
  });

  it("checks the nine digits with the library's own patterns, read once", () => {
    // Null would mean the metadata changed shape: every number would then go through the library (slower, as right).
    expect(KENYAN_MOBILE).not.toBeNull();
    const nine = fc.stringMatching(/^[0-9]{9}$/);
    let valid = 0;
    fc.assert(
      fc.property(fc.oneof(nine, nine.map((n) => `7${n.slice(1)}`), nine.map((n) => `1${n.slice(1)}`)), (national) => {
        const library = parsePhoneNumberFromString(`+254${national}`);
        const expected = library?.country === 'KE' && library.isValid() ? library.number : null;
        if (expected) valid++;
        expect(toKenyanMobile(`0${national}`), national).toBe(expected);
      }),
      { numRuns: 20_000 },
    );
    expect(valid).toBeGreaterThan(1_000);
  });

  it('masks all but the prefix and the last three digits', () => {
    expect(maskPhone('+254712345123')).toBe('+2547•••••123');
  });
});
