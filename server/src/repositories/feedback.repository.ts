// Citizens' ratings: one per ticket, and at most one comment, sent with the rating or after it.
import type { Statements } from './statements.js';

export class FeedbackRepository {
  constructor(private readonly q: Statements) {}

  exists(ticketRowid: number): boolean {
    return this.q.get('SELECT 1 FROM feedback WHERE ticket_rowid = ?').pluck().get(ticketRowid) === 1;
  }

  get(ticketRowid: number): { rating: number; comment: string | null } | undefined {
    return this.q.first<{ rating: number; comment: string | null }>('SELECT rating, comment FROM feedback WHERE ticket_rowid = ?', ticketRowid);
  }

  insert(ticketRowid: number, rating: number, comment: string | null, at: number): void {
    this.q.run('INSERT INTO feedback (ticket_rowid, rating, comment, at) VALUES (?, ?, ?, ?)', ticketRowid, rating, comment, at);
  }

  /** Adds the comment to a rating that has none; false when there is no rating or it already has one. */
  addComment(ticketRowid: number, comment: string): boolean {
    return this.q.run('UPDATE feedback SET comment = ? WHERE ticket_rowid = ? AND comment IS NULL', comment, ticketRowid).changes === 1;
  }
}
