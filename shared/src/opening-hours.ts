// When the centre is open, in its own time zone: its week (hours per weekday, or closed) and its closed dates
// (public holidays). The server refuses a kiosk's ticket by it, the kiosk shows its closed screen by it, and
// booking slots are cut from the same hours, so every part reads the hours the same way. No zod here: the
// kiosk bundles this file.

/** The days of the week as the centre's hours name them, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One day's hours: "HH:MM" (24-hour), opening before closing. */
export interface Hours {
  opens: string;
  closes: string;
}

/** The week and the closed dates, as the centre stores them (`Centre['openingHours']` is one). */
export type OpeningWeek = { readonly [D in Weekday]: Hours | null } & { readonly closedDates: readonly string[] };

/**
 * Why the centre is closed at an instant: today's hours have not begun (`before`), have ended (`after`), or
 * it does not open at all today, a closed weekday or a closed date (`all-day`).
 */
export type ClosedPart = 'before' | 'after' | 'all-day';

/** A day the centre opens, with its hours; `inDays` counts from the day asked about (0 = that day itself). */
export interface Opening extends Hours {
  day: string;
  weekday: Weekday;
  inDays: number;
}

export type OpeningState =
  | { open: true; day: string; hours: Hours }
  | {
      open: false;
      day: string;
      closed: ClosedPart;
      /** The day's hours; null when it does not open that day. */
      hours: Hours | null;
      /** Whether the day is one of the closed dates (a holiday) rather than a weekday without hours. */
      closedDate: boolean;
      /** When it opens next; null when the week has no hours at all. */
      next: Opening | null;
    };

/** The details of a kiosk's `centre-closed` refusal: what its closed screen says, on the server's reckoning. */
export interface CentreClosedDetails {
  timezone: string;
  /** The centre's day (YYYY-MM-DD) at `now`. */
  day: string;
  closed: ClosedPart;
  /** Today's hours; null when the centre does not open today. */
  today: Hours | null;
  /** Whether today is one of the closed dates. */
  closedDate: boolean;
  next: Opening | null;
  /** The server's time (ISO), for the kiosk to set its clock by. */
  now: string;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function partsIn(formats: Map<string, Intl.DateTimeFormat>, options: Intl.DateTimeFormatOptions, ms: number, timeZone: string): Map<string, string> {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { ...options, timeZone, numberingSystem: 'latn' });
    formats.set(timeZone, f);
  }
  return new Map(f.formatToParts(ms).map((p) => [p.type, p.value]));
}

/** The time of day ("HH:MM", 24-hour) of an instant in a time zone. */
export function timeOfDayIn(ms: number, timeZone: string): string {
  const p = partsIn(timeFormats, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, ms, timeZone);
  return `${(p.get('hour') ?? '00').padStart(2, '0')}:${(p.get('minute') ?? '00').padStart(2, '0')}`;
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(ms: number, timeZone: string): string {
  const p = partsIn(dayFormats, { year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'gregory' }, ms, timeZone);
  return `${(p.get('year') ?? '').padStart(4, '0')}-${p.get('month')}-${p.get('day')}`;
}

const DAY_MS = 86_400_000;
const utcNoon = (day: string): number => Date.parse(`${day}T12:00:00Z`);

/** The weekday of a calendar day (YYYY-MM-DD). */
export function weekdayOf(day: string): Weekday {
  // getUTCDay counts from Sunday; WEEKDAYS from Monday.
  return WEEKDAYS[(new Date(utcNoon(day)).getUTCDay() + 6) % 7]!;
}

/** A calendar day plus n days (n may be negative). */
export function addDays(day: string, n: number): string {
  return new Date(utcNoon(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The hours of a calendar day: null on a closed weekday or a closed date. */
export function hoursOn(week: OpeningWeek, day: string): Hours | null {
  if (week.closedDates.includes(day)) return null;
  return week[weekdayOf(day)];
}

/**
 * The first day from `day` on (that day included when `after` is before its opening time) on which the centre
 * opens. Null when no weekday has hours. An open weekday comes round every 7 days and each closed date takes
 * at most one of its turns, so with k closed dates one of its first k + 1 turns is open.
 */
function firstOpening(week: OpeningWeek, day: string, after: string | null): Opening | null {
  if (WEEKDAYS.every((d) => week[d] === null)) return null;
  const closedDates = new Set(week.closedDates);
  for (let n = 0; n <= 7 * (closedDates.size + 2); n++) {
    const d = addDays(day, n);
    const h = closedDates.has(d) ? null : week[weekdayOf(d)];
    if (!h || (n === 0 && after !== null && h.opens <= after)) continue;
    return { day: d, weekday: weekdayOf(d), opens: h.opens, closes: h.closes, inDays: n };
  }
  return null;
}

/**
 * Whether the centre is open at an instant (from `opens` up to, not including, `closes` of that day, in its
 * time zone) and, when it is not, why and when it next opens.
 */
export function openingAt(week: OpeningWeek, ms: number, timeZone: string): OpeningState {
  const day = dayIn(ms, timeZone);
  const now = timeOfDayIn(ms, timeZone);
  const hours = hoursOn(week, day);
  if (hours && now >= hours.opens && now < hours.closes) return { open: true, day, hours };
  const closed: ClosedPart = !hours ? 'all-day' : now < hours.opens ? 'before' : 'after';
  return { open: false, day, closed, hours, closedDate: week.closedDates.includes(day), next: firstOpening(week, day, now) };
}

/**
 * The next time the centre opens after an instant: later that day if it has not opened yet, otherwise the
 * first open day after it that is not a closed date. Null when no weekday has hours.
 */
export function nextOpening(week: OpeningWeek, ms: number, timeZone: string): Opening | null {
  return firstOpening(week, dayIn(ms, timeZone), timeOfDayIn(ms, timeZone));
}
