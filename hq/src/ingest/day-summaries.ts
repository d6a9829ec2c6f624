// Rebuilds a centre's day summaries (by service and by hour of issue) from its tickets, with the centre's
// own summary code, so head office's figures are the centre's figures for the same day.
import { addTotals, emptyTotals, summariseDay } from '@foleni/server/stats/day-summary.js';
import type { SummaryTicket, Totals } from '@foleni/server/stats/day-summary.js';
import { BUCKET_COUNT } from '@foleni/server/stats/wait-histogram.js';
import type { TicketStatus } from '@foleni/shared';
import type { Sql } from '../db/sql.js';

/** Every Huduma centre keeps East Africa Time (UTC+3, no summer time). */
export const EAT_OFFSET_MS = 3 * 3_600_000;
export const eatHour = (ms: number): number => new Date(ms + EAT_OFFSET_MS).getUTCHours();
export const eatDay = (ms: number): string => new Date(ms + EAT_OFFSET_MS).toISOString().slice(0, 10);

/** A service's target wait when its tickets did not carry one: the centre's default. */
const DEFAULT_TARGET_MS = 15 * 60_000;

/** A ticket's row as head office keeps it, as far as its day's summary needs. */
export interface TicketRow {
  day: string;
  service: string;
  status: string;
  issued_at: number | null;
  first_called_at: number | null;
  called_at: number | null;
  serving_at: number | null;
  done_at: number | null;
  sla_minutes: number | null;
  rating: number | null;
}

export async function rebuildDaySummaries(tx: Sql, centreId: string, days: string[]): Promise<void> {
  if (days.length === 0) return;
  const rows = await tx.query<TicketRow>(
    `SELECT day::text AS day, service, status, issued_at, first_called_at, called_at, serving_at, done_at, sla_minutes, rating
       FROM tickets WHERE centre_id = $1 AND day = ANY($2::date[]) AND issued_at IS NOT NULL`,
    [centreId, days],
  );
  const byDay = new Map<string, SummaryTicket[]>(days.map((d) => [d, []]));
  for (const r of rows) {
    byDay.get(r.day)?.push({
      serviceId: r.service,
      // The centre's statuses, as its events said them; summariseDay compares them as text.
      status: r.status as TicketStatus,
      counterId: null,
      clerkId: null,
      issuedAt: r.issued_at!,
      firstCalledAt: r.first_called_at,
      calledAt: r.called_at,
      servingAt: r.serving_at,
      doneAt: r.done_at,
      rating: r.rating,
      slaMinutes: r.sla_minutes,
    });
  }
  const cols: unknown[][] = Array.from({ length: 14 }, () => []);
  for (const [day, tickets] of byDay) {
    const summary = summariseDay(tickets, { targetMs: () => DEFAULT_TARGET_MS, hourOf: eatHour });
    const whole = emptyTotals();
    for (const t of summary.service.values()) addTotals(whole, t);
    const rows: [string, string, Totals][] = [];
    for (const dimension of ['service', 'hour'] as const) for (const [key, t] of summary[dimension]) rows.push([dimension, key, t]);
    if (whole.issued > 0) rows.push([WHOLE_DAY, '', whole]);
    for (const [dimension, key, t] of rows) {
      const values = [day, dimension, key, t.issued, t.called, t.served, t.noShows, t.withinTarget, t.waitSumMs, t.serviceCount, t.serviceSumMs, t.feedbackCount, t.feedbackSum, `{${trimmed(t.waits).join(',')}}`];
      values.forEach((v, i) => cols[i]!.push(v));
    }
  }
  await tx.query(`DELETE FROM day_summaries WHERE centre_id = $1 AND day = ANY($2::date[]) AND dimension IN ('service', 'hour', '${WHOLE_DAY}')`, [centreId, days]);
  if (cols[0]!.length > 0) await insertDayRows(tx, centreId, cols);
  await rollUpMonths(tx, centreId, days);
}

async function insertDayRows(tx: Sql, centreId: string, cols: unknown[][]): Promise<void> {
  await tx.query(
    `INSERT INTO day_summaries (centre_id, day, dimension, key, issued, called, served, no_shows, within_target, wait_sum_ms,
                                service_count, service_sum_ms, feedback_count, feedback_sum, waits)
     SELECT $1, d, dim, k, i, c, s, ns, wt, ws, sc, ss, fc, fs, w::integer[]
       FROM unnest($2::date[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[], $10::bigint[],
                   $11::int[], $12::bigint[], $13::int[], $14::int[], $15::text[])
         AS u(d, dim, k, i, c, s, ns, wt, ws, sc, ss, fc, fs, w)`,
    [centreId, ...cols],
  );
}

/** The centre's whole day, its services added up (key ''): a report by day reads one row per centre and day. */
export const WHOLE_DAY = 'day';

/** A month's rows are kept beside its days': dimension 'month:service' or 'month:hour', on the month's first day. */
export const MONTH_DIMENSIONS = { service: 'month:service', hour: 'month:hour' } as const;

/** Columns summed, bucket by bucket for the wait histogram (null past the longest; nulls only trail, as rows are trimmed). */
export const WAIT_BUCKET_SUMS = Array.from({ length: BUCKET_COUNT }, (_, i) => `sum(s.waits[${i + 1}])`);

/**
 * Remakes the centre's month rows of the months these days fall in, from their day rows: a year's report
 * then adds up 12 rows per centre and key, not 365 (decision 0023). The same transaction as the days', so
 * a month row always equals the sum of its days.
 */
export async function rollUpMonths(tx: Sql, centreId: string, days: string[]): Promise<void> {
  const months = [...new Set(days.map((d) => `${d.slice(0, 7)}-01`))];
  if (months.length === 0) return;
  await tx.query(`DELETE FROM day_summaries WHERE centre_id = $1 AND day = ANY($2::date[]) AND dimension IN ('month:service', 'month:hour')`, [centreId, months]);
  await tx.query(
    `INSERT INTO day_summaries (centre_id, day, dimension, key, issued, called, served, no_shows, within_target, wait_sum_ms,
                                service_count, service_sum_ms, feedback_count, feedback_sum, waits)
     SELECT $1, m.first, 'month:' || s.dimension, s.key, sum(s.issued), sum(s.called), sum(s.served), sum(s.no_shows),
            sum(s.within_target), sum(s.wait_sum_ms), sum(s.service_count), sum(s.service_sum_ms), sum(s.feedback_count),
            sum(s.feedback_sum), array_remove(ARRAY[${WAIT_BUCKET_SUMS.join(', ')}], NULL)::integer[]
       FROM unnest($2::date[]) AS m(first)
       JOIN day_summaries s ON s.centre_id = $1 AND s.day >= m.first AND s.day < (m.first + interval '1 month')::date
      WHERE s.dimension IN ('service', 'hour')
      GROUP BY m.first, s.dimension, s.key`,
    [centreId, months],
  );
}

/** The histogram without its trailing empty buckets (most days' waits end within the first hour). */
function trimmed(h: Uint32Array): number[] {
  let end = h.length;
  while (end > 0 && h[end - 1] === 0) end--;
  return Array.from(h.subarray(0, end));
}
