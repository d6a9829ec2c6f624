// Journeys and walk-ins mixed at random, served by the real engine: after every run, no ticket is in two
// lines (the in-memory lines match the database, every called ticket is at one counter) and every completed
// journey went through its steps in order.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.js';
import { ManualClock } from '../clock.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

const MORNING = Date.parse('2026-03-02T05:00:00Z');

type Action =
  | { kind: 'walk-in'; code: string }
  | { kind: 'journey'; which: number }
  | { kind: 'call'; counter: number }
  | { kind: 'serve'; counter: number }
  | { kind: 'no-show'; counter: number }
  | { kind: 'requeue' }
  | { kind: 'wait'; minutes: number };

const CODES = ['A', 'B', 'H', 'P', 'K'];
/** Counter name, its services, its clerk. */
const COUNTERS: [string, string[], string][] = [
  ['1', ['A'], 'wanjiru'],
  ['2', ['A', 'B'], 'otieno'],
  ['4', ['H'], 'achieng'],
  ['10', ['P'], 'kiprop'],
  ['6', ['K'], 'mwangi'],
];

const counterIndex = fc.integer({ min: 0, max: COUNTERS.length - 1 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('walk-in' as const), code: fc.constantFrom(...CODES) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('journey' as const), which: fc.integer({ min: 0, max: 1 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('call' as const), counter: counterIndex }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('serve' as const), counter: counterIndex }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('no-show' as const), counter: counterIndex }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'requeue' as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 10 }) }), weight: 1 },
);

describe('journeys mixed with walk-ins (property)', () => {
  let c: TestCentre;
  let clock: ManualClock;
  let journeys: string[];
  let manager: Actor;

  const user = (username: string): Actor => {
    const u = c.app.ctx.repos.users.byUsername(username)!;
    return { kind: 'user', id: u.id, username: u.username, displayName: u.displayName, role: u.role };
  };

  beforeAll(async () => {
    clock = new ManualClock(MORNING);
    c = await startTestCentre({ clock, ui: false });
    const id = (code: string) => c.serviceId(code);
    journeys = [
      (await c.app.ctx.journeys.create({ code: 'J-ONE', name: { en: 'One', sw: 'Moja' }, steps: [id('A'), id('H'), id('P')], active: true }, null)).id,
      (await c.app.ctx.journeys.create({ code: 'J-TWO', name: { en: 'Two', sw: 'Mbili' }, steps: [id('K'), id('A'), id('H'), id('A')], active: true }, null)).id,
    ];
    for (const [name, codes, clerk] of COUNTERS) {
      await c.app.ctx.admin.updateCounter(c.counterId(name), { serviceIds: codes.map(id) }, null);
      await c.app.ctx.queue.openCounter(c.counterId(name), user(clerk));
    }
    manager = user('manager');
  });
  afterAll(() => c.close());

  it('never puts a ticket in two lines, and completed journeys pass their steps in order', async () => {
    let completed = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 20, maxLength: 150 }), async (actions) => {
        // Each run is a day of its own: yesterday's open tickets expire, today's start from nothing.
        clock.advanceMinutes(24 * 60);
        const q = c.app.ctx.queue;
        await q.closeDay();
        for (const [name, , clerk] of COUNTERS) await q.openCounter(c.counterId(name), user(clerk));
        const day = c.app.ctx.centre.today();
        for (const a of actions) {
          const counter = 'counter' in a ? COUNTERS[a.counter]! : null;
          const counterId = counter ? c.counterId(counter[0]) : '';
          const clerk = counter ? user(counter[2]) : manager;
          const held = counter ? c.app.ctx.repos.tickets.heldBy(counterId) : undefined;
          switch (a.kind) {
            case 'walk-in':
              await q.issue({ serviceId: c.serviceId(a.code), source: 'staff', deviceId: null, idempotencyKey: null });
              break;
            case 'journey':
              await q.issue({ serviceId: '', journeyId: journeys[a.which]!, source: 'staff', deviceId: null, idempotencyKey: null });
              break;
            case 'call':
              if (!held) await q.callNext(counterId, clerk);
              break;
            case 'serve': {
              // The counter's customer, or the next one, served to the end of their step.
              const t = held ?? (await q.callNext(counterId, clerk));
              if (t?.status === 'called') await q.start(t.id, clerk);
              if (t) await q.complete(t.id, clerk);
              break;
            }
            case 'no-show':
              if (held?.status === 'called') await q.noShow(held.id, clerk);
              break;
            case 'requeue': {
              const missed = c.app.ctx.repos.tickets.openOn(day).find((t) => t.status === 'no_show');
              if (missed) await q.requeue(missed.id, manager);
              break;
            }
            case 'wait':
              clock.advanceMinutes(a.minutes);
              break;
          }
        }

        // No ticket in two lines: the lines kept in memory are the database's, service by service.
        const waitingBySql = new Map(
          (c.db.prepare("SELECT service_id, COUNT(*) AS n FROM tickets WHERE day = ? AND status = 'waiting' GROUP BY service_id").all(day) as { service_id: string; n: number }[]).map(
            (r) => [r.service_id, r.n],
          ),
        );
        for (const code of CODES) {
          const s = c.serviceId(code);
          expect(c.app.ctx.views.waitingCount(day, s)).toBe(waitingBySql.get(s) ?? 0);
        }
        // …and a ticket called or served is at one counter, each counter with at most one.
        const held = c.db.prepare("SELECT counter_id, COUNT(*) AS n FROM tickets WHERE day = ? AND status IN ('called', 'serving') GROUP BY counter_id").all(day) as { counter_id: string | null; n: number }[];
        for (const h of held) {
          expect(h.counter_id).not.toBeNull();
          expect(h.n).toBe(1);
        }

        // Every journey ticket went step by step; a completed one through all its steps, in order.
        for (const tj of c.app.ctx.repos.journeys.onDay(day)) {
          expect(tj.legs.map((l) => l.step)).toEqual(tj.legs.map((_, i) => i));
          expect(tj.legs.map((l) => l.serviceId)).toEqual(tj.steps.slice(0, tj.legs.length));
          const stepped = (c.db.prepare("SELECT data FROM events WHERE ticket_rowid = ? AND type = 'ticket.stepped' ORDER BY seq").pluck().all(tj.ticketRowid) as string[]).map(
            (d) => (JSON.parse(d) as { journey: { step: number } }).journey.step,
          );
          expect(stepped).toEqual(tj.legs.slice(1).map((l) => l.step + 1));
          const ticket = c.db.prepare('SELECT status, service_id FROM tickets WHERE rowid = ?').get(tj.ticketRowid) as { status: string; service_id: string };
          expect(ticket.service_id).toBe(tj.steps[tj.step]);
          if (tj.ended === 'completed') {
            completed++;
            expect(ticket.status).toBe('done');
            expect(tj.legs).toHaveLength(tj.steps.length);
            expect(tj.legs.every((l) => l.calledAt !== null && l.doneAt !== null && l.calledAt >= l.queuedAt)).toBe(true);
          } else {
            expect(ticket.status).not.toBe('done');
          }
        }
      }),
      { numRuns: 20 },
    );
    // The runs did reach the end of journeys, so the check above was put to the test.
    expect(completed).toBeGreaterThan(0);
  }, 120_000);
});
