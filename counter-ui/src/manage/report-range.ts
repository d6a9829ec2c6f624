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
