import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisplaySnapshot, StaffSnapshot, TicketEvent, TrackerSnapshot } from '@foleni/shared';
import { connectSocket, startTestCentre } from '../testing/index.js';
import type { TestCentre, TestSocket } from '../testing/index.js';

describe('socket gateway', () => {
  let c: TestCentre;
  let clerk: string;
  const sockets: TestSocket[] = [];
  const connect = (auth: { token?: string; ticketId?: string }) => {
    const s = connectSocket(c.url, auth);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
    clerk = await c.login('wanjiru');
    await c.api('POST', `/counters/${c.counterId('1')}/open`, { auth: clerk });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await c.close();
  });

  it('refuses a socket with no credentials', async () => {
    const s = connect({});
    const err = await new Promise<Error>((resolve) => s.on('connect_error', resolve));
    expect(err.message).toBe('unauthorized');
  });

  it('sends each audience its snapshot, then events with increasing seq; trackers see their service only', async () => {
    const staff = connect({ token: clerk });
    const display = connect({ token: c.displayToken });
    const staffSnap = (await staff.snapshot()) as StaffSnapshot;
    const displaySnap = (await display.snapshot()) as DisplaySnapshot;
    expect(staffSnap.kind).toBe('staff');
    expect(displaySnap.kind).toBe('display');
    expect(displaySnap.counters.every((x) => x.zone === 'main')).toBe(true);

    const issued = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('A') } });
    expect(issued.status).toBe(201);
    const tracker = connect({ ticketId: issued.body.ticket.id });
    const trackerSnap = (await tracker.snapshot()) as TrackerSnapshot;
    expect(trackerSnap.ticket.label).toBe(issued.body.ticket.label);
    expect(trackerSnap.ticket.position).toBe(1);

    const other = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('K') } });
    const staffIssued = await staff.next('ticket:issued');
    expect(staffIssued.full?.id).toBe(issued.body.ticket.id);
    const displayIssued = await display.next('ticket:issued');
    expect(displayIssued.full).toBeUndefined();
    expect(displayIssued.seq).toBe(staffIssued.seq);

    const call = await c.api('POST', `/counters/${c.counterId('1')}/call-next`, { auth: clerk });
    expect(call.body.ticket.label).toBe(issued.body.ticket.label);
    const displayCall = (await display.next('ticket:called')) as TicketEvent;
    expect(displayCall.ticket.counter?.name).toBe('Counter 1');
    expect(displayCall.seq).toBeGreaterThan(displayIssued.seq);
    const trackerCall = await tracker.next('ticket:called');
    expect(trackerCall.ticket.label).toBe(issued.body.ticket.label);
    // The K ticket's issue never reached the A tracker.
    expect(tracker.received.some((r) => (r.payload as TicketEvent).ticket?.label === other.body.ticket.label)).toBe(false);
  });

  it('gives a reconnecting client a fresh snapshot that reflects what it missed', async () => {
    const display = connect({ token: c.displayToken });
    const first = (await display.snapshot()) as DisplaySnapshot;
    display.disconnect();
    const t = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('B') } });
    const counter = c.counterId('1');
    const busy = c.app.ctx.repos.tickets.heldBy(counter);
    if (busy) await c.api('POST', `/tickets/${busy.id}/no-show`, { auth: clerk });
    await c.api('POST', `/counters/${counter}/call`, { auth: clerk, body: { ticketId: t.body.ticket.id } });
    display.connect();
    const second = (await display.snapshot()) as DisplaySnapshot;
    expect(second.seq).toBeGreaterThan(first.seq);
    expect(second.recentCalls[0]).toMatchObject({ label: t.body.ticket.label, counter: { name: 'Counter 1' } });
  });

  it('answers a resync request with a snapshot at the current seq', async () => {
    const staff = connect({ token: clerk });
    const snap = await staff.snapshot();
    await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('A') } });
    const issued = await staff.next('ticket:issued');
    staff.emit('queue:resync');
    const again = (await staff.snapshot()) as StaffSnapshot;
    expect(again.seq).toBe(issued.seq);
    expect(again.seq).toBeGreaterThan(snap.seq);
    expect(again.tickets.some((t) => t.id === issued.full?.id)).toBe(true);
  });

  it('keeps displays to their zone’s counters and tells trackers when their ticket moves service', async () => {
    const admin = await c.login('admin');
    const created = await c.api('POST', '/admin/devices', { auth: admin, body: { kind: 'display', name: 'Annex screen', zone: 'annex' } });
    await c.api('POST', '/admin/counters', { auth: admin, body: { name: 'Annex 1', zone: 'annex', serviceIds: [c.serviceId('L')] } });
    const annex = connect({ token: created.body.token });
    const snap = (await annex.snapshot()) as DisplaySnapshot;
    expect(snap.zone).toBe('annex');
    expect(snap.counters.map((x) => x.name)).toEqual(['Annex 1']);

    const t = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('A') } });
    const tracker = connect({ ticketId: t.body.ticket.id });
    await tracker.snapshot();
    const counter = c.counterId('1');
    const busy = c.app.ctx.repos.tickets.heldBy(counter);
    if (busy) await c.api('POST', `/tickets/${busy.id}/no-show`, { auth: clerk });
    await c.api('POST', `/counters/${counter}/call`, { auth: clerk, body: { ticketId: t.body.ticket.id } });
    await c.api('POST', `/tickets/${t.body.ticket.id}/start`, { auth: clerk });
    await c.api('POST', `/tickets/${t.body.ticket.id}/transfer`, { auth: clerk, body: { serviceId: c.serviceId('K'), note: 'tax PIN' } });
    let moved: TicketEvent;
    do moved = await tracker.next('ticket:updated');
    while (moved.change !== 'transferred');
    expect(moved.before?.serviceId).toBe(c.serviceId('A'));
    // Now in K's room: a K ticket issued after it reaches this tracker.
    const k = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('K') } });
    let issued: TicketEvent;
    do issued = await tracker.next('ticket:issued');
    while (issued.ticket.label !== k.body.ticket.label);
    expect(issued.ticket.serviceId).toBe(c.serviceId('K'));
  });
});
