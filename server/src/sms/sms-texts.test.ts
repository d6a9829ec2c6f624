import { describe, expect, it } from 'vitest';
import type { Lang } from '@foleni/shared';
import type { SmsTextInput } from './sms-texts.js';
import { gsm7Length, SMS_MAX, smsText, toGsm7 } from './sms-texts.js';

const LONG_CENTRE = 'Huduma Centre Nairobi GPO Teleposta Towers, Kenyatta Avenue — Ground Floor Wing B';
const LONG_SERVICE = 'Registration of Persons: Replacement of a Lost National Identity Card with Police Abstract';
const URL = 'http://192.168.100.200:65535/t/0123456789abcdefghijkl';

const inputs: SmsTextInput[] = [
  { kind: 'issued', label: 'A1234', ahead: 1234, waitMinutes: 9999, trackUrl: URL },
  { kind: 'issued', label: 'A012', ahead: 0, waitMinutes: 0, trackUrl: URL },
  { kind: 'issued', label: 'A012', ahead: 5, waitMinutes: null, trackUrl: URL },
  { kind: 'near', label: 'A1234', ahead: 50 },
  { kind: 'near', label: 'A012', ahead: 1 },
  { kind: 'near', label: 'A012', ahead: 0 },
  { kind: 'called', label: 'A1234', counter: 'Counter 12' },
  { kind: 'called', label: 'A1234', counter: 'Biometrics desk at the far end of the hall, near the lifts' },
  { kind: 'transferred', label: 'A1234', service: LONG_SERVICE },
  { kind: 'transferred', label: 'A1234', service: LONG_SERVICE, step: { n: 12, of: 12 } },
  { kind: 'ready', label: 'A1234' },
  { kind: 'ready', label: null },
  { kind: 'reminder', reference: 'ACD347', service: LONG_SERVICE, when: 'day-before', time: '16:30' },
  { kind: 'reminder', reference: 'ACD347', service: LONG_SERVICE, when: 'two-hours', time: '08:00' },
  { kind: 'test' },
];

describe('SMS texts', () => {
  it('every message, in both languages, with the longest names, is one GSM-7 part naming the centre', () => {
    for (const lang of ['en', 'sw'] as Lang[]) {
      for (const input of inputs) {
        for (const centre of [LONG_CENTRE, 'Huduma Centre GPO']) {
          const text = smsText(centre, input, lang);
          const septets = gsm7Length(text);
          expect(septets, `${lang} ${input.kind}: ${text}`).not.toBeNull();
          expect(septets!, `${lang} ${input.kind}: ${text}`).toBeLessThanOrEqual(SMS_MAX);
          expect(text.startsWith(toGsm7(centre).slice(0, 10)), text).toBe(true);
        }
      }
    }
  });

  it('keeps the label, the figures, the counter and the whole tracking link', () => {
    const issued = smsText(LONG_CENTRE, inputs[0]!, 'sw');
    expect(issued).toContain('A1234');
    expect(issued).toContain('1234');
    expect(issued).toContain('9999');
    expect(issued).toContain(URL);
    expect(smsText('Huduma GPO', { kind: 'called', label: 'A012', counter: 'Counter 4' }, 'en')).toBe('Huduma GPO: A012, it is your turn: please go to Counter 4 now.');
    expect(smsText('Huduma GPO', { kind: 'called', label: 'A012', counter: 'Counter 4' }, 'sw')).toBe('Huduma GPO: A012, ni zamu yako: tafadhali nenda dirisha 4 sasa.');
  });

  it('names a journey’s next step and its service in both languages', () => {
    const step = { kind: 'transferred', label: 'A012', service: 'Biometrics', step: { n: 2, of: 3 } } as const;
    expect(smsText('Huduma GPO', step, 'en')).toBe('Huduma GPO: A012: step 2 of 3, now in the line for Biometrics. Please wait to be called.');
    expect(smsText('Huduma GPO', step, 'sw')).toBe('Huduma GPO: A012: hatua 2 kati ya 3, sasa iko kwenye foleni ya Biometrics. Tafadhali subiri kuitwa.');
    const long = smsText(LONG_CENTRE, { ...step, service: LONG_SERVICE, step: { n: 12, of: 12 } }, 'sw');
    expect(long).toContain('hatua 12 kati ya 12');
    expect(gsm7Length(long)!).toBeLessThanOrEqual(SMS_MAX);
  });

  it('writes Kiswahili times without "saa"', () => {
    const text = smsText('Huduma GPO', inputs.find((i) => i.kind === 'reminder')!, 'sw');
    expect(text).toContain('kesho, 16:30');
    expect(text).not.toMatch(/\bsaa\b/i);
  });

  it('makes names GSM-7: accents dropped, typographic marks made plain, emoji left out', () => {
    expect(toGsm7('Centre “Mombasa” – Nyali ☕ Ĉ')).toBe('Centre "Mombasa" - Nyali C');
    expect(gsm7Length('a€')).toBe(3);
    expect(gsm7Length('a☕')).toBeNull();
  });

  it('counts plain ASCII as GSM-7 has it: most characters one septet, some two, a few none', () => {
    const one = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz\n\r';
    for (const ch of one) expect(gsm7Length(`Ticket A012${ch}`), JSON.stringify(ch)).toBe(12);
    for (const ch of '[\\]^{|}~') expect(gsm7Length(`Ticket A012${ch}`), ch).toBe(13);
    for (const ch of '`\t\u007f') expect(gsm7Length(`Ticket A012${ch}`), JSON.stringify(ch)).toBeNull();
  });
});
