// What a citizen is told about their wait: nothing is promised while no open counter serves their service
// (before opening, every counter paused or closed), the service time used is never below half the typical
// one and leans on it until a few services are done today, the kiosk menu and the ticket agree, and a
// kiosk never hands out a ticket of a service no counter is assigned to.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueuePace, QueueSnapshot } from '@foleni/shared';
import type { Actor } from '../auth/actor.js';
import { ManualClock } from '../clock.js';
import { connectSocket, startTestCentre } from '../testing/index.js';
import type { TestCentre, TestSocket } from '../testing/index.js';
import type { QueueService } from './queue.service.js';
import { blendedMinutes, QueueViews } from './queue.views.js';

// 08:00 in Nairobi (UTC+3) on a Monday.
const MORNING = Date.parse('2026-03-02T05:00:00Z');

describe('the blended service time', () => {
  it('is the typical time with nothing done, moves a fifth of the way per service done, and never drops below half', () => {
    expect(blendedMinutes(6, undefined, 0)).toBe(6);
    expect(blendedMinutes(6, 2, 1)).toBeCloseTo(5.2);
    expect(blendedMinutes(6, 8, 5)).toBe(8);
    expect(blendedMinutes(6, 8, 40)).toBe(8);
    // Seconds per service (Start pressed late): half the typical time, however many were done.
    expect(blendedMinutes(6, 0.1, 2)).toBeCloseTo(3.6 + 0.04);
    expect(blendedMinutes(6, 0.1, 5)).toBe(3);
    expect(blendedMinutes(6, 0.1, 50)).toBe(3);
  });
});

describe('estimated wait', () => {
  let c: TestCentre;
  let clock: ManualClock;
  let q: QueueService;
  let clerk: string;
  let manager: string;
  let admin: string;
  const sockets: TestSocket[] = [];

  const actor = (username: string): Actor => {
    const u = c.app.ctx.repos.users.byUsername(username)!;
    return { kind: 'user', id: u.id, username: u.username, displayName: u.displayName, role: u.role };
  };
  const service = async (code: string) =>
    ((await c.api('GET', '/services')).body.items as { code: string; waiting: number; estimatedWaitMinutes: number; openCounters: number; served: boolean }[]).find(
      (s) => s.code === code,
    )!;
  const kioskIssue = (serviceId: string, key?: string) =>
    c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId }, headers: key ? { 'idempotency-key': key } : {} });
  const publicWait = async (id: string) => (await c.api('GET', `/tickets/${id}`)).body.ticket.estimatedWaitMinutes as number | null;

  beforeEach(async () => {
    clock = new ManualClock(MORNING);
    c = await startTestCentre({ clock, ui: false });
    q = c.app.ctx.queue;
    clerk = await c.login('wanjiru');
    manager = await c.login('manager');
    admin = await c.login('admin', 'admin-password-1');
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await c.close();
  });

  it('is unknown while no open counter serves the service, and a paused counter does not count', async () => {
    // Before opening: every counter closed.
    const first = await kioskIssue(c.serviceId('A'));
    expect(first.status).toBe(201);
    expect(first.body.ticket).toMatchObject({ position: 1, estimatedWaitMinutes: null });
    const second = (await kioskIssue(c.serviceId('A'))).body.ticket;
    expect(second).toMatchObject({ position: 2, estimatedWaitMinutes: null });
    expect(await publicWait(second.id)).toBeNull();
    expect(await service('A')).toMatchObject({ waiting: 2, openCounters: 0, served: true });

    // Counter 2 (A, B) opens: one person ahead at A's typical 6 minutes.
    const counter = c.counterId('2');
    expect((await c.api('POST', `/counters/${counter}/open`, { auth: clerk })).status).toBe(200);
    expect(await publicWait(second.id)).toBe(6);
    expect(await service('A')).toMatchObject({ waiting: 2, openCounters: 1, estimatedWaitMinutes: 12 });

    // Paused: nobody calls, so nothing is promised again.
    expect((await c.api('POST', `/counters/${counter}/pause`, { auth: clerk })).status).toBe(200);
    expect(await publicWait(second.id)).toBeNull();
    expect((await kioskIssue(c.serviceId('A'))).body.ticket).toMatchObject({ position: 3, estimatedWaitMinutes: null });
    expect((await service('A')).openCounters).toBe(0);

    expect((await c.api('POST', `/counters/${counter}/open`, { auth: clerk })).status).toBe(200);
    expect(await publicWait(second.id)).toBe(6);
    expect((await c.api('POST', `/counters/${counter}/close`, { auth: clerk })).status).toBe(200);
    expect(await publicWait(second.id)).toBeNull();
  });

  it('never takes services that took seconds at their word, and the kiosk menu agrees with the ticket', async () => {
    const counter = c.counterId('2');
    const wanjiru = actor('wanjiru');
    await q.openCounter(counter, wanjiru);
    const issue = () => q.issue({ serviceId: c.serviceId('A'), source: 'staff', deviceId: null, idempotencyKey: null }).then((r) => r.ticket);
    // Five served in 6 seconds each: the clerk pressed Start as the citizen left.
    for (let i = 0; i < 5; i++) {
      await issue();
      const t = await q.callNext(counter, wanjiru);
      clock.advanceMinutes(8);
      await q.start(t!.id, wanjiru);
      clock.advance(6_000);
      await q.complete(t!.id, wanjiru);
    }
    for (let i = 0; i < 4; i++) await issue();
    // What the kiosk menu says the next ticket waits, then that ticket: 4 ahead × 3 minutes (half of A's 6).
    const menu = await service('A');
    expect(menu).toMatchObject({ waiting: 4, openCounters: 1, estimatedWaitMinutes: 12 });
    const fifth = await kioskIssue(c.serviceId('A'));
    expect(fifth.body.ticket).toMatchObject({ position: 5, estimatedWaitMinutes: menu.estimatedWaitMinutes });

    // A server started afresh on the same day reads the same services done, so tells the same wait.
    const fresh = new QueueViews(c.app.ctx.repos, c.app.ctx.centre, () => 'http://x');
    const record = c.app.ctx.repos.tickets.byId(fifth.body.ticket.id)!;
    expect(fresh.ticket(record).estimatedWaitMinutes).toBe(12);
  });

  it('leans on the typical time until a few services are done today', async () => {
    const counter = c.counterId('2');
    const wanjiru = actor('wanjiru');
    await q.openCounter(counter, wanjiru);
    const issue = () => q.issue({ serviceId: c.serviceId('A'), source: 'staff', deviceId: null, idempotencyKey: null }).then((r) => r.ticket);
    await issue();
    const t = await q.callNext(counter, wanjiru);
    await q.start(t!.id, wanjiru);
    clock.advanceMinutes(2);
    await q.complete(t!.id, wanjiru);
    const waiting = [];
    for (let i = 0; i < 5; i++) waiting.push(await issue());
    // One service of 2 minutes: 0.2 × 2 + 0.8 × 6 = 5.2 minutes each; 4 ahead of the last.
    expect(c.app.ctx.views.ticket(waiting[4]!).estimatedWaitMinutes).toBe(21);
    expect(await publicWait(waiting[4]!.id)).toBe(21);
  });

  it('refuses a kiosk a ticket of a service no counter is assigned to, lets staff issue one, and offers it once a counter has it', async () => {
    const created = await c.api('POST', '/admin/services', {
      auth: admin,
      body: { code: 'Q', name: { en: 'County permits', sw: 'Vibali vya kaunti' }, agency: 'County', serviceMinutes: 4 },
    });
    expect(created.status).toBe(201);
    const qId = created.body.service.id as string;
    expect(await service('Q')).toMatchObject({ served: false, openCounters: 0 });
    const tickets = () => c.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number;
    const before = tickets();
    const refused = await kioskIssue(qId, 'kiosk-tap-q-0001');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('service-not-served');
    expect(refused.body.error.message).toContain('County permits');
    expect(tickets()).toBe(before);

    // Staff may: they may be about to give it a counter.
    const staffTicket = await c.api('POST', '/tickets', { auth: manager, body: { serviceId: qId } });
    expect(staffTicket.status).toBe(201);
    expect(staffTicket.body.ticket).toMatchObject({ label: 'Q001', estimatedWaitMinutes: null });

    // Assigned to counter 7 (closed for now): kiosks offer it, though nobody can call it yet.
    const counter7 = c.counterId('7');
    const serviceIds = (await c.api('GET', `/admin/counters/${counter7}`, { auth: admin })).body.counter.serviceIds as string[];
    expect((await c.api('PATCH', `/admin/counters/${counter7}`, { auth: admin, body: { serviceIds: [...serviceIds, qId] } })).status).toBe(200);
    expect(await service('Q')).toMatchObject({ served: true, openCounters: 0 });
    const issued = await kioskIssue(qId, 'kiosk-tap-q-0002');
    expect(issued.status).toBe(201);
    expect(issued.body.ticket).toMatchObject({ label: 'Q002', position: 2, estimatedWaitMinutes: null });

    // Taken off every counter again: refused again, but the tap answered before still gets its ticket.
    expect((await c.api('PATCH', `/admin/counters/${counter7}`, { auth: admin, body: { serviceIds } })).status).toBe(200);
    expect((await service('Q')).served).toBe(false);
    expect((await kioskIssue(qId)).body.error.code).toBe('service-not-served');
    const retry = await kioskIssue(qId, 'kiosk-tap-q-0002');
    expect(retry.status).toBe(200);
    expect(retry.body.ticket.id).toBe(issued.body.ticket.id);

    // A counter switched off serves nobody.
    expect((await c.api('PATCH', `/admin/counters/${counter7}`, { auth: admin, body: { serviceIds: [...serviceIds, qId], active: false } })).status).toBe(200);
    expect((await service('Q')).served).toBe(false);
  });

  it('tells a kiosk when a service gains or loses its last counter, in its snapshot', async () => {
    const kiosk = connectSocket(c.url, { token: c.kioskToken });
    sockets.push(kiosk);
    await kiosk.snapshot();
    const created = await c.api('POST', '/admin/services', {
      auth: admin,
      body: { code: 'Q', name: { en: 'County permits', sw: 'Vibali vya kaunti' }, agency: 'County' },
    });
    const qId = created.body.service.id as string;
    let snap: QueueSnapshot;
    do snap = await kiosk.snapshot();
    while (snap.kind !== 'kiosk' || !snap.services.some((s) => s.id === qId));
    expect(snap.services.find((s) => s.id === qId)).toMatchObject({ served: false });
    const counter7 = c.counterId('7');
    const serviceIds = c.app.ctx.repos.counters.get(counter7)!.serviceIds;
    await c.api('PATCH', `/admin/counters/${counter7}`, { auth: admin, body: { serviceIds: [...serviceIds, qId] } });
    do snap = await kiosk.snapshot();
    while (snap.kind !== 'kiosk' || !snap.services.find((s) => s.id === qId)!.served);
  });

  it('tells a tracker live when a counter opens, pauses or closes for its line, and nothing about the counter', async () => {
    const mine = (await kioskIssue(c.serviceId('L'))).body.ticket;
    await kioskIssue(c.serviceId('L'));
    const tracker = connectSocket(c.url, { ticketId: mine.id });
    sockets.push(tracker);
    const snap = await tracker.snapshot();
    expect(snap.kind === 'tracker' && snap.ticket).toMatchObject({ position: 1, estimatedWaitMinutes: null });

    const otherTicket = (await kioskIssue(c.serviceId('L'))).body.ticket;
    await tracker.next('queue:moved');
    const counter9 = c.counterId('9'); // L and S
    const kiprop = await c.login('kiprop');
    expect((await c.api('POST', `/counters/${counter9}/open`, { auth: kiprop })).status).toBe(200);
    const opened: QueuePace = await tracker.next('queue:pace');
    expect(opened).toMatchObject({ serviceId: c.serviceId('L'), openCounters: 1, minutesEach: 5 });
    expect(Object.keys(opened).sort()).toEqual(['at', 'minutesEach', 'openCounters', 'seq', 'serviceId']);
    await c.api('POST', `/counters/${counter9}/pause`, { auth: kiprop });
    expect(await tracker.next('queue:pace')).toMatchObject({ openCounters: 0 });
    // A counter serving other services says nothing to this line.
    await c.api('POST', `/counters/${c.counterId('1')}/open`, { auth: clerk });
    await c.api('POST', `/counters/${counter9}/open`, { auth: kiprop });
    expect(await tracker.next('queue:pace')).toMatchObject({ serviceId: c.serviceId('L'), openCounters: 1 });
    expect(tracker.received.filter((r) => r.event === 'queue:pace')).toHaveLength(3);
    expect(tracker.received.some((r) => r.event === 'counter:updated')).toBe(false);
    for (const r of tracker.received) expect(JSON.stringify(r.payload)).not.toContain(otherTicket.id);
  });
});
