// The no-show rules as pure functions, by properties over random lines (fast-check): where a returning
// no-show lands, that nobody is lost or doubled, and when a no-show is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NoShowRules } from '@foleni/shared';
import { aheadOf, noShowRefusal, returnArrival } from './no-show-rules.js';
import type { LineTicket } from './no-show-rules.js';

const HEAD = 10 * 60_000;
const rules = (r: Partial<NoShowRules>): NoShowRules => ({ minSecondsSinceCall: 120, minRecalls: 2, returnPlace: 'behind_first', returnBehind: 3, ...r });

/** A waiting line and a no-show of the same service, rowids all distinct; arrivals may tie (same ms). */
const scene = fc
  .record({
    waiting: fc.array(fc.record({ arrivalAt: fc.integer({ min: 0, max: 3_600_000 }), prioritised: fc.boolean() }), { maxLength: 40 }),
    own: fc.record({ arrivalAt: fc.integer({ min: 0, max: 3_600_000 }), prioritised: fc.boolean() }),
    ownRowid: fc.integer({ min: 0, max: 40 }),
    tieEvery: fc.integer({ min: 1, max: 5 }),
  })
  .map(({ waiting, own, ownRowid, tieEvery }) => {
    // Some arrivals rounded to a coarse grid so that ties happen, as two kiosks issuing in one millisecond.
    const line: LineTicket[] = waiting.map((w, i) => ({
      rowid: i < ownRowid ? i : i + 1,
      arrivalAt: i % tieEvery === 0 ? w.arrivalAt - (w.arrivalAt % 60_000) : w.arrivalAt,
      priority: w.prioritised ? 'elderly' : 'none',
    }));
    const t: LineTicket = { rowid: ownRowid, arrivalAt: own.arrivalAt, priority: own.prioritised ? 'pwd' : 'none' };
    return { line, t };
  });

/** The order routing would call the line in, the returned ticket placed at `arrivalAt`. */
function order(line: LineTicket[], t: LineTicket): number[] {
  const eff = (x: LineTicket) => x.arrivalAt - (x.priority === 'none' ? 0 : HEAD);
  return [...line, t].sort((a, b) => eff(a) - eff(b) || a.rowid - b.rowid).map((x) => x.rowid);
}

describe('where a returning no-show goes', () => {
  it('"old place": the same rank as before', () => {
    fc.assert(
      fc.property(scene, ({ line, t }) => {
        const arrivalAt = returnArrival(t, line, HEAD, rules({ returnPlace: 'old_place' }));
        expect(arrivalAt).toBe(t.arrivalAt);
      }),
    );
  });

  it('"behind the first N": max(N, its old place) ahead, capped by the line; exactly min(N, waiting) when it was further ahead', () => {
    fc.assert(
      fc.property(scene, fc.integer({ min: 0, max: 8 }), ({ line, t }, n) => {
        const oldAhead = aheadOf(t, line, HEAD);
        const placed = { ...t, arrivalAt: returnArrival(t, line, HEAD, rules({ returnBehind: n })) };
        const ahead = aheadOf(placed, line, HEAD);
        const want = Math.max(oldAhead, Math.min(n, line.length));
        if (oldAhead >= Math.min(n, line.length)) {
          expect(placed.arrivalAt).toBe(t.arrivalAt);
        } else {
          // A tie of whole milliseconds that its rowid cannot split: it goes behind those too, never ahead.
          expect(ahead).toBeGreaterThanOrEqual(want);
          const k = [...line].map((x) => x.arrivalAt - (x.priority === 'none' ? 0 : HEAD)).sort((a, b) => a - b);
          const splittable = want === line.length || k[want - 1]! + 1 < k[want]!;
          if (splittable) expect(ahead).toBe(want);
        }
      }),
    );
  });

  it('"behind the first N" with distinct arrivals: exactly min(N, waiting) ahead of a ticket that was first', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { maxLength: 30 }), fc.integer({ min: 0, max: 6 }), (mins, n) => {
        const line = mins.map((m, i) => ({ rowid: i + 1, arrivalAt: m * 60_000, priority: 'none' }));
        const t = { rowid: 0, arrivalAt: 0, priority: 'none' };
        const placed = { ...t, arrivalAt: returnArrival(t, line, HEAD, rules({ returnBehind: n })) };
        expect(aheadOf(placed, line, HEAD)).toBe(Math.min(n, line.length));
      }),
    );
  });

  it('"end of the line": everyone now waiting is ahead of it', () => {
    fc.assert(
      fc.property(scene, ({ line, t }) => {
        const placed = { ...t, arrivalAt: returnArrival(t, line, HEAD, rules({ returnPlace: 'end' })) };
        expect(aheadOf(placed, line, HEAD)).toBe(line.length);
      }),
    );
  });

  it('loses and doubles nobody, and keeps the order of the others', () => {
    fc.assert(
      fc.property(scene, fc.constantFrom<NoShowRules['returnPlace']>('old_place', 'behind_first', 'end'), ({ line, t }, returnPlace) => {
        const placed = { ...t, arrivalAt: returnArrival(t, line, HEAD, rules({ returnPlace })) };
        const after = order(line, placed);
        expect([...after].sort((a, b) => a - b)).toEqual([...line.map((x) => x.rowid), t.rowid].sort((a, b) => a - b));
        expect(after.filter((r) => r !== t.rowid)).toEqual(order(line, t).filter((r) => r !== t.rowid));
      }),
    );
  });
});

describe('when a no-show may be marked', () => {
  const called = (calledAt: number) => ({ label: 'A001', calledAt });

  it('is refused before the minimum time unless recalled often enough, and allowed after', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 300_000 }), (minSeconds, recalls, sinceMs) => {
        const r = rules({ minSecondsSinceCall: minSeconds, minRecalls: 2 });
        const refusal = noShowRefusal(called(1_000_000), recalls, 1_000_000 + sinceMs, r);
        const allowed = sinceMs >= minSeconds * 1000 || recalls >= 2;
        expect(refusal === null).toBe(allowed);
        if (refusal) expect(refusal).toMatchObject({ status: 409, code: 'no-show-too-soon' });
      }),
    );
  });

  it('tells the clerk how long to wait and how many recalls would do', () => {
    const refusal = noShowRefusal(called(0), 1, 30_000, rules({}));
    expect(refusal?.message).toBe('A001 was called only 30 s ago: wait 1 min 30 s more, or recall it 1 more time, before marking it a no-show.');
    expect(refusal?.details).toEqual({ waitSeconds: 90, recallsNeeded: 1 });
    expect(noShowRefusal(called(0), 0, 1_500, rules({ minRecalls: 0 }))?.details).toEqual({ waitSeconds: 119, recallsNeeded: null });
  });
});
