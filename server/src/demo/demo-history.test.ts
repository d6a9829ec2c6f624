// The demo's past weeks: a new demo centre started with FOLENI_DEMO_HISTORY=1 has a month of plausible
// days in its reports, its summaries are what a rebuild makes, a second start adds nothing, and the rows
// the fast writer leaves are exactly those the real QueueService leaves for the same day.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf, ManualClock } from '../clock.js';
import type { Db } from '../db/db.js';
import { CentreService } from '../queue/centre.service.js';
import { QueueService } from '../queue/queue.service.js';
import type { RunningServer } from '../run-server.js';
import { runServer } from '../run-server.js';
import { DEMO_STAFF_PASSWORD, startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';
import { demoPlace, replayDay, seedDemoHistory, simulateDay, writeDay } from './demo-history.js';
import type { SimDay } from './demo-history.js';
import { demoEnv } from './demo-test-env.js';
import { centreTime, seededRandom } from './past-days.js';

const TZ = 'Africa/Nairobi';
const time = centreTime(TZ);

const count = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;

describe('a new demo centre with its history', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'foleni-history-'));
  let server: RunningServer;
  let token: string;
  const today = dayOf(Date.now(), TZ);
  const from = time.addDays(today, -28);
  const to = time.addDays(today, -1);

  const report = async (groupBy: string) => {
    const res = await fetch(`${server.url}/api/v1/stats/report?from=${from}&to=${to}&groupBy=${groupBy}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the report's rows, read field by field
    return (await res.json()) as any;
  };

  beforeAll(async () => {
    server = await runServer(await demoEnv(dataDir, { FOLENI_DEMO_HISTORY: '1' }));
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'manager', password: DEMO_STAFF_PASSWORD }),
    });
    token = ((await login.json()) as { token: string }).token;
    // The screens' seq has caught up with the seeded days, so their first push is no gap.
    expect(server.app.gateway.currentSeq()).toBe(server.app.ctx.repos.events.lastSeq());
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows tickets on every opening day of the last four weeks, none on Sundays or today', async () => {
    const byDay = await report('day');
    expect(byDay.rows).toHaveLength(28);
    for (const row of byDay.rows) {
      if (time.weekday(row.key) === 0) expect(row.issued, row.key).toBe(0);
      else {
        expect(row.issued, row.key).toBeGreaterThanOrEqual(300);
        expect(row.issued, row.key).toBeLessThanOrEqual(900);
        expect(row.served, row.key).toBeGreaterThan(row.issued * 0.85);
      }
    }
    // Mondays are busier than Saturdays.
    const mean = (wd: number) => {
      const rows = byDay.rows.filter((r: { key: string }) => time.weekday(r.key) === wd);
      return rows.reduce((a: number, r: { issued: number }) => a + r.issued, 0) / rows.length;
    };
    expect(mean(1)).toBeGreaterThan(mean(6) * 1.5);
    const todayRes = await fetch(`${server.url}/api/v1/stats/report?from=${today}&to=${today}&groupBy=service`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await todayRes.json()) as { total: { issued: number } }).total.issued).toBe(0);
  });

  it('has plausible waits, service times, no-shows, priority and transfers', async () => {
    const { total, rows } = await report('service');
    expect(rows).toHaveLength(12);
    for (const r of rows) {
      expect(r.issued, r.label).toBeGreaterThan(0);
      expect(r.medianWaitMinutes, r.label).toBeGreaterThanOrEqual(0);
      expect(r.medianWaitMinutes, r.label).toBeLessThan(30);
      expect(r.p90WaitMinutes, r.label).toBeGreaterThanOrEqual(r.medianWaitMinutes);
      expect(r.averageServiceMinutes, r.label).toBeGreaterThan(1.5);
      expect(r.averageServiceMinutes, r.label).toBeLessThan(10);
    }
    // Mostly within target, some over.
    expect(total.withinTargetShare).toBeGreaterThan(0.6);
    expect(total.withinTargetShare).toBeLessThan(0.98);
    expect(total.p90WaitMinutes).toBeGreaterThan(total.medianWaitMinutes);
    expect(total.noShowRate).toBeGreaterThan(0.01);
    expect(total.noShowRate).toBeLessThan(0.08);
    expect(total.cancelled).toBeGreaterThan(0);
    // Some served citizens rated their visit, mostly well, and a few wrote a word.
    expect(total.feedbackCount / total.served).toBeGreaterThan(0.08);
    expect(total.feedbackCount / total.served).toBeLessThan(0.16);
    expect(total.feedbackAverage).toBeGreaterThan(3.3);
    expect(total.feedbackAverage).toBeLessThan(4.5);

    const db = server.app.ctx.db;
    const priority = count(db, "SELECT COUNT(*) FROM tickets WHERE priority <> 'none'") / count(db, 'SELECT COUNT(*) FROM tickets');
    expect(priority).toBeGreaterThan(0.03);
    expect(priority).toBeLessThan(0.08);
    expect(count(db, "SELECT COUNT(*) FROM events WHERE type = 'ticket.transferred'")).toBeGreaterThan(20);
    expect(count(db, "SELECT COUNT(*) FROM events WHERE type = 'ticket.expired'")).toBeGreaterThan(0);
  });

  it('has a morning peak, and nobody issued outside opening hours', async () => {
    const { rows } = await report('hour');
    const issued = new Map<string, number>(rows.map((r: { key: string; issued: number }) => [r.key, r.issued]));
    expect([...issued.keys()].sort()).toEqual(['08', '09', '10', '11', '12', '13', '14', '15', '16']);
    expect(issued.get('09')!).toBeGreaterThan(issued.get('15')! * 1.5);
    const clerks = await report('clerk');
    // Ten clerks, one per counter, and the few tickets nobody called.
    expect(clerks.rows.filter((r: { key: string }) => r.key !== '')).toHaveLength(10);
  });

  it('leaves the past closed, numbered and logged as the queue does', () => {
    const db = server.app.ctx.db;
    expect(count(db, "SELECT COUNT(*) FROM tickets WHERE status IN ('waiting', 'called', 'serving', 'no_show')")).toBe(0);
    expect(count(db, "SELECT COUNT(*) FROM counters WHERE status <> 'closed' OR clerk_id IS NOT NULL")).toBe(0);
    // One global log in time order, without gaps.
    const events = db.prepare('SELECT seq, at FROM events ORDER BY seq').raw().all() as [number, number][];
    expect(events.length).toBeGreaterThan(50_000);
    const outOfStep = events.filter(([seq, at], i) => i > 0 && (seq !== events[i - 1]![0] + 1 || at < events[i - 1]![1]));
    expect(outOfStep).toEqual([]);
    // The last number of each service on each day is the number of its tickets that day.
    const numbering = db
      .prepare(
        `SELECT n.day, n.code, n.last_number, COUNT(t.rowid) AS tickets, MAX(t.number) AS top FROM ticket_numbers n
         JOIN tickets t ON t.day = n.day AND t.label GLOB n.code || '[0-9]*'
         GROUP BY n.day, n.code`,
      )
      .all() as { last_number: number; tickets: number; top: number }[];
    expect(numbering.length).toBeGreaterThan(400);
    for (const n of numbering) expect([n.tickets, n.top]).toEqual([n.last_number, n.last_number]);
  });

  it('has summaries equal to a rebuild, fresh for reports', () => {
    const { db, stats, repos } = server.app.ctx;
    const rows = () => db.prepare('SELECT * FROM stats_daily ORDER BY dim, day, key').all();
    const before = rows();
    expect(before.length).toBeGreaterThan(1000);
    // Nothing is out of date: a report summarises no day again.
    expect(stats.reports.ensureFresh(time.addDays(today, -60), to)).toBe(0);
    const built = repos.stats.builtDays(time.addDays(today, -60), to);
    for (const [day, b] of built) expect(b.builtSeq, day).toBe(repos.stats.lastSeqOn(day));
    expect(built.size).toBe(48);
    stats.reports.build([...built.keys()]);
    expect(rows()).toEqual(before);
  });

  it('does nothing the second time: not at the next start, nor when asked again', async () => {
    const db = server.app.ctx.db;
    const tickets = count(db, 'SELECT COUNT(*) FROM tickets');
    const lastSeq = count(db, 'SELECT MAX(seq) FROM events');
    const users = count(db, 'SELECT COUNT(*) FROM users');
    await server.close();
    server = await runServer(await demoEnv(dataDir, { FOLENI_DEMO_HISTORY: '1' }));
    const again = server.app.ctx.db;
    expect(await seedDemoHistory(server.app.ctx)).toMatchObject({ seeded: false, tickets: 0 });
    expect([count(again, 'SELECT COUNT(*) FROM tickets'), count(again, 'SELECT MAX(seq) FROM events'), count(again, 'SELECT COUNT(*) FROM users')]).toEqual([
      tickets,
      lastSeq,
      users,
    ]);
  });
});

describe('a simulated day, written directly and lived through the real QueueService', () => {
  let c: TestCentre;
  // Two Mondays a week apart: the same seed simulates the same day, a week later.
  const WRITTEN = '2025-03-03';
  const REPLAYED = '2025-03-10';
  const SHIFT = 7 * 86_400_000;

  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
  });
  afterAll(async () => {
    await c.close();
  });

  /** A day's rows with what must differ (random ids, row numbers, the date) taken out. */
  function dayRows(day: string, shift: number) {
    const db = c.db;
    const t = (v: number | null) => (v === null ? null : v - shift);
    const tickets = db.prepare('SELECT * FROM tickets WHERE day = ? ORDER BY rowid').all(day) as Record<string, unknown>[];
    const index = new Map(tickets.map((r, i) => [r.rowid as number, i]));
    return {
      tickets: tickets.map(({ rowid: _r, id: _i, day: _d, issued_at, arrival_at, first_called_at, called_at, serving_at, done_at, queued_at, line_called_at, journey, ...rest }) => ({
        ...rest,
        times: [issued_at, arrival_at, first_called_at, called_at, serving_at, done_at, queued_at, line_called_at].map((v) => t(v as number | null)),
        journey: (JSON.parse(journey as string) as { at: string }[]).map((j) => ({ ...j, at: Date.parse(j.at) - shift })),
      })),
      events: (db.prepare('SELECT * FROM events WHERE day = ? ORDER BY seq').all(day) as Record<string, unknown>[]).map(({ seq: _s, day: _d, at, ticket_rowid, data, ...rest }) => ({
        ...rest,
        at: t(at as number),
        ticket: ticket_rowid === null ? null : index.get(ticket_rowid as number),
        data: JSON.parse(data as string) as unknown,
      })),
      numbers: db.prepare('SELECT code, last_number FROM ticket_numbers WHERE day = ? ORDER BY code').all(day),
    };
  }

  it('leaves exactly the same tickets, events and numbers', async () => {
    const ctx = c.app.ctx;
    const { place, actors } = await demoPlace(ctx);
    const clock = new ManualClock(time.localTime(WRITTEN, '06:00'));
    const queue = new QueueService(ctx.repos, ctx.writes, clock, new CentreService(ctx.repos, clock));
    const closeDayAfter = async (day: string) => {
      clock.set(time.localTime(time.addDays(day, 1), '00:01'));
      await queue.closeDay();
    };

    const written: SimDay = simulateDay(place, WRITTEN, seededRandom(2));
    const replayed: SimDay = simulateDay(place, REPLAYED, seededRandom(2));
    expect(replayed.steps.map((s) => s.at - SHIFT)).toEqual(written.steps.map((s) => s.at));
    // The day has every kind of step in it.
    const ops = new Set(written.steps.map((s) => s.op));
    expect([...ops].sort()).toEqual(['call', 'cancel', 'close', 'complete', 'issue', 'no-show', 'open', 'pause', 'recall', 'start', 'transfer']);
    expect(written.tickets.some((t) => t.priority !== 'none')).toBe(true);

    await ctx.writes.run(() => writeDay(ctx.repos, place, written));
    await closeDayAfter(WRITTEN);
    clock.set(time.localTime(REPLAYED, '06:00'));
    await replayDay(queue, clock, actors, replayed);
    await closeDayAfter(REPLAYED);

    const a = dayRows(WRITTEN, 0);
    const b = dayRows(REPLAYED, SHIFT);
    expect(a.tickets.length).toBeGreaterThan(500);
    expect(b.tickets).toEqual(a.tickets);
    expect(b.events).toEqual(a.events);
    expect(b.numbers).toEqual(a.numbers);
  }, 120_000);
});
