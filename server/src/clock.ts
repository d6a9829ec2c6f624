// Time is injected so that day rollover, KPIs and ETAs are testable without sleeping.

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private ms: number) {}
  now(): number {
    return this.ms;
  }
  set(ms: number | string | Date): void {
    this.ms = typeof ms === 'number' ? ms : new Date(ms).getTime();
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  advanceMinutes(minutes: number): void {
    this.ms += minutes * 60_000;
  }
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** The last answer per time zone, by whole second: one request asks for today many times. */
const lastDay = new Map<string, { second: number; day: string }>();

/** The calendar day (YYYY-MM-DD) of an instant in a time zone, built from parts, not a locale's format. */
export function dayOf(ms: number, timeZone: string): string {
  // Days begin on a whole second in every zone (even the old local-mean-time offsets), so an answer holds
  // for the rest of its second. Formatting a date was 2% of the CPU of issuing a ticket.
  const second = Math.floor(ms / 1000);
  const last = lastDay.get(timeZone);
  if (last?.second === second) return last.day;
  const day = formatDay(ms, timeZone);
  lastDay.set(timeZone, { second, day });
  return day;
}

function formatDay(ms: number, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'gregory', numberingSystem: 'latn' });
    dayFormats.set(timeZone, f);
  }
  let y = '';
  let m = '';
  let d = '';
  for (const p of f.formatToParts(ms)) {
    if (p.type === 'year') y = p.value;
    else if (p.type === 'month') m = p.value;
    else if (p.type === 'day') d = p.value;
  }
  return `${y.padStart(4, '0')}-${m}-${d}`;
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** The hour of day (0–23) of an instant in a time zone. */
export function hourOf(ms: number, timeZone: string): number {
  let f = hourFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
    hourFormats.set(timeZone, f);
  }
  return Number(f.format(ms));
}

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null | undefined): string | null => (ms == null ? null : new Date(ms).toISOString());
