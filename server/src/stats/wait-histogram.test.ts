import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addEncoded, bucketMinutes, bucketOf, encodeHistogram, histogramPercentile, nearestRank, newHistogram } from './wait-histogram.js';

describe('wait histogram', () => {
  it('counts a wait in whole minutes, rounded up', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(1)).toBe(1);
    expect(bucketOf(60_000)).toBe(1);
    expect(bucketOf(6 * 60_000 + 10_000)).toBe(7);
    expect(bucketMinutes(bucketOf(120 * 60_000))).toBe(120);
    expect(bucketMinutes(bucketOf(121 * 60_000))).toBe(125);
    expect(bucketMinutes(bucketOf(241 * 60_000))).toBe(255);
    expect(bucketMinutes(bucketOf(600 * 60_000))).toBe(480);
  });

  it('gives the nearest-rank percentile of the rounded-up minutes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 119 * 60_000 }), { minLength: 1, maxLength: 200 }), fc.double({ min: 0.01, max: 1, noNaN: true }), (waits, q) => {
        const h = newHistogram();
        for (const w of waits) h[bucketOf(w)]!++;
        const minutes = waits.map((w) => Math.ceil(w / 60_000)).sort((a, b) => a - b);
        expect(histogramPercentile(h, q)).toBe(nearestRank(minutes, q));
      }),
    );
  });

  it('adds encoded days into the same histogram as one long day', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 600 * 60_000 }), { maxLength: 50 }), { maxLength: 10 }), (days) => {
        const all = newHistogram();
        const summed = newHistogram();
        for (const day of days) {
          const h = newHistogram();
          for (const w of day) {
            h[bucketOf(w)]!++;
            all[bucketOf(w)]!++;
          }
          addEncoded(summed, encodeHistogram(h));
        }
        expect([...summed]).toEqual([...all]);
      }),
    );
  });

  it('knows the nearest rank of exact values', () => {
    expect(nearestRank([], 0.5)).toBeNull();
    expect(nearestRank([5, 10, 15, 25, 40], 0.5)).toBe(15);
    expect(nearestRank([5, 10, 15, 25, 40], 0.9)).toBe(40);
    expect(nearestRank([2, 16], 0.5)).toBe(2);
  });
});
