// SQL for the live dashboard that the shared repositories do not answer: when each service's longest-waiting
// ticket joined the queue it is in now, and today's failed prints that no later print of the ticket made good.
import type { Statements } from './statements.js';

export interface FailedPrintRow {
  jobId: number;
  deviceId: string | null;
  error: string | null;
  at: number;
  ticketId: string;
  label: string;
}

export class LiveStatsRepository {
  constructor(private readonly q: Statements) {}

  /**
   * Per service, when its longest-waiting ticket joined that queue: `queued_at`, set at issue, transfer and
   * requeue (a call put back, a no-show reactivated), or its arrival if later (a clock put back at issue).
   * A transfer keeps the arrival (its place in line), but the wait at the new service starts with the
   * transfer: a customer served 30 minutes at A did not wait 30 minutes for K.
   * The IN repeats the condition of the partial index tickets_open, which SQLite does not infer from
   * `status = 'waiting'`: with it the query reads only the waiting tickets, not every ticket of a busy day.
   */
  waitingSince(day: string): Map<string, number> {
    const rows = this.q.all<{ service_id: string; since: number }>(
      `SELECT service_id, MIN(MAX(arrival_at, COALESCE(queued_at, 0))) AS since FROM tickets
       WHERE status IN ('waiting', 'called', 'serving', 'no_show') AND status = 'waiting' AND day = ?
       GROUP BY service_id`,
      day,
    );
    return new Map(rows.map((r) => [r.service_id, r.since]));
  }

  /**
   * Tickets issued today, still open, whose latest print failed and was not followed by a good one (printed,
   * or kept as a preview). One row per ticket: its latest failed job.
   */
  unresolvedFailedPrints(day: string): FailedPrintRow[] {
    return this.q.all<FailedPrintRow>(
      `SELECT j.id AS jobId, j.device_id AS deviceId, j.last_error AS error, j.updated_at AS at, t.id AS ticketId, t.label
       FROM tickets t JOIN print_jobs j ON j.ticket_rowid = t.rowid
       WHERE t.day = ? AND t.status IN ('waiting', 'called', 'serving', 'no_show') AND j.status = 'failed'
         AND j.id = (SELECT MAX(k.id) FROM print_jobs k WHERE k.ticket_rowid = t.rowid AND k.status = 'failed')
         AND NOT EXISTS (SELECT 1 FROM print_jobs k WHERE k.ticket_rowid = t.rowid AND k.id > j.id AND k.status IN ('done', 'preview'))
       ORDER BY j.id`,
      day,
    );
  }
}
