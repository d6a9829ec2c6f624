// Aggregates for statistics: today's figures straight from the tickets table (itself a projection of the
// event log), and the daily summaries (`stats_daily`, migration 0002) that reports add up.
import type { Dimension, DaySummary, SummaryTicket, Totals } from '../stats/day-summary.js';
import { DIMENSIONS } from '../stats/day-summary.js';
import { encodeHistogram } from '../stats/wait-histogram.js';
import type { Statements } from './statements.js';

export interface ServiceDay {
  issued: number;
  served: number;
  noShows: number;
  /**
   * Every ticket issued for the service today and called: ms from issue to first call, and the target it
   * was issued under (null for a ticket whose issue event predates recording it).
   */
  calls: { waitMs: number; slaMinutes: number | null }[];
}

const COUNT_COLUMNS = `issued, called, served, no_shows, cancelled, expired, within_target, wait_sum_ms,
  service_count, service_sum_ms, walkup_count, walkup_sum_ms, feedback_count, feedback_sum`;

export interface RawEvent {
  seq: number;
  at: number;
  day: string;
  type: string;
  ticket_id: string | null;
  label: string | null;
  service_id: string | null;
  counter_id: string | null;
  user_id: string | null;
  data: string | null;
}

export class StatsRepository {
  constructor(private readonly q: Statements) {}

  todayByService(day: string): Map<string, ServiceDay> {
    const out = new Map<string, ServiceDay>();
    const get = (id: string) => {
      let s = out.get(id);
      if (!s) out.set(id, (s = { issued: 0, served: 0, noShows: 0, calls: [] }));
      return s;
    };
    // Like reports, a transferred ticket counts (issued, wait, outcome) in the service it was issued for.
    // Like reports, each ticket is judged by the target it was issued under.
    const rows = this.q.all<{ issued_for: string; status: string; issued_at: number; first_called_at: number | null; sla_minutes: unknown }>(
      `SELECT COALESCE(json_extract(t.journey, '$[0].serviceId'), t.service_id) AS issued_for, t.status, t.issued_at, t.first_called_at,
         CASE WHEN t.first_called_at IS NOT NULL THEN
           (SELECT json_extract(e.data, '$.slaMinutes') FROM events e WHERE e.ticket_rowid = t.rowid AND e.type = 'ticket.issued' LIMIT 1)
         END AS sla_minutes
         FROM tickets t WHERE t.day = ?`,
      day,
    );
    for (const r of rows) {
      const s = get(r.issued_for);
      s.issued++;
      if (r.status === 'done') s.served++;
      if (r.status === 'no_show') s.noShows++;
      if (r.first_called_at !== null) {
        s.calls.push({ waitMs: r.first_called_at - r.issued_at, slaMinutes: typeof r.sla_minutes === 'number' ? r.sla_minutes : null });
      }
    }
    return out;
  }

  /** Per counter, today: when anything last happened there (a call, a completion, opening), and when its status last changed. */
  counterActivity(day: string): Map<string, { lastAt: number; statusAt: number | null }> {
    const rows = this.q.all<{ counter_id: string; last_at: number; status_at: number | null }>(
      `SELECT counter_id, MAX(at) AS last_at, MAX(CASE WHEN type LIKE 'counter.%' THEN at END) AS status_at
       FROM events WHERE day = ? AND counter_id IS NOT NULL GROUP BY counter_id`,
      day,
    );
    return new Map(rows.map((r) => [r.counter_id, { lastAt: r.last_at, statusAt: r.status_at }]));
  }

  // ---- daily summaries ----

  transaction<T>(fn: () => T): T {
    return this.q.db.transaction(fn)();
  }

  /**
   * A day's tickets as the summary needs them, with the service each was issued for and the target it was
   * issued under (from its `ticket.issued` event; null in events written before the target was recorded).
   */
  summaryTickets(day: string): SummaryTicket[] {
    const rows = this.q
      .get(
        `SELECT CASE WHEN t.journey = '[]' THEN t.service_id ELSE COALESCE(json_extract(t.journey, '$[0].serviceId'), t.service_id) END,
           t.status, t.counter_id, t.clerk_id,
           t.issued_at, t.first_called_at, t.called_at, t.serving_at, t.done_at, f.rating,
           (SELECT json_extract(e.data, '$.slaMinutes') FROM events e WHERE e.ticket_rowid = t.rowid AND e.type = 'ticket.issued' LIMIT 1)
         FROM tickets t LEFT JOIN feedback f ON f.ticket_rowid = t.rowid WHERE t.day = ?`,
      )
      .raw()
      .all(day) as [string, SummaryTicket['status'], string | null, string | null, number, number | null, number | null, number | null, number | null, number | null, unknown][];
    return rows.map((r) => ({
      serviceId: r[0],
      status: r[1],
      counterId: r[2],
      clerkId: r[3],
      issuedAt: r[4],
      firstCalledAt: r[5],
      calledAt: r[6],
      servingAt: r[7],
      doneAt: r[8],
      rating: r[9],
      slaMinutes: typeof r[10] === 'number' ? r[10] : null,
    }));
  }

  lastSeqOn(day: string): number {
    return (this.q.get('SELECT MAX(seq) FROM events WHERE day = ?').pluck().get(day) as number | null) ?? 0;
  }

  hasTicketsOn(day: string): boolean {
    return this.q.get('SELECT 1 FROM tickets WHERE day = ? LIMIT 1').pluck().get(day) === 1;
  }

  /** Days summarised between two days, with the seq each was built up to. */
  builtDays(from: string, to: string): Map<string, { builtSeq: number; stale: boolean }> {
    const rows = this.q.all<{ day: string; built_seq: number; stale: number }>(
      'SELECT day, built_seq, stale FROM stats_days WHERE day BETWEEN ? AND ?',
      from,
      to,
    );
    return new Map(rows.map((r) => [r.day, { builtSeq: r.built_seq, stale: r.stale === 1 }]));
  }

  /** Days that have tickets: what a catch-up after an upgrade or an import has to summarise. */
  daysWithTickets(): string[] {
    return this.q.get('SELECT DISTINCT day FROM tickets ORDER BY day').pluck().all() as string[];
  }

  /** Replaces a day's summary rows; call inside a transaction. */
  replaceDay(day: string, summary: DaySummary, builtSeq: number, now: number): void {
    for (const dim of DIMENSIONS) this.q.run('DELETE FROM stats_daily WHERE dim = ? AND day = ?', dim, day);
    const insert = this.q.get(
      `INSERT INTO stats_daily (dim, day, key, ${COUNT_COLUMNS}, wait_hist)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const dim of DIMENSIONS) {
      for (const [key, t] of summary[dim]) insert.run(dim, day, key, ...totalsValues(t), encodeHistogram(t.waits));
    }
    this.q.run(
      `INSERT INTO stats_days (day, built_seq, stale, built_at) VALUES (?, ?, 0, ?)
       ON CONFLICT (day) DO UPDATE SET built_seq = excluded.built_seq, stale = 0, built_at = excluded.built_at`,
      day,
      builtSeq,
      now,
    );
  }

  /** Summary rows of one dimension over a range of days: [day, key, 14 counts, histogram]. */
  summaryRows(dim: Dimension, from: string, to: string): unknown[][] {
    return this.q
      .get(`SELECT day, key, ${COUNT_COLUMNS}, wait_hist FROM stats_daily WHERE dim = ? AND day BETWEEN ? AND ?`)
      .raw()
      .all(dim, from, to) as unknown[][];
  }

  /** Names for report rows, including deleted services and counters (old reports still name them). */
  names(): { services: Map<string, { code: string; en: string; sw: string }>; counters: Map<string, string>; users: Map<string, string> } {
    const services = this.q.all<{ id: string; code: string; name_en: string; name_sw: string }>('SELECT id, code, name_en, name_sw FROM services');
    const counters = this.q.all<{ id: string; name: string }>('SELECT id, name FROM counters');
    const users = this.q.all<{ id: string; display_name: string }>('SELECT id, display_name FROM users');
    return {
      services: new Map(services.map((s) => [s.id, { code: s.code, en: s.name_en, sw: s.name_sw }])),
      counters: new Map(counters.map((c) => [c.id, c.name])),
      users: new Map(users.map((u) => [u.id, u.display_name])),
    };
  }

  /** Targets of every service ever made, in minutes. */
  targets(): Map<string, number> {
    const rows = this.q.all<{ id: string; sla_minutes: number }>('SELECT id, sla_minutes FROM services');
    return new Map(rows.map((r) => [r.id, r.sla_minutes]));
  }

  /** One page of a day's event log in seq order: pages let an export stream without holding a query open. */
  eventsPage(day: string, afterSeq: number, limit: number): RawEvent[] {
    return this.q.all<RawEvent>(
      `SELECT e.seq, e.at, e.day, e.type, t.id AS ticket_id, t.label, e.service_id, e.counter_id, e.user_id, e.data
       FROM events e LEFT JOIN tickets t ON t.rowid = e.ticket_rowid
       WHERE e.day = ? AND e.seq > ? ORDER BY e.seq LIMIT ?`,
      day,
      afterSeq,
      limit,
    );
  }
}

function totalsValues(t: Totals): number[] {
  return [
    t.issued,
    t.called,
    t.served,
    t.noShows,
    t.cancelled,
    t.expired,
    t.withinTarget,
    t.waitSumMs,
    t.serviceCount,
    t.serviceSumMs,
    t.walkUpCount,
    t.walkUpSumMs,
    t.feedbackCount,
    t.feedbackSum,
  ];
}
