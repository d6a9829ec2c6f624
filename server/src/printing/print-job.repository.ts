// SQL for the `print_jobs` table, and the mapping of its rows; nothing else of printing touches the database.
import type { PrintJobStatus } from '@foleni/shared';
import type { Db } from '../db/db.js';
import type { PrintJobUpdate } from './print.types.js';

/** Stored statuses: `none` (no printer) is never a row. */
export type StoredJobStatus = Exclude<PrintJobStatus, 'none'>;
export type PrintJobKind = 'ticket' | 'reprint' | 'test';

export interface PrintJobRow {
  id: number;
  ticket_rowid: number | null;
  device_id: string | null;
  printer_url: string;
  kind: PrintJobKind;
  status: StoredJobStatus;
  attempts: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface NewPrintJob {
  ticketRowid: number | null;
  deviceId: string;
  printerUrl: string;
  kind: PrintJobKind;
  status: StoredJobStatus;
  lastError: string | null;
  at: number;
}

export const toJobUpdate = (row: PrintJobRow): PrintJobUpdate => ({
  jobId: String(row.id),
  ticketRowid: row.ticket_rowid,
  deviceId: row.device_id,
  status: row.status,
  attempts: row.attempts,
  error: row.last_error,
});

function statements(db: Db) {
  return {
    insert: db.prepare<[number | null, string, string, string, string, string | null, number, number]>(
      'INSERT INTO print_jobs (ticket_rowid, device_id, printer_url, kind, status, last_error, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    update: db.prepare<[string, number, string | null, number, number]>(
      'UPDATE print_jobs SET status = ?, attempts = ?, last_error = ?, updated_at = ? WHERE id = ?',
    ),
    get: db.prepare<[number], PrintJobRow>('SELECT * FROM print_jobs WHERE id = ?'),
    latestForTicket: db.prepare<[number], PrintJobRow>('SELECT * FROM print_jobs WHERE ticket_rowid = ? ORDER BY id DESC LIMIT 1'),
    countForTicket: db.prepare<[number, string], number>('SELECT COUNT(*) FROM print_jobs WHERE ticket_rowid = ? AND kind = ?').pluck(),
    open: db.prepare<[], PrintJobRow>("SELECT * FROM print_jobs WHERE status IN ('queued', 'printing') ORDER BY id"),
  };
}

export class PrintJobRepository {
  private readonly sql: ReturnType<typeof statements>;

  constructor(private readonly db: Db) {
    this.sql = statements(db);
  }

  insert(job: NewPrintJob): number {
    const info = this.sql.insert.run(job.ticketRowid, job.deviceId, job.printerUrl, job.kind, job.status, job.lastError, job.at, job.at);
    return Number(info.lastInsertRowid);
  }

  update(id: number, change: { status: StoredJobStatus; attempts: number; lastError: string | null; at: number }): void {
    this.sql.update.run(change.status, change.attempts, change.lastError, change.at, id);
  }

  get(id: number): PrintJobRow | undefined {
    return this.sql.get.get(id);
  }

  latestForTicket(ticketRowid: number): PrintJobRow | undefined {
    return this.sql.latestForTicket.get(ticketRowid);
  }

  /** How many jobs of a kind a ticket has had (its reprints, whatever became of them). */
  countForTicket(ticketRowid: number, kind: PrintJobKind): number {
    return this.sql.countForTicket.get(ticketRowid, kind) ?? 0;
  }

  /** Marks failed every open job not in `running`, in one transaction; returns them as they are now. */
  failOpenJobs(running: ReadonlySet<number>, error: string, at: number): PrintJobRow[] {
    return this.db.transaction(() => {
      const stale = this.sql.open.all().filter((row) => !running.has(row.id));
      for (const row of stale) this.update(row.id, { status: 'failed', attempts: row.attempts, lastError: error, at });
      return stale.map((row) => ({ ...row, status: 'failed' as const, last_error: error, updated_at: at }));
    })();
  }
}
