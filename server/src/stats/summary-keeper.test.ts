// The daily summaries are made a day per turn of the event loop: a report over days not yet summarised
// waits for them without stopping everything else, and a closed day is summarised without being asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

const DAYS = ['2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06'];
const at = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+03:00`);

describe('the summary keeper', () => {
  const clock = new ManualClock(at(DAYS[0]!, '08:00'));
  let c: TestCentre;
  let clerk: string;

  const serveOne = async (day: string) => {
    clock.set(at(day, '09:00'));
    const issued = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('A') } });
    expect(issued.status).toBe(201);
    clock.set(at(day, '09:05'));
    const called = await c.api('POST', `/counters/${c.counterId('Counter 1')}/call-next`, { auth: clerk });
    expect(called.status).toBe(200);
    await c.api('POST', `/tickets/${called.body.ticket.id}/start`, { auth: clerk });
    clock.set(at(day, '09:10'));
    await c.api('POST', `/tickets/${called.body.ticket.id}/complete`, { auth: clerk });
  };
  const built = () => [...c.app.ctx.repos.stats.builtDays(DAYS[0]!, '2025-12-31').keys()].sort();

  beforeAll(async () => {
    c = await startTestCentre({ ui: false, clock });
    clerk = await c.login('wanjiru');
    const opened = await c.api('POST', `/counters/${c.counterId('Counter 1')}/open`, { auth: clerk });
    expect(opened.status).toBe(200);
    for (const day of DAYS) await serveOne(day);
  });
  afterAll(async () => {
    await c?.close();
  });

  it('makes a report over unsummarised days wait for them a day per turn, letting other work run between', async () => {
    c.db.exec('DELETE FROM stats_daily; DELETE FROM stats_days');
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    await c.app.ctx.stats.summaries.ready(DAYS[0]!, DAYS[3]!);
    counting = false;
    // The three past days were summarised in turns of their own (today, the fourth, at once): other work ran
    // between them. Built in one go, no turn would have passed.
    expect(turns).toBeGreaterThanOrEqual(3);
    expect(built()).toEqual(DAYS);
    c.db.exec('DELETE FROM stats_daily; DELETE FROM stats_days');
    const res = await c.api('GET', `/stats/report?from=${DAYS[0]}&to=${DAYS[3]}&groupBy=service`, { auth: await c.login('manager') });
    expect(res.status).toBe(200);
    expect(res.body.total.served).toBe(DAYS.length);
    expect(built()).toEqual(DAYS);
  });

  it('summarises a day when it closes, without a report asking', async () => {
    const closing = DAYS[3]!;
    c.db.prepare('DELETE FROM stats_daily WHERE day = ?').run(closing);
    c.db.prepare('DELETE FROM stats_days WHERE day = ?').run(closing);
    expect(built()).not.toContain(closing);
    clock.set(at('2025-03-07', '07:00'));
    await c.app.ctx.queue.closeDay();
    c.app.ctx.stats.summaries.afterClose();
    await expect.poll(() => built()).toContain(closing);
    expect(c.app.ctx.stats.summaries.pending).toBe(0);
  });
});
