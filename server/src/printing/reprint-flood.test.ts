// A citizen's new ticket prints before reprints waiting on the same printer: twenty reprints queued on a slow
// printer (150 ms a ticket, so three seconds of paper) do not keep the next person at the kiosk waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPRINT_LIMIT } from '@foleni/shared';
import { FakePrinter } from '../../../scripts/src/fake-printer/fake-printer.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

describe('a flood of reprints', () => {
  let printer: FakePrinter;
  let c: TestCentre;

  beforeAll(async () => {
    printer = new FakePrinter({ printMs: 150 });
    await printer.start();
    c = await startTestCentre({
      ui: false,
      printerUrl: printer.url,
      printing: { statusPollMs: 0, retry: { attempts: 2, backoffMs: 20 }, timeouts: { connectMs: 500, statusReplyMs: 500, jobReplyMs: 2000 } },
    });
  });
  afterAll(async () => {
    await c?.close();
    await printer?.stop();
  });

  const issue = async (): Promise<{ id: string; label: string }> => {
    const res = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('B') } });
    expect(res.status).toBe(201);
    return res.body.ticket;
  };

  it('cannot hold a new kiosk ticket behind it', async () => {
    const flood = 20;
    const tickets: { id: string; label: string }[] = [];
    for (let i = 0; i < Math.ceil(flood / REPRINT_LIMIT); i++) tickets.push(await issue());
    await printer.waitForJobs(tickets.length, 10_000);
    await c.app.ctx.printing.whenIdle();
    const printedBefore = printer.jobs.length;

    const manager = await c.login('manager');
    const answers = await Promise.all(tickets.flatMap((t, i) => Array.from({ length: Math.min(REPRINT_LIMIT, flood - i * REPRINT_LIMIT) }, () => c.api('POST', `/tickets/${t.id}/reprint`, { auth: manager }))));
    expect(answers.map((a) => a.status)).toEqual(Array(flood).fill(200));
    const fresh = await issue();
    // What the printer had been sent when the new ticket was answered: the reprints printed or printing by then.
    const sentAtIssue = printer.jobs.length;
    const all = await printer.waitForJobs(printedBefore + flood + 1, 15_000);
    const order = all.map((job) => tickets.concat(fresh).find((t) => job.text.includes(t.label))?.label);
    // It is the very next job the printer gets; without priorities it would wait for every queued reprint.
    expect(order.indexOf(fresh.label)).toBe(sentAtIssue);
    expect(order.filter((label) => label === fresh.label)).toHaveLength(1);
    // And it did jump a flood: most of the reprints were still waiting.
    expect(all.length - sentAtIssue - 1).toBeGreaterThanOrEqual(flood / 2);
  }, 30_000);
});
