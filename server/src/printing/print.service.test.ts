// PrintService on a real SQLite file, with the transports that need no network: preview and USB (a regular
// file or a FIFO standing in for /dev/usb/lp0). Network printing is tested against the fake printer in
// scripts/src/fake-printer.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WriteQueue } from '../db/write-queue.js';
import { decodeEscPos } from './escpos-text.js';
import { PrintError } from './print-error.js';
import { silentPrintLog } from './print-log.js';
import { KIOSKS, printTestBed, ticketJob, type PrintTestBed } from './print.fixtures.js';
import { PrintService, type PrintServiceOptions } from './print.service.js';
import { prunePreviews } from './transports/preview.transport.js';
import { UsbTransport } from './transports/usb.transport.js';

let bed: PrintTestBed;
afterEach(async () => {
  await bed?.close();
});

describe('preview printer', () => {
  it('answers `preview` at once and keeps the bytes and their text as files', async () => {
    bed = printTestBed();
    const result = bed.service.submit(ticketJob({ url: 'preview', paperWidth: 80 }, { label: 'C042' }));
    expect(result).toMatchObject({ status: 'preview', error: null });
    await bed.service.whenIdle();
    const bin = join(bed.dir, 'previews', `${result.jobId}.bin`);
    const txt = readFileSync(join(bed.dir, 'previews', `${result.jobId}.txt`), 'utf8');
    expect(decodeEscPos(readFileSync(bin)).qrCodes).toEqual(['http://127.0.0.1:8080/t/Zk3pQ9sVbN2xW7mT']);
    expect(txt).toContain('C042');
    expect(bed.job(result.jobId)).toMatchObject({ status: 'preview', attempts: 1, last_error: null });
    expect(bed.statusesOf(result.jobId)).toEqual(['preview']);
  });

  it('reports the `preview` printer status to a device registered with it', () => {
    bed = printTestBed();
    bed.service.registerPrinter(KIOSKS[0], { url: 'preview', paperWidth: 58 });
    expect(bed.statusUpdates).toEqual([{ deviceId: KIOSKS[0], status: 'preview', problem: null }]);
    expect(bed.service.printerStatus(KIOSKS[0])).toBe('preview');
  });
});

describe('USB printer', () => {
  it('writes the job to the device file', async () => {
    bed = printTestBed();
    const device = join(bed.dir, 'lp0');
    writeFileSync(device, '');
    const result = bed.service.submit(ticketJob({ url: `usb:${device}`, paperWidth: 58 }, { label: 'U007' }));
    expect(result.status).toBe('queued');
    await bed.service.whenIdle();
    const decoded = decodeEscPos(readFileSync(device));
    expect(decoded.text).toContain('U007');
    expect(decoded.cuts).toBe(1);
    expect(bed.job(result.jobId)).toMatchObject({ status: 'done', attempts: 1 });
    expect(bed.statusesOf(result.jobId)).toEqual(['queued', 'printing', 'done']);
    expect(bed.statusUpdates).toContainEqual({ deviceId: KIOSKS[0], status: 'online', problem: null });
  });

  it('writes through a FIFO to whoever reads it, as the kernel driver would', async () => {
    bed = printTestBed();
    const fifo = join(bed.dir, 'lp-fifo');
    execFileSync('mkfifo', [fifo]);
    const chunks: Buffer[] = [];
    const reader = createReadStream(fifo);
    reader.on('data', (c) => chunks.push(Buffer.from(c)));
    const ended = new Promise<void>((resolve) => reader.on('end', () => resolve()));
    const result = bed.service.submit(ticketJob({ url: `usb:${fifo}`, paperWidth: 80 }, { label: 'F123' }));
    await bed.service.whenIdle();
    await ended;
    expect(bed.job(result.jobId)?.status).toBe('done');
    expect(decodeEscPos(Buffer.concat(chunks)).text).toContain('F123');
  });

  it('fails with a plain sentence when the printer is unplugged (no device file)', async () => {
    bed = printTestBed();
    const url = `usb:${join(bed.dir, 'missing-lp0')}`;
    const result = bed.service.submit(ticketJob({ url, paperWidth: 80 }));
    await bed.service.whenIdle();
    expect(bed.job(result.jobId)).toMatchObject({ status: 'failed', attempts: 3, last_error: `no printer at ${url} (is it plugged in and switched on?)` });
    // It must not have created a regular file where the device should be.
    expect(existsSync(url.slice(4))).toBe(false);
    expect(bed.statusesOf(result.jobId)).toEqual(['queued', 'printing', 'queued', 'printing', 'queued', 'printing', 'failed']);
    expect(bed.statusUpdates).toContainEqual({ deviceId: KIOSKS[0], status: 'offline', problem: { reason: 'missing_device', detail: expect.stringContaining('no printer at') } });
  });
});

describe('USB printer that blocks', () => {
  it('never writes a job late whose device file would not open in time', async () => {
    bed = printTestBed({ timeouts: { connectMs: 500, statusReplyMs: 200, jobReplyMs: 1000, usbWriteMs: 150 } });
    // A FIFO nobody reads yet: opening it for writing blocks, like a device that does not come up.
    const fifo = join(bed.dir, 'lp-stuck');
    execFileSync('mkfifo', [fifo]);
    const result = bed.service.submit(ticketJob({ url: `usb:${fifo}`, paperWidth: 80 }));
    await bed.service.whenIdle();
    expect(bed.job(result.jobId)).toMatchObject({ status: 'failed', attempts: 3 });
    // The device comes up after the job was given up on: nothing may come out now.
    const chunks: Buffer[] = [];
    const reader = createReadStream(fifo);
    reader.on('data', (c) => chunks.push(Buffer.from(c)));
    await new Promise<void>((resolve) => reader.on('end', () => resolve()));
    expect(Buffer.concat(chunks)).toHaveLength(0);
  });

  it('does not retry a job the printer stopped taking part-way: it may be on paper already', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foleni-usb-'));
    try {
      const fifo = join(dir, 'lp-full');
      execFileSync('mkfifo', [fifo]);
      // A reader that opens but does not read: the pipe fills and the write blocks, like a printer out of paper.
      const reading = open(fifo, 'r');
      const usb = new UsbTransport(`usb:${fifo}`, fifo, 150);
      const error = await usb.print({ jobId: '1', bytes: new Uint8Array(1 << 20) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PrintError);
      expect(error).toMatchObject({ sent: true, message: expect.stringContaining('check the ticket came out, reprint it if not') });
      // Paper loaded: the blocked write goes on by itself.
      const handle = await reading;
      let read = 0;
      for await (const chunk of handle.createReadStream()) read += (chunk as Buffer).length;
      expect(read).toBe(1 << 20);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('old previews', () => {
  const DAY = 24 * 60 * 60_000;
  // A data folder of their own: the bed's service prunes its folder too when it starts.
  let dataDir: string;
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Preview files last written `daysAgo` days ago; returns their folder. */
  function previews(names: string[], daysAgo: number): string {
    const dir = join(dataDir, 'previews');
    mkdirSync(dir, { recursive: true });
    const at = new Date(Date.now() - daysAgo * DAY);
    for (const name of names) {
      writeFileSync(join(dir, name), 'x');
      utimesSync(join(dir, name), at, at);
    }
    return dir;
  }

  function startService(previewRetention?: PrintServiceOptions['previewRetention']): PrintService {
    return new PrintService({
      db: bed.db,
      clock: { now: () => Date.now() },
      dataDir,
      statusPollMs: 0,
      log: silentPrintLog,
      onPrinterStatus() {},
      previewRetention,
    });
  }

  beforeEach(() => {
    bed = printTestBed();
    dataDir = mkdtempSync(join(tmpdir(), 'foleni-previews-'));
  });

  it('deletes previews older than a week when it starts, and keeps newer ones and files it did not write', async () => {
    previews(['1.bin', '1.txt', '2.bin', '2.txt', 'notes.txt'], 8);
    const dir = previews(['3.bin', '3.txt'], 6);
    const service = startService();
    // The run begun at start: a second call while it runs joins it.
    await service.prunePreviews();
    expect(readdirSync(dir).sort()).toEqual(['3.bin', '3.txt', 'notes.txt']);
    await service.close();
  });

  it('prunes again while it runs, and deletes only so many files per run', async () => {
    const dir = previews(['1.bin', '1.txt', '2.bin', '2.txt', '3.bin'], 10);
    const service = startService({ everyMs: 30, limit: 2 });
    await service.prunePreviews();
    expect(readdirSync(dir)).toHaveLength(3);
    await until(() => readdirSync(dir).length === 0);
    // A week after a file was written, a later run takes it.
    previews(['4.bin'], 7.01);
    await until(() => readdirSync(dir).length === 0);
    await service.close();
  });

  it('copes with no preview folder at all', async () => {
    expect(await prunePreviews(join(dataDir, 'previews'), { olderThanMs: DAY, now: Date.now(), limit: 10 })).toBe(0);
  });
});

describe('PrintService bookkeeping', () => {
  it('fails, at the next start, the jobs a stopped server left open', async () => {
    bed = printTestBed();
    const insert = bed.db.prepare("INSERT INTO print_jobs (device_id, printer_url, status, attempts, created_at, updated_at) VALUES (?, 'tcp://10.0.0.9:9100', ?, ?, 1, 1)");
    const queued = Number(insert.run(KIOSKS[0], 'queued', 0).lastInsertRowid);
    const printing = Number(insert.run(KIOSKS[0], 'printing', 1).lastInsertRowid);
    const done = Number(insert.run(KIOSKS[0], 'done', 1).lastInsertRowid);
    const updates = bed.service.recoverInterrupted();
    expect(updates.map((u) => u.jobId)).toEqual([String(queued), String(printing)]);
    expect(bed.job(String(queued))).toMatchObject({ status: 'failed', last_error: expect.stringContaining('the server stopped before this job was printed') });
    expect(bed.job(String(printing))?.status).toBe('failed');
    expect(bed.job(String(done))?.status).toBe('done');
    expect(bed.jobUpdates.map((u) => u.status)).toEqual(['failed', 'failed']);
  });

  it('never touches the jobs of this run when recovering', async () => {
    bed = printTestBed();
    const result = bed.service.submit(ticketJob({ url: 'preview', paperWidth: 80 }));
    expect(bed.service.recoverInterrupted()).toEqual([]);
    await bed.service.whenIdle();
    expect(bed.job(result.jobId)?.status).toBe('preview');
  });

  it('stores a ticket job in the ticket’s own write and starts it only once that write commits', async () => {
    bed = printTestBed();
    const writes = new WriteQueue(bed.db);
    let jobId: string | null = null;
    const written = writes.run((tx) => {
      jobId = bed.service.submitWithin(tx, ticketJob({ url: 'preview', paperWidth: 80 })).jobId;
      // Stored with the ticket, not yet started: nothing is told before the commit.
      expect(bed.jobUpdates).toEqual([]);
    });
    await written;
    await bed.service.whenIdle();
    expect(bed.statusesOf(jobId)).toEqual(['preview']);
    expect(existsSync(join(bed.dir, 'previews', `${jobId}.bin`))).toBe(true);
  });

  it('drops a job whose ticket write rolled back: no row, no update, nothing printed', async () => {
    bed = printTestBed();
    const writes = new WriteQueue(bed.db);
    let jobId: string | null = null;
    await expect(
      writes.run((tx) => {
        jobId = bed.service.submitWithin(tx, ticketJob({ url: 'preview', paperWidth: 80 })).jobId;
        expect(bed.job(jobId)).toBeDefined();
        throw new Error('ticket refused');
      }),
    ).rejects.toThrow('ticket refused');
    await bed.service.whenIdle();
    expect(jobId).not.toBeNull();
    expect(bed.job(jobId)).toBeUndefined();
    expect(bed.jobUpdates).toEqual([]);
    expect(existsSync(join(bed.dir, 'previews', `${jobId}.bin`))).toBe(false);
  });

  it('fails the ticket’s write when its job cannot be stored, so no ticket is answered without one', async () => {
    bed = printTestBed();
    const writes = new WriteQueue(bed.db);
    await expect(writes.run((tx) => bed.service.submitWithin(tx, ticketJob({ url: 'preview', paperWidth: 80 }, {}, 'no-such-device')))).rejects.toThrow(/FOREIGN KEY/);
    expect(bed.db.prepare('SELECT COUNT(*) FROM print_jobs').pluck().get()).toBe(0);
  });

  it('never throws: a job it cannot even record comes back failed', () => {
    bed = printTestBed();
    const result = bed.service.submit(ticketJob({ url: 'preview', paperWidth: 80 }, {}, 'no-such-device'));
    expect(result).toMatchObject({ jobId: null, status: 'failed', error: expect.stringContaining('could not record the print job') });
  });

  it('fails a job for an address it does not know, with the reason', async () => {
    bed = printTestBed();
    const result = bed.service.submit(ticketJob({ url: 'lpt://1', paperWidth: 80 }));
    expect(result).toMatchObject({ status: 'failed', error: 'unknown printer address "lpt://1"' });
    await bed.service.whenIdle();
    expect(bed.statusesOf(result.jobId)).toEqual(['failed']);
  });

  it('drops a job whose turn comes too late to hand the ticket to the right person', async () => {
    let now = Date.UTC(2026, 10, 28, 7, 0);
    bed = printTestBed({ clock: { now: () => now }, maxJobAgeMs: 60_000 });
    const device = join(bed.dir, 'lp0');
    writeFileSync(device, '');
    const result = bed.service.submit(ticketJob({ url: `usb:${device}`, paperWidth: 80 }));
    now += 61_000;
    await bed.service.whenIdle();
    expect(bed.job(result.jobId)).toMatchObject({ status: 'failed', last_error: expect.stringContaining('61 s after it was issued') });
    expect(readFileSync(device)).toHaveLength(0);
  });

  it('prints a test page and a reprint as jobs of their own kind', async () => {
    bed = printTestBed();
    const printer = { url: 'preview', paperWidth: 58 } as const;
    const test = bed.service.testPrint(KIOSKS[1], printer, { deviceName: 'Kiosk 2', centreName: 'Huduma GPO' });
    const again = bed.service.reprint(ticketJob(printer));
    await bed.service.whenIdle();
    expect(bed.job(test.jobId)?.kind).toBe('test');
    expect(bed.job(again.jobId)?.kind).toBe('reprint');
    expect(readFileSync(join(bed.dir, 'previews', `${test.jobId}.txt`), 'utf8')).toContain('Kiosk 2');
    expect(bed.service.getJob(String(test.jobId))).toMatchObject({ deviceId: KIOSKS[1], status: 'preview' });
  });

  it('refuses new jobs once closed, without throwing', async () => {
    bed = printTestBed();
    await bed.service.close();
    expect(bed.service.submit(ticketJob({ url: 'preview', paperWidth: 80 }))).toMatchObject({ jobId: null, status: 'failed' });
  });
});

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
