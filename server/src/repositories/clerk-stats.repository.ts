// One clerk's figures for one day, for the counter screen. Served, service time and no-shows come from the
// tickets table (the clerk a ticket was called for keeps it to the end), counted as the dashboard and the
// reports count them: a no-show reactivated and served is not a no-show. Transfers come from the event log,
// because a transferred ticket no longer shows who handled it.
import type { ClerkDay } from '@foleni/shared';
import type { Statements } from './statements.js';

export class ClerkStatsRepository {
  constructor(private readonly q: Statements) {}

  day(userId: string, day: string): Omit<ClerkDay, 'day'> {
    const served = this.q.first<{ n: number; avg_ms: number | null }>(
      `SELECT COUNT(*) AS n, AVG(done_at - serving_at) AS avg_ms FROM tickets
       WHERE day = ? AND clerk_id = ? AND status = 'done' AND serving_at IS NOT NULL AND done_at IS NOT NULL`,
      day,
      userId,
    );
    // A no-show the day close expired is still one (it keeps when it was marked, as day-summary.ts reads it).
    const noShows = this.q
      .get(
        `SELECT COUNT(*) FROM tickets WHERE day = ? AND clerk_id = ?
         AND (status = 'no_show' OR (status = 'expired' AND done_at IS NOT NULL))`,
      )
      .pluck()
      .get(day, userId) as number;
    const transferred = this.q
      .get(`SELECT COUNT(*) FROM events WHERE day = ? AND user_id = ? AND type = 'ticket.transferred'`)
      .pluck()
      .get(day, userId) as number;
    // A journey step completed here left with its ticket for the next step's line: its event keeps it.
    const steps = this.q.first<{ n: number; sum_ms: number | null }>(
      `SELECT COUNT(*) AS n, SUM(json_extract(data, '$.serviceMs')) AS sum_ms FROM events
       WHERE day = ? AND user_id = ? AND type = 'ticket.stepped' AND json_extract(data, '$.completed') = 1 AND json_extract(data, '$.serviceMs') IS NOT NULL`,
      day,
      userId,
    );
    const n = (served?.n ?? 0) + (steps?.n ?? 0);
    const sumMs = (served?.avg_ms ?? 0) * (served?.n ?? 0) + (steps?.sum_ms ?? 0);
    const avgMs = n > 0 ? sumMs / n : null;
    return {
      served: n,
      averageServiceSeconds: avgMs === null ? null : Math.round(avgMs / 1000),
      noShows,
      transferred,
    };
  }
}
