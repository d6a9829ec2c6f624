// The pieces for making up past days of a centre, shared by the demo's history (demo-history.ts) and the
// bench's generated year (scripts/src/bench/workers/generate-year.ts): a seeded random, wall-clock times in
// the centre's time zone, a day's arrival times with a morning peak, and who the citizens are.

import type { Lang, Priority } from '@foleni/shared';

/** A small seeded generator (mulberry32): the same days every run with the same seed. */
export function seededRandom(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A normally distributed number (Box–Muller) from a uniform random. */
export function normal(rand: () => number, mean = 0, sd = 1): number {
  const u = Math.max(rand(), Number.EPSILON);
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** One of the items, each as likely as its weight. */
export function weightedPicker<T>(items: readonly T[], weight: (item: T, index: number) => number, rand: () => number): () => T {
  const weights = items.map(weight);
  const sum = weights.reduce((a, b) => a + b, 0);
  return () => {
    let r = rand() * sum;
    for (let i = 0; i < items.length; i++) if ((r -= weights[i]!) <= 0) return items[i]!;
    return items[items.length - 1]!;
  };
}

export interface CentreTime {
  /** The calendar day (YYYY-MM-DD) of an instant. */
  dayOf(ms: number): string;
  /** The instant of a wall-clock time ('HH:MM') on a day. */
  localTime(day: string, hhmm: string): number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday(day: string): number;
  /** The calendar day `n` days after `day` (negative: before). */
  addDays(day: string, n: number): string;
}

export function centreTime(timeZone: string): CentreTime {
  const dayFmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const hourFmt = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  // A day's offset found from its noon, once per day (no zone in use changes its offset around midday).
  const offsets = new Map<string, number>();
  return {
    dayOf: (ms) => dayFmt.format(ms),
    localTime(day, hhmm) {
      let offsetMs = offsets.get(day);
      if (offsetMs === undefined) {
        const [h, m] = hourFmt.format(Date.parse(`${day}T12:00:00Z`)).split(':').map(Number) as [number, number];
        offsetMs = (h * 60 + m - 12 * 60) * 60_000;
        offsets.set(day, offsetMs);
      }
      const [hh, mm] = hhmm.split(':').map(Number) as [number, number];
      return Date.parse(`${day}T00:00:00Z`) + (hh * 60 + mm) * 60_000 - offsetMs;
    },
    weekday: (day) => new Date(`${day}T00:00:00Z`).getUTCDay(),
    addDays: (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10),
  };
}

/**
 * How busy each hour of the opening hours is, relative to the others: people come early (the queue at the
 * gate before opening), thin out over lunch, and few come in the last hour.
 */
export const MORNING_PEAK: readonly number[] = [1.5, 1.7, 1.4, 1.1, 0.8, 0.8, 0.8, 0.6, 0.35];

/**
 * `n` arrival times from `from` to just before `to`, in order, following an hourly profile (stretched over the
 * span when the span is not that many hours).
 */
export function arrivalTimes(rand: () => number, n: number, from: number, to: number, profile: readonly number[] = MORNING_PEAK): number[] {
  const span = to - from;
  if (n <= 0 || span <= 0) return [];
  const total = profile.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const p of profile) cumulative.push((acc += p / total));
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    // Inverse of the piecewise-constant distribution: pick the slot, then a uniform point in it.
    const r = rand();
    let slot = cumulative.findIndex((c) => r <= c);
    if (slot < 0) slot = profile.length - 1;
    const slotStart = slot === 0 ? 0 : cumulative[slot - 1]!;
    const within = (r - slotStart) / (cumulative[slot]! - slotStart || 1);
    times.push(Math.min(to - 1, Math.round(from + ((slot + within) / profile.length) * span)));
  }
  return times.sort((a, b) => a - b);
}

/** Who a simulated citizen is: about 1 in 20 asks for priority (elderly most often), nearly half read Kiswahili. */
export function drawCitizen(rand: () => number): { priority: Priority; lang: Lang } {
  const priority: Priority = rand() < 0.05 ? PRIORITIES[Math.floor(rand() * PRIORITIES.length)]! : 'none';
  return { priority, lang: rand() < 0.45 ? 'sw' : 'en' };
}
const PRIORITIES: readonly Priority[] = ['elderly', 'pwd', 'pregnant', 'elderly', 'other'];

