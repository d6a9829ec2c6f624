// The scanner's keystrokes told from a person's: a burst ending in Enter is a code, slower keys are not.
import { describe, expect, it } from 'vitest';
import { REFERENCE_ALPHABET, REFERENCE_LENGTH } from '@foleni/shared';
import { REFERENCE_KEYS, REFERENCE_LENGTH as KIOSK_LENGTH, referenceFrom } from './reference.js';
import { ScanCollector, SCAN_GAP_MS } from './scanner.js';

/** Plays keys at the given ms after the previous one into a collector; what it took as codes. */
function play(keys: [key: string, afterMs: number][]): { scans: string[]; prevented: number } {
  let now = 1000;
  const scans: string[] = [];
  let prevented = 0;
  const collector = new ScanCollector((text) => scans.push(text), () => now);
  for (const [key, after] of keys) {
    now += after;
    const event = { key, ctrlKey: false, altKey: false, metaKey: false, isComposing: false, preventDefault: () => prevented++ } as unknown as KeyboardEvent;
    collector.keydown(event);
  }
  return { scans, prevented };
}
const typed = (text: string, gapMs: number): [string, number][] => [...text].map((k) => [k, gapMs]);

describe('scanner', () => {
  it('takes keys 5 ms apart ending in Enter as one code, and keeps the Enter from pressing a button', () => {
    const { scans, prevented } = play([...typed('K7M3PA', 5), ['Enter', 5]]);
    expect(scans).toEqual(['K7M3PA']);
    expect(prevented).toBeGreaterThan(0);
  });

  it('ignores a person typing, and an Enter long after the last key', () => {
    expect(play([...typed('K7M3PA', 150), ['Enter', 150]]).scans).toEqual([]);
    expect(play([...typed('K7M3PA', 5), ['Enter', SCAN_GAP_MS + 200]]).scans).toEqual([]);
  });

  it('starts again after a pause: only the burst before Enter counts', () => {
    expect(play([...typed('XX', 5), ...typed('K7M3PA', 500).slice(0, 1), ...typed('7M3PA', 5), ['Enter', 5]]).scans).toEqual(['K7M3PA']);
  });

  it('ignores a short burst (a bumped keyboard)', () => {
    expect(play([...typed('AB', 5), ['Enter', 5]]).scans).toEqual([]);
  });
});

describe('referenceFrom', () => {
  it("uses the contract's alphabet and length", () => {
    expect(REFERENCE_KEYS).toBe(REFERENCE_ALPHABET);
    expect(KIOSK_LENGTH).toBe(REFERENCE_LENGTH);
  });

  it('reads the reference alone, in any case, with spaces or a dash', () => {
    expect(referenceFrom('K7M3PA')).toBe('K7M3PA');
    expect(referenceFrom('k7m-3pa')).toBe('K7M3PA');
    expect(referenceFrom(' K7M 3PA ')).toBe('K7M3PA');
  });

  it('reads it at the end of a link or a labelled text', () => {
    expect(referenceFrom('https://ehuduma.go.ke/b/K7M3PA')).toBe('K7M3PA');
    expect(referenceFrom('https://ehuduma.go.ke/b?ref=K7M3PA/')).toBe('K7M3PA');
    expect(referenceFrom('REF:K7M3PA')).toBe('K7M3PA');
  });

  it('finds none in other codes, or with look-alike characters', () => {
    expect(referenceFrom('K0M3PA')).toBeNull();
    expect(referenceFrom('https://example.com/page')).toBeNull();
    expect(referenceFrom('ABK7M3PA')).toBeNull();
  });
});
