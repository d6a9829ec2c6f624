// What must hold in a centre's database whatever happened to the server: checked on the file itself.
import Database from 'better-sqlite3';
import { join } from 'node:path';

export interface Answered {
  /** Tickets whose issue was answered 201: id → label and service. */
  issued: Map<string, { label: string; serviceId: string }>;
  /** Answered calls, in the order they were answered. */
  calls: { ticketId: string; counterId: string }[];
  /** Answered lifecycle steps: ticket id → the status the answer gave. */
  steps: Map<string, string>;
}

export const emptyAnswered = (): Answered => ({ issued: new Map(), calls: [], steps: new Map() });

/** Later states never go back to earlier ones in these tests (no requeue, no transfer). */
const ORDER = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'expired'];

/** Returns every problem found; an empty list means the database keeps every promise. */
export function problems(dataDir: string, answered: Answered): string[] {
  const db = new Database(join(dataDir, 'foleni.db'), { readonly: true });
  try {
    const out: string[] = [];
    const byId = db.prepare('SELECT id, day, label, number, service_id, status, counter_id FROM tickets WHERE id = ?');

    // Every answered ticket is there, as answered.
    for (const [id, t] of answered.issued) {
      const row = byId.get(id) as { label: string; service_id: string } | undefined;
      if (!row) out.push(`answered ticket ${t.label} (${id}) is gone`);
      else if (row.label !== t.label || row.service_id !== t.serviceId) out.push(`ticket ${id} was answered as ${t.label}, is ${row.label}`);
    }

    // Numbering: per day and service code, 1..n with no gap and no repeat, and the counter agrees.
    const numbering = db
      .prepare(
        `SELECT t.day, s.code, COUNT(*) AS n, COUNT(DISTINCT t.number) AS distinct_numbers, MIN(t.number) AS lo, MAX(t.number) AS hi,
           COUNT(DISTINCT t.label) AS labels, (SELECT last_number FROM ticket_numbers WHERE day = t.day AND code = s.code) AS last
         FROM tickets t JOIN services s ON s.id = t.service_id GROUP BY t.day, s.code`,
      )
      .all() as { day: string; code: string; n: number; distinct_numbers: number; lo: number; hi: number; labels: number; last: number | null }[];
    for (const r of numbering) {
      if (r.distinct_numbers !== r.n || r.labels !== r.n) out.push(`${r.day} ${r.code}: a number or label is given twice`);
      if (r.lo !== 1 || r.hi !== r.n) out.push(`${r.day} ${r.code}: numbers run ${r.lo}..${r.hi} for ${r.n} tickets`);
      if (r.last !== r.hi) out.push(`${r.day} ${r.code}: next number would follow ${r.last}, last given is ${r.hi}`);
    }

    // No ticket went to two counters; each answered call is still that counter's, or has moved on.
    const seen = new Map<string, string>();
    for (const c of answered.calls) {
      const other = seen.get(c.ticketId);
      if (other !== undefined) out.push(`ticket ${c.ticketId} was called by ${other} and by ${c.counterId}`);
      seen.set(c.ticketId, c.counterId);
      const row = byId.get(c.ticketId) as { status: string; counter_id: string | null; label: string } | undefined;
      if (!row) out.push(`called ticket ${c.ticketId} is gone`);
      else if (row.status === 'waiting') out.push(`${row.label} was called (answered) but is waiting again`);
      else if (row.counter_id !== c.counterId) out.push(`${row.label} was called by ${c.counterId}, is held by ${row.counter_id}`);
    }
    const held = db
      .prepare("SELECT counter_id, COUNT(*) AS n FROM tickets WHERE status IN ('called', 'serving') GROUP BY counter_id HAVING n > 1")
      .all() as { counter_id: string; n: number }[];
    for (const h of held) out.push(`counter ${h.counter_id} holds ${h.n} tickets at once`);

    // Answered steps are not undone.
    for (const [id, status] of answered.steps) {
      const row = byId.get(id) as { status: string; label: string } | undefined;
      if (!row) out.push(`ticket ${id} (answered ${status}) is gone`);
      else if (ORDER.indexOf(row.status) < ORDER.indexOf(status)) out.push(`${row.label} was answered ${status}, is ${row.status}`);
    }

    // The event log: gapless seq from 1, one issue event per ticket, every ticket change logged.
    const seq = db.prepare('SELECT MIN(seq) AS lo, MAX(seq) AS hi, COUNT(*) AS n FROM events').get() as { lo: number | null; hi: number | null; n: number };
    if (seq.n > 0 && (seq.lo !== 1 || seq.hi !== seq.n)) out.push(`event seq runs ${seq.lo}..${seq.hi} over ${seq.n} events: a gap`);
    const issuedEvents = db.prepare("SELECT COUNT(*) FROM events WHERE type = 'ticket.issued'").pluck().get() as number;
    const tickets = db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number;
    if (issuedEvents !== tickets) out.push(`${tickets} tickets but ${issuedEvents} issue events`);
    const unlogged = db
      .prepare(
        `SELECT t.label, t.status, (SELECT json_extract(e.data, '$.status') FROM events e WHERE e.ticket_rowid = t.rowid ORDER BY e.seq DESC LIMIT 1) AS logged
         FROM tickets t WHERE t.status IS NOT (SELECT json_extract(e.data, '$.status') FROM events e WHERE e.ticket_rowid = t.rowid ORDER BY e.seq DESC LIMIT 1)`,
      )
      .all() as { label: string; status: string; logged: string }[];
    for (const u of unlogged.slice(0, 5)) out.push(`${u.label} is ${u.status} but its last event says ${u.logged}`);
    return out;
  } finally {
    db.close();
  }
}
