// The Centre page's week as the form holds it: every weekday keeps its times while it is marked closed, so
// unticking "Closed" brings back the hours it had. Turned into the API's week (null = closed) when sent.
import { WEEKDAYS, weekdayOf } from '@foleni/shared';
import type { DayHours, OpeningHours, Weekday } from '@foleni/shared';

export interface DayRow {
  closed: boolean;
  opens: string;
  closes: string;
}

export type WeekRows = Record<Weekday, DayRow>;

export const WEEKDAY_NAMES: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

/** A closed day's times, shown (greyed) until the admin opens it. */
const CLOSED_DAY_TIMES = { opens: '08:00', closes: '17:00' };

export function weekRows(hours: OpeningHours): WeekRows {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, { closed: hours[d] === null, ...(hours[d] ?? CLOSED_DAY_TIMES) }])) as WeekRows;
}

export function weekOf(rows: WeekRows): Record<Weekday, DayHours | null> {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, rows[d].closed ? null : { opens: rows[d].opens, closes: rows[d].closes }])) as Record<Weekday, DayHours | null>;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Friday 25 December 2026", for a calendar day (YYYY-MM-DD), the same in every browser, zone and locale. */
export function longDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${WEEKDAY_NAMES[weekdayOf(day)]} ${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}
