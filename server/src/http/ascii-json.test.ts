// Answers go out as ASCII JSON: characters beyond ASCII as their \uXXXX escapes, the same value to a reader.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiJson } from './operations.js';

const ASCII = /^[\x00-\x7f]*$/;

describe('asciiJson', () => {
  it('writes a masked number and Kiswahili and emoji as escapes a JSON reader reads back unchanged', () => {
    const answer = { phone: '+2547•••••601', name: 'Huduma — Nairobi’s GPO', note: 'ok 👍', plain: 'A012' };
    const text = asciiJson(JSON.stringify(answer));
    expect(text).toMatch(ASCII);
    expect(text).toContain('"+2547\\u2022\\u2022\\u2022\\u2022\\u2022601"');
    expect(JSON.parse(text)).toEqual(answer);
  });

  it('leaves ASCII JSON as it is', () => {
    const text = JSON.stringify({ ticket: { label: 'A012', ahead: 3 }, quote: 'say "hi"\\n' });
    expect(asciiJson(text)).toBe(text);
  });

  it('reads back as the same value for any JSON value, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
        const text = asciiJson(JSON.stringify(value));
        expect(text).toMatch(ASCII);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 2_000 },
    );
  });
});
