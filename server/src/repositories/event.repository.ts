// The append-only event log. `seq` is global and increasing; every push carries it.
import type { Statements } from './statements.js';

export interface NewEvent {
  at: number;
  day: string;
  type: string;
  ticketRowid?: number | null;
  serviceId?: string | null;
  counterId?: string | null;
  userId?: string | null;
  data?: Record<string, unknown> | null;
}

export interface EventRecord extends Required<Omit<NewEvent, 'data'>> {
  seq: number;
  data: Record<string, unknown> | null;
  ticketId: string | null;
  label: string | null;
}

export class EventRepository {
  constructor(private readonly q: Statements) {}

  append(e: NewEvent): number {
    const r = this.q.run(
      'INSERT INTO events (at, day, type, ticket_rowid, service_id, counter_id, user_id, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      e.at,
      e.day,
      e.type,
      e.ticketRowid ?? null,
      e.serviceId ?? null,
      e.counterId ?? null,
      e.userId ?? null,
      e.data ? JSON.stringify(e.data) : null,
    );
    return Number(r.lastInsertRowid);
  }

  /** The day of a counter's last opening, pause or closing; undefined if it never had one. */
  lastCounterDay(counterId: string): string | undefined {
    return this.q
      .get("SELECT day FROM events WHERE counter_id = ? AND type LIKE 'counter.%' ORDER BY seq DESC LIMIT 1")
      .pluck()
      .get(counterId) as string | undefined;
  }

  lastSeq(): number {
    return (this.q.get('SELECT MAX(seq) FROM events').pluck().get() as number | null) ?? 0;
  }

  /** A day's log in order, for head office (NDJSON export) and for audits of the queue. */
  *onDay(day: string): Generator<EventRecord> {
    const rows = this.q
      .get(
        `SELECT e.seq, e.at, e.day, e.type, e.ticket_rowid, e.service_id, e.counter_id, e.user_id, e.data, t.id AS ticket_id, t.label
         FROM events e LEFT JOIN tickets t ON t.rowid = e.ticket_rowid WHERE e.day = ? ORDER BY e.seq`,
      )
      .iterate(day) as IterableIterator<{
      seq: number;
      at: number;
      day: string;
      type: string;
      ticket_rowid: number | null;
      service_id: string | null;
      counter_id: string | null;
      user_id: string | null;
      data: string | null;
      ticket_id: string | null;
      label: string | null;
    }>;
    for (const r of rows) {
      yield {
        seq: r.seq,
        at: r.at,
        day: r.day,
        type: r.type,
        ticketRowid: r.ticket_rowid,
        serviceId: r.service_id,
        counterId: r.counter_id,
        userId: r.user_id,
        data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : null,
        ticketId: r.ticket_id,
        label: r.label,
      };
    }
  }
}
