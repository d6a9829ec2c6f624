// Journeys and the tickets on them: SQL and column mapping only. A ticket's steps are its own copy, taken
// at issue (ticket_journeys), so the admin editing a journey never moves a ticket already on it.
import type { Journey } from '@foleni/shared';
import { CachedValue } from '../db/cached.js';
import type { Statements } from './statements.js';

export type JourneyEnd = 'completed' | 'ended' | 'left' | 'cancelled' | 'expired';

/** One line a journey ticket joined: its wait there is calledAt − queuedAt. */
export interface JourneyLeg {
  step: number;
  serviceId: string;
  queuedAt: number;
  calledAt: number | null;
  doneAt: number | null;
}

export interface TicketJourneyRecord {
  ticketRowid: number;
  journeyId: string;
  day: string;
  /** Service ids, the ticket's copy of the journey's steps. */
  steps: string[];
  /** Index from 0 of the step it is at. */
  step: number;
  legs: JourneyLeg[];
  ended: JourneyEnd | null;
  endedAt: number | null;
  note: string | null;
}

interface JourneyRow {
  id: string;
  code: string;
  name_en: string;
  name_sw: string;
  active: number;
  display_order: number;
  steps: string;
}

interface TicketJourneyRow {
  ticket_rowid: number;
  journey_id: string;
  day: string;
  steps: string;
  step: number;
  legs: string;
  ended: JourneyEnd | null;
  ended_at: number | null;
  note: string | null;
}

const toJourney = (r: JourneyRow): Journey => ({
  id: r.id,
  code: r.code,
  name: { en: r.name_en, sw: r.name_sw },
  steps: JSON.parse(r.steps) as string[],
  active: r.active === 1,
  order: r.display_order,
});

const toTicketJourney = (r: TicketJourneyRow): TicketJourneyRecord => ({
  ticketRowid: r.ticket_rowid,
  journeyId: r.journey_id,
  day: r.day,
  steps: JSON.parse(r.steps) as string[],
  step: r.step,
  legs: JSON.parse(r.legs) as JourneyLeg[],
  ended: r.ended,
  endedAt: r.ended_at,
  note: r.note,
});

const SELECT_JOURNEY = `SELECT j.id, j.code, j.name_en, j.name_sw, j.active, j.display_order,
  (SELECT json_group_array(service_id) FROM (SELECT service_id FROM journey_steps s WHERE s.journey_id = j.id ORDER BY position)) AS steps
  FROM journeys j`;

export class JourneyRepository {
  /**
   * The newest ticket on a journey (0: none). Tickets get rising rowids and join a journey only as they are
   * issued, so a ticket after it is on none: most tickets are answered so without asking SQL (a view of a
   * ticket, its event and its push each ask).
   */
  private readonly lastOnJourney: CachedValue<number>;

  constructor(private readonly q: Statements) {
    this.lastOnJourney = new CachedValue(q.db, () => q.get('SELECT COALESCE(MAX(ticket_rowid), 0) FROM ticket_journeys').pluck().get() as number);
  }

  list(): Journey[] {
    return this.q.all<JourneyRow>(`${SELECT_JOURNEY} ORDER BY j.display_order, j.code`).map(toJourney);
  }

  get(id: string): Journey | undefined {
    const row = this.q.first<JourneyRow>(`${SELECT_JOURNEY} WHERE j.id = ?`, id);
    return row && toJourney(row);
  }

  byCode(code: string): Journey | undefined {
    const row = this.q.first<JourneyRow>(`${SELECT_JOURNEY} WHERE j.code = ?`, code);
    return row && toJourney(row);
  }

  nextOrder(): number {
    return (this.q.first<{ n: number | null }>('SELECT MAX(display_order) AS n FROM journeys')?.n ?? 0) + 10;
  }

  /** Writes the journey and its steps (the steps replace those it had). */
  save(j: Journey, now: number): void {
    this.q.run(
      `INSERT INTO journeys (id, code, name_en, name_sw, active, display_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET code = excluded.code, name_en = excluded.name_en, name_sw = excluded.name_sw,
         active = excluded.active, display_order = excluded.display_order, updated_at = excluded.updated_at`,
      j.id,
      j.code,
      j.name.en,
      j.name.sw,
      j.active ? 1 : 0,
      j.order,
      now,
      now,
    );
    this.q.run('DELETE FROM journey_steps WHERE journey_id = ?', j.id);
    j.steps.forEach((serviceId, position) => {
      this.q.run('INSERT INTO journey_steps (journey_id, position, service_id) VALUES (?, ?, ?)', j.id, position, serviceId);
    });
  }

  // ---- tickets on journeys ----

  startTicket(t: TicketJourneyRecord): void {
    this.lastOnJourney.drop();
    this.q.run(
      'INSERT INTO ticket_journeys (ticket_rowid, journey_id, day, steps, step, legs) VALUES (?, ?, ?, ?, ?, ?)',
      t.ticketRowid,
      t.journeyId,
      t.day,
      JSON.stringify(t.steps),
      t.step,
      JSON.stringify(t.legs),
    );
  }

  ofTicket(rowid: number): TicketJourneyRecord | undefined {
    if (rowid > this.lastOnJourney.get()) return undefined;
    const row = this.q.first<TicketJourneyRow>('SELECT * FROM ticket_journeys WHERE ticket_rowid = ?', rowid);
    return row && toTicketJourney(row);
  }

  updateTicket(t: TicketJourneyRecord): void {
    this.q.run(
      'UPDATE ticket_journeys SET step = ?, legs = ?, ended = ?, ended_at = ?, note = ? WHERE ticket_rowid = ?',
      t.step,
      JSON.stringify(t.legs),
      t.ended,
      t.endedAt,
      t.note,
      t.ticketRowid,
    );
  }

  /** A day's journey tickets (for the screens' snapshots: one query instead of one per ticket). */
  onDay(day: string): TicketJourneyRecord[] {
    return this.q.all<TicketJourneyRow>('SELECT * FROM ticket_journeys WHERE day = ?', day).map(toTicketJourney);
  }

  /** Tickets on a journey waiting in the line of a step after the first: between two counters. */
  betweenSteps(day: string): number {
    return this.q
      .get(
        `SELECT COUNT(*) FROM ticket_journeys tj JOIN tickets t ON t.rowid = tj.ticket_rowid
         WHERE tj.day = ? AND tj.ended IS NULL AND tj.step > 0 AND t.status = 'waiting'`,
      )
      .pluck()
      .get(day) as number;
  }

  /** Journey tickets of a range of days, with the ticket's issue and done times (reports). */
  between(from: string, to: string): (TicketJourneyRecord & { issuedAt: number; doneAt: number | null; status: string })[] {
    return this.q
      .all<TicketJourneyRow & { issued_at: number; done_at: number | null; status: string }>(
        `SELECT tj.*, t.issued_at, t.done_at, t.status FROM ticket_journeys tj JOIN tickets t ON t.rowid = tj.ticket_rowid
         WHERE tj.day BETWEEN ? AND ?`,
        from,
        to,
      )
      .map((r) => ({ ...toTicketJourney(r), issuedAt: r.issued_at, doneAt: r.done_at, status: r.status }));
  }
}
