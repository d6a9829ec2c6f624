// A head-office report as BarLineChart draws it: issued and served as bars, median and 90% waits as lines,
// with a summary in words for screen readers (the same figures are in the table under each chart).
import type { HqReport } from '@foleni/shared';
import { daySeconds } from '@foleni/shared';
import { minutes } from './format';
import { words } from './i18n.svelte';

export type ChartUnit = 'day' | 'week' | 'hour' | 'service';

interface Series {
  label: string;
  values: (number | null)[];
  colour: string;
  dash?: boolean;
}

export interface ReportChart {
  xs: number[];
  xKind: 'hour' | 'day' | 'name';
  xNames: string[];
  bars: Series[];
  lines: Series[];
  summary: string;
}

/** The chart of a report, or null when it has no row (nothing to draw). */
export function reportChart(report: HqReport, unit: ChartUnit): ReportChart | null {
  const w = words();
  const rows = report.rows;
  if (rows.length === 0) return null;
  const xKind = unit === 'hour' ? 'hour' : unit === 'service' ? 'name' : 'day';
  const xs = rows.map((r, i) => (xKind === 'hour' ? Number(r.key) : xKind === 'name' ? i : daySeconds(r.key ?? '')));
  const busiest = rows.reduce<(typeof rows)[number] | undefined>((best, r) => (best && best.issued >= r.issued ? best : r), undefined);
  const at = (key: string | null) => (unit === 'hour' ? `${key ?? ''}:00` : (key ?? ''));
  return {
    xs,
    xKind,
    xNames: rows.map((r) => r.label),
    bars: [
      { label: w.issued, values: rows.map((r) => r.issued), colour: '#9cc1ea' },
      { label: w.served, values: rows.map((r) => r.served), colour: '#1d4f91' },
    ],
    lines: [
      // A day with no ticket has no wait: a gap in the line, not a zero.
      { label: w.medianWait, values: rows.map((r) => (r.issued ? r.medianWaitMinutes : null)), colour: '#a00000' },
      { label: w.p90Wait, values: rows.map((r) => (r.issued ? r.p90WaitMinutes : null)), colour: '#6b4500', dash: true },
    ],
    summary: w.chartSummary(rows.length, unit, report.total.issued, report.total.served, at(busiest?.key ?? null), busiest?.issued ?? 0, minutes(report.total.medianWaitMinutes, w.minutes)),
  };
}
