// The demo centre's bookings of today: around now, within each slot's capacity, those whose time has come
// checked in, three named to try at the kiosk, and made once a day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';
import { seedDemoBookings } from './demo-bookings.js';

const now = Date.parse('2026-12-07T10:07:00+03:00'); // a Monday morning

describe('the demo’s bookings', () => {
  const clock = new ManualClock(now);
  let c: TestCentre;
  beforeAll(async () => {
    c = await startTestCentre({ ui: false, clock });
  });
  afterAll(() => c?.close());

  it('books slots around now in several services, checks in those whose time has come, and names three to try', async () => {
    const first = await seedDemoBookings(c.app.ctx);
    expect(first.made).toBeGreaterThan(10);
    expect(first.toTry).toHaveLength(3);
    const rows = c.db.prepare('SELECT a.reference, a.status, a.slot_start, s.code, s.booking_per_slot AS per FROM appointments a JOIN services s ON s.id = a.service_id').all() as { reference: string; status: string; slot_start: number; code: string; per: number }[];
    expect(new Set(rows.map((r) => r.code)).size).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(Math.abs(r.slot_start - now)).toBeLessThanOrEqual(2 * 3_600_000);
    const perSlot = new Map<string, number>();
    for (const r of rows) perSlot.set(`${r.code}@${r.slot_start}`, (perSlot.get(`${r.code}@${r.slot_start}`) ?? 0) + 1);
    for (const [key, n] of perSlot) expect(n, key).toBeLessThanOrEqual(rows.find((r) => `${r.code}@${r.slot_start}` === key)!.per);
    expect(rows.filter((r) => r.status === 'checked_in').length).toBeGreaterThan(0);
    expect(c.db.prepare("SELECT COUNT(*) FROM tickets WHERE source = 'appointment'").pluck().get()).toBe(rows.filter((r) => r.status === 'checked_in').length);

    // A reference named in the banner checks in at the kiosk.
    const reference = first.toTry[0]!.split(' ')[0]!;
    const res = await c.api('POST', `/appointments/${reference}/check-in`, { auth: c.kioskToken });
    expect(res.status).toBe(201);

    const again = await seedDemoBookings(c.app.ctx);
    expect(again.made).toBe(0);
    expect(c.db.prepare('SELECT COUNT(*) FROM appointments').pluck().get()).toBe(rows.length);
  });
});
