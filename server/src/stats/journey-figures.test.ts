import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.js';
import { ManualClock } from '../clock.js';
import { parseCsv } from '../reports/csv-parse.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

// 08:00 in Nairobi on a Monday.
const MORNING = Date.parse('2026-03-02T05:00:00Z');

describe('journeys in the figures', () => {
  let c: TestCentre;
  let clock: ManualClock;
  const user = (username: string): Actor => {
    const u = c.app.ctx.repos.users.byUsername(username)!;
    return { kind: 'user', id: u.id, username: u.username, displayName: u.displayName, role: u.role };
  };

  beforeEach(async () => {
    clock = new ManualClock(MORNING);
    c = await startTestCentre({ clock, ui: false, demoJourneys: true });
  });
  afterEach(() => c.close());

  it('reports tickets, completed visits, the whole visit and each step’s wait; live figures count who is between steps', async () => {
    const q = c.app.ctx.queue;
    const [K, R, P] = [c.serviceId('K'), c.serviceId('R'), c.serviceId('P')];
    const journey = c.app.ctx.repos.journeys.byCode('BIZ-NAME')!;
    expect(journey.steps).toEqual([K, R, P]);
    const clerk = user('wanjiru');
    const counter = c.counterId('6');
    await c.app.ctx.admin.updateCounter(counter, { serviceIds: [K, R, P] }, null);
    await q.openCounter(counter, clerk);
    const first = (await q.issue({ serviceId: '', journeyId: journey.id, source: 'staff', deviceId: null, idempotencyKey: null })).ticket;
    const other = (await q.issue({ serviceId: '', journeyId: journey.id, source: 'staff', deviceId: null, idempotencyKey: null })).ticket;
    // First ticket: waits 4 min at each step, served in 6: a visit of 3 × 10 = 30 minutes.
    for (let step = 0; step < 3; step++) {
      clock.advanceMinutes(4);
      const called = (await q.callTicket(counter, first.id, clerk))!;
      await q.start(called.id, clerk);
      clock.advanceMinutes(6);
      await q.complete(called.id, clerk);
      if (step === 0) {
        // The second ticket is served at step 1 too, and then waits between steps.
        const second = await q.callTicket(counter, other.id, clerk);
        await q.start(second.id, clerk);
        await q.complete(second.id, clerk);
      }
    }
    const manager = await c.login('manager');
    const live = await c.api('GET', '/stats/live', { auth: manager });
    expect(live.body.betweenSteps).toBe(1);

    const report = await c.api('GET', '/stats/report?from=2026-03-02&to=2026-03-02&groupBy=service', { auth: manager });
    expect(report.status).toBe(200);
    const row = report.body.journeys.find((j: { code: string }) => j.code === 'BIZ-NAME');
    expect(row).toMatchObject({ tickets: 2, completed: 1, medianVisitMinutes: 30, p90VisitMinutes: 30 });
    expect(row.steps.map((s: { step: number; waits: number; medianWaitMinutes: number }) => [s.step, s.waits, s.medianWaitMinutes])).toEqual([
      [1, 2, 4],
      [2, 1, 4],
      [3, 1, 4],
    ]);
    const csv = await c.api('GET', '/stats/report?from=2026-03-02&to=2026-03-02&groupBy=service&format=csv', { auth: manager });
    const table = parseCsv(csv.body as string);
    const at = table.findIndex((r) => r[0] === 'Journey');
    expect(at).toBeGreaterThan(0);
    expect(table[at + 1]!.slice(0, 5)).toEqual(['BIZ-NAME — Register a business name', '2', '1', '30', '30']);
    expect(table[at + 2]![0]).toBe('  Step 1: Tax PIN and returns (KRA)');
  });
});
