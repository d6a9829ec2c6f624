// Booking reminders by SMS: the rule's moments (pure), then end to end on the demo centre (Nairobi, UTC+3,
// Monday to Friday 08:00–17:00) with the test clock, the once-a-minute sweep driven by hand and a fake Africa's
// Talking: the evening before and two hours before, once each however often the sweep runs, none for a booking
// without a phone, and a queued one dropped when its booking is cancelled or checked in; a checked-in booking's
// ticket carries its number, so "ready to collect" reaches it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';
import { FakeAfricasTalking } from '../testing/sms-fakes.js';
import { remindersDue } from './booking-reminders.js';

const MON = '2026-12-07';
const TUE = '2026-12-08';
const at = (hhmm: string, day = MON) => Date.parse(`${day}T${hhmm}:00+03:00`);
const slot = (hhmm: string, day = TUE) => new Date(at(hhmm, day)).toISOString();
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TZ = 'Africa/Nairobi';

describe('booking reminders: when each is due', () => {
  const booking = (slotAt: string, bookedAt: number) => ({ day: TUE, slotStart: at(slotAt, TUE), createdAt: bookedAt });

  it('the evening before at 18:00 (or at booking time, if later), and two hours before the slot', () => {
    const b = booking('10:00', at('12:00'));
    expect(remindersDue(b, at('17:59'), TZ)).toEqual([]);
    expect(remindersDue(b, at('18:00'), TZ)).toEqual(['day-before']);
    expect(remindersDue(b, at('23:59'), TZ)).toEqual(['day-before']);
    // After midnight "tomorrow" would read wrong: a sweep that missed the evening sends none.
    expect(remindersDue(b, at('00:00', TUE), TZ)).toEqual([]);
    expect(remindersDue(b, at('07:59', TUE), TZ)).toEqual([]);
    expect(remindersDue(b, at('08:00', TUE), TZ)).toEqual(['two-hours']);
    expect(remindersDue(b, at('10:00', TUE), TZ)).toEqual([]);
    const late = booking('10:00', at('19:30'));
    expect(remindersDue(late, at('19:29'), TZ)).toEqual([]);
    expect(remindersDue(late, at('19:30'), TZ)).toEqual(['day-before']);
  });

  it('none the day before for a booking made on its day, none two hours before for one made within them', () => {
    expect(remindersDue(booking('10:00', at('07:00', TUE)), at('08:00', TUE), TZ)).toEqual(['two-hours']);
    expect(remindersDue(booking('10:00', at('08:30', TUE)), at('08:31', TUE), TZ)).toEqual([]);
  });
});

describe('booking reminders by SMS', () => {
  const clock = new ManualClock(at('12:00'));
  let c: TestCentre;
  let gateway: FakeAfricasTalking;
  let clerk: string;
  let A: string;
  let serviceName: string;
  const textsTo = (e164: string) => gateway.received.filter((m) => m.to === e164).map((m) => m.text);
  const textsFor = async (e164: string, n: number) => {
    for (let i = 0; i < 200 && textsTo(e164).length < n; i++) await pause(25);
    return textsTo(e164);
  };
  const book = async (slotStart: string, phone?: string, lang?: 'en' | 'sw') => {
    const res = await c.api('POST', '/appointments', { auth: clerk, body: { serviceId: A, slotStart, ...(phone ? { phone } : {}), ...(lang ? { lang } : {}) } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.appointment as { id: string; reference: string };
  };
  const sweepAt = async (ms: number) => {
    clock.set(ms);
    await c.app.ctx.appointments.sweep();
  };
  const reminders = (bookingId: string) =>
    c.db.prepare("SELECT subject, status FROM sms_outbox WHERE kind = 'reminder' AND subject LIKE ? ORDER BY id").all(`b:${bookingId}:%`) as { subject: string; status: string }[];
  /** The booking's reminders once none is in the gateway's hands (a refused try comes back within ms). */
  const settled = async (bookingId: string) => {
    for (let i = 0; i < 100 && reminders(bookingId).some((r) => r.status === 'sending'); i++) await pause(20);
    return reminders(bookingId);
  };

  beforeAll(async () => {
    gateway = await FakeAfricasTalking.start();
    c = await startTestCentre({
      ui: false,
      clock,
      sms: { gateway: { kind: 'africastalking', url: gateway.url, username: 'sandbox', apiKey: 'k', from: 'HUDUMA', callbackKey: 'callback-key-for-tests' }, backoffMs: { first: 100, max: 400 }, sendTimeoutMs: 2_000 },
    });
    clerk = await c.login('wanjiru');
    A = c.serviceId('A');
    serviceName = c.app.ctx.repos.services.get(A)!.name.en;
  });
  afterAll(async () => {
    await c?.close();
    await gateway?.close();
  });

  it('reminds a staff booking with a phone the evening before and two hours before, once each', async () => {
    const mine = await book(slot('10:00'), '0712 345 701');
    const noPhone = await book(slot('10:00'));
    await sweepAt(at('17:59'));
    expect(reminders(mine.id)).toEqual([]);

    await sweepAt(at('18:00'));
    await gateway.waitFor(1);
    expect(textsTo('+254712345701')).toEqual([`Huduma Centre GPO, Nairobi: Reminder: booking ${mine.reference} for ${serviceName} tomorrow at 10:00. Check in at the kiosk with it.`]);
    // Every minute after, and after a restart (the sweep keeps nothing in memory), nothing more is queued.
    await sweepAt(at('18:01'));
    await sweepAt(at('23:30'));
    await sweepAt(at('07:59', TUE));
    await pause(200);
    expect(textsTo('+254712345701')).toHaveLength(1);

    await sweepAt(at('08:00', TUE));
    await gateway.waitFor(2);
    await sweepAt(at('08:01', TUE));
    await pause(200);
    expect(textsTo('+254712345701')).toEqual([expect.stringContaining('tomorrow at 10:00'), `Huduma Centre GPO, Nairobi: Reminder: booking ${mine.reference} for ${serviceName} today at 10:00. Check in at the kiosk with it.`]);
    expect(reminders(mine.id)).toEqual([
      { subject: `b:${mine.id}:day-before`, status: 'sent' },
      { subject: `b:${mine.id}:two-hours`, status: 'sent' },
    ]);
    expect(reminders(noPhone.id)).toEqual([]);
  });

  it('reminds a booking made late the evening before at once, in the centre’s first language', async () => {
    clock.set(at('19:30'));
    const late = await book(slot('11:00'), '0712 345 702');
    await sweepAt(at('19:30'));
    await gateway.waitFor(gateway.received.length + 1);
    expect(textsTo('+254712345702')).toEqual([expect.stringContaining(`booking ${late.reference} for ${serviceName} tomorrow at 11:00`)]);
    expect(c.db.prepare("SELECT lang FROM sms_outbox WHERE subject = ?").pluck().get(`b:${late.id}:day-before`)).toBe(c.app.ctx.centre.get().languages[0]);
  });

  it('reminds a Kiswahili booking in Kiswahili, and its checked-in ticket texts in Kiswahili too', async () => {
    clock.set(at('19:40'));
    const sw = await book(slot('11:30'), '0712 345 705', 'sw');
    await sweepAt(at('19:40'));
    await gateway.waitFor(gateway.received.length + 1);
    const swName = c.app.ctx.repos.services.get(A)!.name.sw;
    expect(textsTo('+254712345705')).toEqual([`Huduma Centre GPO, Nairobi: Ukumbusho: miadi ${sw.reference} ya ${swName} kesho, 11:30. Ingia kwenye kioski kwa nambari hiyo.`]);
    expect(c.db.prepare('SELECT lang FROM sms_outbox WHERE subject = ?').pluck().get(`b:${sw.id}:day-before`)).toBe('sw');
    // Other bookings' two-hour reminders are due now too: wait for this number's.
    await sweepAt(at('09:30', TUE));
    await textsFor('+254712345705', 2);
    expect(textsTo('+254712345705')[1]).toBe(`Huduma Centre GPO, Nairobi: Ukumbusho: miadi ${sw.reference} ya ${swName} leo, 11:30. Ingia kwenye kioski kwa nambari hiyo.`);
    // Checked in by staff (no language given): the ticket is Kiswahili, and so is its "issued" text.
    clock.set(at('11:20', TUE));
    const checkedIn = await c.api('POST', `/appointments/${sw.reference}/check-in`, { auth: clerk });
    expect(checkedIn.status).toBe(201);
    expect(checkedIn.body.ticket.lang).toBe('sw');
    await textsFor('+254712345705', 3);
    expect(textsTo('+254712345705')[2]).toContain(`Tiketi ${checkedIn.body.ticket.label}.`);
  });

  it('drops a queued reminder when its booking is cancelled or checked in', async () => {
    clock.set(at('12:00'));
    const cancelled = await book(slot('15:00'), '0712 345 703');
    const arrived = await book(slot('15:15'), '0712 345 704');
    const before = gateway.received.length;
    await gateway.down();
    // 13:15 on the day: both two-hour reminders are due; the gateway refuses them, so they stay queued.
    await sweepAt(at('13:15', TUE));
    expect((await settled(cancelled.id)).map((r) => r.subject)).toEqual([`b:${cancelled.id}:two-hours`]);
    expect((await c.api('POST', `/appointments/${cancelled.reference}/cancel`, { auth: clerk })).status).toBe(200);
    const checkedIn = await c.api('POST', `/appointments/${arrived.reference}/check-in`, { auth: c.kioskToken });
    expect(checkedIn.status).toBe(201);
    expect(await settled(cancelled.id)).toEqual([{ subject: `b:${cancelled.id}:two-hours`, status: 'dropped' }]);
    expect(await settled(arrived.id)).toEqual([{ subject: `b:${arrived.id}:two-hours`, status: 'dropped' }]);
    await gateway.up();
    await sweepAt(at('13:16', TUE));
    await pause(600);
    expect(textsTo('+254712345703')).toEqual([]);
    // The checked-in citizen gets the ticket's own "issued" (queued at the check-in), no reminder.
    await gateway.waitFor(before + 1);
    expect(textsTo('+254712345704')).toEqual([expect.stringContaining(`Ticket ${checkedIn.body.ticket.label}.`)]);

    // The booking's number went with its ticket: "ready to collect" (the Bookings page's button) reaches it.
    const ready = await c.api('POST', `/tickets/${checkedIn.body.ticket.id}/ready`, { auth: clerk });
    expect(ready.status, JSON.stringify(ready.body)).toBe(201);
    await gateway.waitFor(before + 2); // the check-in's "issued", then "ready"
    expect(textsTo('+254712345704').at(-1)).toContain('Your document is ready to collect.');
    const booking = await c.api('GET', `/appointments/${arrived.reference}`, { auth: clerk });
    expect(booking.body.appointment.ticketId).toBe(checkedIn.body.ticket.id);
  });
});
