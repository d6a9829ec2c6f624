// National reports read whole months from month rows, the days around them from day rows, and a report by day
// the centre's whole-day rows: the figures must be those of the days' service rows, and a late event for a
// day of a closed month must reach its month.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Totals } from '@foleni/server/stats/day-summary.js';
import { addTotals, emptyTotals } from '@foleni/server/stats/day-summary.js';
import { reportRow } from '@foleni/server/stats/stats-report.js';
import type { HqEvent, HqReport } from '@foleni/shared';
import { BACKENDS, eventsOf, startTestHq } from './testing/hq-test-env.js';
import type { TestHq, TicketPlan } from './testing/hq-test-env.js';
import { wholeMonths } from './report.service.js';

describe('wholeMonths', () => {
  it('finds the calendar months a range holds whole', () => {
    expect(wholeMonths('2025-12-01', '2026-11-30')).toEqual({ first: '2025-12-01', last: '2026-11-30' });
    expect(wholeMonths('2026-10-30', '2026-12-02')).toEqual({ first: '2026-11-01', last: '2026-11-30' });
    expect(wholeMonths('2026-02-01', '2026-02-28')).toEqual({ first: '2026-02-01', last: '2026-02-28' });
    expect(wholeMonths('2024-02-01', '2024-02-28')).toBeNull();
    expect(wholeMonths('2026-12-31', '2027-01-30')).toBeNull();
    expect(wholeMonths('2026-12-31', '2027-01-31')).toEqual({ first: '2027-01-01', last: '2027-01-31' });
  });
});

/** Tickets on 30 and 31 October, 1, 15 and 30 November and 1 December 2026: two months' edges and one whole month. */
function plans(): TicketPlan[] {
  const out: TicketPlan[] = [];
  const days = ['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-15', '2026-11-30', '2026-12-01'];
  days.forEach((day, d) => {
    for (let i = 0; i < 12; i++) {
      out.push({
        id: `t${d}-${i}`,
        service: i % 3 === 0 ? 'KRA' : 'NHIF',
        issuedAt: new Date(Date.parse(`${day}T05:30:00Z`) + i * 1_500_000).toISOString(),
        waitMin: 1 + ((d * 37 + i * 13) % 150),
        end: i % 5 === 4 ? 'no_show' : 'served',
        ...(i % 4 === 0 ? { rating: 1 + ((d + i) % 5) } : {}),
      });
    }
  });
  return out;
}

describe.each(BACKENDS)('national reports from month rows on %s', (backend) => {
  let hq: TestHq;
  let key: string;
  let events: HqEvent[];

  /** The report as the day rows alone give it: each day's row summed in JS. */
  async function fromDays(from: string, to: string, groupBy: 'centre' | 'service' | 'hour' | 'day'): Promise<Pick<HqReport, 'rows' | 'total'>> {
    const rows = await hq.sql.query<{ key: string; code: string; day: string; issued: number; called: number; served: number; no_shows: number; within_target: number; wait_sum_ms: number; service_count: number; service_sum_ms: number; feedback_count: number; feedback_sum: number; waits: number[] }>(
      `SELECT s.*, c.code FROM day_summaries s JOIN centres c ON c.id = s.centre_id WHERE s.dimension = $1 AND s.day BETWEEN $2::date AND $3::date`,
      [groupBy === 'hour' ? 'hour' : 'service', from, to],
    );
    const byKey = new Map<string, Totals>();
    const all = emptyTotals();
    for (const r of rows) {
      const k = groupBy === 'centre' ? r.code : groupBy === 'day' ? r.day : r.key;
      const t = emptyTotals();
      Object.assign(t, { issued: r.issued, called: r.called, served: r.served, noShows: r.no_shows, withinTarget: r.within_target, waitSumMs: r.wait_sum_ms });
      Object.assign(t, { serviceCount: r.service_count, serviceSumMs: r.service_sum_ms, feedbackCount: r.feedback_count, feedbackSum: r.feedback_sum });
      r.waits.forEach((n, i) => (t.waits[i] = n));
      if (!byKey.has(k)) byKey.set(k, emptyTotals());
      addTotals(byKey.get(k)!, t);
      addTotals(all, t);
    }
    const keys = [...byKey.keys()].sort();
    return { rows: keys.map((k) => reportRow(k, k, byKey.get(k)!)), total: reportRow(null, 'Total', all) };
  }

  const report = async (from: string, to: string, groupBy: string) =>
    (await hq.call<HqReport>('GET', `/report?from=${from}&to=${to}&groupBy=${groupBy}`, { token: hq.adminToken })).body;

  beforeAll(async () => {
    hq = await startTestHq(backend);
    key = await hq.registerCentre('NRB-GPO', { county: 'Nairobi' });
    events = eventsOf(plans());
    const res = await hq.call('POST', '/ingest', { token: key, body: { fromSeq: 1, events } });
    expect(res.status).toBe(200);
  }, 120_000);
  afterAll(async () => hq?.close());

  it('keeps a row per month, service and hour, equal to the sum of its days', async () => {
    const months = await hq.sql.query<{ day: string; dimension: string; key: string; issued: number }>(
      `SELECT day, dimension, key, issued FROM day_summaries WHERE dimension LIKE 'month:%' ORDER BY 1, 2, 3`,
    );
    expect(months.filter((m) => m.dimension === 'month:service')).toEqual([
      { day: '2026-10-01', dimension: 'month:service', key: 'KRA', issued: 8 },
      { day: '2026-10-01', dimension: 'month:service', key: 'NHIF', issued: 16 },
      { day: '2026-11-01', dimension: 'month:service', key: 'KRA', issued: 12 },
      { day: '2026-11-01', dimension: 'month:service', key: 'NHIF', issued: 24 },
      { day: '2026-12-01', dimension: 'month:service', key: 'KRA', issued: 4 },
      { day: '2026-12-01', dimension: 'month:service', key: 'NHIF', issued: 8 },
    ]);
    expect(months.filter((m) => m.dimension === 'month:hour').reduce((n, m) => n + m.issued, 0)).toBe(72);
  });

  it('answers a range with a whole month inside as its days do, by centre, service, hour and day', async () => {
    for (const groupBy of ['centre', 'service', 'hour', 'day'] as const) {
      for (const [from, to] of [
        ['2026-10-30', '2026-12-02'],
        ['2026-11-01', '2026-11-30'],
        ['2026-10-31', '2026-11-30'],
      ] as const) {
        const r = await report(from, to, groupBy);
        const expected = await fromDays(from, to, groupBy);
        expect(r.rows, `${groupBy} ${from}…${to}`).toEqual(expected.rows);
        expect(r.total).toEqual(expected.total);
      }
    }
    // Waits of up to 150 minutes reach the five-minute buckets past the first 121: the month rows hold them too.
    const whole = await report('2026-10-30', '2026-12-02', 'centre');
    expect(whole.total.issued).toBe(72);
    const [longest] = await hq.sql.query<{ n: number }>(`SELECT max(cardinality(waits)) AS n FROM day_summaries WHERE dimension = 'month:service'`);
    expect(longest!.n).toBeGreaterThan(121);
  });

  it('moves a closed month when a late event changes one of its days', async () => {
    const before = (await report('2026-11-01', '2026-11-30', 'service')).rows.find((r) => r.key === 'NHIF')!;
    const rated = (e: HqEvent) => typeof e.data === 'object' && e.data !== null && 'rating' in e.data;
    const ticket = events.find((e) => e.day === '2026-11-15' && e.type === 'ticket.completed' && e.serviceCode === 'NHIF' && !rated(e))!;
    const late: HqEvent = { ...ticket, seq: events.length + 1, at: '2026-12-06T08:00:00Z', type: 'ticket.feedback', data: { rating: 1 } };
    const res = await hq.call('POST', '/ingest', { token: key, body: { fromSeq: late.seq, events: [late] } });
    expect(res.status).toBe(200);
    const after = (await report('2026-11-01', '2026-11-30', 'service')).rows.find((r) => r.key === 'NHIF')!;
    expect(after.feedbackCount).toBe(before.feedbackCount + 1);
    expect(after).toEqual((await fromDays('2026-11-01', '2026-11-30', 'service')).rows.find((r) => r.key === 'NHIF'));
  });
});
