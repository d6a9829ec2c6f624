// The print service driving the fake printer over real TCP: a normal print, and every way a kiosk printer
// fails. In each failure the job ends `failed` with a sentence staff can read, and the status is reported.
import { afterEach, describe, expect, it } from 'vitest';
import { KIOSKS, printTestBed, ticketJob, type PrintTestBed } from '@foleni/server/printing/print.fixtures.js';
import { FakePrinter } from './fake-printer.js';

let bed: PrintTestBed;
let printer: FakePrinter;
afterEach(async () => {
  await bed?.close();
  await printer?.stop();
});

async function setUp(opts: Parameters<typeof printTestBed>[0] = {}): Promise<{ url: string }> {
  printer = new FakePrinter();
  await printer.start();
  bed = printTestBed(opts);
  return { url: printer.url };
}

const deviceStatuses = (): string[] => bed.statusUpdates.filter((u) => u.deviceId === KIOSKS[0]).map((u) => u.status);

describe('printing over TCP to the fake printer', () => {
  it('prints the ticket: label, QR code of the tracking URL, cut; the job ends done', async () => {
    const { url } = await setUp();
    const result = bed.service.submit(ticketJob({ url, paperWidth: 80 }, { label: 'A017' }));
    expect(result).toMatchObject({ status: 'queued', error: null });
    const [job] = await printer.waitForJobs(1);
    expect(job?.text).toContain('A017');
    expect(job?.qrCodes).toEqual(['http://127.0.0.1:8080/t/Zk3pQ9sVbN2xW7mT']);
    expect(job?.cuts).toBe(1);
    await bed.service.whenIdle();
    expect(bed.job(result.jobId)).toMatchObject({ status: 'done', attempts: 1, last_error: null });
    expect(bed.statusesOf(result.jobId)).toEqual(['queued', 'printing', 'done']);
    expect(deviceStatuses()).toEqual(['online']);
  });

  it('prints jobs one at a time, in the order they came', async () => {
    printer = new FakePrinter({ printMs: 15 });
    await printer.start();
    bed = printTestBed();
    const labels = ['A001', 'A002', 'A003', 'A004', 'A005'];
    const results = labels.map((label) => bed.service.submit(ticketJob({ url: printer.url, paperWidth: 58 }, { label })));
    const jobs = await printer.waitForJobs(5);
    expect(jobs.map((j) => labels.find((l) => j.text.includes(l)))).toEqual(labels);
    await bed.service.whenIdle();
    expect(results.map((r) => bed.job(r.jobId)?.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
  });

  it('paper out: nothing is sent, the job fails with "printer paper out"', async () => {
    const { url } = await setUp();
    printer.setMode('paper_out');
    const result = bed.service.submit(ticketJob({ url, paperWidth: 80 }));
    await bed.service.whenIdle();
    expect(bed.job(result.jobId)).toMatchObject({ status: 'failed', attempts: 3, last_error: 'printer paper out' });
    expect(bed.statusesOf(result.jobId).at(-1)).toBe('failed');
    expect(deviceStatuses()).toEqual(['paper_out']);
    expect(printer.jobs).toHaveLength(0);
  });

  it('cover open: the job fails with "printer cover open"', async () => {
    const { url } = await setUp();
    printer.setMode('cover_open');
    const result = bed.service.submit(ticketJob({ url, paperWidth: 80 }));
    await bed.service.whenIdle();
    expect(bed.job(result.jobId)).toMatchObject({ status: 'failed', last_error: 'printer cover open' });
    expect(deviceStatuses()).toEqual(['cover_open']);
    expect(printer.jobs).toHaveLength(0);
  });

  it('paper near end: the ticket prints, and staff are warned', async () => {
    const { url } = await setUp();
    printer.setMode('paper_near_end');
    const result = bed.service.submit(ticketJob({ url, paperWidth: 80 }));
    await bed.service.whenIdle();
    expect(bed.job(result.jobId)?.status).toBe('done');
    expect(deviceStatuses()).toEqual(['paper_near_end']);
  });

  it('silent printer: its status cannot be read, so nothing is sent; each attempt times out, then the job fails', async () => {
    const { url } = await setUp({ timeouts: { connectMs: 500, statusReplyMs: 100, jobReplyMs: 300, usbWriteMs: 500 } });
    printer.setMode('silent');
    const started = Date.now();
    const result = bed.service.submit(ticketJob({ url, paperWidth: 80 }));
    await bed.service.whenIdle();
    expect(bed.job(result.jobId)).toMatchObject({ status: 'failed', attempts: 3, last_error: `no answer from printer at ${url} within 100 ms` });
    expect(bed.statusesOf(result.jobId)).toEqual(['queued', 'printing', 'queued', 'printing', 'queued', 'printing', 'failed']);
    expect(deviceStatuses()).toEqual(['offline']);
    // Bounded: three 100 ms time-outs plus 20 + 40 ms of back-off.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(printer.jobs).toHaveLength(0);
  });

  it('printer that never answers GS r: the ticket prints exactly once, and the job fails asking staff to check it', async () => {
    const { url } = await setUp({ retry: { attempts: 3, backoffMs: 10 }, timeouts: { connectMs: 500, statusReplyMs: 200, jobReplyMs: 150, usbWriteMs: 500 } });
    printer.setMode('ignores_gs_r');
    const result = bed.service.submit(ticketJob({ url, paperWidth: 80 }, { label: 'G001' }));
    await bed.service.whenIdle();
    expect(bed.job(result.jobId)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: `sent to the printer at ${url} but it did not confirm printing (no answer within 150 ms); check the ticket came out, reprint it if not`,
    });
    expect(bed.statusesOf(result.jobId)).toEqual(['queued', 'printing', 'failed']);
    // Not being sure is no sign of printer trouble: the status stays what DLE EOT says.
    expect(deviceStatuses()).toEqual([]);
    await new Promise((r) => setTimeout(r, 100));
    expect(printer.jobs.map((j) => j.text.match(/G001/)?.[0])).toEqual(['G001']);
  });

  it('printer stops after the job was sent: not retried, and the ticket comes out once when paper is loaded', async () => {
    const { url } = await setUp({ retry: { attempts: 3, backoffMs: 10 }, timeouts: { connectMs: 500, statusReplyMs: 200, jobReplyMs: 150, usbWriteMs: 500 } });
    // Paper runs out while printing: the status check (DLE EOT 4 is its last question) passed, the
    // confirmation never comes. The printer keeps the job in its buffer, as a real one does.
    printer.on('status-query', ({ n }) => n === 4 && printer.setMode('paper_out'));
    const result = bed.service.submit(ticketJob({ url, paperWidth: 80 }));
    await bed.service.whenIdle();
    expect(bed.job(result.jobId)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: `sent to the printer at ${url} but it did not confirm printing (no answer within 150 ms); check the ticket came out, reprint it if not`,
    });
    expect(printer.jobs).toHaveLength(0);
    printer.setMode('online');
    await printer.waitForJobs(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(printer.jobs).toHaveLength(1);
  });

  it('refused connection: the job fails saying so', async () => {
    const { url } = await setUp();
    await printer.stop();
    const result = bed.service.submit(ticketJob({ url, paperWidth: 80 }));
    await bed.service.whenIdle();
    expect(bed.job(result.jobId)).toMatchObject({
      status: 'failed',
      attempts: 3,
      last_error: `could not connect to printer at ${url}: connection refused (is it switched on?)`,
    });
    expect(deviceStatuses()).toEqual(['offline']);
  });

  it('printer restarted mid-queue: the jobs after the restart print', async () => {
    const { url } = await setUp({ retry: { attempts: 10, backoffMs: 20 } });
    const first = bed.service.submit(ticketJob({ url, paperWidth: 80 }, { label: 'R001' }));
    await printer.waitForJobs(1);
    await bed.service.whenIdle();
    await printer.stop();
    const second = bed.service.submit(ticketJob({ url, paperWidth: 80 }, { label: 'R002' }));
    const third = bed.service.submit(ticketJob({ url, paperWidth: 80 }, { label: 'R003' }));
    // Wait until the second job has failed once against the switched-off printer…
    await until(() => bed.job(second.jobId)?.last_error != null);
    expect(bed.job(third.jobId)?.status).toBe('queued');
    await printer.start();
    // …then it and the one behind it print once it is back.
    const jobs = await printer.waitForJobs(3);
    expect(jobs.map((j) => j.text.match(/R00\d/)?.[0])).toEqual(['R001', 'R002', 'R003']);
    await bed.service.whenIdle();
    expect([first, second, third].map((r) => bed.job(r.jobId)?.status)).toEqual(['done', 'done', 'done']);
    expect(deviceStatuses()).toEqual(['online', 'offline', 'online']);
  });

  it('polls an idle printer and reports each change of status', async () => {
    const { url } = await setUp({ statusPollMs: 25 });
    bed.service.registerPrinter(KIOSKS[0], { url, paperWidth: 80 });
    await until(() => deviceStatuses().includes('online'));
    printer.setMode('cover_open');
    await until(() => deviceStatuses().includes('cover_open'));
    await printer.stop();
    await until(() => deviceStatuses().includes('offline'));
    expect(deviceStatuses()).toEqual(['online', 'cover_open', 'offline']);
    expect(bed.service.printerStatus(KIOSKS[0])).toBe('offline');
    bed.service.unregisterPrinter(KIOSKS[0]);
    const reported = bed.statusUpdates.length;
    await printer.start();
    await new Promise((r) => setTimeout(r, 100));
    expect(bed.statusUpdates).toHaveLength(reported);
  });

  it('close() stops a job mid-wait and leaves it for recovery at the next start', async () => {
    const { url } = await setUp({ timeouts: { connectMs: 500, statusReplyMs: 5000, jobReplyMs: 5000, usbWriteMs: 500 } });
    printer.setMode('silent');
    const result = bed.service.submit(ticketJob({ url, paperWidth: 80 }));
    await until(() => bed.job(result.jobId)?.status === 'printing');
    const started = Date.now();
    await bed.service.close();
    // The printer would make it wait 5 s; a loaded machine may take a moment, never that.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(bed.job(result.jobId)?.status).toBe('printing');
  });

  it('close() while the connection to the printer is still being made does not wait for the printer either', async () => {
    const { url } = await setUp({ timeouts: { connectMs: 500, statusReplyMs: 5000, jobReplyMs: 5000, usbWriteMs: 500 } });
    printer.setMode('silent');
    // The printer has accepted the connection; the service may not have heard back yet.
    const closing = new Promise<number>((resolve) => {
      printer.once('connection', () => {
        const started = Date.now();
        void bed.service.close().then(() => resolve(Date.now() - started));
      });
    });
    const result = bed.service.submit(ticketJob({ url, paperWidth: 80 }));
    expect(await closing).toBeLessThan(2000);
    expect(bed.job(result.jobId)?.status).toBe('printing');
  });
});

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
