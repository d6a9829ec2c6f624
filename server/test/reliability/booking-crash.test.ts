// kill -9 under booking load: a real server process takes bookings from an integration client and staff (many
// at once, for a few slots, so they fill), with cancellations, and is killed again and again on the same data
// folder. Every booking it answered is still there as answered; no slot ever holds more than its capacity; a
// reference names one open booking; a retried externalRef still finds its booking after the restarts.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { seeded } from './lib/load.js';
import { call, ServerProcess } from './lib/server-process.js';

const SEED = Number(process.env.FOLENI_CRASH_SEED ?? Date.now() % 1_000_000);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answered {
  id: string;
  reference: string;
  externalRef: string;
  serviceId: string;
  slotStart: string;
  cancelled: boolean;
}

describe(`kill -9 under booking load (seed ${SEED}; FOLENI_CRASH_SEED=${SEED} replays it)`, () => {
  const random = seeded(SEED);
  let server: ServerProcess | undefined;
  afterAll(async () => {
    if (!server) return;
    await server.kill();
    rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('loses no answered booking and never books a slot past its capacity', async () => {
    server = await ServerProcess.create();
    const s = server;
    await s.start();
    const admin = (await call<{ token: string }>(s.url, 'POST', '/auth/login', undefined, { username: 'admin', password: 'reliability-admin' })).body.token;
    const manager = (await call<{ token: string }>(s.url, 'POST', '/auth/login', undefined, { username: 'manager', password: 'foleni-demo' })).body.token;
    const device = await call<{ pairing: { code: string } }>(s.url, 'POST', '/admin/devices', admin, { kind: 'integration', name: 'eHuduma' });
    const portal = (await call<{ token: string }>(s.url, 'POST', '/devices/pair', undefined, { code: device.body.pairing.code })).body.token;
    const services = (await call<{ items: { id: string; code: string }[] }>(s.url, 'GET', '/services')).body.items.filter((x) => ['A', 'B'].includes(x.code));
    // Twelve free slots of the next open days, in two services: 24 places for many more requests.
    const targets: { serviceId: string; slotStart: string }[] = [];
    const today = new Date().toISOString().slice(0, 10);
    for (const service of services) {
      const slots = await call<{ items: { start: string; available: number }[] }>(s.url, 'GET', `/appointments/slots?serviceId=${service.id}&date=${today}&days=14`, portal);
      for (const slot of slots.body.items.filter((x) => x.available === 2 && Date.parse(x.start) > Date.now() + 3_600_000).slice(0, 6)) targets.push({ serviceId: service.id, slotStart: slot.start });
    }
    expect(targets.length).toBe(12);

    const answered = new Map<string, Answered>();
    let sent = 0;
    const booker = async (token: string, signal: AbortSignal) => {
      while (!signal.aborted) {
        const target = targets[Math.floor(random() * targets.length)]!;
        const externalRef = `crash-${SEED}-${sent++}`;
        const res = await call<{ appointment: { id: string; reference: string; slotStart: string } }>(s.url, 'POST', '/appointments', token, { ...target, externalRef }, signal);
        if (res.status === 201) answered.set(res.body.appointment.id, { id: res.body.appointment.id, reference: res.body.appointment.reference, externalRef, ...target, cancelled: false });
        else if (res.status !== 409 && res.status !== 0) throw new Error(`booking answered ${res.status} ${JSON.stringify(res.body)}`);
        // Now and then a booking is cancelled, which frees its place for the others.
        const mine = [...answered.values()].filter((a) => !a.cancelled);
        if (mine.length > 0 && random() < 0.15) {
          const victim = mine[Math.floor(random() * mine.length)]!;
          const cancel = await call(s.url, 'POST', `/appointments/${victim.reference}/cancel`, token, {}, signal);
          if (cancel.status === 200) victim.cancelled = true;
        }
      }
    };

    const kills = 6;
    for (let round = 0; round <= kills; round++) {
      const stop = new AbortController();
      const loops = Promise.all([booker(portal, stop.signal), booker(portal, stop.signal), booker(manager, stop.signal), booker(manager, stop.signal)]).catch((e: unknown) => e);
      await pause(200 + random() * 900);
      if (round < kills) await s.kill();
      stop.abort();
      const error = await loops;
      if (error instanceof Error) throw error;
      if (round < kills) await s.start();
    }

    // A retried externalRef still finds its booking, after every restart.
    const some = [...answered.values()].slice(0, 5);
    for (const a of some) {
      const retry = await call<{ appointment: { id: string } }>(s.url, 'POST', '/appointments', portal, { serviceId: a.serviceId, slotStart: a.slotStart, externalRef: a.externalRef });
      expect(retry.status).toBe(200);
      expect(retry.body.appointment.id).toBe(a.id);
    }
    await s.stop();

    expect(answered.size).toBeGreaterThan(12);
    const db = new Database(join(s.dataDir, 'foleni.db'), { readonly: true });
    const rows = db.prepare('SELECT id, reference, status, service_id, slot_start FROM appointments').all() as { id: string; reference: string; status: string; service_id: string; slot_start: number }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const lost = [...answered.values()].filter((a) => !byId.has(a.id));
    expect(lost).toEqual([]);
    for (const a of answered.values()) {
      expect(byId.get(a.id)!.reference).toBe(a.reference);
      if (a.cancelled) expect(byId.get(a.id)!.status).toBe('cancelled');
    }
    const overfull = db
      .prepare("SELECT a.service_id, a.slot_start, COUNT(*) AS n, s.booking_per_slot AS cap FROM appointments a JOIN services s ON s.id = a.service_id WHERE a.status <> 'cancelled' GROUP BY a.service_id, a.slot_start HAVING n > cap")
      .all();
    expect(overfull).toEqual([]);
    const doubled = db.prepare("SELECT reference FROM appointments WHERE status IN ('booked', 'checked_in') GROUP BY reference HAVING COUNT(*) > 1").all();
    expect(doubled).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    process.stdout.write(`booking crash: ${kills} kills, ${sent} requests, ${answered.size} bookings answered\n`);
  }, 180_000);
});
