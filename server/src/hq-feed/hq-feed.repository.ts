// SQL of the head-office feed: the acknowledged position (table hq_feed, one row) and the event log read by seq.
import type { RawEvent } from '../repositories/stats.repository.js';
import type { Statements } from '../repositories/statements.js';

export interface FeedPosition {
  ackedSeq: number;
  lastContactAt: number | null;
}

export class HqFeedRepository {
  constructor(private readonly q: Statements) {}

  position(): FeedPosition {
    const row = this.q.first<{ acked_seq: number; last_contact_at: number | null }>('SELECT acked_seq, last_contact_at FROM hq_feed WHERE id = 1');
    return { ackedSeq: row?.acked_seq ?? 0, lastContactAt: row?.last_contact_at ?? null };
  }

  save(p: FeedPosition): void {
    this.q.run(
      'INSERT INTO hq_feed (id, acked_seq, last_contact_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET acked_seq = excluded.acked_seq, last_contact_at = excluded.last_contact_at',
      p.ackedSeq,
      p.lastContactAt,
    );
  }

  lastSeq(): number {
    return (this.q.get('SELECT MAX(seq) FROM events').pluck().get() as number | null) ?? 0;
  }

  /** Events after a seq, in order, whatever their day or kind: a page of what head office has yet to hold. */
  eventsAfter(afterSeq: number, limit: number): RawEvent[] {
    return this.q.all<RawEvent>(
      `SELECT e.seq, e.at, e.day, e.type, t.id AS ticket_id, t.label, e.service_id, e.counter_id, e.user_id, e.data
       FROM events e LEFT JOIN tickets t ON t.rowid = e.ticket_rowid
       WHERE e.seq > ? ORDER BY e.seq LIMIT ?`,
      afterSeq,
      limit,
    );
  }
}
