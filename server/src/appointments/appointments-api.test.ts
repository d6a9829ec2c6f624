// Bookings over HTTP, on the demo centre (Nairobi, UTC+3; Monday to Friday 08:00–17:00, Sunday closed; A, B,
// G and L bookable in 15-minute slots of 2, called from 10 minutes early, no-shows 15 minutes after): slots,
// booking by an integration client and staff, every refusal changing nothing, the last place of a slot won by
// exactly one of many requests at once, check-in at the kiosk, the hold and the rank of a booked ticket, the
// no-show sweep, the day's list, and the CSV import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_ALPHABET } from '@foleni/shared';
import { ManualClock } from '../clock.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

const DAY = '2026-12-07'; // a Monday
const at = (hhmm: string, day = DAY) => Date.parse(`${day}T${hhmm}:00+03:00`);
const slot = (hhmm: string, day = DAY) => new Date(at(hhmm, day)).toISOString();

describe('appointments over HTTP', () => {
  const clock = new ManualClock(at('09:00'));
  let c: TestCentre;
  let admin: string;
  let clerk: string;
  let portal: string;
  let A: string;

  /** Everything a booking or a check-in writes: a refusal leaves all of it as it was. */
  const written = () => ['appointments', 'tickets', 'events', 'print_jobs'].map((t) => c.db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number).join(',');
  const book = (body: Record<string, unknown>, auth = portal) => c.api('POST', '/appointments', { auth, body });

  beforeAll(async () => {
    c = await startTestCentre({ ui: false, clock });
    admin = await c.login('admin');
    clerk = await c.login('wanjiru');
    A = c.serviceId('A');
    const device = await c.api('POST', '/admin/devices', { auth: admin, body: { kind: 'integration', name: 'eHuduma portal' } });
    expect(device.status).toBe(201);
    expect(device.body.device.kind).toBe('integration');
    expect(device.body.pairing.url).toBe(`${c.url}/api/v1/devices/pair`);
    portal = (await c.api('POST', '/devices/pair', { body: { code: device.body.pairing.code } })).body.token;
    expect((await c.api('POST', `/counters/${c.counterId('1')}/open`, { auth: clerk })).status).toBe(200);
  });
  afterAll(() => c?.close());

  it('lists the slots of a bookable service, cut from the day’s hours; none on a closed day', async () => {
    const res = await c.api('GET', `/appointments/slots?serviceId=${A}&date=${DAY}`, { auth: portal });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(36); // 08:00–17:00 in quarters
    expect(res.body.items[0]).toEqual({ start: slot('08:00'), end: slot('08:15'), capacity: 2, booked: 0, available: 0 }); // begun
    expect(res.body.items[5]).toEqual({ start: slot('09:15'), end: slot('09:30'), capacity: 2, booked: 0, available: 2 });
    expect((await c.api('GET', `/appointments/slots?serviceId=${A}&date=2026-12-13`, { auth: portal })).body.items).toEqual([]); // Sunday
    expect((await c.api('GET', `/appointments/slots?serviceId=${A}&date=2026-12-25`, { auth: clerk })).body.items).toEqual([]); // holiday
    const month = await c.api('GET', `/appointments/slots?serviceId=${A}&date=${DAY}&days=31`, { auth: portal });
    expect(month.body.items.length).toBeGreaterThan(20 * 36);
    expect((await c.api('GET', `/appointments/slots?serviceId=${c.serviceId('H')}&date=${DAY}`, { auth: portal })).body.error.code).toBe('booking-not-offered');
    expect((await c.api('GET', `/appointments/slots?serviceId=nope&date=${DAY}`, { auth: portal })).status).toBe(404);
    expect((await c.api('GET', `/appointments/slots?serviceId=${A}&date=2026-02-30`, { auth: portal })).status).toBe(400);
  });

  it('books for an integration client, masks the phone, and answers a retried externalRef with the same booking', async () => {
    const body = { serviceId: A, slotStart: slot('10:00'), name: 'Achieng Otieno', phone: '0712 345 678', externalRef: 'ehuduma-1001' };
    const first = await book(body);
    expect(first.status).toBe(201);
    expect(first.body.appointment).toMatchObject({ serviceId: A, slotStart: slot('10:00'), slotEnd: slot('10:15'), status: 'booked', channel: 'ehuduma', name: 'Achieng Otieno', phone: '+2547•••••678', externalRef: 'ehuduma-1001', ticketId: null, day: DAY });
    expect(first.body.appointment.reference).toMatch(new RegExp(`^[${REFERENCE_ALPHABET}]{6}$`));
    expect(JSON.stringify(first.body)).not.toContain('712345678');
    const before = written();
    const retry = await book(body);
    expect(retry.status).toBe(200);
    expect(retry.body.appointment.id).toBe(first.body.appointment.id);
    expect((await book({ ...body, slotStart: slot('10:15') })).body.error.code).toBe('external-ref-reused');
    expect(written()).toBe(before);
    const got = await c.api('GET', `/appointments/${first.body.appointment.reference.toLowerCase()}`, { auth: portal });
    expect(got.body.appointment.id).toBe(first.body.appointment.id);
    const staff = await book({ serviceId: A, slotStart: slot('10:00'), channel: 'contact_centre' }, clerk);
    expect(staff.body.appointment).toMatchObject({ channel: 'contact_centre' });
    expect(staff.body.appointment).not.toHaveProperty('phone');
  });

  it('refuses what is not a free slot of a bookable service, with the error shape, changing nothing', async () => {
    const before = written();
    const refusal = async (body: Record<string, unknown>) => {
      const res = await book({ serviceId: A, slotStart: slot('11:00'), ...body });
      expect(res.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      return `${res.status} ${res.body.error.code}`;
    };
    expect(await refusal({ slotStart: slot('11:05') })).toBe('409 outside-hours'); // off the grid
    expect(await refusal({ slotStart: slot('08:30') })).toBe('409 outside-hours'); // past
    expect(await refusal({ slotStart: slot('07:45') })).toBe('409 outside-hours'); // before opening
    expect(await refusal({ slotStart: slot('16:50') })).toBe('409 outside-hours'); // would end after closing
    expect(await refusal({ slotStart: slot('10:00', '2026-12-13') })).toBe('409 outside-hours'); // Sunday
    expect(await refusal({ slotStart: slot('10:00', '2026-12-25') })).toBe('409 outside-hours'); // holiday
    expect(await refusal({ slotStart: slot('10:00') })).toBe('409 slot-full'); // two booked above
    expect(await refusal({ serviceId: c.serviceId('H') })).toBe('409 booking-not-offered');
    expect(await refusal({ serviceId: 'svc_unknown' })).toBe('404 not-found');
    expect(await refusal({ phone: '020 1234567' })).toBe('400 invalid-phone'); // a landline
    expect(await refusal({ channel: 'import' })).toBe('400 invalid-body');
    expect(await refusal({ surprise: 1 })).toBe('400 invalid-body');
    expect(written()).toBe(before);
  });

  it('gives the last place of a slot to exactly one of many requests at once', async () => {
    expect((await book({ serviceId: A, slotStart: slot('11:30'), externalRef: 'first-of-two' })).status).toBe(201);
    const tries = await Promise.all(Array.from({ length: 24 }, (_, i) => book({ serviceId: A, slotStart: slot('11:30'), externalRef: `race-${i}` })));
    const statuses = tries.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(tries.filter((r) => r.status === 409).every((r) => r.body.error.code === 'slot-full')).toBe(true);
    expect(statuses.filter((s) => s === 409)).toHaveLength(23);
    const slots = await c.api('GET', `/appointments/slots?serviceId=${A}&date=${DAY}`, { auth: portal });
    expect(slots.body.items.find((s: { start: string }) => s.start === slot('11:30'))).toMatchObject({ booked: 2, available: 0 });
  });

  it('lets an integration client do nothing but bookings', async () => {
    for (const [method, path, body] of [
      ['POST', '/tickets', { serviceId: A }],
      ['GET', '/queue', undefined],
      ['GET', `/appointments?date=${DAY}`, undefined],
      ['POST', '/appointments/AAAAAA/check-in', {}],
      ['GET', '/auth/me', undefined],
    ] as const) {
      const res = await c.api(method, path, { auth: portal, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
  });

  it('checks a booking in at the kiosk: a ticket ranked at its slot, held until its early window, printed with its time', async () => {
    const booked = (await book({ serviceId: A, slotStart: slot('09:30'), externalRef: 'early-bird' })).body.appointment;
    clock.set(at('09:05'));
    const res = await c.api('POST', `/appointments/${booked.reference}/check-in`, { auth: c.kioskToken });
    expect(res.status).toBe(201);
    expect(res.body.ticket).toMatchObject({ source: 'appointment', status: 'waiting', bookedFor: slot('09:30'), notBefore: slot('09:20'), serviceId: A });
    expect(res.body.print.status).toBe('preview');
    expect(res.body.appointment).toMatchObject({ status: 'checked_in', ticketId: res.body.ticket.id });
    // What the kiosk prints carries the booking's time.
    const record = c.app.ctx.repos.tickets.byId(res.body.ticket.id)!;
    expect(c.app.ctx.printing.content(record, c.app.ctx.views.ticket(record)).bookedFor).toBe(at('09:30'));
    const again = await c.api('POST', `/appointments/${booked.reference}/check-in`, { auth: c.kioskToken });
    expect(again.status).toBe(200);
    expect(again.body.ticket.id).toBe(res.body.ticket.id);

    // Held: before 09:20 nobody is called for it.
    expect((await c.api('POST', `/counters/${c.counterId('1')}/call-next`, { auth: clerk })).status).toBe(204);
    // A walk-in of 09:12 goes ahead of the 09:30 booking; one of 09:31 goes after it.
    clock.set(at('09:12'));
    const early = (await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: A } })).body.ticket;
    clock.set(at('09:31'));
    const late = (await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: A } })).body.ticket;
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const called = await c.api('POST', `/counters/${c.counterId('1')}/call-next`, { auth: clerk });
      order.push(called.body.ticket.id);
      await c.api('POST', `/tickets/${called.body.ticket.id}/start`, { auth: clerk });
      await c.api('POST', `/tickets/${called.body.ticket.id}/complete`, { auth: clerk });
    }
    expect(order).toEqual([early.id, res.body.ticket.id, late.id]);
    const served = await c.api('GET', `/appointments/${booked.reference}`, { auth: portal });
    expect(served.body.appointment.status).toBe('served');
  });

  it('refuses a check-in that is unknown, for another day, cancelled or too late, changing nothing', async () => {
    clock.set(at('09:40'));
    const tomorrow = (await book({ serviceId: A, slotStart: slot('10:00', '2026-12-08') })).body.appointment;
    const cancelled = (await book({ serviceId: A, slotStart: slot('12:00') })).body.appointment;
    expect((await c.api('POST', `/appointments/${cancelled.reference}/cancel`, { auth: portal })).body.appointment.status).toBe('cancelled');
    const missed = (await book({ serviceId: c.serviceId('B'), slotStart: slot('09:45') })).body.appointment;
    clock.set(at('10:01')); // 09:45 + 15 minutes of grace is over
    const before = written();
    const checkIn = async (reference: string) => {
      const res = await c.api('POST', `/appointments/${reference}/check-in`, { auth: c.kioskToken });
      return `${res.status} ${res.body.error?.code}`;
    };
    expect(await checkIn('WWWWWW')).toBe('404 not-found');
    expect(await checkIn('nope')).toBe('404 not-found');
    expect(await checkIn(tomorrow.reference)).toBe('409 appointment-not-today');
    expect(await checkIn(cancelled.reference)).toBe('409 appointment-cancelled');
    expect(await checkIn(missed.reference)).toBe('409 appointment-too-late');
    expect(written()).toBe(before);
    // The missed one reads as a no-show at once; the sweep writes it, and frees nothing.
    expect((await c.api('GET', `/appointments/${missed.reference}`, { auth: clerk })).body.appointment.status).toBe('no_show');
    await c.app.ctx.appointments.sweep();
    expect(c.db.prepare('SELECT status FROM appointments WHERE reference = ?').pluck().get(missed.reference)).toBe('no_show');
    expect((await c.api('POST', `/appointments/${missed.reference}/cancel`, { auth: portal })).body.error.code).toBe('appointment-closed');
  });

  it('frees a cancelled place, and lists the day for staff as JSON and CSV', async () => {
    clock.set(at('10:05'));
    const one = (await book({ serviceId: A, slotStart: slot('13:00'), phone: '+254 722 000 111', name: '=cmd' })).body.appointment;
    await book({ serviceId: A, slotStart: slot('13:00') });
    expect((await book({ serviceId: A, slotStart: slot('13:00') })).body.error.code).toBe('slot-full');
    await c.api('POST', `/appointments/${one.reference}/cancel`, { auth: clerk });
    expect((await book({ serviceId: A, slotStart: slot('13:00') })).status).toBe(201);

    const list = await c.api('GET', `/appointments?date=${DAY}`, { auth: clerk });
    expect(list.status).toBe(200);
    const starts = list.body.items.map((a: { slotStart: string }) => a.slotStart);
    expect(starts).toEqual([...starts].sort());
    expect(list.body.items.every((a: { day: string }) => a.day === DAY)).toBe(true);
    const byPhone = await c.api('GET', `/appointments?date=${DAY}&phone=0722000111`, { auth: clerk });
    expect(byPhone.body.items.map((a: { reference: string }) => a.reference)).toEqual([one.reference]);
    const res = await fetch(`${c.url}/api/v1/appointments?date=${DAY}&format=csv`, { headers: { authorization: `Bearer ${clerk}` } });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM: spreadsheets read it as UTF-8
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toBe('Slot,Service,Reference,Name,Phone,Status,Channel,Ticket');
    // The formula guard: a name or phone starting like a formula is written as text.
    expect(text).toContain(`${DAY} 13:00,A,${one.reference},'=cmd,'+2547•••••111,cancelled,ehuduma,\r\n`);
    expect(text).not.toContain('722000111');
  });

  it('imports a CSV: good rows booked, bad rows listed, the same file again changes nothing', async () => {
    const csv = [
      'service,slot,reference,name,phone',
      `A,${DAY} 14:00,CAFE34,Wanjiku,0711 111 111`,
      `g,${DAY} 14:15,DEAF77,Kamau,`,
      `Z,${DAY} 14:00,HAPPY3,Nobody,`, // unknown code
      `A,${DAY} 14:05,JUMP44,Off grid,`,
      `A,2026-12-13 10:00,KEEP44,Sunday,`,
      `A,${DAY} 14:30,BOOK0I,Look-alikes,`,
      `A,${DAY} 14:30,MEET44,Bad phone,12345`,
      `H,${DAY} 14:30,NEAT44,Not bookable,`,
      `A,${DAY} 14:00,CAFE34,Wanjiku,0711 111 111`, // the same row twice
      `A,${DAY} 14:00,PACT44,Third,`,
      `A,${DAY} 14:00,RACE44,Fourth,`, // the slot is full by now
      'A,tomorrow,TRUE44,Bad slot,',
    ].join('\n');
    const res = await c.api('POST', '/admin/appointments/import', { auth: admin, body: { csv } });
    expect(res.status).toBe(200);
    expect(res.body.booked).toBe(3);
    expect(res.body.unchanged).toBe(1);
    expect(res.body.refused.map((r: { row: number }) => r.row)).toEqual([4, 5, 6, 7, 8, 9, 12, 13]);
    expect(res.body.refused.every((r: { reason: string }) => r.reason.length > 5)).toBe(true);
    expect(res.body.refused.find((r: { row: number }) => r.row === 12).reason).toMatch(/full/);
    const imported = await c.api('GET', '/appointments/CAFE34', { auth: clerk });
    expect(imported.body.appointment).toMatchObject({ channel: 'import', name: 'Wanjiku', phone: '+2547•••••111', slotStart: slot('14:00') });

    const before = written();
    const again = await c.api('POST', '/admin/appointments/import', { auth: admin, body: { csv } });
    expect(again.body).toMatchObject({ booked: 0, unchanged: 4 });
    expect(again.body.refused).toHaveLength(8);
    expect(written()).toBe(before);
  });

  it('refuses a huge CSV whole, booking nothing', async () => {
    const before = written();
    const rows = Array.from({ length: 5001 }, (_, i) => `A,${DAY} 15:00,CAFE${String(i % 10)}${String(i % 7)},x,`).join('\n');
    const tooMany = await c.api('POST', '/admin/appointments/import', { auth: admin, body: { csv: rows } });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.code).toBe('csv-too-large');
    const big = `A,${DAY} 15:00,CAFE77,${'x'.repeat(1_100_000)},`;
    const tooBig = await c.api('POST', '/admin/appointments/import', { auth: admin, body: { csv: big } });
    expect(tooBig.status).toBe(413);
    const huge = await c.api('POST', '/admin/appointments/import', { auth: admin, body: { csv: 'y'.repeat(3_000_000) } });
    expect(huge.status).toBe(413);
    expect((await c.api('POST', '/admin/appointments/import', { auth: clerk, body: { csv: 'A' } })).status).toBe(403);
    expect(written()).toBe(before);
  });

  it('counts today’s bookings per service on the live dashboard', async () => {
    clock.set(at('13:30'));
    const manager = await c.login('manager');
    const live = await c.api('GET', '/stats/live', { auth: manager });
    const a = live.body.services.find((s: { code: string }) => s.code === 'A');
    expect(a.bookings).toMatchObject({ expected: expect.any(Number), arrived: 1, served: 1 });
    expect(a.bookings.nextHour).toBe(2); // the two imported at 14:00
    expect(live.body.services.find((s: { code: string }) => s.code === 'H').bookings).toBeUndefined();

    // The day's report splits walk-ins and bookings, in JSON and in its CSV.
    const report = await c.api('GET', `/stats/report?from=${DAY}&to=${DAY}`, { auth: manager });
    expect(report.body.byArrival.booked).toMatchObject({ issued: 1, served: 1, honouredShare: 1 });
    expect(report.body.byArrival.booked.bookingNoShows).toBeGreaterThanOrEqual(1); // the 09:45 one of B
    expect(report.body.byArrival.walkIn).toMatchObject({ issued: 2, served: 2, honouredShare: null });
    const csv = await (await fetch(`${c.url}/api/v1/stats/report?from=${DAY}&to=${DAY}&format=csv`, { headers: { authorization: `Bearer ${manager}` } })).text();
    expect(csv).toContain('\r\nArrival,Issued,Served,No-shows,Median wait (min),Bookings honoured within slot and grace (%),Bookings never checked in\r\n');
    expect(csv).toMatch(/\r\nBooked,1,1,0,\d+,100,\d+\r\n/);
  });

  it('keeps the citizen’s language: given when booking, the centre’s first if not, changed by a kiosk check-in in the other', async () => {
    const TUE = '2026-12-08';
    clock.set(at('13:30'));
    const B = c.serviceId('B');
    const first = c.app.ctx.centre.get().languages[0];
    const plain = (await book({ serviceId: B, slotStart: slot('15:00', TUE) })).body.appointment;
    expect(plain.lang).toBe(first);
    const sw = await book({ serviceId: B, slotStart: slot('15:00', TUE), lang: 'sw', externalRef: 'mobile-sw-1' });
    expect(sw.status).toBe(201);
    expect(sw.body.appointment.lang).toBe('sw');
    const bySwStaff = (await book({ serviceId: B, slotStart: slot('15:15', TUE), lang: 'sw' }, clerk)).body.appointment;
    expect((await c.api('GET', `/appointments/${bySwStaff.reference}`, { auth: portal })).body.appointment.lang).toBe('sw');
    const before = written();
    for (const lang of ['fr', 'SW', '', 1]) {
      const res = await book({ serviceId: B, slotStart: slot('15:15', TUE), lang });
      expect(res.status, String(lang)).toBe(400);
    }
    expect(written()).toBe(before);

    clock.set(at('14:55', TUE));
    // Staff check in a Kiswahili booking: its ticket speaks Kiswahili.
    const byStaff = await c.api('POST', `/appointments/${bySwStaff.reference}/check-in`, { auth: clerk });
    expect(byStaff.status, JSON.stringify(byStaff.body)).toBe(201);
    expect(byStaff.body.ticket.lang).toBe('sw');
    expect(byStaff.body.appointment.lang).toBe('sw');
    // The Kiswahili caller uses the kiosk in English: the booking and its ticket follow the kiosk.
    const atKiosk = await c.api('POST', `/appointments/${sw.body.appointment.reference}/check-in`, { auth: c.kioskToken, body: { lang: 'en' } });
    expect(atKiosk.status).toBe(201);
    expect(atKiosk.body.ticket.lang).toBe('en');
    expect(atKiosk.body.appointment.lang).toBe('en');
    expect((await c.api('GET', `/appointments/${sw.body.appointment.reference}`, { auth: portal })).body.appointment.lang).toBe('en');
    // A check-in of it again is the same ticket, whatever language it asks in.
    const again = await c.api('POST', `/appointments/${sw.body.appointment.reference}/check-in`, { auth: c.kioskToken, body: { lang: 'sw' } });
    expect(again.status).toBe(200);
    expect(again.body.ticket).toMatchObject({ id: atKiosk.body.ticket.id, lang: 'en' });
    expect((await c.api('POST', `/appointments/${plain.reference}/check-in`, { auth: c.kioskToken, body: { lang: 'xx' } })).status).toBe(400);
    expect((await c.api('GET', `/appointments/${plain.reference}`, { auth: portal })).body.appointment.status).toBe('booked');
  });
});
