import { describe, expect, it } from 'vitest';
import { maskPhone, toKenyanMobile } from './phone.js';

describe('Kenyan mobile numbers', () => {
  it('takes the common ways of writing one and stores E.164', () => {
    for (const text of ['0712 345 678', '0712-345-678', '+254 712 345678', '254712345678', '712345678', ' (0712) 345678 ']) {
      expect(toKenyanMobile(text), text).toBe('+254712345678');
    }
    expect(toKenyanMobile('0110 123 456')).toBe('+254110123456');
  });

  it('refuses landlines, foreign numbers and text', () => {
    for (const text of ['020 1234567', '+44 7700 900123', '12345', '', 'call me', '0712 345 67', '07123456789012']) expect(toKenyanMobile(text), text).toBeNull();
  });

  it('masks all but the country code, the first digit and the last three', () => {
    expect(maskPhone('+254712345678')).toBe('+2547•••••678');
  });
});
