// The Centre page's week as the form holds it: every weekday keeps its times while it is marked closed, so
// unticking "Closed" brings back the hours it had. Turned into the API's week (null = closed) when sent.
import { WEEKDAYS, weekdayOf } from '@foleni/shared';
import type { DayHours, OpeningHours, Weekday } from '@foleni/shared';
import { ta } from './admin-words.js';

export interface DayRow {
  closed: boolean;
  opens: string;
  closes: string;
}

export type WeekRows = Record<Weekday, DayRow>;

/** "Saturday" / "Jumamosi", in the admin's language. */
export const weekdayName = (d: Weekday): string => ta(`admin.day.${d}`);

/** A closed day's times, shown (greyed) until the admin opens it. */
const CLOSED_DAY_TIMES = { opens: '08:00', closes: '17:00' };

export function weekRows(hours: OpeningHours): WeekRows {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, { closed: hours[d] === null, ...(hours[d] ?? CLOSED_DAY_TIMES) }])) as WeekRows;
}

export function weekOf(rows: WeekRows): Record<Weekday, DayHours | null> {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, rows[d].closed ? null : { opens: rows[d].opens, closes: rows[d].closes }])) as Record<Weekday, DayHours | null>;
}


/** "Friday 25 December 2026" ("Ijumaa, 25 Desemba 2026"), for a calendar day (YYYY-MM-DD), the same in every browser and zone. */
export function longDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const month = ta(`admin.month.${m ?? 1}` as `admin.month.${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12}`);
  return ta('admin.date.long', { weekday: weekdayName(weekdayOf(day)), day: d ?? 1, month, year: y ?? '' });
}
