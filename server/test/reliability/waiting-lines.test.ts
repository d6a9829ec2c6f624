// The waiting lines kept in memory (places in line, queue lengths) must always say what the database
// says: through every lifecycle step, writes that share a group commit, writes that roll back after the
// row changed, a change of the priority head start, and a day change. Random programs, checked against
// the SQL after every wave of concurrent writes.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/auth/actor.js';
import { ManualClock } from '../../src/clock.js';
import { startTestCentre } from '../../src/testing/index.js';
import type { TestCentre } from '../../src/testing/index.js';

const MORNING = Date.parse('2026-03-02T05:00:00Z');
const CODES = ['A', 'B', 'H', 'K', 'P'] as const;
const CLERKS = ['wanjiru', 'otieno', 'achieng', 'kiprop', 'mwangi'] as const;

type Op =
  | { kind: 'issue'; code: number; priority: boolean }
  | { kind: 'issue-rolled-back'; code: number }
  | { kind: 'call'; counter: number }
  | { kind: 'step'; step: 'recall' | 'start' | 'complete' | 'noShow' | 'requeue' | 'cancel'; pick: number }
  | { kind: 'transfer'; pick: number; code: number }
  | { kind: 'head-start'; minutes: number }
  | { kind: 'time'; minutes: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('issue' as const), code: fc.nat(CODES.length - 1), priority: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('issue-rolled-back' as const), code: fc.nat(CODES.length - 1) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('call' as const), counter: fc.nat(CLERKS.length - 1) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('step' as const),
      step: fc.constantFrom('recall', 'start', 'complete', 'noShow', 'requeue', 'cancel'),
      pick: fc.nat(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('transfer' as const), pick: fc.nat(), code: fc.nat(CODES.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('head-start' as const), minutes: fc.constantFrom(0, 5, 20, 60) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('time' as const), minutes: fc.constantFrom(1, 30, 600, 1440) }) },
);

describe('waiting lines in memory', () => {
  let c: TestCentre;
  let clock: ManualClock;
  let manager: Actor;
  const clerks: Actor[] = [];
  const counters: string[] = [];

  const actor = (username: string): Actor => {
    const u = c.app.ctx.repos.users.byUsername(username)!;
    return { kind: 'user', id: u.id, username: u.username, displayName: u.displayName, role: u.role };
  };

  beforeAll(async () => {
    clock = new ManualClock(MORNING);
    c = await startTestCentre({ clock, ui: false });
    manager = actor('manager');
    for (const [i, name] of CLERKS.entries()) {
      clerks.push(actor(name));
      counters.push(c.counterId(String(i + 1)));
    }
  });
  afterAll(() => c.close());

  /** Every count and every place the views give equals what SQL counts, for every day with waiting tickets. */
  function expectLinesMatchTheDatabase(): void {
    const { repos, views, centre } = c.app.ctx;
    const head = centre.headStartMs();
    const days = c.db.prepare("SELECT DISTINCT day FROM tickets WHERE status = 'waiting'").pluck().all() as string[];
    for (const day of [...days, centre.today()]) {
      for (const code of CODES) {
        const serviceId = c.serviceId(code);
        expect(views.waitingCount(day, serviceId), `${day} ${code} waiting`).toBe(repos.tickets.waitingCount(day, serviceId));
      }
    }
    const waiting = c.db.prepare("SELECT id FROM tickets WHERE status = 'waiting'").pluck().all() as string[];
    for (const id of waiting) {
      const t = repos.tickets.byId(id)!;
      const sql = repos.tickets.countAhead(t.day, t.serviceId, views.rank(t, head), head);
      expect(views.ahead(t), `${t.label} on ${t.day}: people ahead`).toBe(sql);
    }
  }

  async function run(o: Op): Promise<void> {
    const { queue, admin, repos } = c.app.ctx;
    const ids = () => c.db.prepare('SELECT id FROM tickets ORDER BY rowid DESC LIMIT 40').pluck().all() as string[];
    const pick = (n: number) => {
      const list = ids();
      return list.length ? list[n % list.length]! : 'none';
    };
    switch (o.kind) {
      case 'issue':
        await queue.issue({ serviceId: c.serviceId(CODES[o.code]!), priority: o.priority ? 'pwd' : 'none', source: 'staff', deviceId: null, idempotencyKey: null });
        return;
      case 'issue-rolled-back':
        // The ticket row and its line entry exist for a moment, then its print job cannot be stored (a kiosk
        // the database does not know), the write throws and rolls back.
        await queue
          .issue({
            serviceId: c.serviceId(CODES[o.code]!),
            source: 'kiosk',
            deviceId: null,
            idempotencyKey: null,
            printOn: { id: 'dev_not_stored', printer: { url: 'preview', paperWidth: 80 } },
          })
          .then(
            () => expect.unreachable('the write should have failed'),
            (e: unknown) => expect(String(e)).toContain('FOREIGN KEY'),
          );
        return;
      case 'call': {
        const id = counters[o.counter]!;
        const held = repos.tickets.heldBy(id);
        if (held) await queue.complete(held.id, manager).catch(() => queue.noShow(held.id, manager)).catch(() => undefined);
        await queue.callNext(id, clerks[o.counter]!).catch(() => undefined);
        return;
      }
      case 'step':
        await queue[o.step](pick(o.pick), manager).catch(() => undefined);
        return;
      case 'transfer':
        await queue.transfer(pick(o.pick), c.serviceId(CODES[o.code]!), undefined, manager).catch(() => undefined);
        return;
      case 'head-start':
        await admin.updateCentre({ priorityHeadStartMinutes: o.minutes }, null);
        return;
      case 'time':
        clock.advanceMinutes(o.minutes);
        // Sometimes the day closes before anyone asks about yesterday, sometimes after.
        if (o.minutes >= 600) await queue.closeDay();
        return;
    }
  }

  it('match the database through random waves of concurrent writes', async () => {
    for (const [i, clerk] of clerks.entries()) await c.app.ctx.queue.openCounter(counters[i]!, clerk);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 6 }), { minLength: 5, maxLength: 25 }), async (waves) => {
        for (const wave of waves) {
          // Started together: these writes share one group commit.
          await Promise.all(wave.map(run));
          expectLinesMatchTheDatabase();
        }
      }),
      { numRuns: 25 },
    );
  });

  it('undo a whole batch whose commit fails', async () => {
    const { queue, views, writes } = c.app.ctx;
    const serviceId = c.serviceId('A');
    const day = c.app.ctx.centre.today();
    const before = views.waitingCount(day, serviceId);
    // Two tickets in one batch, then a write in the same batch that breaks the commit itself.
    const first = queue.issue({ serviceId, source: 'staff', deviceId: null, idempotencyKey: null });
    const second = queue.issue({ serviceId, source: 'staff', deviceId: null, idempotencyKey: null });
    const breaker = writes.run(() => {
      // A deferred foreign key violation fails at COMMIT, after every write of the batch ran.
      c.db.pragma('defer_foreign_keys = ON');
      c.db.prepare("INSERT INTO events (at, day, type, ticket_rowid) VALUES (0, 'x', 'test', 999999999)").run();
    });
    const outcomes = await Promise.allSettled([first, second, breaker]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(views.waitingCount(day, serviceId)).toBe(before);
    expectLinesMatchTheDatabase();
  });
});
