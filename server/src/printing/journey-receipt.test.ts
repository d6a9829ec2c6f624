// A journey ticket lists its steps, numbered, the current one marked, in the ticket's language.
import { describe, expect, it } from 'vitest';
import { decodeEscPos } from './escpos-text.js';
import { renderTicket } from './ticket-receipt.js';
import type { TicketPrint } from './print.types.js';

const base: TicketPrint = {
  centreName: 'Huduma Centre GPO',
  label: 'I004',
  serviceName: 'ID registration',
  priority: 'none',
  lang: 'en',
  issuedAt: Date.UTC(2026, 10, 28, 6, 41, 12),
  timezone: 'Africa/Nairobi',
  ahead: 2,
  estimatedWaitMinutes: 8,
  trackUrl: 'http://192.168.1.10:8080/t/q7Vd2kLm9XbR4sTw',
  footer: '',
};

describe('a journey ticket on paper', () => {
  it('names the journey and lists its steps in order, in English and Kiswahili, on both widths', () => {
    for (const paperWidth of [58, 80] as const) {
      const en = decodeEscPos(renderTicket({ ...base, journey: { name: 'ID card replacement', steps: ['ID registration', 'Biometrics', 'ID card collection'], current: 0 } }, { paperWidth })).text;
      expect(en).toContain('ID card replacement');
      expect(en).toContain('Your steps, one ticket:');
      const lines = en.split('\n').map((l) => l.trim());
      const steps = lines.filter((l) => /^>?\s*\d\. /.test(l));
      expect(steps).toEqual(['> 1. ID registration', '2. Biometrics', '3. ID card collection']);
      const sw = decodeEscPos(
        renderTicket({ ...base, lang: 'sw', journey: { name: 'Kubadilisha kitambulisho', steps: ['Usajili', 'Alama za vidole', 'Kuchukua kitambulisho'], current: 1 } }, { paperWidth }),
      ).text;
      expect(sw).toContain('Hatua zako, tiketi moja:');
      expect(sw).toContain('> 2. Alama za vidole');
    }
  });

  it('prints a ticket of one service as before', () => {
    const text = decodeEscPos(renderTicket(base, { paperWidth: 80 })).text;
    expect(text).toContain('ID registration');
    expect(text).not.toContain('Your steps');
  });
});
