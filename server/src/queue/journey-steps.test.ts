import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.js';
import { ManualClock } from '../clock.js';
import type { QueueService } from './queue.service.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

// 08:00 in Nairobi (UTC+3) on a Monday.
const MORNING = Date.parse('2026-03-02T05:00:00Z');

describe('journeys in the queue engine', () => {
  let c: TestCentre;
  let clock: ManualClock;
  let q: QueueService;
  let clerk1: Actor;
  let clerk2: Actor;
  let clerk3: Actor;
  let journeyId: string;
  let A: string;
  let H: string;
  let P: string;

  const user = (username: string): Actor => {
    const u = c.app.ctx.repos.users.byUsername(username)!;
    return { kind: 'user', id: u.id, username: u.username, displayName: u.displayName, role: u.role };
  };
  const walkIn = (code: string) => q.issue({ serviceId: c.serviceId(code), source: 'staff', deviceId: null, idempotencyKey: null }).then((r) => r.ticket);
  const onJourney = (id = journeyId) => q.issue({ serviceId: '', journeyId: id, source: 'staff', deviceId: null, idempotencyKey: null }).then((r) => r.ticket);
  const counterWith = async (name: string, codes: string[], actor: Actor) => {
    const id = c.counterId(name);
    await c.app.ctx.admin.updateCounter(id, { serviceIds: codes.map((x) => c.serviceId(x)) }, null);
    await q.openCounter(id, actor);
    return id;
  };
  const serve = async (counterId: string, actor: Actor) => {
    const t = await q.callNext(counterId, actor);
    if (!t) return null;
    await q.start(t.id, actor);
    return q.complete(t.id, actor);
  };
  const journeyOf = (rowid: number) => c.app.ctx.repos.journeys.ofTicket(rowid)!;
  const events = (rowid: number) =>
    (c.db.prepare('SELECT type, service_id, data FROM events WHERE ticket_rowid = ? ORDER BY seq').all(rowid) as { type: string; service_id: string; data: string }[]).map((e) => ({
      type: e.type,
      serviceId: e.service_id,
      data: JSON.parse(e.data) as Record<string, unknown>,
    }));

  beforeEach(async () => {
    clock = new ManualClock(MORNING);
    c = await startTestCentre({ clock, ui: false });
    q = c.app.ctx.queue;
    clerk1 = user('wanjiru');
    clerk2 = user('otieno');
    clerk3 = user('achieng');
    [A, H, P] = [c.serviceId('A'), c.serviceId('H'), c.serviceId('P')];
    journeyId = (await c.app.ctx.journeys.create({ code: 'ID-X', name: { en: 'Test visit', sw: 'Ziara ya majaribio' }, steps: [A, H, P], active: true }, null)).id;
  });
  afterEach(() => c.close());

  it('issues one ticket in the first step’s line, and each completed step moves it to the next with its arrival', async () => {
    const one = await counterWith('1', ['A'], clerk1);
    const two = await counterWith('4', ['H'], clerk2);
    const three = await counterWith('10', ['P'], clerk3);
    const early = await walkIn('H'); // before the journey ticket: stays ahead of it at step 2
    clock.advanceMinutes(1);
    const t = await onJourney();
    expect(t.serviceId).toBe(A);
    expect(t.label).toBe('A001');
    expect(c.app.ctx.views.ticket(t).onJourney).toMatchObject({ id: journeyId, step: 1, of: 3, ended: null });
    clock.advanceMinutes(1);
    const late = await walkIn('H'); // after it: behind it at step 2
    clock.advanceMinutes(5);
    const moved = (await serve(one, clerk1))!;
    expect(moved).toMatchObject({ id: t.id, label: 'A001', status: 'waiting', serviceId: H, counterId: null, arrivalAt: t.arrivalAt });
    expect(c.app.ctx.views.ticket(moved).position).toBe(2);
    expect(c.app.ctx.views.publicTicket(moved).journey).toMatchObject({ step: 2, of: 3 });
    expect((await serve(two, clerk2))!.id).toBe(early.id);
    const atThree = (await serve(two, clerk2))!;
    expect(atThree).toMatchObject({ id: t.id, status: 'waiting', serviceId: P });
    expect((await serve(two, clerk2))!.id).toBe(late.id);
    const done = (await serve(three, clerk3))!;
    expect(done).toMatchObject({ id: t.id, status: 'done', serviceId: P });
    expect(journeyOf(t.rowid)).toMatchObject({ step: 2, ended: 'completed' });
    expect(journeyOf(t.rowid).legs.map((l) => [l.serviceId, l.calledAt !== null, l.doneAt !== null])).toEqual([
      [A, true, true],
      [H, true, true],
      [P, true, true],
    ]);
    // Head office reads the log: each event says the step, existing fields unchanged.
    const log = events(t.rowid);
    expect(log.map((e) => e.type)).toEqual([
      'ticket.issued', 'ticket.called', 'ticket.started', 'ticket.stepped',
      'ticket.called', 'ticket.started', 'ticket.stepped',
      'ticket.called', 'ticket.started', 'ticket.completed',
    ]);
    expect(log.map((e) => (e.data.journey as { step: number }).step)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 3]);
    expect(log[3]!.data).toMatchObject({ status: 'waiting', from: A, to: H, fromStep: 1, completed: true, journey: { id: journeyId, step: 2, of: 3 } });
    expect(log[0]!.data).toMatchObject({ priority: 'none', source: 'staff' });
    // The clerk of step 1 served the citizen there: their day counts it, though the ticket went on.
    expect(c.app.ctx.repos.clerkStats.day(clerk1.kind === 'user' ? clerk1.id : '', '2026-03-02')).toMatchObject({ served: 1, averageServiceSeconds: 0 });
  });

  it('leaves tickets already on a journey on their old steps when the admin edits it mid-day', async () => {
    const one = await counterWith('1', ['A'], clerk1);
    const before = await onJourney();
    await c.app.ctx.journeys.update(journeyId, { steps: [A, c.serviceId('K')] }, null);
    const after = await onJourney();
    expect((await serve(one, clerk1))!).toMatchObject({ id: before.id, serviceId: H });
    expect((await serve(one, clerk1))!).toMatchObject({ id: after.id, serviceId: c.serviceId('K') });
    expect(c.app.ctx.views.ticket(c.app.ctx.repos.tickets.byId(before.id)!).onJourney).toMatchObject({ step: 2, of: 3 });
    expect(c.app.ctx.views.ticket(c.app.ctx.repos.tickets.byId(after.id)!).onJourney).toMatchObject({ step: 2, of: 2 });
  });

  it('keeps the journey through a no-show at step 2 and its reactivation', async () => {
    const one = await counterWith('1', ['A'], clerk1);
    const two = await counterWith('4', ['H'], clerk2);
    const t = await onJourney();
    await serve(one, clerk1);
    const called = (await q.callNext(two, clerk2))!;
    await q.noShow(called.id, clerk2);
    expect(journeyOf(t.rowid)).toMatchObject({ step: 1, ended: null });
    const back = await q.requeue(t.id, clerk2);
    expect(back).toMatchObject({ status: 'waiting', serviceId: H, arrivalAt: t.arrivalAt });
    expect((await serve(two, clerk2))!).toMatchObject({ status: 'waiting', serviceId: P });
    expect(journeyOf(t.rowid)).toMatchObject({ step: 2, ended: null });
  });

  it('ends the journey when the clerk transfers the ticket out of it', async () => {
    const one = await counterWith('1', ['A'], clerk1);
    const two = await counterWith('4', ['H'], clerk2);
    const k = await counterWith('6', ['K'], clerk3);
    const t = await onJourney();
    await serve(one, clerk1);
    const called = (await q.callNext(two, clerk2))!;
    await q.start(called.id, clerk2);
    await q.transfer(t.id, c.serviceId('K'), 'needs a KRA PIN instead', clerk2);
    expect(journeyOf(t.rowid)).toMatchObject({ ended: 'left', note: 'needs a KRA PIN instead' });
    expect((await serve(k, clerk3))!).toMatchObject({ id: t.id, status: 'done' });
    expect(c.app.ctx.views.ticket(c.app.ctx.repos.tickets.byId(t.id)!).onJourney).toMatchObject({ step: 2, ended: 'left' });
  });

  it('lets the clerk send the ticket to another step, and end the journey early with a note', async () => {
    const one = await counterWith('1', ['A'], clerk1);
    const three = await counterWith('10', ['P'], clerk3);
    const t = await onJourney();
    const called = (await q.callNext(one, clerk1))!;
    await expect(q.sendToJourneyStep(t.id, 1, undefined, clerk1)).rejects.toMatchObject({ code: 'same-step' });
    await expect(q.sendToJourneyStep(t.id, 4, undefined, clerk1)).rejects.toMatchObject({ code: 'no-such-step' });
    const skipped = await q.sendToJourneyStep(called.id, 3, 'biometrics taken last week', clerk1);
    expect(skipped).toMatchObject({ status: 'waiting', serviceId: P, arrivalAt: t.arrivalAt });
    expect(journeyOf(t.rowid)).toMatchObject({ step: 2, ended: null });
    const atThree = (await q.callNext(three, clerk3))!;
    await q.start(atThree.id, clerk3);
    const back = await q.sendToJourneyStep(atThree.id, 2, 'photo needed after all', clerk3);
    expect(back).toMatchObject({ status: 'waiting', serviceId: H });
    const walk = await walkIn('A');
    const calledWalk = (await q.callNext(one, clerk1))!;
    await expect(q.endJourney(calledWalk.id, 'no journey', clerk1)).rejects.toMatchObject({ code: 'not-on-journey' });
    expect(walk.id).toBe(calledWalk.id);
    const two = await counterWith('4', ['H'], clerk2);
    const atTwo = (await q.callNext(two, clerk2))!;
    const ended = await q.endJourney(atTwo.id, 'documents incomplete: come back with the police abstract', clerk2);
    expect(ended.status).toBe('done');
    expect(journeyOf(t.rowid)).toMatchObject({ ended: 'ended', note: 'documents incomplete: come back with the police abstract' });
  });

  it('expires a ticket waiting between steps when the day closes', async () => {
    const one = await counterWith('1', ['A'], clerk1);
    const t = await onJourney();
    await serve(one, clerk1);
    clock.advanceMinutes(24 * 60);
    expect(await q.closeDay()).toBe(1);
    expect(c.app.ctx.repos.tickets.byId(t.id)).toMatchObject({ status: 'expired', serviceId: H });
    expect(journeyOf(t.rowid)).toMatchObject({ step: 1, ended: 'expired' });
    expect(events(t.rowid).at(-1)).toMatchObject({ type: 'ticket.expired', data: { journey: { step: 2, of: 3 } } });
  });

  it('refuses an inactive journey, or one with an inactive step, and issues nothing', async () => {
    await c.app.ctx.admin.updateService(P, { active: false }, null);
    await expect(onJourney()).rejects.toMatchObject({ status: 409, code: 'service-inactive' });
    await c.app.ctx.admin.updateService(P, { active: true }, null);
    await c.app.ctx.journeys.deactivate(journeyId, null);
    await expect(onJourney()).rejects.toMatchObject({ status: 409, code: 'journey-inactive' });
    await expect(onJourney('jny_nope')).rejects.toMatchObject({ status: 404 });
    expect(c.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(0);
  });
});
