import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvField, toCsv, UTF8_BOM } from './csv.js';
import { parseCsv } from './csv-parse.js';

describe('CSV writer', () => {
  it('quotes what needs quoting and nothing else', () => {
    expect(csvField('Counter 1')).toBe('Counter 1');
    expect(csvField('Lands, "Title" deeds')).toBe('"Lands, ""Title"" deeds"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded ')).toBe('" padded "');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('never lets a name run as a spreadsheet formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+254 700')).toBe("'+254 700");
    expect(csvField('@sum')).toBe("'@sum");
    expect(csvField('-minus')).toBe("'-minus");
  });

  it('writes a BOM, a header and CRLF rows', () => {
    expect(toCsv(['a', 'b'], [[1, 'x'], [null, 'Cheti cha kuzaliwa']])).toBe(`${UTF8_BOM}a,b\r\n1,x\r\n,Cheti cha kuzaliwa\r\n`);
  });

  it('parses back to exactly what was written, whatever the text', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const width = rows[0]!.length;
        const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        const csv = toCsv(table[0]!, table.slice(1));
        expect(parseCsv(csv.slice(1))).toEqual(table);
      }),
    );
  });
});
