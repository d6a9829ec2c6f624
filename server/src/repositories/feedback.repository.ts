// Citizens' ratings: one per ticket.
import type { Statements } from './statements.js';

export class FeedbackRepository {
  constructor(private readonly q: Statements) {}

  exists(ticketRowid: number): boolean {
    return this.q.get('SELECT 1 FROM feedback WHERE ticket_rowid = ?').pluck().get(ticketRowid) === 1;
  }

  insert(ticketRowid: number, rating: number, comment: string | null, at: number): void {
    this.q.run('INSERT INTO feedback (ticket_rowid, rating, comment, at) VALUES (?, ?, ?, ?)', ticketRowid, rating, comment, at);
  }
}
