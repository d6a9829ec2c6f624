// Statistics on a scripted day: an injected clock moves through a morning at the centre where every wait,
// service time and rating is chosen, so every median, percentile and share is known in advance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';
import { parseCsv } from '../reports/csv-parse.js';
import { NOT_AT_A_COUNTER, NOT_WITH_A_CLERK } from './stats-report.js';

const DAY = '2025-03-03';
// 08:00 in Nairobi (UTC+3).
const T0 = Date.parse('2025-03-03T05:00:00Z');
const at = (hhmm: string) => Date.parse(`${DAY}T${hhmm}:00+03:00`);

describe('statistics on a scripted day', () => {
  const clock = new ManualClock(T0 - 3_600_000);
  let c: TestCentre;
  let manager: string;
  let wanjiru: string;
  let otieno: string;
  const ids: Record<string, string> = {};
  /** The feedback key of each ticket's link, as the kiosk's answer gives it (#k=…). */
  const keys: Record<string, string> = {};
  let snapshotAt0805: { current: unknown; idleSince: unknown } | undefined;

  const setTime = (hhmm: string) => clock.set(at(hhmm));
  const issue = async (code: string, name: string) => {
    const res = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId(code) } });
    expect(res.status).toBe(201);
    ids[name] = res.body.ticket.id;
    keys[name] = new URL(res.body.ticket.trackUrl as string).hash.slice('#k='.length);
  };
  const step = async (who: string, name: string, what: string, body?: unknown) => {
    const res = await c.api('POST', `/tickets/${ids[name]}/${what}`, { auth: who, ...(body ? { body } : {}) });
    expect(res.status, `${what} ${name}: ${JSON.stringify(res.body)}`).toBe(200);
  };
  const callNext = async (who: string, counter: string, expected: string) => {
    const res = await c.api('POST', `/counters/${c.counterId(counter)}/call-next`, { auth: who });
    expect(res.status).toBe(200);
    expect(res.body.ticket.id).toBe(ids[expected]);
  };
  /** Call at `call`, start at `start`, then complete at `done` (or mark a no-show). */
  const serve = async (who: string, counter: string, name: string, call: string, start: string | null, done: string) => {
    setTime(call);
    await callNext(who, counter, name);
    if (start === null) {
      setTime(done);
      await step(who, name, 'no-show');
      return;
    }
    setTime(start);
    await step(who, name, 'start');
    setTime(done);
    await step(who, name, 'complete');
  };

  beforeAll(async () => {
    c = await startTestCentre({ ui: false, clock });
    manager = await c.login('manager');
    wanjiru = await c.login('wanjiru');
    otieno = await c.login('otieno');
    setTime('07:55');
    expect((await c.api('POST', `/counters/${c.counterId('1')}/open`, { auth: wanjiru })).status).toBe(200);
    expect((await c.api('POST', `/counters/${c.counterId('4')}/open`, { auth: otieno })).status).toBe(200);

    // National ID (A, target 20 min): five arrive at 08:00 and wait 5, 10, 15, 25 and 40 minutes.
    setTime('08:00');
    for (const n of ['a1', 'a2', 'a3', 'a4', 'a5']) await issue('A', n);
    setTime('08:05');
    await callNext(wanjiru, '1', 'a1');
    snapshotAt0805 = (await c.api('GET', '/stats/live', { auth: manager })).body.counters.find((x: { id: string }) => x.id === c.counterId('1'));
    setTime('08:06');
    await step(wanjiru, 'a1', 'start');
    setTime('08:09');
    await step(wanjiru, 'a1', 'complete');
    await serve(wanjiru, '1', 'a2', '08:10', '08:11', '08:14');
    await serve(wanjiru, '1', 'a3', '08:15', null, '08:16'); // no-show
    await serve(wanjiru, '1', 'a4', '08:25', '08:27', '08:32');
    await serve(wanjiru, '1', 'a5', '08:40', '08:41', '08:45');

    // Birth certificate (B, target 20): one arrives at 08:30, is called at 08:50, sent to SHA, then cancelled.
    setTime('08:30');
    await issue('B', 'b1');
    setTime('08:50');
    await callNext(wanjiru, '1', 'b1');
    setTime('08:51');
    await step(wanjiru, 'b1', 'start');
    setTime('08:55');
    await step(wanjiru, 'b1', 'transfer', { serviceId: c.serviceId('H') });
    setTime('08:58');
    await step(manager, 'b1', 'cancel');

    // SHA (H, target 15): three arrive at 09:00; they wait 2 and 16 minutes, the third is still waiting.
    setTime('09:00');
    for (const n of ['h1', 'h2', 'h3']) await issue('H', n);
    await serve(otieno, '4', 'h1', '09:02', '09:02', '09:10');
    await serve(otieno, '4', 'h2', '09:16', '09:17', '09:20');

    setTime('09:25');
    expect((await c.api('POST', `/tickets/${ids.a1}/feedback`, { body: { rating: 5, key: keys.a1 } })).status).toBe(201);
    expect((await c.api('POST', `/tickets/${ids.h1}/feedback`, { body: { rating: 3, key: keys.h1 } })).status).toBe(201);
    setTime('09:30');
  });
  afterAll(async () => {
    await c?.close();
  });

  it('shows who a counter is serving and since when', () => {
    expect(snapshotAt0805?.current).toMatchObject({ label: 'A001', status: 'called', since: '2025-03-03T05:05:00.000Z', sinceMinutes: 0 });
  });

  it('gives live figures per service and counter', async () => {
    const live = await c.api('GET', '/stats/live', { auth: manager });
    expect(live.status).toBe(200);
    expect(live.body.day).toBe(DAY);
    const byCode = (code: string) => live.body.services.find((s: { code: string }) => s.code === code);
    expect(byCode('A')).toMatchObject({
      waiting: 0,
      longestWaitMinutes: null,
      oldestWaitingSince: null,
      medianWaitMinutes: 15,
      p90WaitMinutes: 40,
      withinTargetShare: 0.6,
      issued: 5,
      served: 4,
      noShows: 1,
      overTarget: false,
    });
    expect(byCode('B')).toMatchObject({ issued: 1, served: 0, medianWaitMinutes: 20, withinTargetShare: 1, waiting: 0 });
    expect(byCode('H')).toMatchObject({
      waiting: 1,
      oldestWaitingSince: '2025-03-03T06:00:00.000Z',
      longestWaitMinutes: 30,
      medianWaitMinutes: 2,
      p90WaitMinutes: 16,
      withinTargetShare: 0.5,
      issued: 3,
      served: 2,
      overTarget: true,
    });
    const counter = (name: string) => live.body.counters.find((x: { id: string }) => x.id === c.counterId(name));
    expect(counter('1')).toMatchObject({ status: 'open', current: null, idleSince: '2025-03-03T05:55:00.000Z', statusSince: '2025-03-03T04:55:00.000Z' });
    expect(counter('1').clerk.displayName).toBe('Wanjiru Kamau');
    expect(counter('4')).toMatchObject({ status: 'open', current: null, idleSince: '2025-03-03T06:20:00.000Z' });
    expect(counter('2')).toMatchObject({ status: 'closed', idleSince: null });
    expect(live.body.devices.map((d: { kind: string }) => d.kind).sort()).toEqual(['display', 'kiosk']);
  });

  it('reports the day by service with every figure as scripted', async () => {
    const res = await c.api('GET', `/stats/report?from=${DAY}&to=${DAY}&groupBy=service`, { auth: manager });
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: { label: string }) => r.label)).toEqual(['A — National ID card', 'B — Birth certificate', 'H — Health insurance (SHA)']);
    const [a, b, h] = res.body.rows;
    expect(a).toMatchObject({
      key: c.serviceId('A'),
      issued: 5,
      called: 5,
      served: 4,
      noShows: 1,
      cancelled: 0,
      noShowRate: 0.2,
      medianWaitMinutes: 15,
      p90WaitMinutes: 40,
      averageWaitMinutes: 19,
      averageServiceMinutes: 3.8, // 3, 3, 5, 4
      averageWalkUpMinutes: 1.3, // 1, 1, 2, 1
      withinTargetShare: 0.6,
      feedbackCount: 1,
      feedbackAverage: 5,
    });
    // The transferred ticket counts where it was issued, with its wait in that queue.
    expect(b).toMatchObject({ issued: 1, called: 1, served: 0, cancelled: 1, medianWaitMinutes: 20, withinTargetShare: 1, averageServiceMinutes: null });
    expect(h).toMatchObject({
      issued: 3,
      called: 2,
      served: 2,
      noShows: 0,
      medianWaitMinutes: 2,
      p90WaitMinutes: 16,
      averageWaitMinutes: 9,
      averageServiceMinutes: 5.5,
      averageWalkUpMinutes: 0.5,
      withinTargetShare: 0.5,
      feedbackAverage: 3,
    });
    // Waits 2 5 10 15 16 20 25 40: the 4th and the 8th of eight.
    expect(res.body.total).toMatchObject({ key: null, issued: 9, called: 8, served: 6, noShows: 1, cancelled: 1, medianWaitMinutes: 15, p90WaitMinutes: 40, withinTargetShare: 0.625, feedbackCount: 2, feedbackAverage: 4 });
  });

  it('groups by hour, counter, clerk and day', async () => {
    const get = async (groupBy: string, from = DAY, to = DAY) => (await c.api('GET', `/stats/report?from=${from}&to=${to}&groupBy=${groupBy}`, { auth: manager })).body;
    const hours = await get('hour');
    expect(hours.rows.map((r: { key: string; label: string; issued: number }) => [r.key, r.label, r.issued])).toEqual([
      ['08', '08:00–09:00', 6],
      ['09', '09:00–10:00', 3],
    ]);
    expect(hours.rows[1]).toMatchObject({ medianWaitMinutes: 2, p90WaitMinutes: 16 });

    const counters = await get('counter');
    expect(counters.rows.map((r: { label: string; issued: number; served: number }) => [r.label, r.issued, r.served])).toEqual([
      ['Counter 1', 5, 4],
      ['Counter 4', 2, 2],
      [NOT_AT_A_COUNTER, 2, 0],
    ]);
    const clerks = await get('clerk');
    expect(clerks.rows.map((r: { label: string; called: number }) => [r.label, r.called])).toEqual([
      ['Otieno Odhiambo', 2],
      ['Wanjiru Kamau', 5],
      [NOT_WITH_A_CLERK, 1],
    ]);
    const days = await get('day', '2025-03-01', '2025-03-04');
    expect(days.rows.map((r: { key: string; issued: number }) => [r.key, r.issued])).toEqual([
      ['2025-03-01', 0],
      ['2025-03-02', 0],
      ['2025-03-03', 9],
      ['2025-03-04', 0],
    ]);
    expect(days.rows[2]).toMatchObject({ medianWaitMinutes: 15, p90WaitMinutes: 40, withinTargetShare: 0.625 });
  });

  it('exports the report as CSV that parses back to the same figures', async () => {
    const res = await fetch(`${c.url}/api/v1/stats/report?from=${DAY}&to=${DAY}&groupBy=service&format=csv`, { headers: { authorization: `Bearer ${manager}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="foleni-HC-NBI-GPO-report-by-service-${DAY}-to-${DAY}.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    expect(table[0]![0]).toBe('Service');
    expect(table[0]).toContain('Median wait (min)');
    const col = (name: string) => table[0]!.indexOf(name);
    expect(table.map((r) => r[0])).toEqual(['Service', 'A — National ID card', 'B — Birth certificate', 'H — Health insurance (SHA)', `Total ${DAY} to ${DAY}`]);
    const a = table[1]!;
    expect(a[col('Issued')]).toBe('5');
    expect(a[col('No-show rate (%)')]).toBe('20');
    expect(a[col('Median wait (min)')]).toBe('15');
    expect(a[col('90th percentile wait (min)')]).toBe('40');
    expect(a[col('Called within target (%)')]).toBe('60');
    expect(a[col('Average service time (min)')]).toBe('3.8');
    expect(table[2]![col('Average service time (min)')]).toBe(''); // nothing served: an empty cell, not 0
    expect(table[4]![col('Called within target (%)')]).toBe('62.5');
    expect(table.every((r) => r.length === table[0]!.length)).toBe(true);
  });

  it('exports the day event log as NDJSON, in order', async () => {
    const res = await fetch(`${c.url}/api/v1/stats/events?day=${DAY}`, { headers: { authorization: `Bearer ${manager}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const lines = (await res.text()).trimEnd().split('\n').map((l) => JSON.parse(l) as { seq: number; type: string; day: string; label: string | null; serviceCode: string | null; counterName: string | null });
    expect(lines.every((l) => l.day === DAY)).toBe(true);
    expect(lines.map((l) => l.seq)).toEqual([...lines.map((l) => l.seq)].sort((x, y) => x - y));
    const count = (type: string) => lines.filter((l) => l.type === type).length;
    expect(count('ticket.issued')).toBe(9);
    expect(count('ticket.called')).toBe(8);
    expect(count('ticket.completed')).toBe(6);
    expect(count('ticket.transferred')).toBe(1);
    expect(count('counter.open')).toBe(2);
    expect(lines.find((l) => l.type === 'ticket.called')).toMatchObject({ label: 'A001', serviceCode: 'A', counterName: 'Counter 1' });
    const empty = await fetch(`${c.url}/api/v1/stats/events?day=2025-01-01`, { headers: { authorization: `Bearer ${manager}` } });
    expect(await empty.text()).toBe('');
  });

  it('refuses a bad range with 400', async () => {
    for (const q of ['from=2025-03-04&to=2025-03-03', 'from=2025-02-30&to=2025-03-03', 'from=2025-03-03', 'from=2025-03-03&to=2025-03-03&groupBy=week', 'from=2025-03-03&to=2025-03-03&extra=1']) {
      const res = await c.api('GET', `/stats/report?${q}`, { auth: manager });
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toMatch(/^invalid-|range/);
    }
    expect((await c.api('GET', '/stats/events?day=yesterday', { auth: manager })).status).toBe(400);
    // Ten thousand years: counted, not listed, so it is refused without summarising or listing a day.
    for (const [method, path, body] of [
      ['GET', '/stats/report?from=0001-01-01&to=9999-12-31&groupBy=day', undefined],
      ['POST', '/stats/rebuild', { from: '1000-01-01', to: '9999-12-31' }],
    ] as const) {
      const res = await c.api(method, path, { auth: manager, ...(body ? { body } : {}) });
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('range-too-long');
    }
  });

  it('summarises a day again when its log grows or feedback arrives later', async () => {
    const before = (await c.api('GET', `/stats/report?from=${DAY}&to=${DAY}`, { auth: manager })).body.total;
    expect(before).toMatchObject({ expired: 0, feedbackCount: 2 });
    setTime('09:40');
    expect((await c.api('POST', `/tickets/${ids.h2}/feedback`, { body: { rating: 1, key: keys.h2 } })).status).toBe(201);
    // The next morning the day closes: the SHA customer still waiting is expired, in that day's log, and so
    // is the no-show who never came back (still counted as a no-show).
    clock.set(Date.parse('2025-03-04T05:00:00Z'));
    expect(await c.app.ctx.queue.closeDay()).toBe(2);
    const after = (await c.api('GET', `/stats/report?from=${DAY}&to=${DAY}`, { auth: manager })).body;
    expect(after.total).toMatchObject({ issued: 9, noShows: 1, expired: 1, feedbackCount: 3, feedbackAverage: 3 });
    expect(after.rows.find((r: { label: string }) => r.label.startsWith('H'))).toMatchObject({ expired: 1, feedbackAverage: 2 });
    // Rebuilding on demand gives the same figures.
    const rebuilt = await c.api('POST', '/stats/rebuild', { auth: manager, body: { from: DAY, to: DAY } });
    expect(rebuilt.body).toEqual({ rebuilt: 1 });
    const again = (await c.api('GET', `/stats/report?from=${DAY}&to=${DAY}`, { auth: manager })).body;
    expect(again.rows).toEqual(after.rows);
  });
});
