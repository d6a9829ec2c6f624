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
});
