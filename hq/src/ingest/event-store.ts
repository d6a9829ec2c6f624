// Takes a run of one centre's events, whether from the live feed or a day bundle: stores those it does not
// hold yet (idempotent on (centre, seq)), folds them into tickets and day summaries, and moves the centre's
// acknowledged seq over every run now joined to it without a hole. One transaction, the centre's row locked.
import type { HqEvent } from '@foleni/shared';
import type { Sql } from '../db/sql.js';
import { rebuildDaySummaries } from './day-summaries.js';
import type { TicketRow as SummaryRow } from './day-summaries.js';
import type { TicketState } from './ticket-fold.js';
import { applyEvent, eventDay, serviceOf } from './ticket-fold.js';

export interface Piece {
  events: HqEvent[];
  source: 'feed' | 'bundle';
  /** A bundle's day and digest, to know it again. */
  day?: string;
  sha256?: string;
}

export interface Stored {
  ackSeq: number;
  /** Events stored now; 0 when all were held already. */
  added: number;
}

export class SeqGap extends Error {
  constructor(readonly needSeq: number) {
    super(`Head office holds this centre's events up to ${needSeq - 1}: send from ${needSeq}.`);
  }
}

export class EventStore {
  /** Months whose partition exists ('2026-12'). */
  private readonly partitions = new Set<string>();

  constructor(
    private readonly sql: Sql,
    private readonly now: () => number,
  ) {}

  /** The centre's acknowledged seq, for a feed that must not start past it (`gapCheckFrom`). */
  async store(centreId: string, piece: Piece, gapCheckFrom: number | null): Promise<Stored> {
    await this.ensurePartitions(piece.events);
    return this.sql.transaction(async (tx) => {
      const [centre] = await tx.query<{ ack_seq: number }>('SELECT ack_seq FROM centres WHERE id = $1 FOR UPDATE', [centreId]);
      if (!centre) throw new Error(`no centre ${centreId}`);
      const ack = centre.ack_seq;
      if (gapCheckFrom !== null && gapCheckFrom > ack + 1) throw new SeqGap(ack + 1);
      let fresh = piece.events.filter((e) => e.seq > ack);
      if (fresh.length > 0) {
        // Runs past a hole (bundles) may hold some of these already.
        const [ahead] = await tx.query<{ n: number }>('SELECT count(*) AS n FROM received WHERE centre_id = $1 AND to_seq > $2', [centreId, ack]);
        if (ahead!.n > 0) {
          const held = new Set(
            (await tx.query<{ seq: number }>('SELECT seq FROM events WHERE centre_id = $1 AND seq = ANY($2::bigint[])', [centreId, fresh.map((e) => e.seq)])).map((r) => r.seq),
          );
          fresh = fresh.filter((e) => !held.has(e.seq));
        }
      }
      if (fresh.length > 0) {
        await insertEvents(tx, centreId, fresh);
        const days = await foldTickets(tx, centreId, fresh);
        await rebuildDaySummaries(tx, centreId, days);
      }
      // The runs of seqs this piece holds without a hole: a feed's batch is one, a day bundle may be several.
      const runs = contiguousRuns(piece.events);
      let newAck = ack;
      if (runs.length > 0) {
        for (const run of runs) if (run.from <= newAck + 1) newAck = Math.max(newAck, run.to);
        for (const run of runs) {
          if (piece.source !== 'bundle' && run.to <= newAck) continue;
          await tx.query('INSERT INTO received (centre_id, from_seq, to_seq, source, day, sha256, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
            centreId,
            run.from,
            run.to,
            piece.source,
            piece.day ?? null,
            piece.sha256 ?? null,
            this.now(),
          ]);
        }
        newAck = await joinRuns(tx, centreId, newAck);
      } else if (piece.sha256) {
        await tx.query('INSERT INTO received (centre_id, from_seq, to_seq, source, day, sha256, received_at) VALUES ($1, 0, 0, $2, $3, $4, $5)', [
          centreId,
          piece.source,
          piece.day ?? null,
          piece.sha256,
          this.now(),
        ]);
      }
      await tx.query('UPDATE centres SET ack_seq = $2, last_heard_at = $3 WHERE id = $1', [centreId, newAck, this.now()]);
      return { ackSeq: newAck, added: fresh.length };
    });
  }

  /** Makes the month partitions these events fall in, once each; an advisory lock keeps two makers apart. */
  private async ensurePartitions(events: HqEvent[]): Promise<void> {
    const months = new Set(events.map((e) => eventDay(e).slice(0, 7)));
    for (const month of months) {
      if (this.partitions.has(month)) continue;
      await this.sql.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(8180)');
        const [y, m] = month.split('-').map(Number) as [number, number];
        const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
        await tx.exec(`CREATE TABLE IF NOT EXISTS events_${y}_${String(m).padStart(2, '0')} PARTITION OF events FOR VALUES FROM ('${month}-01') TO ('${next}-01')`);
      });
      this.partitions.add(month);
    }
  }
}

async function insertEvents(tx: Sql, centreId: string, events: HqEvent[]): Promise<void> {
  const seq: number[] = [];
  const day: string[] = [];
  const at: number[] = [];
  const type: string[] = [];
  const ticket: (string | null)[] = [];
  const service: (string | null)[] = [];
  for (const e of events) {
    seq.push(e.seq);
    day.push(eventDay(e));
    at.push(Date.parse(e.at));
    type.push(e.type);
    ticket.push(e.ticketId ?? null);
    service.push(serviceOf(e) || null);
  }
  // The bodies go as one JSON array, not a jsonb[]: an array literal of 5,000 escaped documents took twice as
  // long to send and parse (decision 0023).
  await tx.query(
    `INSERT INTO events (centre_id, seq, day, at, type, ticket_id, service, body)
     SELECT $1, u.seq, u.day, u.at, u.type, u.ticket, u.service, b.body
       FROM unnest($2::bigint[], $3::date[], $4::bigint[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS u(seq, day, at, type, ticket, service, i)
       JOIN jsonb_array_elements($8::jsonb) WITH ORDINALITY AS b(body, i) USING (i)`,
    [centreId, seq, day, at, type, ticket, service, JSON.stringify(events)],
  );
}

type TicketRow = SummaryRow & { ticket_id: string };

/** Applies the events to their tickets; answers the days whose tickets changed. */
async function foldTickets(tx: Sql, centreId: string, events: HqEvent[]): Promise<string[]> {
  const ids = [...new Set(events.flatMap((e) => (e.ticketId ? [e.ticketId] : [])))];
  if (ids.length === 0) return [];
  const rows = await tx.query<TicketRow>(
    `SELECT ticket_id, day::text AS day, service, status, issued_at, first_called_at, called_at, serving_at, done_at, sla_minutes, rating
       FROM tickets WHERE centre_id = $1 AND ticket_id = ANY($2::text[])`,
    [centreId, ids],
  );
  const tickets = new Map<string, TicketState>();
  const daysBefore = new Set<string>();
  for (const r of rows) {
    daysBefore.add(r.day);
    tickets.set(r.ticket_id, {
      ticketId: r.ticket_id,
      day: r.day,
      service: r.service,
      status: r.status,
      issuedAt: r.issued_at,
      firstCalledAt: r.first_called_at,
      calledAt: r.called_at,
      servingAt: r.serving_at,
      doneAt: r.done_at,
      slaMinutes: r.sla_minutes,
      rating: r.rating,
    });
  }
  for (const e of events) applyEvent(tickets, e);
  const cols: unknown[][] = Array.from({ length: 11 }, () => []);
  for (const t of tickets.values()) {
    const values = [t.ticketId, t.day, t.service, t.status, t.issuedAt, t.firstCalledAt, t.calledAt, t.servingAt, t.doneAt, t.slaMinutes, t.rating === null ? null : Math.round(t.rating)];
    values.forEach((v, i) => cols[i]!.push(v));
  }
  await tx.query(
    `INSERT INTO tickets (centre_id, ticket_id, day, service, status, issued_at, first_called_at, called_at, serving_at, done_at, sla_minutes, rating)
     SELECT $1, * FROM unnest($2::text[], $3::date[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::int[], $12::smallint[])
     ON CONFLICT (centre_id, ticket_id) DO UPDATE SET
       day = EXCLUDED.day, service = EXCLUDED.service, status = EXCLUDED.status, issued_at = EXCLUDED.issued_at,
       first_called_at = EXCLUDED.first_called_at, called_at = EXCLUDED.called_at, serving_at = EXCLUDED.serving_at,
       done_at = EXCLUDED.done_at, sla_minutes = EXCLUDED.sla_minutes, rating = EXCLUDED.rating`,
    [centreId, ...cols],
  );
  for (const t of tickets.values()) daysBefore.add(t.day);
  return [...daysBefore];
}

/** Follows runs already held past `ack` that now join it; answers the new acknowledged seq. */
/** Maximal runs of consecutive seqs, in order. */
function contiguousRuns(events: HqEvent[]): { from: number; to: number }[] {
  const runs: { from: number; to: number }[] = [];
  for (const e of events) {
    const last = runs.at(-1);
    if (last && e.seq === last.to + 1) last.to = e.seq;
    else runs.push({ from: e.seq, to: e.seq });
  }
  return runs;
}

async function joinRuns(tx: Sql, centreId: string, ack: number): Promise<number> {
  for (;;) {
    const [r] = await tx.query<{ to: number | null }>('SELECT max(to_seq) AS to FROM received WHERE centre_id = $1 AND from_seq <= $2 + 1 AND to_seq > $2', [centreId, ack]);
    if (r?.to == null) return ack;
    ack = r.to;
  }
}
