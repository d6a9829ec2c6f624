// National reports over any range of days, from the day summaries: grouped by centre, service, day or hour,
// with the centre's own report rows (medians from the summed wait histograms), as JSON or CSV.
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { Totals } from '@foleni/server/stats/day-summary.js';
import { addTotals, emptyTotals } from '@foleni/server/stats/day-summary.js';
import { reportRow } from '@foleni/server/stats/stats-report.js';
import { HQ_GROUP_BYS } from '@foleni/shared';
import type { HqOutreachReport, HqReport } from '@foleni/shared';
import { badRequest } from '@foleni/server/errors.js';
import type { Sql } from './db/sql.js';
import { MONTH_DIMENSIONS, WAIT_BUCKET_SUMS, WHOLE_DAY } from './ingest/day-summaries.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day, YYYY-MM-DD');

export const ReportQuery = z.object({
  from: Day,
  to: Day,
  groupBy: z.enum(HQ_GROUP_BYS).default('centre'),
  /** One centre's figures only (its code). */
  centre: z.string().trim().toUpperCase().optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

export type { HqOutreachReport, HqReport };

export const OutreachQuery = z.object({
  from: Day,
  to: Day,
  /** One county's teams only. */
  county: z.string().trim().min(1).max(60).optional(),
});
export type OutreachQuery = z.infer<typeof OutreachQuery>;

/** The sums of day_summaries' columns, as SQL answers them. */
export interface SummarySums {
  issued: number;
  called: number;
  served: number;
  no_shows: number;
  within_target: number;
  wait_sum_ms: number;
  service_count: number;
  service_sum_ms: number;
  feedback_count: number;
  feedback_sum: number;
}

const SUMS = `sum(s.issued) AS issued, sum(s.called) AS called, sum(s.served) AS served, sum(s.no_shows) AS no_shows,
  sum(s.within_target) AS within_target, sum(s.wait_sum_ms) AS wait_sum_ms, sum(s.service_count) AS service_count,
  sum(s.service_sum_ms) AS service_sum_ms, sum(s.feedback_count) AS feedback_count, sum(s.feedback_sum) AS feedback_sum`;

/** Totals per key from summed columns and summed histogram buckets. */
export function totalsOf(sums: (SummarySums & { key: string })[], waits: { key: string; bucket: number; n: number }[]): Map<string, Totals> {
  const out = new Map<string, Totals>();
  for (const r of sums) {
    const t = emptyTotals();
    t.issued = Number(r.issued);
    t.called = Number(r.called);
    t.served = Number(r.served);
    t.noShows = Number(r.no_shows);
    t.withinTarget = Number(r.within_target);
    t.waitSumMs = Number(r.wait_sum_ms);
    t.serviceCount = Number(r.service_count);
    t.serviceSumMs = Number(r.service_sum_ms);
    t.feedbackCount = Number(r.feedback_count);
    t.feedbackSum = Number(r.feedback_sum);
    out.set(r.key, t);
  }
  for (const w of waits) {
    const t = out.get(w.key);
    if (t && w.bucket < t.waits.length) t.waits[w.bucket]! += Number(w.n);
  }
  return out;
}

/**
 * The wait histograms summed bucket by bucket (w0 … w161; null past the longest array) in the same pass as
 * the other sums. Unnesting them to group by key and bucket made ~3.5 million rows to group over a year of
 * 45 centres' day rows, and took 1.6 times as long (decision 0023).
 */
const WAIT_SUMS = WAIT_BUCKET_SUMS.map((sum, i) => `${sum} AS w${i}`).join(', ');

type SummaryAndWaitSums = SummarySums & { key: string } & Partial<Record<`w${number}`, number | null>>;

/** Totals per key from rows of SUMS and WAIT_SUMS. */
function totalsWithWaits(rows: SummaryAndWaitSums[]): Map<string, Totals> {
  const out = totalsOf(rows, []);
  for (const r of rows) {
    const waits = out.get(r.key)!.waits;
    for (let i = 0; i < waits.length; i++) waits[i] = Number(r[`w${i}`] ?? 0);
  }
  return out;
}

/** Groupings a month row answers for its whole month; a day's or a week's key needs the days. */
const BY_MONTH: ReadonlySet<string> = new Set(['centre', 'service', 'hour']);

/** Groupings a centre's whole-day row answers: one row per centre and day instead of one per service. */
const BY_WHOLE_DAY: ReadonlySet<string> = new Set(['day', 'week']);

const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The whole calendar months within from…to (first day of the first, last day of the last), or null when none. */
export function wholeMonths(from: string, to: string): { first: string; last: string } | null {
  const first = from.endsWith('-01') ? from : addDays(`${from.slice(0, 7)}-01`, 32).slice(0, 7) + '-01';
  const last = addDays(to, 1).endsWith('-01') ? to : addDays(`${to.slice(0, 7)}-01`, -1);
  return first <= last ? { first, last } : null;
}

const KEY = {
  centre: { dimension: 'service', key: 'c.code' },
  service: { dimension: 'service', key: 's.key' },
  day: { dimension: 'service', key: 's.day::text' },
  // The Monday of the day's week (ISO weeks), by date arithmetic alone: no time zone comes into it.
  week: { dimension: 'service', key: '(s.day - (extract(isodow FROM s.day)::int - 1))::text' },
  hour: { dimension: 'hour', key: 's.key' },
} as const;

export class ReportService {
  constructor(private readonly sql: Sql) {}

  async report(q: ReportQuery): Promise<HqReport> {
    if (q.from > q.to) throw badRequest('invalid-query', `The range starts (${q.from}) after it ends (${q.to}).`);
    const { dimension, key } = KEY[q.groupBy];
    const params: unknown[] = [q.from, q.to, BY_WHOLE_DAY.has(q.groupBy) ? WHOLE_DAY : dimension];
    let where = 's.day BETWEEN $1::date AND $2::date AND s.dimension = $3';
    const months = BY_MONTH.has(q.groupBy) ? wholeMonths(q.from, q.to) : null;
    if (months) {
      // Whole months from their month rows; the days before the first and after the last from day rows.
      params.push(addDays(months.first, -1), addDays(months.last, 1), months.first, months.last, MONTH_DIMENSIONS[dimension]);
      where = `((s.dimension = $3 AND (s.day BETWEEN $1::date AND $4::date OR s.day BETWEEN $5::date AND $2::date))
                OR (s.dimension = $8 AND s.day BETWEEN $6::date AND $7::date))`;
    }
    if (q.centre) {
      params.push(q.centre);
      where += ` AND c.code = $${params.length}`;
    }
    const from = 'day_summaries s JOIN centres c ON c.id = s.centre_id';
    const sums = await this.sql.query<SummaryAndWaitSums>(`SELECT ${key} AS key, ${SUMS}, ${WAIT_SUMS} FROM ${from} WHERE ${where} GROUP BY 1 ORDER BY 1`, params);
    const totals = totalsWithWaits(sums);
    const all = emptyTotals();
    const rows = [...totals].map(([k, t]) => {
      addTotals(all, t);
      return reportRow(k, k, t);
    });
    return { from: q.from, to: q.to, groupBy: q.groupBy, centre: q.centre ?? null, rows, total: reportRow(null, 'Total', all) };
  }

  /**
   * Outreach teams' days by county: every outreach team (with or without a day in the range) under its own
   * county, else its parent centre's, each day summed over services, medians from the summed histograms.
   */
  async outreachDays(q: OutreachQuery): Promise<HqOutreachReport> {
    if (q.from > q.to) throw badRequest('invalid-query', `The range starts (${q.from}) after it ends (${q.to}).`);
    const county = 'coalesce(c.county, p.county)';
    const teamWhere = (n: number) => `c.kind = 'outreach'${q.county ? ` AND lower(${county}) = lower($${n})` : ''}`;
    const teams = await this.sql.query<{ code: string; name: string; parent_code: string | null; county: string | null }>(
      `SELECT c.code, c.name, p.code AS parent_code, ${county} AS county FROM centres c LEFT JOIN centres p ON p.id = c.parent_id
       WHERE ${teamWhere(1)} ORDER BY ${county} NULLS LAST, c.code`,
      q.county ? [q.county] : [],
    );
    const params: unknown[] = q.county ? [q.from, q.to, q.county] : [q.from, q.to];
    // A team's day is keyed "CODE DAY": codes hold no space (centres.service.ts).
    const from = 'day_summaries s JOIN centres c ON c.id = s.centre_id LEFT JOIN centres p ON p.id = c.parent_id';
    const where = `s.day BETWEEN $1::date AND $2::date AND s.dimension = 'service' AND ${teamWhere(3)}`;
    const key = "c.code || ' ' || s.day::text";
    const sums = await this.sql.query<SummarySums & { key: string }>(`SELECT ${key} AS key, ${SUMS} FROM ${from} WHERE ${where} GROUP BY 1 ORDER BY 1`, params);
    const waits = await this.sql.query<{ key: string; bucket: number; n: number }>(
      `SELECT ${key} AS key, u.i - 1 AS bucket, sum(u.n) AS n FROM ${from}, unnest(s.waits) WITH ORDINALITY AS u(n, i) WHERE ${where} GROUP BY 1, 2`,
      params,
    );
    const daysOf = new Map<string, [string, Totals][]>();
    for (const [k, t] of totalsOf(sums, waits)) {
      const [code, day] = k.split(' ') as [string, string];
      const list = daysOf.get(code) ?? [];
      list.push([day, t]);
      daysOf.set(code, list);
    }

    const all = emptyTotals();
    const counties: HqOutreachReport['counties'] = [];
    const byCounty = new Map<string | null, { totals: Totals; teams: HqOutreachReport['counties'][number]['teams'] }>();
    for (const team of teams) {
      let group = byCounty.get(team.county);
      if (!group) {
        group = { totals: emptyTotals(), teams: [] };
        byCounty.set(team.county, group);
      }
      const teamTotals = emptyTotals();
      const days = (daysOf.get(team.code) ?? []).map(([day, t]) => {
        addTotals(teamTotals, t);
        return reportRow(day, day, t);
      });
      addTotals(group.totals, teamTotals);
      group.teams.push({ code: team.code, name: team.name, parentCode: team.parent_code, total: reportRow(team.code, team.name, teamTotals), days });
    }
    for (const [name, group] of byCounty) {
      addTotals(all, group.totals);
      counties.push({ county: name, total: reportRow(name, name ?? '', group.totals), teams: group.teams });
    }
    return { from: q.from, to: q.to, counties, total: reportRow(null, 'Total', all) };
  }
}

const CSV_COLUMNS = ['key', 'issued', 'called', 'served', 'noShows', 'noShowRate', 'medianWaitMinutes', 'p90WaitMinutes', 'averageWaitMinutes', 'averageServiceMinutes', 'withinTargetShare', 'feedbackCount', 'feedbackAverage'] as const;

export function reportCsv(r: HqReport): string {
  return stringify([...r.rows, r.total], { header: true, columns: CSV_COLUMNS.map((c) => ({ key: c, header: c === 'key' ? r.groupBy : c })) });
}
