// Ready-made ranges for reports, counted in the centre's calendar.
import { addDays } from './time-text.js';

export interface Range {
  name: string;
  from: string;
  to: string;
}

export function presets(today: string): Range[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const monthStart = `${today.slice(0, 7)}-01`;
  const lastMonthEnd = addDays(monthStart, -1);
  return [
    { name: 'Today', from: today, to: today },
    { name: 'Yesterday', from: addDays(today, -1), to: addDays(today, -1) },
    { name: 'Last 7 days', from: addDays(today, -6), to: today },
    { name: 'This month', from: monthStart, to: today },
    { name: 'Last month', from: `${lastMonthEnd.slice(0, 7)}-01`, to: lastMonthEnd },
    { name: 'This year', from: `${y}-01-01`, to: today },
    { name: 'Last year', from: `${y - 1}-01-01`, to: `${y - 1}-12-31` },
  ].filter(() => m > 0);
}

/**
 * The one preset to show as chosen: the one picked last if the range is still its own, else the first that
 * matches. Ranges may coincide (on the 1st, "Today" is "This month"; in January "This month" is part of
 * "This year" only if the 31st has come): two lit at once read as a mistake.
 */
export function pressedPreset(list: readonly Range[], from: string, to: string, picked: string | null): string | null {
  const matches = (r: Range) => r.from === from && r.to === to;
  const chosen = list.find((r) => r.name === picked);
  if (chosen && matches(chosen)) return chosen.name;
  return list.find(matches)?.name ?? null;
}
