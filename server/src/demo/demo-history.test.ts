// The demo's past weeks: a new demo centre started with FOLENI_DEMO_HISTORY=1 has a month of plausible
// days in its reports, lived by the queue engine (its event log, replayed, gives every ticket's final state
// and never puts a ticket or a counter in two places), its summaries are what a rebuild makes, and a second
// start adds nothing. A day lived on a test centre shows every kind of step and how the day close ends it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../clock.js';
import type { Db } from '../db/db.js';
import type { RunningServer } from '../run-server.js';
import { runServer } from '../run-server.js';
import { DEMO_STAFF_PASSWORD, startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';
import { demoPlace, liveDay, pastDays, pastEngine, seedDemoHistory } from './demo-history.js';
import { DEMO_HOLIDAYS } from './demo-centre.js';
import { demoEnv } from './demo-test-env.js';
import { centreTime, seededRandom } from './past-days.js';

const TZ = 'Africa/Nairobi';
const time = centreTime(TZ);

const count = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;

interface EventRow {
  seq: number;
  at: number;
  day: string;
  type: string;
  ticket_rowid: number | null;
  service_id: string | null;
  counter_id: string | null;
  data: string | null;
}

/** The statuses each ticket event may start from (the engine's own rules, as the counter screens see them). */
const FROM: Record<string, readonly (string | null)[]> = {
  'ticket.issued': [null],
  'ticket.called': ['waiting'],
  'ticket.recalled': ['called'],
  'ticket.started': ['called'],
  'ticket.completed': ['serving'],
  'ticket.no_show': ['called'],
  'ticket.transferred': ['called', 'serving'],
  // A journey's ticket going on to another step's line: on completing a step, or sent there by the clerk.
  'ticket.stepped': ['called', 'serving'],
  'ticket.requeued': ['called', 'no_show'],
  'ticket.cancelled': ['waiting', 'called', 'no_show'],
  'ticket.expired': ['waiting', 'called', 'serving', 'no_show'],
};
const HELD = new Set(['called', 'serving']);

/**
 * Replays the event log from nothing: each ticket's status, service, counter and calls, and each counter's
 * status and the ticket it holds. Lists every step that breaks a rule (a ticket moved from a status it
 * was not in, or held by two counters, a counter calling while closed or holding two tickets, closing
 * with someone at it). The tickets' state at the end is what their rows must say.
 */
function replayLog(events: Iterable<EventRow>) {
  const tickets = new Map<number, { status: string; serviceId: string; counterId: string | null; calls: number; day: string }>();
  const counters = new Map<string, { status: string; holds: number | null }>();
  const broken: string[] = [];
  const counterOf = (id: string) => counters.get(id) ?? counters.set(id, { status: 'closed', holds: null }).get(id)!;
  for (const e of events) {
    const data = (e.data ? JSON.parse(e.data) : {}) as { status?: string; from?: string; to?: string };
    if (e.type.startsWith('counter.')) {
      const c = counterOf(e.counter_id!);
      if (data.from !== c.status) broken.push(`${e.seq}: ${e.type} from ${data.from} but the counter was ${c.status}`);
      if (e.type === 'counter.closed' && c.holds !== null) broken.push(`${e.seq}: closed with ticket ${c.holds} at it`);
      c.status = e.type.slice('counter.'.length);
      continue;
    }
    const rowid = e.ticket_rowid!;
    const t = tickets.get(rowid);
    if (!(FROM[e.type] ?? []).includes(t?.status ?? null)) broken.push(`${e.seq}: ${e.type} of ticket ${rowid} from ${t?.status ?? 'nothing'}`);
    const now = t ?? { status: 'waiting', serviceId: e.service_id!, counterId: null, calls: 0, day: e.day };
    if (e.day !== now.day) broken.push(`${e.seq}: an event of ticket ${rowid} (of ${now.day}) logged on ${e.day}`);
    // Letting go of a counter, then taking one.
    if (now.counterId && HELD.has(now.status) && !HELD.has(data.status ?? '')) counterOf(now.counterId).holds = null;
    if (e.type === 'ticket.called') {
      const c = counterOf(e.counter_id!);
      if (c.status !== 'open') broken.push(`${e.seq}: ticket ${rowid} called by a ${c.status} counter`);
      if (c.holds !== null) broken.push(`${e.seq}: ticket ${rowid} called by a counter holding ${c.holds}`);
      c.holds = rowid;
      now.counterId = e.counter_id;
    }
    if (e.type === 'ticket.called' || e.type === 'ticket.recalled') now.calls++;
    if (e.type === 'ticket.requeued' || e.type === 'ticket.stepped') now.counterId = null;
    if (e.type === 'ticket.transferred') {
      if (data.from !== now.serviceId) broken.push(`${e.seq}: ticket ${rowid} transferred from ${data.from}, but it was in ${now.serviceId}`);
      now.counterId = null;
    }
    now.serviceId = e.service_id!;
    now.status = data.status ?? '?';
    tickets.set(rowid, now);
  }
  return { tickets, counters, broken };
}

describe('a new demo centre with its history', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'foleni-history-'));
  let server: RunningServer;
  let token: string;
  const today = dayOf(Date.now(), TZ);
  const from = time.addDays(today, -28);
  const to = time.addDays(today, -1);
  /** Monday to Saturday of the eight weeks before today, less the holidays among them. */
  const openingDays = 48 - DEMO_HOLIDAYS.filter((d) => d >= time.addDays(today, -56) && d < today && time.weekday(d) !== 0).length;

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

  it('shows tickets on every opening day of the last four weeks, none on Sundays, holidays or today', async () => {
    const byDay = await report('day');
    expect(byDay.rows).toHaveLength(28);
    for (const row of byDay.rows) {
      if (time.weekday(row.key) === 0 || DEMO_HOLIDAYS.includes(row.key)) expect(row.issued, row.key).toBe(0);
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

  it('lives Monday to Saturday of the eight weeks before today, but for holidays, 300 to 900 tickets a day', () => {
    const db = server.app.ctx.db;
    const perDay = db.prepare('SELECT day, COUNT(*) AS n FROM tickets GROUP BY day ORDER BY day').all() as { day: string; n: number }[];
    expect(perDay.map((d) => d.day)).toEqual(pastDays({ timezone: TZ, week: server.app.ctx.centre.get().openingHours }, today, 8));
    expect(perDay).toHaveLength(openingDays);
    for (const { day, n } of perDay) {
      expect(time.weekday(day), day).not.toBe(0);
      expect(n, day).toBeGreaterThanOrEqual(300);
      expect(n, day).toBeLessThanOrEqual(900);
    }
    // A Saturday is the centre's half day, 09:00 to 13:00.
    const saturdays = perDay.filter(({ day }) => time.weekday(day) === 6);
    expect(saturdays.length).toBeGreaterThanOrEqual(7);
    for (const { day } of saturdays) {
      const [first, last] = db.prepare('SELECT MIN(issued_at), MAX(issued_at) FROM tickets WHERE day = ?').raw().get(day) as [number, number];
      expect(first, day).toBeGreaterThanOrEqual(time.localTime(day, '09:00'));
      expect(last, day).toBeLessThan(time.localTime(day, '13:00'));
    }
    // Each ticket's times fall on its own day (the clock followed the days).
    const offDay = (db.prepare('SELECT day, issued_at, done_at FROM tickets').raw().all() as [string, number, number | null][]).filter(
      ([day, issued, done]) => dayOf(issued, TZ) !== day || (done !== null && dayOf(done, TZ) !== day && dayOf(done, TZ) !== time.addDays(day, 1)),
    );
    expect(offDay).toEqual([]);
  });

  it('has an event log that, replayed, gives each ticket its row and never puts a ticket or a counter in two places', () => {
    const db = server.app.ctx.db;
    const { tickets, counters, broken } = replayLog(db.prepare('SELECT seq, at, day, type, ticket_rowid, service_id, counter_id, data FROM events ORDER BY seq').iterate() as Iterable<EventRow>);
    expect(broken).toEqual([]);
    const rows = db.prepare('SELECT rowid, day, status, service_id, counter_id, call_count FROM tickets ORDER BY rowid').all() as {
      rowid: number;
      day: string;
      status: string;
      service_id: string;
      counter_id: string | null;
      call_count: number;
    }[];
    expect(tickets.size).toBe(rows.length);
    const differ = rows.filter((r) => {
      const t = tickets.get(r.rowid);
      return !t || t.status !== r.status || t.serviceId !== r.service_id || t.counterId !== r.counter_id || t.calls !== r.call_count || t.day !== r.day;
    });
    expect(differ).toEqual([]);
    // Every ticket ends done, a no-show, cancelled or expired; every counter closed and holding nobody.
    expect(new Set([...tickets.values()].map((t) => t.status))).toEqual(new Set(['done', 'cancelled', 'expired']));
    expect([...counters.values()].filter((c) => c.status !== 'closed' || c.holds !== null)).toEqual([]);
    expect(counters.size).toBe(10);
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
    expect(built.size).toBe(openingDays);
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


describe('a past day lived through the engine', () => {
  let c: TestCentre;
  const DAY = '2025-03-03'; // a Monday
  const NEXT = '2025-03-04';

  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
  });
  afterAll(async () => {
    await c.close();
  });

  it('takes every kind of step on its own day, and the day close expires what it left open', async () => {
    const ctx = c.app.ctx;
    const place = await demoPlace(ctx);
    const engine = pastEngine(ctx, time.localTime(DAY, '00:00'));
    const firstSeq = ctx.repos.events.lastSeq();
    const issued = await liveDay(engine, place, DAY, seededRandom(2));
    expect(issued).toBeGreaterThanOrEqual(300);
    expect(count(c.db, 'SELECT COUNT(*) FROM tickets WHERE day = ?', DAY)).toBe(issued);
    const types = new Set(c.db.prepare('SELECT DISTINCT type FROM events WHERE seq > ?').pluck().all(firstSeq) as string[]);
    for (const type of ['ticket.issued', 'ticket.called', 'ticket.recalled', 'ticket.started', 'ticket.completed', 'ticket.no_show', 'ticket.transferred', 'ticket.cancelled', 'counter.open', 'counter.paused', 'counter.closed']) {
      expect(types, type).toContain(type);
    }
    // Numbering is the day's own: each service's first ticket is its 1.
    expect(c.db.prepare('SELECT DISTINCT MIN(number) FROM tickets WHERE day = ? GROUP BY service_id').pluck().all(DAY)).toEqual([1]);
    const open = count(c.db, "SELECT COUNT(*) FROM tickets WHERE day = ? AND status IN ('waiting', 'called', 'serving', 'no_show')", DAY);
    expect(open).toBeGreaterThan(0);

    // Just after midnight, on the engine's clock: the day close expires them on their own day.
    const midnight = time.localTime(NEXT, '00:01');
    engine.clock.set(midnight);
    expect(await engine.queue.closeDay()).toBe(open);
    expect(count(c.db, "SELECT COUNT(*) FROM tickets WHERE day = ? AND status IN ('waiting', 'called', 'serving', 'no_show')", DAY)).toBe(0);
    const expired = c.db.prepare("SELECT DISTINCT day, at FROM events WHERE type = 'ticket.expired' AND seq > ?").all(firstSeq);
    expect(expired).toEqual([{ day: DAY, at: midnight }]);

    // The next day starts its numbers again and is logged as its own.
    await liveDay(engine, place, NEXT, seededRandom(3));
    expect(c.db.prepare('SELECT DISTINCT MIN(number) FROM tickets WHERE day = ? GROUP BY service_id').pluck().all(NEXT)).toEqual([1]);
    const { broken } = replayLog(c.db.prepare('SELECT seq, at, day, type, ticket_rowid, service_id, counter_id, data FROM events WHERE seq > ? ORDER BY seq').iterate(firstSeq) as Iterable<EventRow>);
    expect(broken).toEqual([]);
  }, 120_000);
});
