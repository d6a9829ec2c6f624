import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisplaySnapshot, QueueMoved, StaffSnapshot, TicketEvent, TrackerSnapshot } from '@foleni/shared';
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

  it('sends each audience its snapshot, then events with increasing seq; trackers see their own ticket only', async () => {
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

  it("resumes from the log's last seq after events written without a push", async () => {
    // As a new demo centre's past days are lived before the app starts (app.start() resumes from the log).
    const { repos } = c.app.ctx;
    for (let i = 0; i < 3; i++) repos.events.append({ at: Date.now() - 86_400_000, day: '2026-01-05', type: 'ticket.expired', data: null });
    c.app.gateway.resumeFromLog();
    const staff = connect({ token: clerk });
    const snap = await staff.snapshot();
    expect(snap.seq).toBe(repos.events.lastSeq());
    await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('A') } });
    expect((await staff.next('ticket:issued')).seq).toBe(snap.seq + 1);
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
    const annex = connect({ token: await c.pair(created.body.pairing.url) });
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
    expect(moved.tracked?.serviceId).toBe(c.serviceId('K'));
    // Now following K's line: a K ticket issued after it moves that line (behind it), anonymously.
    const services = (await c.api('GET', '/services')).body.items as { id: string; waiting: number }[];
    const kWaiting = services.find((x) => x.id === c.serviceId('K'))!.waiting;
    await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('K') } });
    let joined: QueueMoved;
    do joined = await tracker.next('queue:moved');
    while (joined.serviceId !== c.serviceId('K'));
    expect(joined).toMatchObject({ change: 'joined', place: kWaiting, waiting: kWaiting + 1 });
  });
});

describe('display zones', () => {
  let c: TestCentre;
  const sockets: TestSocket[] = [];
  const connect = (token: string) => {
    const s = connectSocket(c.url, { token });
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await c.close();
  });

  it('sends a display only its zone’s recent calls and services, and moves it when the admin changes its zone', async () => {
    const admin = await c.login('admin');
    const annexDevice = await c.api('POST', '/admin/devices', { auth: admin, body: { kind: 'display', name: 'Annex screen', zone: 'annex' } });
    expect(annexDevice.status).toBe(201);
    const annexCounter = await c.api('POST', '/admin/counters', { auth: admin, body: { name: 'Annex 1', zone: 'annex', serviceIds: [c.serviceId('L')] } });
    expect(annexCounter.status).toBe(201);
    const annexClerk = await c.login('mwangi');
    const mainClerk = await c.login('wanjiru');
    expect((await c.api('POST', `/counters/${annexCounter.body.counter.id}/open`, { auth: annexClerk })).status).toBe(200);
    expect((await c.api('POST', `/counters/${c.counterId('1')}/open`, { auth: mainClerk })).status).toBe(200);

    // One call in the quiet annex, then more calls in the busy main hall than a board holds.
    const l = await c.api('POST', '/tickets', { auth: annexClerk, body: { serviceId: c.serviceId('L') } });
    expect((await c.api('POST', `/counters/${annexCounter.body.counter.id}/call-next`, { auth: annexClerk })).body.ticket.label).toBe(l.body.ticket.label);
    const mainLabels: string[] = [];
    for (let i = 0; i < 13; i++) {
      await c.api('POST', '/tickets', { auth: mainClerk, body: { serviceId: c.serviceId('A') } });
      const call = await c.api('POST', `/counters/${c.counterId('1')}/call-next`, { auth: mainClerk });
      mainLabels.unshift(call.body.ticket.label);
      await c.api('POST', `/tickets/${call.body.ticket.id}/start`, { auth: mainClerk });
      await c.api('POST', `/tickets/${call.body.ticket.id}/complete`, { auth: mainClerk });
    }

    const annex = connect(await c.pair(annexDevice.body.pairing.url));
    const annexSnap = (await annex.snapshot()) as DisplaySnapshot;
    expect(annexSnap.recentCalls.map((x) => x.label)).toEqual([l.body.ticket.label]);
    // Only what the annex's counters serve is on its waiting strip.
    expect(annexSnap.services.map((s) => s.code)).toEqual(['L']);

    const main = connect(c.displayToken);
    const mainSnap = (await main.snapshot()) as DisplaySnapshot;
    expect(mainSnap.recentCalls.map((x) => x.label)).toEqual(mainLabels.slice(0, 12));
    expect(mainSnap.services.map((s) => s.code).sort()).toEqual(['A', 'B', 'D', 'G', 'H', 'K', 'L', 'N', 'P', 'R', 'S', 'Y']);

    // Moved to the main hall: the open socket gets the main hall's board at once, no reconnect needed.
    const moved = await c.api('PATCH', `/admin/devices/${annexDevice.body.device.id}`, { auth: admin, body: { zone: 'main' } });
    expect(moved.status).toBe(200);
    const after = (await annex.snapshot()) as DisplaySnapshot;
    expect(after.zone).toBe('main');
    expect(after.recentCalls.map((x) => x.label)).toEqual(mainLabels.slice(0, 12));
    expect(after.counters.every((x) => x.zone === 'main')).toBe(true);
    expect(annex.connected).toBe(true);
    // Its zone lives in its audience, not in a room: nothing is sent to one zone's screens alone.
    const rooms = c.app.gateway.io.sockets.adapter.rooms;
    expect([...rooms.keys()].filter((r) => r.startsWith('display:'))).toEqual([]);
    expect(rooms.get(`device:${annexDevice.body.device.id}`)?.has(annex.id!)).toBe(true);
    // And it stays there on its next resync.
    annex.emit('queue:resync');
    expect(((await annex.snapshot()) as DisplaySnapshot).zone).toBe('main');
  });
});
