// A year at a big centre: two million tickets, generated straight into the database, then a year's report.
// The daily summaries make the report add up a few thousand rows, so it answers in well under a second.
// The expected figures are counted independently, with plain SQL over the tickets.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';
import { NOT_AT_A_COUNTER } from './stats-report.js';

const TICKETS = 2_000_000;
const YEAR = 2025;
const DAYS = 365;
const PER_DAY = Math.ceil(TICKETS / DAYS);
const P = 2147483647; // a prime below 2^31: squares stay exact in SQLite's 64-bit integers

/**
 * One prepared statement in one transaction: every ticket of the year generated inside SQLite (binding
 * millions of rows from JavaScript would take most of a minute). Pseudo-random but deterministic: four
 * Park–Miller streams (multipliers of the "minimal standard" family, modulo 2^31 − 1) carried along the
 * recursion, so each number is computed once per ticket.
 */
const GENERATE = `
WITH RECURSIVE
  -- JavaScript numbers are bound as REAL: make the parameters integers so that divisions are whole.
  p AS (SELECT CAST(@count AS INTEGER) AS count, CAST(@perDay AS INTEGER) AS per_day, CAST(@base AS INTEGER) AS base,
          CAST(@services AS INTEGER) AS services, CAST(@clerks AS INTEGER) AS clerks),
  g(n, b, c, e, f) AS (
    SELECT 0, 1234567, 7654321, 2468013, 1357911
    UNION ALL
    SELECT n + 1, (b * 48271) % ${P}, (c * 16807) % ${P}, (e * 69621) % ${P}, (f * 630360016) % ${P}
    FROM g WHERE n < (SELECT count FROM p) - 1
  ),
  t AS (
    SELECT n, n / p.per_day AS d, o.service_id, o.code, o.counter_id, k.clerk_id, (b / 7) % 100 AS roll,
      p.base + (n / p.per_day) * 86400000 + 8 * 3600000 + c % 32400000 AS issued_at,
      (e % 5400001) * (f % 1001) / 1000 AS wait, (f / 1001) % 900001 AS service_ms
    -- CROSS JOIN keeps the generated rows as the outer loop: each option and clerk is one key lookup.
    FROM g
    CROSS JOIN p
    CROSS JOIN gen_options o ON o.i = (b % p.services) * 3 + (b / 1000) % 3
    CROSS JOIN gen_clerks k ON k.i = (o.counter_index + n / p.per_day) % p.clerks
  )
INSERT INTO tickets (id, day, service_id, number, label, status, counter_id, clerk_id, issued_at, arrival_at,
  first_called_at, called_at, serving_at, done_at, call_count)
SELECT printf('gen-%07d', n), (SELECT day FROM gen_days WHERE i = d), service_id, n, code || n,
  CASE WHEN roll < 2 THEN 'expired' WHEN roll < 7 THEN 'no_show' ELSE 'done' END,
  CASE WHEN roll < 2 THEN NULL ELSE counter_id END,
  CASE WHEN roll < 2 THEN NULL ELSE clerk_id END,
  issued_at, issued_at,
  CASE WHEN roll < 2 THEN NULL ELSE issued_at + wait END,
  CASE WHEN roll < 2 THEN NULL ELSE issued_at + wait END,
  CASE WHEN roll < 7 THEN NULL ELSE issued_at + wait + 60000 END,
  CASE WHEN roll < 2 THEN NULL WHEN roll < 7 THEN issued_at + wait + 180000 ELSE issued_at + wait + 60000 + service_ms END,
  CASE WHEN roll < 2 THEN 0 ELSE 1 END
FROM t`;

describe('a year of two million tickets', () => {
  let c: TestCentre;
  let manager: string;

  beforeAll(async () => {
    // "Today" is the first day of the next year: every day of the year is closed.
    c = await startTestCentre({ ui: false, clock: new ManualClock(Date.parse(`${YEAR + 1}-01-01T05:00:00Z`)) });
    manager = await c.login('manager');
    const services = c.app.ctx.repos.services.list();
    const counters = c.app.ctx.repos.counters.list();
    const clerks = c.app.ctx.repos.users.list().filter((u) => u.role === 'clerk');
    // Each service is served at up to three of the counters the demo gives it (repeated when fewer).
    c.db.exec('CREATE TEMP TABLE gen_options (i INTEGER PRIMARY KEY, service_id TEXT, code TEXT, counter_id TEXT, counter_index INTEGER)');
    c.db.exec('CREATE TEMP TABLE gen_clerks (i INTEGER PRIMARY KEY, clerk_id TEXT)');
    const option = c.db.prepare('INSERT INTO gen_options VALUES (?, ?, ?, ?, ?)');
    services.forEach((s, si) => {
      const at = counters.filter((x) => x.serviceIds.includes(s.id));
      for (let k = 0; k < 3; k++) {
        const counter = at[k % at.length]!;
        option.run(si * 3 + k, s.id, s.code, counter.id, counters.indexOf(counter));
      }
    });
    clerks.forEach((u, i) => c.db.prepare('INSERT INTO gen_clerks VALUES (?, ?)').run(i, u.id));
    c.db.exec('CREATE TEMP TABLE gen_days (i INTEGER PRIMARY KEY, day TEXT)');
    for (let d = 0; d < DAYS; d++) c.db.prepare('INSERT INTO gen_days VALUES (?, ?)').run(d, new Date(Date.UTC(YEAR, 0, 1 + d)).toISOString().slice(0, 10));

    c.db.pragma('cache_size = -400000');
    const started = performance.now();
    const generate = c.db.prepare(GENERATE);
    c.db.transaction(() => {
      generate.run({ count: TICKETS, perDay: PER_DAY, base: Date.parse(`${YEAR}-01-01T00:00:00+03:00`), services: services.length, clerks: clerks.length });
    })();
    const inserted = performance.now();
    c.db.pragma('cache_size = -32000');
    // What the server would do on its own as reports ask for days: summarise every day once.
    expect(c.app.ctx.stats.reports.catchUp()).toBe(DAYS);
    console.info(`2M tickets: generated in ${Math.round(inserted - started)} ms, summarised in ${Math.round(performance.now() - inserted)} ms`);
  }, 120_000);
  afterAll(async () => {
    await c?.close();
  });

  /** The expected figures, counted straight from the tickets in one pass. */
  const expected = () => {
    const groups = c.db
      .prepare(
        `SELECT status, service_id, (first_called_at - issued_at + 59999) / 60000 AS minutes, COUNT(*) AS n
         FROM tickets GROUP BY status, service_id, minutes`,
      )
      .all() as { status: string; service_id: string; minutes: number | null; n: number }[];
    const byStatus = new Map<string, number>();
    const byService = new Map<string, number>();
    const perMinute = new Map<number, number>();
    for (const g of groups) {
      byStatus.set(g.status, (byStatus.get(g.status) ?? 0) + g.n);
      byService.set(g.service_id, (byService.get(g.service_id) ?? 0) + g.n);
      if (g.minutes !== null) perMinute.set(g.minutes, (perMinute.get(g.minutes) ?? 0) + g.n);
    }
    const minutes = [...perMinute.keys()].sort((a, b) => a - b);
    const called = [...perMinute.values()].reduce((sum, n) => sum + n, 0);
    // Nearest rank, in whole minutes rounded up.
    const percentile = (q: number) => {
      let seen = 0;
      return minutes.find((m) => (seen += perMinute.get(m)!) >= Math.ceil(q * called));
    };
    return { byStatus, byService, called, median: percentile(0.5), p90: percentile(0.9) };
  };
  const dayCount = (day: string): number => c.db.prepare('SELECT COUNT(*) FROM tickets WHERE day = ?').pluck().get(day) as number;

  // How fast is the bench's business (npm run bench, "reports"); here: the right figures, from the summaries.
  it('answers a year by service from the summaries, with the right figures', async () => {
    const readTickets = vi.spyOn(c.app.ctx.repos.stats, 'summaryTickets');
    const t0 = performance.now();
    const res = await c.api('GET', `/stats/report?from=${YEAR}-01-01&to=${YEAR}-12-31&groupBy=service`, { auth: manager });
    console.info(`year report by service over HTTP: ${(performance.now() - t0).toFixed(1)} ms`);
    expect(res.status).toBe(200);
    // Summarised once: a report of the year reads no day's tickets again.
    expect(readTickets).not.toHaveBeenCalled();
    readTickets.mockRestore();
    const { total, rows } = res.body;
    const e = expected();
    expect(total).toMatchObject({
      issued: TICKETS,
      served: e.byStatus.get('done'),
      noShows: e.byStatus.get('no_show'),
      expired: e.byStatus.get('expired'),
      called: e.called,
      medianWaitMinutes: e.median,
      p90WaitMinutes: e.p90,
    });
    expect(total.served).toBeGreaterThan(1_800_000);
    expect(rows).toHaveLength(12);
    for (const r of rows) expect(r.issued).toBe(e.byService.get(r.key));
    expect(total.p90WaitMinutes).toBeGreaterThan(total.medianWaitMinutes);
  });

  it('answers every other grouping of the year, and its CSV', async () => {
    for (const groupBy of ['day', 'hour', 'counter', 'clerk']) {
      const res = await c.api('GET', `/stats/report?from=${YEAR}-01-01&to=${YEAR}-12-31&groupBy=${groupBy}`, { auth: manager });
      expect(res.status).toBe(200);
      expect(res.body.total.issued).toBe(TICKETS);
      if (groupBy === 'day') {
        expect(res.body.rows).toHaveLength(DAYS);
        expect(res.body.rows[100].issued).toBe(dayCount(res.body.rows[100].key));
      }
      if (groupBy === 'hour') expect(res.body.rows.map((r: { key: string }) => r.key)).toEqual(['08', '09', '10', '11', '12', '13', '14', '15', '16']);
      if (groupBy === 'counter') expect(res.body.rows.at(-1)).toMatchObject({ label: NOT_AT_A_COUNTER, issued: res.body.total.expired });
    }
    const csv = await fetch(`${c.url}/api/v1/stats/report?from=${YEAR}-01-01&to=${YEAR}-12-31&groupBy=day&format=csv`, { headers: { authorization: `Bearer ${manager}` } });
    const text = await csv.text();
    expect(text.trimEnd().split('\r\n')).toHaveLength(1 + DAYS + 1);
  });

  it('keeps the live dashboard to today beside a year of history', async () => {
    const readTickets = vi.spyOn(c.app.ctx.repos.stats, 'summaryTickets');
    const res = await c.api('GET', '/stats/live', { auth: manager });
    expect(res.status).toBe(200);
    expect(readTickets).not.toHaveBeenCalled();
    readTickets.mockRestore();
  });
});
