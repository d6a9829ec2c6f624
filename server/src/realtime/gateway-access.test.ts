// Who keeps a socket, and what the waiting room may see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketEvent } from '@foleni/shared';
import { ManualClock } from '../clock.js';
import { connectSocket, startTestCentre } from '../testing/index.js';
import type { TestCentre, TestSocket } from '../testing/index.js';

const disconnected = (s: TestSocket) => new Promise<string>((resolve) => s.once('disconnect', resolve));

describe('socket access follows sign-in', () => {
  let c: TestCentre;
  let clock: ManualClock;
  const sockets: TestSocket[] = [];
  const connect = (auth: { token?: string; ticketId?: string }) => {
    const s = connectSocket(c.url, auth);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    clock = new ManualClock(Date.parse('2026-03-02T06:00:00Z'));
    c = await startTestCentre({ ui: false, clock });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await c.close();
  });

  it('pushes a booking made, checked in or cancelled to staff alone, never with its phone', async () => {
    const clerk = await c.login('achieng');
    const staff = connect({ token: clerk });
    const display = connect({ token: c.displayToken });
    const kiosk = connect({ token: c.kioskToken });
    const walkIn = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('A') } });
    const tracker = connect({ ticketId: walkIn.body.ticket.id });
    await Promise.all([staff, display, kiosk, tracker].map((s) => s.snapshot()));
    const slots = (await c.api('GET', `/appointments/slots?serviceId=${c.serviceId('A')}&date=2026-03-02`, { auth: clerk })).body.items as { start: string; available: number }[];
    const free = slots.filter((s) => s.available > 0);
    const book = async (slotStart: string) => {
      const res = await c.api('POST', '/appointments', { auth: clerk, body: { serviceId: c.serviceId('A'), slotStart, phone: '0712 345 999', lang: 'sw' } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.appointment as { id: string; reference: string };
    };

    const booked = staff.next('appointment:updated');
    const first = await book(free[0]!.start);
    expect(await booked).toMatchObject({ change: 'booked', appointment: { id: first.id, reference: first.reference, status: 'booked', lang: 'sw' } });
    const checkedIn = staff.next('appointment:updated');
    expect((await c.api('POST', `/appointments/${first.reference}/check-in`, { auth: c.kioskToken, body: { lang: 'en' } })).status).toBe(201);
    expect(await checkedIn).toMatchObject({ change: 'checked_in', appointment: { id: first.id, status: 'checked_in', lang: 'en' } });
    const bookedToo = staff.next('appointment:updated');
    const second = await book(free[1]!.start);
    expect(await bookedToo).toMatchObject({ change: 'booked', appointment: { id: second.id } });
    const cancelled = staff.next('appointment:updated');
    expect((await c.api('POST', `/appointments/${second.reference}/cancel`, { auth: clerk })).status).toBe(200);
    expect(await cancelled).toMatchObject({ change: 'cancelled', appointment: { id: second.id, status: 'cancelled' } });

    const pushes = staff.received.filter((r) => r.event === 'appointment:updated');
    expect(pushes).toHaveLength(4);
    for (const p of pushes) expect(p.payload).not.toHaveProperty('appointment.phone');
    expect(JSON.stringify(staff.received)).not.toMatch(/345\s?999|•••/);
    for (const s of [display, kiosk, tracker]) expect(s.received.map((r) => r.event)).not.toContain('appointment:updated');
  });

  it('closes a user’s sockets when they sign out, and they cannot come back with that token', async () => {
    const token = await c.login('achieng');
    const s = connect({ token });
    await s.snapshot();
    const gone = disconnected(s);
    expect((await c.api('POST', '/auth/logout', { auth: token })).status).toBe(204);
    expect(await gone).toBe('io server disconnect');
    const again = connect({ token });
    const err = await new Promise<Error>((resolve) => again.on('connect_error', resolve));
    expect(err.message).toBe('unauthorized');
  });

  it('closes a user’s sockets when an admin deactivates them, and closes their counter with an event', async () => {
    const clerk = await c.login('kiprop');
    const admin = await c.login('admin');
    const counter = c.counterId('9');
    await c.api('POST', `/counters/${counter}/open`, { auth: clerk });
    const s = connect({ token: clerk });
    await s.snapshot();
    const display = connect({ token: c.displayToken });
    await display.snapshot();
    const gone = disconnected(s);
    const user = c.app.ctx.repos.users.byUsername('kiprop')!;
    await c.api('DELETE', `/admin/users/${user.id}`, { auth: admin });
    await gone;
    let update;
    do update = await display.next('counter:updated');
    while (update.counter.id !== counter);
    expect(update.counter.status).toBe('closed');
  });

  it('shows the waiting room whether a ticket has priority, never why', async () => {
    const clerk = await c.login('wanjiru');
    const display = connect({ token: c.displayToken });
    await display.snapshot();
    await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('B'), priority: 'pregnant' } });
    const e: TicketEvent = await display.next('ticket:issued');
    expect(e.ticket.prioritised).toBe(true);
    expect(JSON.stringify(e)).not.toContain('pregnant');
    expect(e.ticket.day).toBe('2026-03-02');
  });

  it('does not let yesterday’s ticket hear today’s ticket of the same label', async () => {
    const clerk = await c.login('wanjiru');
    const old = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('G') } });
    clock.advanceMinutes(24 * 60);
    await c.app.ctx.queue.closeDay();
    const tracker = connect({ ticketId: old.body.ticket.id });
    const snap = await tracker.snapshot();
    expect(snap.kind === 'tracker' && snap.ticket.status).toBe('expired');
    const today = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('G') } });
    expect(today.body.ticket.label).toBe(old.body.ticket.label);
    await new Promise((r) => setTimeout(r, 200));
    expect(tracker.received.filter((r) => r.event === 'ticket:issued')).toEqual([]);
  });
});
