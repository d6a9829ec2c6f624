// Kiosks keep the centre's opening hours when the admin says so: outside them (after hours, on a weekday it
// does not open, on a holiday) a kiosk's ticket is refused with centre-closed, naming when it opens next, and
// nothing is written; staff still issue (the last people inside); the switch off, or new hours, opens the
// kiosk again; the change is audited. Times are in the centre's zone (Nairobi, UTC+3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openingAt, timeOfDayIn } from '@foleni/shared';
import { ManualClock } from '../clock.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

const DAY = '2026-03-02'; // a Monday
/** An instant at a Nairobi time of day on DAY, or on another day. */
const nairobi = (hhmm: string, seconds = 0, day = DAY) => Date.parse(`${day}T${hhmm}:${String(seconds).padStart(2, '0')}+03:00`);
const NINE_TO_FIVE = { opens: '08:00', closes: '17:00' };
/** The demo centre's week: Monday to Friday 08:00–17:00, Saturday 09:00–13:00, Sunday closed. */
const DEMO_WEEK = { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE, sat: { opens: '09:00', closes: '13:00' }, sun: null };
/** Every weekday at these hours. */
const everyDay = (opens: string, closes: string) => ({ mon: { opens, closes }, tue: { opens, closes }, wed: { opens, closes }, thu: { opens, closes }, fri: { opens, closes }, sat: { opens, closes }, sun: { opens, closes } });

describe('kiosks and opening hours', () => {
  let c: TestCentre;
  let admin: string;
  const clock = new ManualClock(nairobi('12:00'));
  let tapNo = 0;

  /** Everything issuing writes: a refusal must leave all of it as it was. */
  const written = () =>
    ['tickets', 'ticket_numbers', 'events', 'print_jobs'].map((t) => c.db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number).join(',');
  const kioskIssue = (key = `kiosk-hours-tap-${++tapNo}`) =>
    c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('A'), lang: 'en' }, headers: { 'idempotency-key': key } });
  const setHours = (openingHours: Record<string, unknown>) => c.api('PATCH', '/admin/centre', { auth: admin, body: { openingHours } });

  beforeAll(async () => {
    c = await startTestCentre({ ui: false, clock });
    admin = await c.login('admin');
  });
  afterAll(() => c?.close());

  it('is an admin setting, on for a new centre, off in the demo centre, returned with the hours everywhere and audited', async () => {
    // The demo must give a ticket to whoever tries it at night.
    const demo = (await c.api('GET', '/centre')).body.centre.openingHours;
    expect(demo).toMatchObject({ ...DEMO_WEEK, kiosksOnlyWhenOpen: false });
    expect(demo.closedDates).toEqual(expect.arrayContaining(['2026-12-12', '2026-12-25', '2026-12-26']));
    const res = await setHours({ kiosksOnlyWhenOpen: true });
    expect(res.status).toBe(200);
    expect(res.body.centre.openingHours).toEqual({ ...demo, kiosksOnlyWhenOpen: true });
    expect((await c.api('GET', '/admin/centre', { auth: admin })).body.centre.openingHours.kiosksOnlyWhenOpen).toBe(true);
    expect((await c.api('GET', '/centre')).body.centre.openingHours.kiosksOnlyWhenOpen).toBe(true);
    expect(c.db.prepare('SELECT kiosks_only_when_open FROM centre').pluck().get()).toBe(1);

    const [entry] = (await c.api('GET', '/admin/audit', { auth: admin })).body.items;
    expect(entry).toMatchObject({ action: 'update', entity: 'centre', data: { changed: { 'openingHours.kiosksOnlyWhenOpen': { from: false, to: true } } } });
    expect(Object.keys(entry.data.changed)).toEqual(['openingHours.kiosksOnlyWhenOpen']);

    // New hours without the switch leave it as it is; a bad value is refused.
    expect((await setHours({ mon: NINE_TO_FIVE })).body.centre.openingHours.kiosksOnlyWhenOpen).toBe(true);
    expect((await setHours({ mon: NINE_TO_FIVE, kiosksOnlyWhenOpen: 'yes' })).status).toBe(400);
    // The hours of the old single-day shape are refused by name.
    const old = await setHours({ opens: '08:00', closes: '17:00' });
    expect(old.status).toBe(400);
    expect(old.body.error.message).toBe('These fields are not part of opening hours: opens, closes.');

    // A centre made from nothing keeps its hours, Monday to Saturday, at the kiosk.
    const fresh = await startTestCentre({ ui: false, demo: false });
    try {
      expect((await fresh.api('GET', '/centre')).body.centre.openingHours).toEqual({
        ...everyDay('08:00', '17:00'),
        sun: null,
        closedDates: [],
        kiosksOnlyWhenOpen: true,
      });
    } finally {
      await fresh.close();
    }
  });

  it('refuses a kiosk from closing time until opening time, with the hours named, and writes nothing', async () => {
    for (const [hhmm, s, closed] of [
      ['17:00', 0, 'after'],
      ['17:01', 0, 'after'],
      ['21:00', 0, 'after'],
      ['23:59', 59, 'after'],
      ['00:00', 0, 'before'],
      ['07:59', 59, 'before'],
    ] as const) {
      clock.set(nairobi(hhmm, s));
      const before = written();
      const res = await kioskIssue();
      expect(res.status, hhmm).toBe(409);
      expect(res.body.error.code).toBe('centre-closed');
      expect(res.body.error.message).toContain('today kiosks issue tickets from 08:00 to 17:00');
      expect(res.body.error.message).toContain(closed === 'after' ? 'Come back tomorrow from 08:00.' : 'Come back today from 08:00.');
      expect(res.body.error.details).toEqual({
        timezone: 'Africa/Nairobi',
        day: DAY,
        closed,
        today: NINE_TO_FIVE,
        closedDate: false,
        next: closed === 'after' ? { day: '2026-03-03', weekday: 'tue', ...NINE_TO_FIVE, inDays: 1 } : { day: DAY, weekday: 'mon', ...NINE_TO_FIVE, inDays: 0 },
        now: new Date(clock.now()).toISOString(),
      });
      expect(written(), hhmm).toBe(before);
    }
  });

  it('lets a kiosk issue from opening time to the last minute before closing', async () => {
    for (const [hhmm, s] of [
      ['08:00', 0],
      ['12:30', 0],
      ['16:59', 59],
    ] as const) {
      clock.set(nairobi(hhmm, s));
      const res = await kioskIssue();
      expect(res.status, hhmm).toBe(201);
      expect(res.body.ticket.source).toBe('kiosk');
    }
  });

  it('still gives a tap answered before closing its ticket when the kiosk asks again after closing', async () => {
    clock.set(nairobi('16:59', 58));
    const first = await kioskIssue('kiosk-hours-late-tap');
    expect(first.status).toBe(201);
    clock.set(nairobi('17:00', 3));
    const again = await kioskIssue('kiosk-hours-late-tap');
    expect(again.status).toBe(200);
    expect(again.body.ticket.id).toBe(first.body.ticket.id);
  });

  it('lets staff issue after closing: a clerk serving the last people in', async () => {
    clock.set(nairobi('17:30'));
    for (const who of ['wanjiru', 'manager', 'admin']) {
      const res = await c.api('POST', '/tickets', { auth: await c.login(who), body: { serviceId: c.serviceId('B') } });
      expect(res.status, who).toBe(201);
      expect(res.body.ticket.source).toBe('staff');
    }
  });

  it("tells a kiosk after closing that the centre is closed, even with a key a clerk's ticket was made with", async () => {
    clock.set(nairobi('17:35'));
    const staff = await c.api('POST', '/tickets', { auth: await c.login('wanjiru'), body: { serviceId: c.serviceId('A'), lang: 'en' }, headers: { 'idempotency-key': 'kiosk-hours-desk-key' } });
    expect(staff.status).toBe(201);
    const before = written();
    const res = await kioskIssue('kiosk-hours-desk-key');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('centre-closed');
    expect(JSON.stringify(res.body)).not.toContain(staff.body.ticket.id);
    expect(written()).toBe(before);
  });

  it('opens the kiosk again when the admin turns the setting off or moves the hours', async () => {
    clock.set(nairobi('20:00'));
    expect((await kioskIssue()).status).toBe(409);
    expect((await setHours({ kiosksOnlyWhenOpen: false })).status).toBe(200);
    expect((await kioskIssue()).status).toBe(201);

    expect((await setHours({ mon: { opens: '06:30', closes: '20:30' }, kiosksOnlyWhenOpen: true })).status).toBe(200);
    expect((await kioskIssue()).status).toBe(201);
    clock.set(nairobi('20:30'));
    const late = await kioskIssue();
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('06:30 to 20:30');
    clock.set(nairobi('06:30'));
    expect((await kioskIssue()).status).toBe(201);
    expect((await setHours({ mon: NINE_TO_FIVE })).status).toBe(200);
  });

  it('refuses a kiosk all Sunday and on a holiday, naming the next opening day, and keeps the Saturday half day', async () => {
    expect((await setHours({ ...DEMO_WEEK, closedDates: ['2026-12-25', '2026-12-26', '2026-12-12'], kiosksOnlyWhenOpen: true })).status).toBe(200);
    const refused = async (at: number) => {
      clock.set(at);
      const before = written();
      const res = await kioskIssue();
      expect(res.status, new Date(at).toISOString()).toBe(409);
      expect(res.body.error.code).toBe('centre-closed');
      expect(written()).toBe(before);
      return res.body.error;
    };

    // Saturday 7 March: 09:00 to 13:00 only.
    const saturdayMorning = await refused(nairobi('08:30', 0, '2026-03-07'));
    expect(saturdayMorning.details).toMatchObject({ closed: 'before', next: { day: '2026-03-07', opens: '09:00', inDays: 0 } });
    clock.set(nairobi('09:00', 0, '2026-03-07'));
    expect((await kioskIssue()).status).toBe(201);
    const saturdayAfternoon = await refused(nairobi('13:00', 0, '2026-03-07'));
    expect(saturdayAfternoon.message).toBe('The centre is closed: today kiosks issue tickets from 09:00 to 13:00 (Africa/Nairobi time). Come back on Monday from 08:00.');
    expect(saturdayAfternoon.details).toMatchObject({ closed: 'after', today: { opens: '09:00', closes: '13:00' }, next: { day: '2026-03-09', inDays: 2 } });

    // Sunday 8 March at noon: closed all day; Monday 08:00 is next.
    const sunday = await refused(nairobi('12:00', 0, '2026-03-08'));
    expect(sunday.message).toBe('The centre is closed: it does not open on Sundays (Africa/Nairobi time). Come back tomorrow from 08:00.');
    expect(sunday.details).toMatchObject({ closed: 'all-day', today: null, closedDate: false, next: { day: '2026-03-09', weekday: 'mon', opens: '08:00', inDays: 1 } });

    // Christmas Day, a Friday: the holiday, then Boxing Day (a Saturday, also a holiday), then Sunday: Monday 28th.
    const christmas = await refused(nairobi('10:00', 0, '2026-12-25'));
    expect(christmas.message).toBe('The centre is closed: today is a holiday (Africa/Nairobi time). Come back on Monday from 08:00.');
    expect(christmas.details).toMatchObject({ closed: 'all-day', today: null, closedDate: true, next: { day: '2026-12-28', weekday: 'mon', inDays: 3 } });
    // Jamhuri Day on a Saturday: closed though Saturdays open.
    expect((await refused(nairobi('10:00', 0, '2026-12-12'))).details).toMatchObject({ closedDate: true, next: { day: '2026-12-14' } });
    // Christmas Eve evening: back after the holidays, more than a day ahead.
    expect((await refused(nairobi('18:00', 0, '2026-12-24'))).message).toContain('Come back on Monday from 08:00.');
  });
});

describe('opening hours in a time zone', () => {
  it('reads the time of day in the centre’s zone, not the server’s', () => {
    const t = Date.parse('2026-03-02T05:00:00Z');
    expect(timeOfDayIn(t, 'Africa/Nairobi')).toBe('08:00');
    expect(timeOfDayIn(t, 'UTC')).toBe('05:00');
    expect(timeOfDayIn(t, 'Asia/Kolkata')).toBe('10:30');
    expect(timeOfDayIn(Date.parse('2026-03-02T21:00:00Z'), 'Africa/Nairobi')).toBe('00:00');
    const week = { ...everyDay('08:00', '17:00'), closedDates: [] };
    expect(openingAt(week, t, 'Africa/Nairobi')).toMatchObject({ open: true });
    expect(openingAt(week, t, 'UTC')).toMatchObject({ open: false, closed: 'before' });
    expect(openingAt(week, Date.parse('2026-03-02T14:00:00Z'), 'Africa/Nairobi')).toMatchObject({ open: false, closed: 'after' });
    // 22:00 UTC on Sunday is already Monday in Nairobi.
    const sundayClosed = { ...week, sun: null };
    expect(openingAt(sundayClosed, Date.parse('2026-03-01T22:00:00Z'), 'UTC')).toMatchObject({ open: false, closed: 'all-day', day: '2026-03-01' });
    expect(openingAt(sundayClosed, Date.parse('2026-03-01T22:00:00Z'), 'Africa/Nairobi')).toMatchObject({ open: false, closed: 'before', day: '2026-03-02' });
  });
});
