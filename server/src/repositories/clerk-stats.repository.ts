// One clerk's figures for one day, for the counter screen. Served and service time come from the tickets
// table (the clerk a ticket was called for keeps it to the end); no-shows and transfers come from the event
// log, because a reactivated no-show or a transferred ticket no longer shows who handled it.
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
    const marks = this.q.all<{ type: string; n: number }>(
      `SELECT type, COUNT(*) AS n FROM events
       WHERE day = ? AND user_id = ? AND type IN ('ticket.no_show', 'ticket.transferred') GROUP BY type`,
      day,
      userId,
    );
    const count = (type: string) => marks.find((m) => m.type === type)?.n ?? 0;
    const avgMs = served?.avg_ms ?? null;
    return {
      served: served?.n ?? 0,
      averageServiceSeconds: avgMs === null ? null : Math.round(avgMs / 1000),
      noShows: count('ticket.no_show'),
      transferred: count('ticket.transferred'),
    };
  }
}
