// Aggregates for statistics, straight from the tickets table (itself a projection of the event log).
import type { Statements } from './statements.js';

export interface ServiceDay {
  issued: number;
  served: number;
  noShows: number;
  /** ms from issue to first call, of every ticket called today. */
  waits: number[];
  oldestWaitingArrival: number | null;
}

export class StatsRepository {
  constructor(private readonly q: Statements) {}

  todayByService(day: string): Map<string, ServiceDay> {
    const out = new Map<string, ServiceDay>();
    const get = (id: string) => {
      let s = out.get(id);
      if (!s) out.set(id, (s = { issued: 0, served: 0, noShows: 0, waits: [], oldestWaitingArrival: null }));
      return s;
    };
    const rows = this.q.all<{ service_id: string; status: string; issued_at: number; arrival_at: number; first_called_at: number | null }>(
      'SELECT service_id, status, issued_at, arrival_at, first_called_at FROM tickets WHERE day = ?',
      day,
    );
    for (const r of rows) {
      const s = get(r.service_id);
      s.issued++;
      if (r.status === 'done') s.served++;
      if (r.status === 'no_show') s.noShows++;
      if (r.first_called_at !== null) s.waits.push(r.first_called_at - r.issued_at);
      if (r.status === 'waiting' && (s.oldestWaitingArrival === null || r.arrival_at < s.oldestWaitingArrival)) s.oldestWaitingArrival = r.arrival_at;
    }
    return out;
  }
}
