// GET /stats/live beyond the scripted day of stats.test.ts: the longest wait counts from when a ticket
// joined its current queue (a transfer keeps the arrival, not the wait), and failed prints stay listed for
// staff, from the database, until the ticket prints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakePrinter } from '../../../scripts/src/fake-printer/fake-printer.js';
import type { FailedPrint, LiveService, LiveStats } from '@foleni/shared';
import { ManualClock } from '../clock.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

const DAY = '2025-03-04';
const at = (hhmm: string) => Date.parse(`${DAY}T${hhmm}:00+03:00`);
const iso = (hhmm: string) => new Date(at(hhmm)).toISOString();

describe('live longest wait after a transfer, a requeue or a reactivated no-show', () => {
  const clock = new ManualClock(at('07:50'));
  let c: TestCentre;
  let manager: string;
  let wanjiru: string;

  const live = async (): Promise<LiveStats> => {
    const res = await c.api('GET', '/stats/live', { auth: manager });
    expect(res.status).toBe(200);
    return res.body as LiveStats;
  };
  const service = (stats: LiveStats, code: string): LiveService => stats.services.find((s) => s.code === code)!;
  const issue = async (code: string): Promise<string> => {
    const res = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId(code) } });
    expect(res.status).toBe(201);
    return res.body.ticket.id as string;
  };
  const post = async (path: string, body?: unknown) => {
    const res = await c.api('POST', path, { auth: wanjiru, ...(body ? { body } : {}) });
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    c = await startTestCentre({ ui: false, clock });
    manager = await c.login('manager');
    wanjiru = await c.login('wanjiru');
    await post(`/counters/${c.counterId('1')}/open`);
  });
  afterAll(async () => {
    await c?.close();
  });

  it('counts the wait at the new service from the transfer, not from the arrival', async () => {
    // Issued for A at 08:00, called at 08:01 and served for 30 minutes, then sent to K (target 15 min).
    clock.set(at('08:00'));
    const t = await issue('A');
    clock.set(at('08:01'));
    expect((await post(`/counters/${c.counterId('1')}/call-next`)).ticket.id).toBe(t);
    await post(`/tickets/${t}/start`);
    clock.set(at('08:31'));
    await post(`/tickets/${t}/transfer`, { serviceId: c.serviceId('K') });

    let k = service(await live(), 'K');
    expect(k).toMatchObject({ waiting: 1, oldestWaitingSince: iso('08:31'), longestWaitMinutes: 0, overTarget: false });

    // Someone issued for K after the transfer waits less; the transferred customer is still the longest.
    clock.set(at('08:35'));
    await issue('K');
    clock.set(at('08:40'));
    k = service(await live(), 'K');
    expect(k).toMatchObject({ waiting: 2, oldestWaitingSince: iso('08:31'), longestWaitMinutes: 9, overTarget: false });

    // Past the target counted from the transfer, K is over it.
    clock.set(at('08:47'));
    k = service(await live(), 'K');
    expect(k).toMatchObject({ longestWaitMinutes: 16, overTarget: true });
  });

  it('counts the wait of a call put back from the requeue', async () => {
    clock.set(at('09:00'));
    const t = await issue('D');
    clock.set(at('09:20'));
    await post(`/counters/${c.counterId('1')}/call`, { ticketId: t });
    clock.set(at('09:22'));
    await post(`/tickets/${t}/requeue`);
    clock.set(at('09:30'));
    expect(service(await live(), 'D')).toMatchObject({ waiting: 1, oldestWaitingSince: iso('09:22'), longestWaitMinutes: 8, overTarget: false });
  });

  it('counts the wait of a no-show reactivated from the reactivation, behind one who came meanwhile', async () => {
    clock.set(at('10:00'));
    const t = await issue('B');
    clock.set(at('10:10'));
    await post(`/counters/${c.counterId('1')}/call`, { ticketId: t });
    clock.set(at('10:12'));
    await post(`/tickets/${t}/no-show`);
    clock.set(at('10:20'));
    await issue('B');
    clock.set(at('10:30'));
    await post(`/tickets/${t}/requeue`);
    clock.set(at('10:35'));
    // The reactivated customer keeps their place in line, but has waited only since 10:30.
    expect(service(await live(), 'B')).toMatchObject({ waiting: 2, oldestWaitingSince: iso('10:20'), longestWaitMinutes: 15, overTarget: false });
  });
});

describe('failed prints on the live dashboard', () => {
  let printer: FakePrinter;
  let c: TestCentre;
  let manager: string;

  const failedPrints = async (): Promise<FailedPrint[]> => (await c.api('GET', '/stats/live', { auth: manager })).body.failedPrints;
  const issue = async () => {
    const res = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('B') } });
    expect(res.status).toBe(201);
    return res.body as { ticket: { id: string; label: string }; print: { jobId: string } };
  };
  const jobStatus = (jobId: string) => c.db.prepare('SELECT status FROM print_jobs WHERE id = ?').pluck().get(Number(jobId));
  const settled = (jobId: string) => expect.poll(() => jobStatus(jobId), { timeout: 8000 }).toMatch(/^(done|failed)$/);

  beforeAll(async () => {
    printer = new FakePrinter();
    await printer.start();
    c = await startTestCentre({
      ui: false,
      printerUrl: printer.url,
      printing: { statusPollMs: 0, retry: { attempts: 2, backoffMs: 20 }, timeouts: { connectMs: 500, statusReplyMs: 300, jobReplyMs: 800 } },
    });
    manager = await c.login('manager');
  });
  afterAll(async () => {
    await c?.close();
    await printer?.stop();
  });

  it('lists a ticket whose print failed until a reprint prints it', async () => {
    const good = await issue();
    await settled(good.print.jobId);
    expect(await failedPrints()).toEqual([]);

    printer.setMode('paper_out');
    const { ticket, print } = await issue();
    await settled(print.jobId);
    expect(jobStatus(print.jobId)).toBe('failed');
    const kiosk = (await c.api('GET', '/stats/live', { auth: manager })).body.devices.find((d: { kind: string }) => d.kind === 'kiosk');
    const [first, ...others] = await failedPrints();
    expect(others).toEqual([]);
    expect(first).toMatchObject({ jobId: print.jobId, ticketId: ticket.id, label: ticket.label, deviceId: kiosk.id });
    expect(first!.error).toMatch(/paper out/);
    expect(Date.parse(first!.at)).not.toBeNaN();

    // A reprint while the paper is still out fails too: still one line for the ticket, its latest failure.
    // The manager reprints from the list (a clerk may reprint only what their counter holds or held).
    const again = await c.api('POST', `/tickets/${ticket.id}/reprint`, { auth: manager });
    await settled(again.body.print.jobId);
    expect((await failedPrints()).map((p) => [p.ticketId, p.jobId])).toEqual([[ticket.id, again.body.print.jobId]]);

    // Paper back in: the reprint prints and the ticket leaves the list.
    printer.setMode('online');
    const ok = await c.api('POST', `/tickets/${ticket.id}/reprint`, { auth: manager });
    await settled(ok.body.print.jobId);
    expect(jobStatus(ok.body.print.jobId)).toBe('done');
    expect(await failedPrints()).toEqual([]);
  });

  it('drops a failed print once the ticket is no longer open', async () => {
    printer.setMode('paper_out');
    const { ticket, print } = await issue();
    await settled(print.jobId);
    printer.setMode('online');
    expect((await failedPrints()).map((p) => p.ticketId)).toEqual([ticket.id]);
    const res = await c.api('POST', `/tickets/${ticket.id}/cancel`, { auth: manager });
    expect(res.status).toBe(200);
    expect(await failedPrints()).toEqual([]);
  });
});
