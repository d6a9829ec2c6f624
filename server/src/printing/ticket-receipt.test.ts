// Golden bytes of the ticket in both widths and both languages. `UPDATE_GOLDEN=1` rewrites the files after a
// deliberate change of layout; read the `.txt` diff to see what the paper will say.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeEscPos } from './escpos-text.js';
import type { TicketPrint } from './print.types.js';
import { printable } from './receipt-words.js';
import { renderTestPage } from './test-page-receipt.js';
import { labelSize, renderTicket, type PaperWidth } from './ticket-receipt.js';

const GOLDEN_DIR = fileURLToPath(new URL('./__golden__', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';

// 09:41 in Nairobi (UTC+3).
const ISSUED_AT = Date.UTC(2026, 10, 28, 6, 41, 12);

const TICKETS: Record<'en' | 'sw', TicketPrint> = {
  en: {
    centreName: 'Huduma Centre GPO',
    label: 'B007',
    serviceName: 'Birth certificate',
    priority: 'elderly',
    lang: 'en',
    issuedAt: ISSUED_AT,
    timezone: 'Africa/Nairobi',
    ahead: 3,
    estimatedWaitMinutes: 12,
    trackUrl: 'http://192.168.1.10:8080/t/q7Vd2kLm9XbR4sTw',
    footer: 'Thank you for visiting Huduma Centre.',
  },
  sw: {
    centreName: 'Huduma Centre GPO',
    label: 'B007',
    serviceName: 'Cheti cha kuzaliwa',
    priority: 'none',
    lang: 'sw',
    issuedAt: ISSUED_AT,
    timezone: 'Africa/Nairobi',
    ahead: 3,
    estimatedWaitMinutes: 12,
    trackUrl: 'http://192.168.1.10:8080/t/q7Vd2kLm9XbR4sTw',
    footer: 'Asante kwa kutembelea Huduma Centre.',
  },
};

function golden(name: string, actual: Uint8Array | string): void {
  const file = join(GOLDEN_DIR, name);
  if (UPDATE || !existsSync(file)) {
    // A missing file fails the run (below) rather than passing silently on a fresh checkout.
    if (!UPDATE) throw new Error(`golden file ${name} is missing: run with UPDATE_GOLDEN=1 to create it`);
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (typeof actual === 'string') expect(actual).toBe(readFileSync(file, 'utf8'));
  else expect(Buffer.from(actual).toString('hex')).toBe(readFileSync(file).toString('hex'));
}

describe('renderTicket golden bytes', () => {
  for (const lang of ['en', 'sw'] as const) {
    for (const paperWidth of [58, 80] as const) {
      it(`${paperWidth} mm, ${lang}`, () => {
        const bytes = renderTicket(TICKETS[lang], { paperWidth });
        const decoded = decodeEscPos(bytes);
        golden(`ticket-${paperWidth}-${lang}.bin`, bytes);
        golden(`ticket-${paperWidth}-${lang}.txt`, decoded.text + '\n');
        expect(decoded.qrCodes).toEqual([TICKETS[lang].trackUrl]);
        expect(decoded.cuts).toBe(1);
        expect(longestLine(decoded.text)).toBeLessThanOrEqual(paperWidth === 58 ? 32 : 48);
      });
    }
  }

  it('says in English what the citizen needs', () => {
    const { text } = decodeEscPos(renderTicket(TICKETS.en, { paperWidth: 80 }));
    expect(lines(text)).toEqual([
      'Huduma Centre GPO',
      'B007',
      'Birth certificate',
      'Priority: elderly person',
      'Date: 28/11/2026  Time: 09:41',
      'People ahead: 3',
      'Estimated wait: about 12 min',
      'Scan to follow your place',
      '[QR: http://192.168.1.10:8080/t/q7Vd2kLm9XbR4sTw]',
      'Thank you for visiting Huduma Centre.',
      '[cut]',
    ]);
  });

  it('says it in Kiswahili on a Kiswahili ticket', () => {
    const { text } = decodeEscPos(renderTicket(TICKETS.sw, { paperWidth: 58 }));
    expect(lines(text)).toEqual([
      'Huduma Centre GPO',
      'B007',
      'Cheti cha kuzaliwa',
      'Tarehe: 28/11/2026  Muda: 09:41',
      'Watu mbele yako: 3',
      // 58 mm paper wraps the longer Kiswahili line.
      'Muda wa kusubiri: takriban',
      'dakika 12',
      'Skani msimbo huu ufuatilie',
      'nafasi yako',
      '[QR: http://192.168.1.10:8080/t/q7Vd2kLm9XbR4sTw]',
      'Asante kwa kutembelea Huduma',
      'Centre.',
      '[cut]',
    ]);
  });

  it('prints the label with the largest size that fits (GS ! n)', () => {
    const bytes = Buffer.from(renderTicket(TICKETS.en, { paperWidth: 58 }));
    // 0x55 = width 6, height 6.
    expect(bytes.includes(Buffer.from([0x1d, 0x21, 0x55]))).toBe(true);
    expect(labelSize('B007', 32)).toBe(6);
    expect(labelSize('ABC1234', 32)).toBe(4);
    expect(labelSize('ABC1234', 48)).toBe(6);
  });

  it('says "next" for nobody ahead, and that no counter is open instead of a wait nobody can promise', () => {
    const { text } = decodeEscPos(
      renderTicket({ ...TICKETS.sw, ahead: 0, estimatedWaitMinutes: null, footer: '', priority: 'pregnant' }, { paperWidth: 80 }),
    );
    expect(text).toContain('Wewe ndiye unayefuata');
    expect(text).toContain('Kipaumbele: mama mjamzito');
    expect(text).toContain('Bado hakuna dirisha lililo wazi');
    expect(text).not.toContain('Muda wa kusubiri');
    const en = decodeEscPos(renderTicket({ ...TICKETS.en, estimatedWaitMinutes: null }, { paperWidth: 58 })).text;
    expect(en).toContain('No counter open yet: please wait');
  });

  it('reprinted after its call, says nothing of a place or a wait', () => {
    const { text } = decodeEscPos(renderTicket({ ...TICKETS.en, ahead: null, estimatedWaitMinutes: null }, { paperWidth: 80 }));
    expect(text).toContain('B007');
    expect(text).not.toMatch(/People ahead|You are next|Estimated wait|No counter/);
  });

  it('renders the date in the centre time zone', () => {
    const { text } = decodeEscPos(renderTicket({ ...TICKETS.en, timezone: 'UTC' }, { paperWidth: 80 }));
    expect(text).toContain('Time: 06:41');
  });
});

describe('printable', () => {
  it('keeps ASCII, folds accents and typography, marks the rest', () => {
    expect(printable('Ng’ang’a – “Café” …')).toBe(`Ng'ang'a - "Cafe" ...`);
    expect(printable('Huduma\u00a0Centre')).toBe('Huduma Centre');
    expect(printable('日本')).toBe('??');
  });
});

describe('renderTestPage', () => {
  it('shows the printer, a ruler as wide as the paper, both languages and a QR code', () => {
    const page = { printerUrl: 'tcp://10.0.0.5:9100', deviceName: 'Kiosk 1', centreName: 'Huduma GPO', at: ISSUED_AT, timezone: 'Africa/Nairobi' };
    for (const paperWidth of [58, 80] as PaperWidth[]) {
      const { text, qrCodes, cuts } = decodeEscPos(renderTestPage({ ...page, paperWidth }));
      const columns = paperWidth === 58 ? 32 : 48;
      expect(text).toContain('Foleni - test print');
      expect(text).toContain('Printa inafanya kazi.');
      expect(text).toContain('tcp://10.0.0.5:9100');
      expect(text).toContain(`${paperWidth} mm, ${columns} columns`);
      expect(text.split('\n')).toContain('1234567890'.repeat(5).slice(0, columns));
      expect(qrCodes).toHaveLength(1);
      expect(cuts).toBe(1);
    }
  });
});

const lines = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter(Boolean);
// Notes such as `[QR: …]` are the decoder's, not printed text.
const longestLine = (text: string): number => Math.max(...text.split('\n').filter((l) => !l.startsWith('[')).map((l) => l.length));
