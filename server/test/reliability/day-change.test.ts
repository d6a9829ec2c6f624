// The day changes while tickets are open, and the clock jumps (an NTP correction, a laptop whose battery
// died, a server off over a weekend). Open tickets of a past day expire and free their counters;
// numbering restarts and never repeats a label within a day; nothing answered is lost; and a clock that
// goes back never lets a later ticket go ahead of an earlier one, nor makes a wait negative.
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { startTestCentre } from '../../src/testing/index.js';
import type { TestCentre } from '../../src/testing/index.js';
import { emptyAnswered, problems } from './lib/invariants.js';

// 16:50 in Nairobi (UTC+3) on a Tuesday.
const AFTERNOON = Date.parse('2026-03-03T13:50:00Z');

describe('day change and a clock that jumps', () => {
  let c: TestCentre;
  let clock: ManualClock;
  let clerk: string;
  let counter: string;
  const answered = emptyAnswered();

  const issue = async (code = 'A') => {
    const res = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId(code) } });
    expect(res.status).toBe(201);
    answered.issued.set(res.body.ticket.id, { label: res.body.ticket.label, serviceId: res.body.ticket.serviceId });
    return res.body.ticket as { id: string; label: string; day: string; number: number };
  };
  const callNext = async () => {
    const res = await c.api('POST', `/counters/${counter}/call-next`, { auth: clerk, body: {} });
    if (res.status === 200) answered.calls.push({ ticketId: res.body.ticket.id, counterId: counter });
    return res;
  };
  const step = (id: string, path: string) => c.api('POST', `/tickets/${id}/${path}`, { auth: clerk, body: {} });
  /** The clerk (re)opens the counter, as in the morning after a day close. */
  const open = async () => expect((await c.api('POST', `/counters/${counter}/open`, { auth: clerk, body: {} })).status).toBe(200);

  beforeEach(async () => {
    clock = new ManualClock(AFTERNOON);
    c = await startTestCentre({ clock, ui: false });
    clerk = await c.login('wanjiru');
    counter = c.counterId('1');
    expect((await c.api('POST', `/counters/${counter}/open`, { auth: clerk, body: {} })).status).toBe(200);
    answered.issued.clear();
    answered.calls.length = 0;
    answered.steps.clear();
  });
  afterEach(async () => {
    const { dataDir } = c;
    await c.close();
    // A centre restarted on its folder does not remove the folder itself.
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('expires what is open at midnight, frees the counter, and starts numbering again', async () => {
    const served = await issue();
    const noShow = await issue();
    const serving = await issue();
    const waiting = await issue();
    const otherWaiting = await issue('H');
    for (const t of [served, noShow]) {
      expect((await callNext()).body.ticket.id).toBe(t.id);
      if (t === served) {
        await step(t.id, 'start');
        await step(t.id, 'complete');
      } else await step(t.id, 'no-show');
    }
    expect((await callNext()).body.ticket.id).toBe(serving.id);
    await step(serving.id, 'start');

    // Midnight passes; the first minute of the new day, before the day is closed.
    clock.set('2026-03-03T21:00:30Z');
    const fresh = await issue();
    expect(fresh.label).toBe('A001');
    expect(fresh.day).toBe('2026-03-04');
    // Yesterday's waiting ticket is not called today.
    await step(serving.id, 'complete');
    const first = await callNext();
    expect(first.body.ticket.id).toBe(fresh.id);
    await step(fresh.id, 'no-show');

    expect(await c.app.ctx.queue.closeDay()).toBe(3); // no-show, waiting A, waiting H
    const status = (id: string) => c.app.ctx.repos.tickets.byId(id)!.status;
    expect([served, noShow, serving, waiting, otherWaiting].map((t) => status(t.id))).toEqual(['done', 'expired', 'done', 'expired', 'expired']);
    expect(status(fresh.id)).toBe('no_show');
    expect(c.app.ctx.views.waitingCount('2026-03-04', c.serviceId('A'))).toBe(0);
    expect(c.app.ctx.views.waitingCount('2026-03-03', c.serviceId('H'))).toBe(0);
    // The counter is free: nothing holds it, and it closes (if the day close has not closed it already).
    expect(c.app.ctx.repos.tickets.heldBy(counter)).toBeUndefined();
    await open();
    expect((await c.api('POST', `/counters/${counter}/close`, { auth: clerk, body: {} })).status).toBe(200);
    // An expired ticket's holder sees it expired.
    expect((await c.api('GET', `/tickets/${waiting.id}`)).body.ticket.status).toBe('expired');
    expect(problems(c.dataDir, answered)).toEqual([]);
  });

  it('picks up a weekend with the server off: the start expires every day still open', async () => {
    await issue();
    await issue('K');
    const { dataDir } = c;
    const port = Number(new URL(c.url).port);
    await c.close({ keepData: true });
    clock.set('2026-03-09T05:00:00Z'); // Monday 08:00
    c = await startTestCentre({ clock, ui: false, dataDir, port });
    expect(c.db.prepare("SELECT COUNT(*) FROM tickets WHERE status = 'waiting'").pluck().get()).toBe(0);
    // The first request after the restart may meet a keep-alive connection the old server closed.
    for (let i = 0; i < 20 && (await c.api('GET', '/health').catch(() => ({ status: 0 }))).status !== 200; i++) await new Promise((r) => setTimeout(r, 50));
    const monday = await c.api('POST', '/tickets', { auth: await c.login('manager'), body: { serviceId: c.serviceId('A') } });
    expect(monday.body.ticket.label).toBe('A001');
  });

  it('keeps first come, first served when the clock goes back within the day', async () => {
    const early = await issue();
    clock.advanceMinutes(10);
    const later = await issue();
    // The clock is put back an hour (it had run fast).
    clock.advanceMinutes(-60);
    const latest = await issue();
    expect(latest.number).toBe(later.number + 1);
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await callNext();
      order.push(res.body.ticket.label);
      await step(res.body.ticket.id, 'start');
      clock.advanceMinutes(1);
      await step(res.body.ticket.id, 'complete');
    }
    expect(order).toEqual([early.label, later.label, latest.label]);
    // Nobody waited a negative time.
    const live = await c.api('GET', '/stats/live', { auth: await c.login('manager') });
    for (const s of live.body.services as { code: string; medianWaitMinutes: number | null }[]) {
      if (s.medianWaitMinutes !== null) expect(s.medianWaitMinutes, s.code).toBeGreaterThanOrEqual(0);
    }
    const waits = c.db.prepare('SELECT label, first_called_at - issued_at AS wait FROM tickets WHERE first_called_at IS NOT NULL').all() as { label: string; wait: number }[];
    for (const w of waits) expect(w.wait, w.label).toBeGreaterThanOrEqual(0);
    expect(problems(c.dataDir, answered)).toEqual([]);
  });

  it('never repeats a label when the clock goes back across midnight, and loses nobody', async () => {
    clock.set('2026-03-03T20:55:00Z'); // 23:55
    const before = [await issue(), await issue()];
    clock.set('2026-03-03T21:05:00Z'); // 00:05, the next day
    await c.app.ctx.queue.closeDay();
    const after = [await issue(), await issue()];
    expect(after.map((t) => t.label)).toEqual(['A001', 'A002']);
    clock.set('2026-03-03T20:58:00Z'); // back to 23:58
    const during = [await issue(), await issue()];
    clock.set('2026-03-03T21:10:00Z'); // 00:10 again
    await c.app.ctx.queue.closeDay();
    const last = await issue();
    await open();

    const labels = c.db.prepare('SELECT day, label FROM tickets').all() as { day: string; label: string }[];
    expect(new Set(labels.map((l) => `${l.day} ${l.label}`)).size).toBe(labels.length);
    // Everyone who took a ticket after midnight is still in line, whatever the clock said meanwhile.
    const status = (id: string) => c.app.ctx.repos.tickets.byId(id)!.status;
    expect([...after, ...during, last].map((t) => status(t.id))).toEqual(['waiting', 'waiting', 'waiting', 'waiting', 'waiting']);
    expect(before.map((t) => status(t.id))).toEqual(['expired', 'expired']);
    // And they are called in the order they came.
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await callNext();
      order.push(res.body.ticket.id);
      await step(res.body.ticket.id, 'no-show');
    }
    expect(order).toEqual([...after, ...during, last].map((t) => t.id));
    expect(problems(c.dataDir, answered)).toEqual([]);
  });
});
