import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.js';
import { ManualClock } from '../clock.js';
import type { QueueService } from './queue.service.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

// 08:00 in Nairobi (UTC+3) on a Monday.
const MORNING = Date.parse('2026-03-02T05:00:00Z');
const MIN = 60_000;

describe('queue engine', () => {
  let c: TestCentre;
  let clock: ManualClock;
  let q: QueueService;
  let clerk1: Actor;
  let clerk2: Actor;
  let manager: Actor;

  const user = (username: string): Actor => {
    const u = c.app.ctx.repos.users.byUsername(username)!;
    return { kind: 'user', id: u.id, username: u.username, displayName: u.displayName, role: u.role };
  };
  const issue = (code: string, priority: 'none' | 'pwd' | 'elderly' = 'none') =>
    q.issue({ serviceId: c.serviceId(code), priority, source: 'staff', deviceId: null, idempotencyKey: null }).then((r) => r.ticket);
  const counterWith = async (name: string, codes: string[], actor: Actor) => {
    const id = c.counterId(name);
    await c.app.ctx.admin.updateCounter(id, { serviceIds: codes.map((x) => c.serviceId(x)) }, null);
    await q.openCounter(id, actor);
    return id;
  };
  /** Calls next at a counter and finishes that customer, returning the label called. */
  const serveNext = async (counterId: string, actor: Actor) => {
    const t = await q.callNext(counterId, actor);
    if (!t) return null;
    await q.start(t.id, actor);
    await q.complete(t.id, actor);
    return t.label;
  };

  beforeEach(async () => {
    clock = new ManualClock(MORNING);
    c = await startTestCentre({ clock, ui: false });
    q = c.app.ctx.queue;
    clerk1 = user('wanjiru');
    clerk2 = user('otieno');
    manager = user('manager');
  });
  afterEach(() => c.close());

  describe('numbering', () => {
    it('numbers each service from 1 every day, as code + three digits', async () => {
      expect((await issue('A')).label).toBe('A001');
      expect((await issue('A')).label).toBe('A002');
      expect((await issue('B')).label).toBe('B001');
      clock.advanceMinutes(24 * 60);
      const next = await issue('A');
      expect(next.label).toBe('A001');
      expect(next.day).toBe('2026-03-03');
    });

    it('grows to four digits past 999 and never reuses a label in a day', async () => {
      c.db.prepare("INSERT INTO ticket_numbers (day, code, last_number) VALUES ('2026-03-02', 'A', 998)").run();
      expect((await issue('A')).label).toBe('A999');
      expect((await issue('A')).label).toBe('A1000');
    });

    it('counts the day in the centre time zone, not UTC', async () => {
      clock.set('2026-03-02T21:30:00Z'); // 00:30 on 3 March in Nairobi
      expect((await issue('A')).day).toBe('2026-03-03');
    });

    it('refuses an unknown or inactive service and issues nothing', async () => {
      await expect(q.issue({ serviceId: 'svc_nope', source: 'staff', deviceId: null, idempotencyKey: null })).rejects.toMatchObject({ status: 404 });
      await c.app.ctx.admin.updateService(c.serviceId('B'), { active: false }, null);
      await expect(issue('B')).rejects.toMatchObject({ status: 409, code: 'service-inactive' });
      expect(c.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(0);
      // Issuing reads services from a cache: a change is seen by the very next ticket, even in the same batch.
      const [, next] = await Promise.all([c.app.ctx.admin.updateService(c.serviceId('B'), { active: true }, null), issue('B')]);
      expect(next.label).toBe('B001');
    });

    it('returns the first ticket again for a repeated idempotency key', async () => {
      const first = await q.issue({ serviceId: c.serviceId('A'), source: 'kiosk', deviceId: null, idempotencyKey: 'tap-123456' });
      const again = await q.issue({ serviceId: c.serviceId('A'), source: 'kiosk', deviceId: null, idempotencyKey: 'tap-123456' });
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.ticket.id).toBe(first.ticket.id);
    });
  });

  describe('routing', () => {
    it('serves the services of a counter first come, first served', async () => {
      const counter = await counterWith('1', ['A', 'B'], clerk1);
      await issue('B');
      clock.advanceMinutes(1);
      await issue('A');
      clock.advanceMinutes(1);
      await issue('B');
      const order = [await serveNext(counter, clerk1), await serveNext(counter, clerk1), await serveNext(counter, clerk1), await serveNext(counter, clerk1)];
      expect(order).toEqual(['B001', 'A001', 'B002', null]);
    });

    it('gives priority customers a head start of 20 minutes, but never lets them starve others', async () => {
      const counter = await counterWith('1', ['A'], clerk1);
      await issue('A'); // A001 at 0
      clock.advanceMinutes(10);
      await issue('A', 'pwd'); // A002 at 10 → effective −10: ahead of A001
      clock.advanceMinutes(25);
      await issue('A', 'elderly'); // A003 at 35 → effective 15: behind A001 (0)
      clock.advanceMinutes(1);
      expect(await serveNext(counter, clerk1)).toBe('A002');
      expect(await serveNext(counter, clerk1)).toBe('A001');
      expect(await serveNext(counter, clerk1)).toBe('A003');
    });

    it('moves a counter’s preferred services earlier by the preference bonus', async () => {
      await c.app.ctx.admin.updateCentre({ preferenceBonusMinutes: 10 }, null);
      const counter = await counterWith('1', ['A', 'B'], clerk1);
      await issue('B'); // B001 at 0
      clock.advanceMinutes(5);
      await issue('A'); // A001 at 5, bonus 10 at this counter → effective −5
      clock.advanceMinutes(20);
      await issue('A'); // A002 at 25 → 15: after B001
      expect(await serveNext(counter, clerk1)).toBe('A001');
      expect(await serveNext(counter, clerk1)).toBe('B001');
      expect(await serveNext(counter, clerk1)).toBe('A002');
    });

    it('a transferred customer keeps their arrival time, so their place, in the new service', async () => {
      const idCounter = await counterWith('1', ['A'], clerk1);
      const certCounter = await counterWith('2', ['B'], clerk2);
      const x = await issue('A'); // at 0
      clock.advanceMinutes(5);
      await issue('B'); // B001 at 5
      const called = await q.callNext(idCounter, clerk1);
      await q.start(called!.id, clerk1);
      clock.advanceMinutes(10);
      const moved = await q.transfer(x.id, c.serviceId('B'), 'needs a birth certificate first', clerk1);
      expect(moved.status).toBe('waiting');
      expect(moved.serviceId).toBe(c.serviceId('B'));
      expect(moved.journey).toEqual([expect.objectContaining({ serviceId: c.serviceId('A'), counterId: idCounter, note: 'needs a birth certificate first' })]);
      expect(c.app.ctx.views.ticket(moved).position).toBe(1);
      expect(await serveNext(certCounter, clerk2)).toBe('A001');
      expect(await serveNext(certCounter, clerk2)).toBe('B001');
    });

    it('a reactivated no-show keeps their place', async () => {
      const counter = await counterWith('1', ['A'], clerk1);
      const first = await issue('A');
      clock.advanceMinutes(2);
      await issue('A');
      await q.callNext(counter, clerk1);
      await q.noShow(first.id, clerk1);
      const back = await q.requeue(first.id, clerk1);
      expect(back.status).toBe('waiting');
      expect(back.counterId).toBeNull();
      expect(await serveNext(counter, clerk1)).toBe('A001');
      expect(await serveNext(counter, clerk1)).toBe('A002');
    });

    it('two counters calling at the same moment never get the same ticket, and nobody is skipped', async () => {
      const counters = await Promise.all(
        [
          ['1', clerk1],
          ['2', clerk2],
          ['3', user('achieng')],
          ['4', user('kiprop')],
          ['5', user('mwangi')],
        ].map(([name, actor]) => counterWith(name as string, ['A'], actor as Actor).then((id) => ({ id, actor: actor as Actor }))),
      );
      for (let i = 0; i < 25; i++) {
        await issue('A');
        clock.advance(1000);
      }
      const taken: string[] = [];
      for (let round = 0; round < 5; round++) {
        const calls = await Promise.all(counters.map(({ id, actor }) => q.callNext(id, actor)));
        for (const [i, t] of calls.entries()) {
          taken.push(t!.label);
          await q.start(t!.id, counters[i]!.actor);
          await q.complete(t!.id, counters[i]!.actor);
        }
      }
      expect(new Set(taken).size).toBe(25);
      expect([...taken].sort()).toEqual(Array.from({ length: 25 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`));
      expect(await q.callNext(counters[0]!.id, clerk1)).toBeNull();
    });
  });

  describe('lifecycle and counters', () => {
    it('walks a ticket from waiting to done, logging every change with an increasing seq', async () => {
      const counter = await counterWith('1', ['A'], clerk1);
      const t = await issue('A');
      clock.advanceMinutes(3);
      await q.callNext(counter, clerk1);
      clock.advanceMinutes(1);
      const recalled = await q.recall(t.id, clerk1);
      expect(recalled.callCount).toBe(2);
      await q.start(t.id, clerk1);
      clock.advanceMinutes(4);
      const done = await q.complete(t.id, clerk1);
      expect(done).toMatchObject({ status: 'done', firstCalledAt: MORNING + 3 * MIN, servingAt: MORNING + 4 * MIN, doneAt: MORNING + 8 * MIN });
      const log = c.db.prepare('SELECT seq, type FROM events WHERE ticket_rowid = ? ORDER BY seq').all(t.rowid) as { seq: number; type: string }[];
      expect(log.map((e) => e.type)).toEqual(['ticket.issued', 'ticket.called', 'ticket.recalled', 'ticket.started', 'ticket.completed']);
      for (let i = 1; i < log.length; i++) expect(log[i]!.seq).toBeGreaterThan(log[i - 1]!.seq);
    });

    it('refuses steps that do not fit the ticket’s state, and says why', async () => {
      const counter = await counterWith('1', ['A'], clerk1);
      const t = await issue('A');
      await expect(q.complete(t.id, clerk1)).rejects.toMatchObject({ status: 409, code: 'wrong-state' });
      await q.callNext(counter, clerk1);
      await expect(q.callTicket(await counterWith('2', ['A'], clerk2), t.id, clerk2)).rejects.toMatchObject({
        status: 409,
        code: 'already-called',
        message: 'Counter 1 has already called A001.',
      });
    });

    it('keeps one clerk per counter and one counter per clerk', async () => {
      const one = await counterWith('1', ['A'], clerk1);
      await expect(q.openCounter(one, clerk2)).rejects.toMatchObject({ code: 'counter-taken' });
      await expect(q.openCounter(c.counterId('2'), clerk1)).rejects.toMatchObject({ code: 'clerk-has-counter' });
      await expect(q.callNext(one, clerk2)).rejects.toMatchObject({ status: 403 });
      // A manager may act at any counter.
      await issue('A');
      expect((await q.callNext(one, manager))?.label).toBe('A001');
    });

    it('lets a manager who holds a counter cover another clerk’s, and still keeps one counter per person', async () => {
      const mine = await counterWith('3', ['B'], manager);
      const theirs = await counterWith('1', ['A'], clerk1);
      await q.pauseCounter(theirs, clerk1);
      // The clerk forgot to resume: the manager opens the counter for them, and it stays theirs.
      const reopened = await q.openCounter(theirs, manager);
      expect(reopened).toMatchObject({ status: 'open', clerkId: clerk1.kind === 'user' ? clerk1.id : '' });
      expect(c.app.ctx.repos.counters.get(mine)).toMatchObject({ status: 'open', clerkId: manager.kind === 'user' ? manager.id : '' });
      // The manager calls there too, as a manager may at any counter; the ticket is the counter's clerk's.
      await issue('A');
      const called = await q.callNext(theirs, manager);
      expect(called).toMatchObject({ label: 'A001', counterId: theirs, clerkId: clerk1.kind === 'user' ? clerk1.id : '' });
      // A free counter would become the manager's own: one person, one counter.
      await expect(q.openCounter(c.counterId('2'), manager)).rejects.toMatchObject({ code: 'clerk-has-counter' });
      expect(c.app.ctx.repos.counters.get(c.counterId('2'))).toMatchObject({ status: 'closed', clerkId: null });
    });

    it('will not open or call at a counter the admin switched off', async () => {
      const one = await counterWith('1', ['A'], clerk1);
      await issue('A');
      // Switched off behind the queue's back (as before deactivation closed counters): nobody is called.
      const rec = c.app.ctx.repos.counters.get(one)!;
      c.app.ctx.repos.counters.update({ id: one, name: rec.name, zone: rec.zone, active: false });
      expect(c.app.ctx.repos.counters.openCountsByService().get(c.serviceId('A')) ?? 0).toBe(0);
      await expect(q.callNext(one, clerk1)).rejects.toMatchObject({ status: 409, code: 'counter-inactive' });
      await expect(q.callTicket(one, (await issue('A')).id, clerk1)).rejects.toMatchObject({ code: 'counter-inactive' });
      await q.closeCounter(one, clerk1);
      await expect(q.openCounter(one, clerk1)).rejects.toMatchObject({ code: 'counter-inactive' });
    });

    it('will not call while paused, closed or still with a customer', async () => {
      const one = await counterWith('1', ['A'], clerk1);
      await issue('A');
      await issue('A');
      const t = await q.callNext(one, clerk1);
      await expect(q.callNext(one, clerk1)).rejects.toMatchObject({ code: 'counter-busy' });
      await expect(q.closeCounter(one, clerk1)).rejects.toMatchObject({ code: 'counter-busy' });
      await q.noShow(t!.id, clerk1);
      await q.pauseCounter(one, clerk1);
      await expect(q.callNext(one, clerk1)).rejects.toMatchObject({ code: 'counter-paused' });
      await q.closeCounter(one, clerk1);
      await expect(q.callNext(one, clerk1)).rejects.toMatchObject({ status: 403 });
    });

    it('lets a clerk act only on tickets their own counter holds', async () => {
      const one = await counterWith('1', ['A'], clerk1);
      await counterWith('2', ['A'], clerk2);
      const t = await issue('A');
      await q.callNext(one, clerk1);
      await expect(q.start(t.id, clerk2)).rejects.toMatchObject({ status: 403, code: 'not-your-ticket', message: 'Counter 1 has A001, not your counter.' });
      await expect(q.transfer(t.id, c.serviceId('B'), undefined, clerk2)).rejects.toMatchObject({ status: 403 });
    });
  });

  describe('services a counter serves', () => {
    it('will not call, cancel or reactivate a ticket of a service the clerk’s counter does not serve', async () => {
      const one = await counterWith('1', ['A'], clerk1);
      const h = await issue('H');
      await expect(q.callTicket(one, h.id, clerk1)).rejects.toMatchObject({ status: 409, code: 'not-served-here' });
      await expect(q.cancel(h.id, clerk1)).rejects.toMatchObject({ status: 403, code: 'not-your-service' });
      // A manager may still call it anywhere.
      await q.closeCounter(one, clerk1);
      await q.openCounter(one, manager);
      expect((await q.callTicket(one, h.id, manager)).status).toBe('called');
    });

    it('closes a deactivated clerk’s idle counter with an event', async () => {
      const one = await counterWith('1', ['A'], clerk1);
      await q.releaseClerk(clerk1.kind === 'user' ? clerk1.id : '');
      expect(c.app.ctx.repos.counters.get(one)).toMatchObject({ status: 'closed', clerkId: null });
      expect(c.db.prepare("SELECT COUNT(*) FROM events WHERE counter_id = ? AND type = 'counter.closed'").pluck().get(one)).toBe(1);
    });
  });

  describe('day close', () => {
    it('expires what is still open from yesterday and leaves today alone', async () => {
      const counter = await counterWith('1', ['A'], clerk1);
      const waiting = await issue('A');
      const called = await issue('A');
      await q.callTicket(counter, called.id, clerk1);
      clock.advanceMinutes(24 * 60);
      const today = await issue('A');
      expect(await q.closeDay()).toBe(2);
      const status = (id: string) => c.app.ctx.repos.tickets.byId(id)!.status;
      expect(status(waiting.id)).toBe('expired');
      expect(status(called.id)).toBe('expired');
      expect(status(today.id)).toBe('waiting');
      expect(await q.closeDay()).toBe(0);
      // The counter left open since yesterday is closed, with its event, so today starts clean.
      expect(c.app.ctx.repos.counters.get(counter)).toMatchObject({ status: 'closed', clerkId: null });
      expect(c.db.prepare("SELECT COUNT(*) FROM events WHERE counter_id = ? AND type = 'counter.closed'").pluck().get(counter)).toBe(1);
      // Yesterday's leftovers are never routed today.
      await q.openCounter(counter, clerk1);
      expect((await q.callNext(counter, clerk1))?.id).toBe(today.id);
    });
  });

  describe('position and estimated wait', () => {
    it('is people ahead × recent service time ÷ open counters serving the service', async () => {
      // Demo service A has a typical service time of 6 minutes.
      const one = await counterWith('1', ['A'], clerk1);
      const tickets = [];
      for (let i = 0; i < 5; i++) tickets.push(await issue('A'));
      const last = tickets[4]!;
      expect(c.app.ctx.views.ticket(last)).toMatchObject({ position: 5, estimatedWaitMinutes: 24 });
      await counterWith('2', ['A'], clerk2);
      expect(c.app.ctx.views.ticket(last)).toMatchObject({ position: 5, estimatedWaitMinutes: 12 });
      // Today's real service times move the typical one towards them, a fifth per customer served: two
      // served in 2 minutes each make 0.4 × 2 + 0.6 × 6 = 4.4 minutes a person (never below half of 6).
      for (let i = 0; i < 2; i++) {
        const t = await q.callNext(one, clerk1);
        await q.start(t!.id, clerk1);
        clock.advanceMinutes(2);
        await q.complete(t!.id, clerk1);
      }
      expect(c.app.ctx.views.ticket(last)).toMatchObject({ position: 3, estimatedWaitMinutes: 4 });
    });
  });
});
