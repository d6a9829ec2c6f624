// SQL for the live dashboard that the shared repositories do not answer: when each waiting ticket joined
// the queue it is in now, and today's failed prints that no later print of the same ticket has made good.
import type { Statements } from './statements.js';

export interface FailedPrintRow {
  jobId: number;
  deviceId: string | null;
  error: string | null;
  at: number;
  ticketId: string;
  label: string;
}

/** Events after which a ticket waits in a queue afresh: sent on from another service, or a call put back. */
const REJOINED = `('ticket.transferred', 'ticket.requeued')`;

export class LiveStatsRepository {
  constructor(private readonly q: Statements) {}

  /**
   * Per service, when its longest-waiting ticket joined that queue: its arrival, or its last transfer or
   * requeue if later. A transfer keeps the arrival (its place in line), but the wait at the new service
   * starts with the transfer: a customer served 30 minutes at A did not wait 30 minutes for K.
   */
  waitingSince(day: string): Map<string, number> {
    const rows = this.q.all<{ service_id: string; since: number }>(
      `SELECT service_id, MIN(joined) AS since FROM (
         SELECT t.service_id,
           MAX(t.arrival_at, COALESCE((SELECT MAX(e.at) FROM events e WHERE e.ticket_rowid = t.rowid AND e.type IN ${REJOINED}), 0)) AS joined
         FROM tickets t WHERE t.status = 'waiting' AND t.day = ?
       ) GROUP BY service_id`,
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
