import { describe, expect, it } from 'vitest';
import { maskPhone, toKenyanMobile } from './phone.js';

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

  it('masks all but the prefix and the last three digits', () => {
    expect(maskPhone('+254712345123')).toBe('+2547•••••123');
  });
});
