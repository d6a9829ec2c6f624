// Citizens' ratings: one per ticket, and at most one comment, sent with the rating or after it.
import type { Statements } from './statements.js';

/** The citizen's tracker page (the only way the API takes a rating), or the demo's simulated past. */
export type FeedbackVia = 'tracker' | 'demo';

export class FeedbackRepository {
  constructor(private readonly q: Statements) {}

  exists(ticketRowid: number): boolean {
    return this.q.get('SELECT 1 FROM feedback WHERE ticket_rowid = ?').pluck().get(ticketRowid) === 1;
  }

  get(ticketRowid: number): { rating: number; comment: string | null } | undefined {
    return this.q.first<{ rating: number; comment: string | null }>('SELECT rating, comment FROM feedback WHERE ticket_rowid = ?', ticketRowid);
  }

  /** `via`: how the rating came (migration 0011). */
  insert(ticketRowid: number, rating: number, comment: string | null, at: number, via: FeedbackVia): void {
    this.q.run('INSERT INTO feedback (ticket_rowid, rating, comment, at, via) VALUES (?, ?, ?, ?, ?)', ticketRowid, rating, comment, at, via);
  }

  /** Adds the comment to a rating that has none; false when there is no rating or it already has one. */
  addComment(ticketRowid: number, comment: string): boolean {
    return this.q.run('UPDATE feedback SET comment = ? WHERE ticket_rowid = ? AND comment IS NULL', comment, ticketRowid).changes === 1;
  }
}
