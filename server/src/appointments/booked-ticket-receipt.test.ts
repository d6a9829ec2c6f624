// A booked ticket prints the booking's time in both languages, on both paper widths; a walk-in's does not.
import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../printing/escpos-text.js';
import { sampleTicket } from '../printing/print.fixtures.js';
import { renderTicket } from '../printing/ticket-receipt.js';

describe('a booked ticket on paper', () => {
  it('says "Booked 10:30 / Miadi: 10:30" in the centre’s time, on 58 and 80 mm', () => {
    const bookedFor = Date.parse('2026-11-28T10:30:00+03:00');
    for (const paperWidth of [58, 80] as const) {
      for (const lang of ['en', 'sw'] as const) {
        const { text } = decodeEscPos(renderTicket(sampleTicket({ lang, bookedFor }), { paperWidth }));
        expect(text).toContain('Booked 10:30 / Miadi: 10:30');
      }
    }
    expect(decodeEscPos(renderTicket(sampleTicket(), { paperWidth: 80 })).text).not.toContain('Booked');
  });
});
