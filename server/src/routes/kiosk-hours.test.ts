// Kiosks keep the centre's opening hours when the admin says so: outside them a kiosk's ticket is refused
// with centre-closed and nothing is written; staff still issue (the last people inside); the switch off, or
// new hours, opens the kiosk again; the change is audited. Times are in the centre's zone (Nairobi, UTC+3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPart, timeOfDayIn } from '@foleni/shared';
import { ManualClock } from '../clock.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

const DAY = '2026-03-02'; // a Monday
/** An instant at a Nairobi time of day on DAY. */
const nairobi = (hhmm: string, seconds = 0) => Date.parse(`${DAY}T${hhmm}:${String(seconds).padStart(2, '0')}+03:00`);

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
    expect((await c.api('GET', '/centre')).body.centre.openingHours).toEqual({ opens: '08:00', closes: '17:00', kiosksOnlyWhenOpen: false });
    const res = await setHours({ opens: '08:00', closes: '17:00', kiosksOnlyWhenOpen: true });
    expect(res.status).toBe(200);
    expect(res.body.centre.openingHours).toEqual({ opens: '08:00', closes: '17:00', kiosksOnlyWhenOpen: true });
    expect((await c.api('GET', '/admin/centre', { auth: admin })).body.centre.openingHours.kiosksOnlyWhenOpen).toBe(true);
    expect((await c.api('GET', '/centre')).body.centre.openingHours.kiosksOnlyWhenOpen).toBe(true);
    expect(c.db.prepare('SELECT kiosks_only_when_open FROM centre').pluck().get()).toBe(1);

    const [entry] = (await c.api('GET', '/admin/audit', { auth: admin })).body.items;
    expect(entry).toMatchObject({ action: 'update', entity: 'centre', data: { changed: { 'openingHours.kiosksOnlyWhenOpen': { from: false, to: true } } } });
    expect(Object.keys(entry.data.changed)).toEqual(['openingHours.kiosksOnlyWhenOpen']);

    // New hours without the switch leave it as it is; a bad value is refused.
    expect((await setHours({ opens: '08:00', closes: '17:00' })).body.centre.openingHours.kiosksOnlyWhenOpen).toBe(true);
    expect((await setHours({ opens: '08:00', closes: '17:00', kiosksOnlyWhenOpen: 'yes' })).status).toBe(400);

    // A centre made from nothing keeps its hours at the kiosk.
    const fresh = await startTestCentre({ ui: false, demo: false });
    try {
      expect((await fresh.api('GET', '/centre')).body.centre.openingHours).toEqual({ opens: '08:00', closes: '17:00', kiosksOnlyWhenOpen: true });
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
      expect(res.body.error.message).toContain('08:00 to 17:00');
      expect(res.body.error.message).toContain(closed === 'after' ? 'tomorrow from 08:00' : 'today from 08:00');
      expect(res.body.error.details).toEqual({ opens: '08:00', closes: '17:00', timezone: 'Africa/Nairobi', closed, now: new Date(clock.now()).toISOString() });
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
    expect((await setHours({ opens: '08:00', closes: '17:00', kiosksOnlyWhenOpen: false })).status).toBe(200);
    expect((await kioskIssue()).status).toBe(201);

    expect((await setHours({ opens: '06:30', closes: '20:30', kiosksOnlyWhenOpen: true })).status).toBe(200);
    expect((await kioskIssue()).status).toBe(201);
    clock.set(nairobi('20:30'));
    const late = await kioskIssue();
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('06:30 to 20:30');
    clock.set(nairobi('06:30'));
    expect((await kioskIssue()).status).toBe(201);
  });
});

describe('opening hours in a time zone', () => {
  it('reads the time of day in the centre’s zone, not the server’s', () => {
    const t = Date.parse('2026-03-02T05:00:00Z');
    expect(timeOfDayIn(t, 'Africa/Nairobi')).toBe('08:00');
    expect(timeOfDayIn(t, 'UTC')).toBe('05:00');
    expect(timeOfDayIn(t, 'Asia/Kolkata')).toBe('10:30');
    expect(timeOfDayIn(Date.parse('2026-03-02T21:00:00Z'), 'Africa/Nairobi')).toBe('00:00');
    const hours = { opens: '08:00', closes: '17:00' };
    expect(closedPart(hours, t, 'Africa/Nairobi')).toBeNull();
    expect(closedPart(hours, t, 'UTC')).toBe('before');
    expect(closedPart(hours, Date.parse('2026-03-02T14:00:00Z'), 'Africa/Nairobi')).toBe('after');
  });
});
