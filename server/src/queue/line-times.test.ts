// The wait in the line a ticket is in now: the queue keeps when the ticket joined that line (issue,
// transfer, a no-show put back) and its first call there (a recall does not move it). Also the migration
// that added these columns, on rows written before it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../auth/actor.js';
import { ManualClock } from '../clock.js';
import { MIGRATIONS_DIR, migrate } from '../db/migrate.js';
import type { QueueService } from './queue.service.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

// 08:00 in Nairobi (UTC+3) on a Monday.
const MORNING = Date.parse('2026-03-02T05:00:00Z');
const MIN = 60_000;

describe('the time a ticket joined its line and was first called there', () => {
  let c: TestCentre;
  let clock: ManualClock;
  let q: QueueService;
  let clerk: Actor;
  let manager: Actor;

  const user = (username: string): Actor => {
    const u = c.app.ctx.repos.users.byUsername(username)!;
    return { kind: 'user', id: u.id, username: u.username, displayName: u.displayName, role: u.role };
  };
  const view = (id: string) => c.app.ctx.views.ticket(c.app.ctx.repos.tickets.byId(id)!);

  beforeEach(async () => {
    clock = new ManualClock(MORNING);
    c = await startTestCentre({ clock, ui: false });
    q = c.app.ctx.queue;
    clerk = user('wanjiru');
    manager = user('manager');
    const counter = c.counterId('1');
    await c.app.ctx.admin.updateCounter(counter, { serviceIds: [c.serviceId('A'), c.serviceId('B')] }, null);
    await q.openCounter(counter, clerk);
  });
  afterEach(() => c.close());

  it('joins at issue, is first called once, and a recall leaves that call', async () => {
    const t = (await q.issue({ serviceId: c.serviceId('A'), priority: 'none', source: 'staff', deviceId: null, idempotencyKey: null })).ticket;
    expect(t.queuedAt).toBe(MORNING);
    expect(t.lineCalledAt).toBeNull();
    clock.advanceMinutes(10);
    await q.callNext(c.counterId('1'), clerk);
    clock.advanceMinutes(3);
    const recalled = await q.recall(t.id, clerk);
    expect(recalled.calledAt).toBe(MORNING + 13 * MIN);
    expect(recalled.lineCalledAt).toBe(MORNING + 10 * MIN);
    expect(view(t.id)).toMatchObject({ queuedAt: new Date(MORNING).toISOString(), lineCalledAt: new Date(MORNING + 10 * MIN).toISOString() });
  });

  it('joins anew at a transfer and at a no-show put back in line, each with its own first call', async () => {
    const t = (await q.issue({ serviceId: c.serviceId('A'), priority: 'none', source: 'staff', deviceId: null, idempotencyKey: null })).ticket;
    clock.advanceMinutes(20);
    await q.callNext(c.counterId('1'), clerk);
    await q.start(t.id, clerk);
    clock.advanceMinutes(5);
    const moved = await q.transfer(t.id, c.serviceId('B'), undefined, clerk);
    expect([moved.queuedAt, moved.lineCalledAt, moved.firstCalledAt]).toEqual([MORNING + 25 * MIN, null, MORNING + 20 * MIN]);

    clock.advanceMinutes(12);
    await q.callNext(c.counterId('1'), clerk);
    clock.advanceMinutes(2);
    const recalled = await q.recall(t.id, clerk);
    expect([recalled.queuedAt, recalled.lineCalledAt]).toEqual([MORNING + 25 * MIN, MORNING + 37 * MIN]);

    clock.advanceMinutes(2);
    await q.noShow(t.id, clerk);
    clock.advanceMinutes(30);
    const back = await q.requeue(t.id, manager);
    expect([back.status, back.queuedAt, back.lineCalledAt]).toEqual(['waiting', MORNING + 71 * MIN, null]);
    clock.advanceMinutes(4);
    const again = await q.callNext(c.counterId('1'), clerk);
    expect(again?.id).toBe(t.id);
    expect([again!.queuedAt, again!.lineCalledAt, again!.firstCalledAt]).toEqual([MORNING + 71 * MIN, MORNING + 75 * MIN, MORNING + 20 * MIN]);
    expect(view(t.id)).toMatchObject({ queuedAt: new Date(MORNING + 71 * MIN).toISOString(), lineCalledAt: new Date(MORNING + 75 * MIN).toISOString() });
  });
});

describe('migration 0004 on tickets written before it', () => {
  it('takes the line joined from the last transfer, else the issue, and its first call there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'foleni-line-times-'));
    try {
      const all = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql'));
      const earlier = all.filter((f) => f < '0004');
      const mk = (sub: string, files: string[]) => {
        const d = mkdtempSync(join(dir, sub));
        for (const f of files) copyFileSync(join(MIGRATIONS_DIR, f), join(d, f));
        return d;
      };
      const db = new Database(join(dir, 'old.db'));
      db.pragma('foreign_keys = OFF');
      migrate(db, mk('old-', earlier));
      const add = db.prepare(
        `INSERT INTO tickets (id, day, service_id, number, label, issued_at, arrival_at, first_called_at, called_at, status, journey)
         VALUES (?, '2026-03-02', 'svc', ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      add.run('plain', 1, 'A001', MORNING, MORNING, MORNING + 10 * MIN, MORNING + 13 * MIN, 'done', '[]');
      const journey = JSON.stringify([{ serviceId: 'a', at: new Date(MORNING + 25 * MIN + 123).toISOString(), counterId: null, note: null }]);
      add.run('moved', 2, 'A002', MORNING, MORNING, MORNING + 20 * MIN, MORNING + 37 * MIN, 'called', journey);
      add.run('waiting', 3, 'A003', MORNING, MORNING, null, null, 'waiting', '[]');
      expect(migrate(db, mk('new-', all)).some((f) => f.startsWith('0004-'))).toBe(true);
      const rows = db.prepare('SELECT id, queued_at, line_called_at FROM tickets ORDER BY rowid').raw().all();
      expect(rows).toEqual([
        ['plain', MORNING, MORNING + 10 * MIN],
        ['moved', MORNING + 25 * MIN + 123, MORNING + 37 * MIN],
        ['waiting', MORNING, null],
      ]);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
