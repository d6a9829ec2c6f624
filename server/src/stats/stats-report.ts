// Reports over any range of days, from the daily summaries. A day is summarised the first time a report
// needs it, and again whenever its event log has grown (today, or a day closed since) or feedback arrived
// for it; a year's report then adds up a few thousand summary rows instead of reading millions of tickets.
import type { Grouping, Report, ReportRow } from '@foleni/shared';
import { GROUP_BYS } from '@foleni/shared';
import type { Clock } from '../clock.js';
import { hourOf } from '../clock.js';
import { badRequest } from '../errors.js';
import type { CentreService } from '../queue/centre.service.js';
import type { Repositories } from '../repositories/index.js';
import type { Dimension, Totals } from './day-summary.js';
import { emptyTotals, hourOfIn, summariseDay } from './day-summary.js';
import { addEncoded, histogramPercentile } from './wait-histogram.js';

export const GROUPINGS = GROUP_BYS;

/** The longest range a report may span: ten years of days. */
export const MAX_REPORT_DAYS = 3660;

// The row of tickets no counter or clerk holds at the end: never called, or called and then transferred to
// another service or put back in line (their waits count: they were called).
export const NOT_AT_A_COUNTER = 'No counter (never called, transferred or back in line)';
export const NOT_WITH_A_CLERK = 'No clerk (never called, transferred or back in line)';

const round = (n: number, places: number): number => Math.round(n * 10 ** places) / 10 ** places;
const ratio = (a: number, b: number, places = 4): number | null => (b === 0 ? null : round(a / b, places));
const minutesAvg = (sumMs: number, n: number): number | null => (n === 0 ? null : round(sumMs / n / 60_000, 1));

export function reportRow(key: string | null, label: string, t: Totals): ReportRow {
  return {
    key,
    label,
    issued: t.issued,
    called: t.called,
    served: t.served,
    noShows: t.noShows,
    cancelled: t.cancelled,
    expired: t.expired,
    noShowRate: ratio(t.noShows, t.called),
    medianWaitMinutes: histogramPercentile(t.waits, 0.5),
    p90WaitMinutes: histogramPercentile(t.waits, 0.9),
    averageWaitMinutes: minutesAvg(t.waitSumMs, t.called),
    averageServiceMinutes: minutesAvg(t.serviceSumMs, t.serviceCount),
    averageWalkUpMinutes: minutesAvg(t.walkUpSumMs, t.walkUpCount),
    withinTargetShare: ratio(t.withinTarget, t.called),
    feedbackCount: t.feedbackCount,
    feedbackAverage: ratio(t.feedbackSum, t.feedbackCount, 2),
  };
}

/** Every day from `from` to `to`, both included (YYYY-MM-DD, calendar days). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

function validDay(day: string): boolean {
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === day;
}

/** Adds one summary row ([day, key, 14 counts, histogram]) into totals. */
function addRow(into: Totals, r: unknown[]): void {
  const n = r as number[];
  into.issued += n[2]!;
  into.called += n[3]!;
  into.served += n[4]!;
  into.noShows += n[5]!;
  into.cancelled += n[6]!;
  into.expired += n[7]!;
  into.withinTarget += n[8]!;
  into.waitSumMs += n[9]!;
  into.serviceCount += n[10]!;
  into.serviceSumMs += n[11]!;
  into.walkUpCount += n[12]!;
  into.walkUpSumMs += n[13]!;
  into.feedbackCount += n[14]!;
  into.feedbackSum += n[15]!;
  addEncoded(into.waits, r[16] as Uint8Array | null);
}

export class StatsReports {
  constructor(
    private readonly repos: Repositories,
    private readonly centre: CentreService,
    private readonly clock: Clock,
  ) {}

  /** Checks a range a person asked for. */
  checkRange(from: string, to: string): void {
    if (!validDay(from) || !validDay(to)) throw badRequest('invalid-query', 'from and to must be real days (YYYY-MM-DD).');
    if (from > to) throw badRequest('invalid-range', `The range starts (${from}) after it ends (${to}).`);
    // Counted, not listed: a range of ten thousand years must be refused at once, not after listing its days.
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
    if (days > MAX_REPORT_DAYS) throw badRequest('range-too-long', `A report spans at most ${MAX_REPORT_DAYS} days.`);
  }

  /** Days of the range (up to today) whose summary is missing or out of date. */
  daysToBuild(from: string, to: string): string[] {
    const today = this.centre.today();
    const end = to < today ? to : today;
    if (from > end) return [];
    const stats = this.repos.stats;
    const built = stats.builtDays(from, end);
    return daysBetween(from, end).filter((day) => {
      const b = built.get(day);
      const seq = stats.lastSeqOn(day);
      if (b) return b.stale || seq > b.builtSeq;
      return seq > 0 || stats.hasTicketsOn(day);
    });
  }

  /** Summarises the days of the range (up to today) that are missing or out of date, or all; returns how many. */
  ensureFresh(from: string, to: string, force = false): number {
    const today = this.centre.today();
    const end = to < today ? to : today;
    const todo = force ? (from > end ? [] : daysBetween(from, end)) : this.daysToBuild(from, to);
    this.build(todo);
    return todo.length;
  }

  /** Days that have tickets and no summary yet (after an upgrade or an import of old days). */
  unsummarisedDays(): string[] {
    const days = this.repos.stats.daysWithTickets();
    if (days.length === 0) return [];
    const built = this.repos.stats.builtDays(days[0]!, days[days.length - 1]!);
    return days.filter((d) => !built.has(d));
  }

  /** Summarises every day that has tickets and no summary yet. */
  catchUp(): number {
    const todo = this.unsummarisedDays();
    this.build(todo);
    return todo.length;
  }

  /** Summarises these days now (a day at a time keeps a running server responsive). */
  build(days: string[]): void {
    if (days.length === 0) return;
    const stats = this.repos.stats;
    const targets = stats.targets();
    const tz = this.centre.get().timezone;
    const ctx = { targetMs: (id: string) => (targets.get(id) ?? 15) * 60_000, hourOf: hourOfIn((ms) => hourOf(ms, tz)) };
    const now = this.clock.now();
    // One transaction for the lot: with synchronous=FULL each commit is an fsync.
    stats.transaction(() => {
      for (const day of days) stats.replaceDay(day, summariseDay(stats.summaryTickets(day), ctx), stats.lastSeqOn(day), now);
    });
  }

  /** The report from the summaries as they are: call SummaryKeeper.ready(from, to) first. */
  report(from: string, to: string, groupBy: Grouping): Report {
    this.checkRange(from, to);
    const dim: Dimension = groupBy === 'day' ? 'service' : groupBy;
    const groups = new Map<string, Totals>();
    const total = emptyTotals();
    for (const r of this.repos.stats.summaryRows(dim, from, to)) {
      const key = (groupBy === 'day' ? r[0] : r[1]) as string;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = emptyTotals()));
      addRow(g, r);
      addRow(total, r);
    }
    // A trend shows every day of the range, quiet ones too.
    if (groupBy === 'day') for (const day of daysBetween(from, to)) if (!groups.has(day)) groups.set(day, emptyTotals());

    const names = this.repos.stats.names();
    const label = (key: string): string => {
      switch (groupBy) {
        case 'service': {
          const s = names.services.get(key);
          return s ? `${s.code} — ${s.en}` : key;
        }
        case 'hour':
          return `${key}:00–${String((Number(key) + 1) % 24).padStart(2, '0')}:00`;
        case 'day':
          return key;
        case 'counter':
          return key === '' ? NOT_AT_A_COUNTER : (names.counters.get(key) ?? key);
        case 'clerk':
          return key === '' ? NOT_WITH_A_CLERK : (names.users.get(key) ?? key);
      }
    };
    const sortKey = (key: string): string =>
      groupBy === 'service' ? (names.services.get(key)?.code ?? key) : groupBy === 'counter' || groupBy === 'clerk' ? label(key) : key;
    const rows = [...groups.entries()]
      .map(([key, t]) => reportRow(key, label(key), t))
      .sort((a, b) => {
        // The "No counter" / "No clerk" row goes last; names sort naturally (Counter 2 before Counter 10).
        if ((a.key === '') !== (b.key === '')) return a.key === '' ? 1 : -1;
        return sortKey(a.key!).localeCompare(sortKey(b.key!), 'en', { numeric: true });
      });
    return {
      from,
      to,
      groupBy,
      timezone: this.centre.get().timezone,
      generatedAt: new Date(this.clock.now()).toISOString(),
      rows,
      total: reportRow(null, 'Total', total),
    };
  }
}
