// The opening-hours helper against random weeks, holidays, instants and time zones: "open now" is exactly
// "inside the day's hours", and the next opening is never on a closed day or a holiday, and is the earliest
// one after the instant. The brute force below walks the days one by one, as a person with a calendar would.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayIn, hoursOn, nextOpening, openingAt, timeOfDayIn, WEEKDAYS, weekdayOf } from './opening-hours.js';
import type { Hours, OpeningWeek } from './opening-hours.js';

const ZONES = ['Africa/Nairobi', 'UTC', 'Asia/Kolkata', 'America/New_York', 'Europe/London', 'Pacific/Kiritimati'];

const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const hours: fc.Arbitrary<Hours> = fc
  .tuple(time, time)
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => (a < b ? { opens: a, closes: b } : { opens: b, closes: a }));
/** Days of 2026 and 2027, where the instants fall. */
const day = fc.integer({ min: 0, max: 729 }).map((n) => addDays('2026-01-01', n));
const week: fc.Arbitrary<OpeningWeek> = fc
  .record({
    mon: fc.option(hours, { freq: 4 }),
    tue: fc.option(hours, { freq: 4 }),
    wed: fc.option(hours, { freq: 4 }),
    thu: fc.option(hours, { freq: 4 }),
    fri: fc.option(hours, { freq: 4 }),
    sat: fc.option(hours, { freq: 2 }),
    sun: fc.option(hours, { freq: 1 }),
    closedDates: fc.uniqueArray(day, { maxLength: 40 }),
  })
  .map((w) => ({ ...w, closedDates: [...w.closedDates].sort() }));
const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) });
const zone = fc.constantFrom(...ZONES);

/** The first open (day, opens) strictly after the instant's time of day, walking one day at a time. */
function walk(w: OpeningWeek, ms: number, tz: string): { day: string; opens: string } | null {
  const today = dayIn(ms, tz);
  const now = timeOfDayIn(ms, tz);
  for (let n = 0; n < 800; n++) {
    const d = addDays(today, n);
    const h = hoursOn(w, d);
    if (h && (n > 0 || h.opens > now)) return { day: d, opens: h.opens };
  }
  return null;
}

describe('opening hours', () => {
  it('counts weekdays from the calendar and days across months and years', () => {
    expect(weekdayOf('2026-03-02')).toBe('mon');
    expect(weekdayOf('2026-12-25')).toBe('fri');
    expect(weekdayOf('2027-01-03')).toBe('sun');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(WEEKDAYS.map((_, i) => weekdayOf(addDays('2026-03-02', i)))).toEqual([...WEEKDAYS]);
  });

  it('is open now exactly when the instant is inside its day’s hours', () => {
    fc.assert(
      fc.property(week, instant, zone, (w, ms, tz) => {
        const h = hoursOn(w, dayIn(ms, tz));
        const now = timeOfDayIn(ms, tz);
        const inside = h !== null && now >= h.opens && now < h.closes;
        const state = openingAt(w, ms, tz);
        expect(state.open).toBe(inside);
        expect(state.day).toBe(dayIn(ms, tz));
        if (!state.open) {
          expect(state.hours).toEqual(h);
          expect(state.closed).toBe(h === null ? 'all-day' : now < h.opens ? 'before' : 'after');
          expect(state.closedDate).toBe(w.closedDates.includes(state.day));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('next opens on a day with hours that is not a holiday, and no earlier opening comes after the instant', () => {
    fc.assert(
      fc.property(week, instant, zone, (w, ms, tz) => {
        const next = nextOpening(w, ms, tz);
        const expected = walk(w, ms, tz);
        if (!next) {
          expect(expected).toBeNull();
          expect(WEEKDAYS.every((d) => w[d] === null)).toBe(true);
          return;
        }
        expect(w.closedDates).not.toContain(next.day);
        expect(w[weekdayOf(next.day)]).toEqual({ opens: next.opens, closes: next.closes });
        expect(next.weekday).toBe(weekdayOf(next.day));
        expect(addDays(dayIn(ms, tz), next.inDays)).toBe(next.day);
        // After the instant: a later day, or later today.
        expect(next.day > dayIn(ms, tz) || next.opens > timeOfDayIn(ms, tz)).toBe(true);
        // The earliest: every day between today and it is closed, or its opening is past.
        expect({ day: next.day, opens: next.opens }).toEqual(expected);
        // The closed screen says the same.
        const state = openingAt(w, ms, tz);
        if (!state.open) expect(state.next).toEqual(next);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds the opening past a long run of holidays on the only open weekday', () => {
    // Open only on Mondays, and the next 30 Mondays are holidays.
    const mondays = Array.from({ length: 30 }, (_, i) => addDays('2026-03-02', 7 * i));
    const w: OpeningWeek = { mon: { opens: '08:00', closes: '17:00' }, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null, closedDates: mondays };
    const next = nextOpening(w, Date.parse('2026-03-01T12:00:00+03:00'), 'Africa/Nairobi');
    expect(next).toMatchObject({ day: addDays('2026-03-02', 7 * 30), weekday: 'mon', inDays: 1 + 7 * 30 });
    const never: OpeningWeek = { ...w, mon: null };
    expect(nextOpening(never, Date.parse('2026-03-01T12:00:00+03:00'), 'Africa/Nairobi')).toBeNull();
    expect(openingAt(never, Date.parse('2026-03-01T12:00:00+03:00'), 'Africa/Nairobi')).toMatchObject({ open: false, closed: 'all-day', next: null });
  });

  it('reads the day and the weekday in the centre’s zone: late Sunday in New York is Monday in Nairobi', () => {
    const w: OpeningWeek = { mon: { opens: '00:00', closes: '23:59' }, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null, closedDates: [] };
    const t = Date.parse('2026-03-02T00:30:00Z'); // Sunday 19:30 in New York, Monday 03:30 in Nairobi
    expect(openingAt(w, t, 'Africa/Nairobi').open).toBe(true);
    expect(openingAt(w, t, 'America/New_York')).toMatchObject({ open: false, closed: 'all-day', next: { day: '2026-03-02', inDays: 1 } });
  });
});
