// Print jobs as the queue reads them (the print service writes them).
import type { PrintJobStatus } from '@foleni/shared';
import type { Statements } from './statements.js';

export interface PrintJobRecord {
  id: number;
  ticketRowid: number | null;
  deviceId: string | null;
  status: PrintJobStatus;
  attempts: number;
  lastError: string | null;
  updatedAt: number;
}

export class PrintJobRepository {
  constructor(private readonly q: Statements) {}

  latestFor(ticketRowid: number): PrintJobRecord | undefined {
    const r = this.q.first<{ id: number; ticket_rowid: number | null; device_id: string | null; status: PrintJobStatus; attempts: number; last_error: string | null; updated_at: number }>(
      'SELECT id, ticket_rowid, device_id, status, attempts, last_error, updated_at FROM print_jobs WHERE ticket_rowid = ? ORDER BY id DESC LIMIT 1',
      ticketRowid,
    );
    return r && { id: r.id, ticketRowid: r.ticket_rowid, deviceId: r.device_id, status: r.status, attempts: r.attempts, lastError: r.last_error, updatedAt: r.updated_at };
  }

  /** Failed prints of today, for the staff's warning list. */
  failedSince(since: number): PrintJobRecord[] {
    return this.q
      .all<{ id: number; ticket_rowid: number | null; device_id: string | null; status: PrintJobStatus; attempts: number; last_error: string | null; updated_at: number }>(
        "SELECT id, ticket_rowid, device_id, status, attempts, last_error, updated_at FROM print_jobs WHERE status = 'failed' AND updated_at >= ? ORDER BY id DESC LIMIT 100",
        since,
      )
      .map((r) => ({ id: r.id, ticketRowid: r.ticket_rowid, deviceId: r.device_id, status: r.status, attempts: r.attempts, lastError: r.last_error, updatedAt: r.updated_at }));
  }
}
