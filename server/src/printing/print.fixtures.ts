// Test helpers for printing: a real SQLite file with kiosk devices, a sample ticket, and a PrintService whose
// every callback is recorded. Used by the tests here and by the fake-printer tests in scripts/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrinterSettings } from '@foleni/shared';
import { openDb, type Db } from '../db/db.js';
import { silentPrintLog } from './print-log.js';
import { PrintService, type PrintServiceOptions } from './print.service.js';
import type { PrinterStatusUpdate, PrintJobUpdate, SubmitPrint, TicketPrint } from './print.types.js';

export interface PrintTestBed {
  dir: string;
  db: Db;
  service: PrintService;
  jobUpdates: PrintJobUpdate[];
  statusUpdates: PrinterStatusUpdate[];
  /** The statuses one job went through, in order. */
  statusesOf(jobId: string | null): string[];
  job(jobId: string | null): { status: string; attempts: number; last_error: string | null; kind: string } | undefined;
  close(): Promise<void>;
}

export const KIOSKS = ['kiosk-1', 'kiosk-2'] as const;

export function sampleTicket(overrides: Partial<TicketPrint> = {}): TicketPrint {
  return {
    centreName: 'Huduma Centre GPO',
    label: 'A001',
    serviceName: 'National ID',
    priority: 'none',
    lang: 'en',
    issuedAt: Date.UTC(2026, 10, 28, 6, 41),
    timezone: 'Africa/Nairobi',
    ahead: 2,
    estimatedWaitMinutes: 8,
    trackUrl: 'http://127.0.0.1:8080/t/Zk3pQ9sVbN2xW7mT',
    footer: 'Karibu tena',
    ...overrides,
  };
}

export function ticketJob(printer: PrinterSettings, content: Partial<TicketPrint> = {}, deviceId: string = KIOSKS[0]): SubmitPrint {
  return { ticketRowid: null, deviceId, printer, content: sampleTicket(content) };
}

type ServiceOverrides = Partial<Omit<PrintServiceOptions, 'db' | 'dataDir' | 'onPrinterStatus'>>;

/** A temp dir, a migrated database with two kiosks, and a PrintService with short time-outs. */
export function printTestBed(overrides: ServiceOverrides = {}): PrintTestBed {
  const dir = mkdtempSync(join(tmpdir(), 'foleni-print-'));
  const db = openDb({ file: join(dir, 'foleni.db') });
  const insert = db.prepare("INSERT INTO devices (id, kind, name, zone, created_at) VALUES (?, 'kiosk', ?, 'main', ?)");
  for (const id of KIOSKS) insert.run(id, id, Date.now());
  const jobUpdates: PrintJobUpdate[] = [];
  const statusUpdates: PrinterStatusUpdate[] = [];
  const service = new PrintService({
    db,
    clock: { now: () => Date.now() },
    dataDir: dir,
    retry: { attempts: 3, backoffMs: 20 },
    statusPollMs: 0,
    timeouts: { connectMs: 500, statusReplyMs: 200, jobReplyMs: 1000, usbWriteMs: 500 },
    log: silentPrintLog,
    ...overrides,
    onPrinterStatus: (u) => statusUpdates.push(u),
  });
  service.onJob((u) => jobUpdates.push(u));
  return {
    dir,
    db,
    service,
    jobUpdates,
    statusUpdates,
    statusesOf: (jobId) => jobUpdates.filter((u) => u.jobId === jobId).map((u) => u.status),
    job: (jobId) =>
      db.prepare('SELECT status, attempts, last_error, kind FROM print_jobs WHERE id = ?').get(Number(jobId)) as
        | { status: string; attempts: number; last_error: string | null; kind: string }
        | undefined,
    async close() {
      await service.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
