// The guarantee of routing with bookings (docs/architecture.md, "Appointments"), proved over thousands of random
// days on the routing rule itself (nextToCall), after a check that it answers as SQLite's nextFor does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../db/db.js';
import type { Db } from '../db/db.js';
import { createRepositories } from '../repositories/index.js';
import type { Repositories } from '../repositories/index.js';
import { nextToCall } from './booked-routing.js';
import type { WaitingTicket } from './booked-routing.js';

describe('the routing rule in memory', () => {
  let dir: string;
  let db: Db;
  let repos: Repositories;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'foleni-routing-'));
    db = openDb({ file: join(dir, 'r.db') });
    repos = createRepositories(db);
    for (const code of ['A', 'B', 'C']) {
      db.prepare("INSERT INTO services (id, code, name_en, name_sw, agency, created_at) VALUES (?, ?, ?, ?, 'x', 0)").run(`svc_${code}`, code, code, code);
    }
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers what SQLite’s nextFor answers, holds included', () => {
    const ticket = fc.record({
      service: fc.constantFrom('svc_A', 'svc_B', 'svc_C'),
      arrivalAt: fc.integer({ min: 0, max: 100 }),
      priority: fc.boolean(),
      held: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(ticket, { maxLength: 12 }),
        fc.uniqueArray(fc.constantFrom('svc_A', 'svc_B', 'svc_C'), { minLength: 1 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 100 }),
        (tickets, services, head, bonus, now) => {
          db.exec('DELETE FROM tickets');
          const waiting: WaitingTicket[] = tickets.map((t, i) => {
            const rowid = repos.tickets.insert({
              id: `t${i}`,
              day: '2026-12-07',
              serviceId: t.service,
              number: i + 1,
              label: `X${i}`,
              priority: t.priority ? 'elderly' : 'none',
              lang: 'en',
              source: t.held === null ? 'kiosk' : 'appointment',
              deviceId: null,
              issuedAt: t.arrivalAt,
              arrivalAt: t.arrivalAt,
              idempotencyKey: null,
              feedbackKey: null,
              notBefore: t.held,
            });
            return { rowid, serviceId: t.service, arrivalAt: t.arrivalAt, priority: t.priority, notBefore: t.held };
          });
          const n = services.length;
          const at = services.map((serviceId, k) => ({ serviceId, bonusMs: (n - 1 - k) * bonus }));
          expect(nextToCall(waiting, at, head, now)?.rowid).toBe(repos.tickets.nextFor('2026-12-07', at, head, now)?.rowid);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** One random day of one service, in whole minutes from opening (0). */
interface Day {
  counters: number;
  /** Every visit takes at most this long (each takes 1..serviceMax). */
  serviceMax: number;
  slot: number;
  perSlot: number;
  early: number;
  grace: number;
  /** Slot start → its bookings: the minute each checks in, or null (never came). */
  bookings: (number | null)[][];
  /** Walk-ins' arrival minutes. */
  walkIns: number[];
  durations: number[];
}

const OPEN_MINUTES = 480;

/**
 * A day within capacity: each visit takes at most `serviceMax` ≤ the slot's length; a slot's bookings can all
 * be served within the grace (perSlot × serviceMax ≤ counters × grace); and in each slot's span at most
 * (what the counters serve in a slot − perSlot) walk-ins arrive, so bookings and walk-ins of a span fit in it.
 */
const days: fc.Arbitrary<Day> = fc
  .record({
    counters: fc.integer({ min: 1, max: 4 }),
    serviceMax: fc.integer({ min: 1, max: 10 }),
    slot: fc.constantFrom(10, 15, 20, 30),
    early: fc.integer({ min: 0, max: 15 }),
    grace: fc.integer({ min: 5, max: 30 }),
  })
  .filter((d) => d.serviceMax <= d.slot && d.serviceMax <= d.counters * d.grace)
  .chain((d) => {
    const perServe = Math.floor((d.counters * d.slot) / d.serviceMax);
    const maxPerSlot = Math.min(4, perServe, Math.floor((d.counters * d.grace) / d.serviceMax));
    return fc.integer({ min: 1, max: Math.max(1, maxPerSlot) }).chain((perSlot) => {
      const slots = Math.floor(OPEN_MINUTES / d.slot);
      const walkInRoom = Math.max(0, perServe - perSlot);
      const booking = (start: number) => fc.option(fc.integer({ min: Math.max(0, start - 60), max: start + d.grace }), { nil: null, freq: 5 });
      return fc.record({
        bookings: fc.tuple(...Array.from({ length: slots }, (_, k) => fc.array(booking(k * d.slot), { maxLength: perSlot }))),
        walkIns: fc.tuple(...Array.from({ length: slots }, (_, k) => fc.array(fc.integer({ min: k * d.slot, max: (k + 1) * d.slot - 1 }), { maxLength: walkInRoom }))),
        durations: fc.array(fc.integer({ min: 1, max: d.serviceMax }), { minLength: 400, maxLength: 400 }),
      }).map((r) => ({ ...d, perSlot, bookings: r.bookings, walkIns: r.walkIns.flat(), durations: r.durations }));
    });
  });

interface Visit extends WaitingTicket {
  /** When it came in: the walk-in's arrival, the booking's check-in. */
  cameAt: number;
  slotStart: number | null;
  calledAt: number | null;
}

/** Runs the day: each minute, the visits that came join the line, then every free counter calls the next. */
function runDay(d: Day): Visit[] {
  const coming: Visit[] = [];
  d.walkIns.forEach((at) => coming.push({ rowid: 0, serviceId: 'S', arrivalAt: at, priority: false, notBefore: null, cameAt: at, slotStart: null, calledAt: null }));
  d.bookings.forEach((list, k) => {
    const start = k * d.slot;
    for (const checkIn of list) {
      // Past its grace the kiosk refuses it (appointment-too-late): it never joins.
      if (checkIn === null || checkIn > start + d.grace) continue;
      coming.push({ rowid: 0, serviceId: 'S', arrivalAt: start, priority: false, notBefore: start - d.early, cameAt: checkIn, slotStart: start, calledAt: null });
    }
  });
  coming.sort((a, b) => a.cameAt - b.cameAt);
  coming.forEach((v, i) => (v.rowid = i + 1));
  const waiting: Visit[] = [];
  const free = Array.from({ length: d.counters }, () => 0);
  let next = 0;
  let served = 0;
  for (let t = Math.min(0, coming[0]?.cameAt ?? 0); next < coming.length || waiting.length > 0; t++) {
    while (next < coming.length && coming[next]!.cameAt === t) waiting.push(coming[next++]!);
    for (let c = 0; c < d.counters; c++) {
      if (free[c]! > t) continue;
      const v = nextToCall(waiting, [{ serviceId: 'S', bonusMs: 0 }], 20, t);
      if (!v) break;
      waiting.splice(waiting.indexOf(v), 1);
      v.calledAt = t;
      free[c] = t + d.durations[served++ % d.durations.length]!;
    }
  }
  return coming;
}

describe('the guarantee of routing with bookings, over thousands of random days', () => {
  it('calls a checked-in booking within slot length + grace of its slot, never before its early window', () => {
    fc.assert(
      fc.property(days, (d) => {
        for (const v of runDay(d)) {
          if (v.slotStart === null) continue;
          expect(v.calledAt!).toBeGreaterThanOrEqual(v.slotStart - d.early);
          expect(v.calledAt!).toBeLessThanOrEqual(v.slotStart + d.slot + d.grace);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('holds a walk-in back only by bookings of slots begun within the grace before it came', () => {
    fc.assert(
      fc.property(days, (d) => {
        const visits = runDay(d);
        for (const w of visits) {
          if (w.slotStart !== null) continue;
          // Bookings that came after the walk-in and were called before it.
          const overtakers = visits.filter((b) => b.slotStart !== null && b.rowid > w.rowid && b.calledAt! < w.calledAt!);
          // Only bookings whose slot had begun when the walk-in came (and not more than the grace before).
          for (const b of overtakers) {
            expect(b.slotStart!).toBeLessThanOrEqual(w.cameAt);
            expect(b.slotStart!).toBeGreaterThanOrEqual(w.cameAt - d.grace);
          }
          const slotsInSpan = Math.floor(d.grace / d.slot) + 1;
          expect(overtakers.length).toBeLessThanOrEqual(d.perSlot * slotsInSpan);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
