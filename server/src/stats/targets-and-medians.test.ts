// The manager's figures agree with each other: a ticket is judged by the target in force when it was issued
// (an admin changing a target later does not rewrite past months, even when a day is summarised again),
// and the dashboard's median wait today is the one a report of today gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

const DAY1 = '2025-03-03';
const DAY2 = '2025-03-04';
/** A moment of a day in Nairobi (UTC+3), to the second. */
const at = (day: string, hhmmss: string) => Date.parse(`${day}T${hhmmss.length === 5 ? `${hhmmss}:00` : hhmmss}+03:00`);

interface Row {
  key: string | null;
  medianWaitMinutes: number | null;
  p90WaitMinutes: number | null;
  withinTargetShare: number | null;
}

/** A scripted centre: tickets issued, then called by call-next at chosen moments. */
function scriptedCentre() {
  const clock = new ManualClock(at(DAY1, '07:00'));
  const ids: Record<string, string> = {};
  const s = {
    clock,
    c: undefined as unknown as TestCentre,
    manager: '',
    clerks: {} as Record<string, string>,
    async start() {
      s.c = await startTestCentre({ ui: false, clock });
      s.manager = await s.c.login('manager');
      s.clerks = { '1': await s.c.login('wanjiru'), '4': await s.c.login('otieno') };
    },
    async open(day: string) {
      clock.set(at(day, '07:55'));
      for (const [counter, token] of Object.entries(s.clerks)) {
        expect((await s.c.api('POST', `/counters/${s.c.counterId(counter)}/open`, { auth: token })).status).toBe(200);
      }
    },
    async issue(code: string, name: string) {
      const res = await s.c.api('POST', '/tickets', { auth: s.c.kioskToken, body: { serviceId: s.c.serviceId(code) } });
      expect(res.status).toBe(201);
      ids[name] = res.body.ticket.id;
    },
    /** Counter calls `name` (it must be next), starts and completes at once. */
    async serve(counter: string, name: string) {
      const auth = s.clerks[counter]!;
      const res = await s.c.api('POST', `/counters/${s.c.counterId(counter)}/call-next`, { auth });
      expect(res.status).toBe(200);
      expect(res.body.ticket.id).toBe(ids[name]);
      for (const what of ['start', 'complete']) expect((await s.c.api('POST', `/tickets/${ids[name]}/${what}`, { auth })).status).toBe(200);
    },
    async report(from: string, to = from): Promise<{ rows: Row[]; total: Row }> {
      const res = await s.c.api('GET', `/stats/report?from=${from}&to=${to}&groupBy=service`, { auth: s.manager });
      expect(res.status).toBe(200);
      return res.body;
    },
    reportRow: async (day: string, code: string): Promise<Row> => (await s.report(day)).rows.find((r) => r.key === s.c.serviceId(code))!,
    async live(code: string): Promise<Row> {
      const res = await s.c.api('GET', '/stats/live', { auth: s.manager });
      expect(res.status).toBe(200);
      return res.body.services.find((x: { code: string }) => x.code === code);
    },
    async rebuild(day: string) {
      expect((await s.c.api('POST', '/stats/rebuild', { auth: s.manager, body: { from: day, to: day } })).body).toEqual({ rebuilt: 1 });
    },
  };
  return s;
}

describe('a ticket is judged by the target in force when it was issued', () => {
  const s = scriptedCentre();
  let admin: string;

  const setTarget = async (code: string, slaMinutes: number) => {
    const res = await s.c.api('PATCH', `/admin/services/${s.c.serviceId(code)}`, { auth: admin, body: { slaMinutes } });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    await s.start();
    admin = await s.c.login('admin');
    // National ID (A) has a 20-minute target. Day 1: three arrive at 08:00 and wait 10, 18 and 25 minutes.
    expect(s.c.app.ctx.repos.services.get(s.c.serviceId('A'))!.slaMinutes).toBe(20);
    await s.open(DAY1);
    s.clock.set(at(DAY1, '08:00'));
    for (const n of ['a1', 'a2', 'a3']) await s.issue('A', n);
    for (const [n, t] of [['a1', '08:10'], ['a2', '08:18'], ['a3', '08:25']] as const) {
      s.clock.set(at(DAY1, t));
      await s.serve('1', n);
    }
  });
  afterAll(async () => {
    await s.c?.close();
  });

  it('keeps a past day’s share within target after the target changes and the day is summarised again', async () => {
    expect((await s.reportRow(DAY1, 'A')).withinTargetShare).toBe(0.6667);

    // Day 2: b1 is issued under the 20-minute target; then the admin tightens it to 12 and b2 is issued.
    // Both wait 15 minutes: b1 was within its target, b2 was not.
    await s.open(DAY2);
    s.clock.set(at(DAY2, '08:00'));
    await s.issue('A', 'b1');
    s.clock.set(at(DAY2, '08:01'));
    await setTarget('A', 12);
    await s.issue('A', 'b2');
    s.clock.set(at(DAY2, '08:15'));
    await s.serve('1', 'b1');
    s.clock.set(at(DAY2, '08:16'));
    await s.serve('1', 'b2');

    // Judged by today's 12 minutes, day 1 would fall to 1 in 3.
    await s.rebuild(DAY1);
    expect((await s.reportRow(DAY1, 'A')).withinTargetShare).toBe(0.6667);
    expect((await s.report(DAY1, DAY2)).total.withinTargetShare).toBe(0.6); // 3 of 5

    // Today, the dashboard and the report judge alike.
    expect((await s.live('A')).withinTargetShare).toBe(0.5);
    expect((await s.reportRow(DAY2, 'A')).withinTargetShare).toBe(0.5);
  });

  it('judges a ticket whose issue event carries no target by the service’s current one', async () => {
    // Events written before the target was recorded in them.
    s.c.db.prepare("UPDATE events SET data = json_remove(data, '$.slaMinutes') WHERE day = ? AND type = 'ticket.issued'").run(DAY1);
    await s.rebuild(DAY1);
    expect((await s.reportRow(DAY1, 'A')).withinTargetShare).toBe(0.3333);
  });
});

describe('the dashboard’s median wait today is the report’s for today', () => {
  const s = scriptedCentre();

  beforeAll(async () => {
    await s.start();
    await s.open(DAY1);
    // A: three arrive at 08:00:00 and wait 6 min 10 s, 6 min 40 s and 9 min: in whole minutes rounded up,
    // 7, 7 and 9 (exactly, the median would be 6.7).
    s.clock.set(at(DAY1, '08:00'));
    for (const n of ['a1', 'a2', 'a3']) await s.issue('A', n);
    for (const [n, t] of [['a1', '08:06:10'], ['a2', '08:06:40'], ['a3', '08:09:00']] as const) {
      s.clock.set(at(DAY1, t));
      await s.serve('1', n);
    }
    // H: one arrives at 08:10 and waits 2 h 1 min 30 s: past two hours waits are counted in 5-minute steps, 125.
    s.clock.set(at(DAY1, '08:10'));
    await s.issue('H', 'h1');
    s.clock.set(at(DAY1, '10:11:30'));
    await s.serve('4', 'h1');
  });
  afterAll(async () => {
    await s.c?.close();
  });

  it('gives the same median, 90th percentile and share within target on both screens', async () => {
    const pick = ({ medianWaitMinutes, p90WaitMinutes, withinTargetShare }: Row) => ({ medianWaitMinutes, p90WaitMinutes, withinTargetShare });
    expect(pick(await s.live('A'))).toEqual({ medianWaitMinutes: 7, p90WaitMinutes: 9, withinTargetShare: 1 });
    expect(pick(await s.live('H'))).toEqual({ medianWaitMinutes: 125, p90WaitMinutes: 125, withinTargetShare: 0 });
    for (const code of ['A', 'H']) expect(pick(await s.reportRow(DAY1, code)), code).toEqual(pick(await s.live(code)));
  });
});
