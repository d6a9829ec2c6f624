// Tickets: SQL and column mapping only. Routing order is expressed here as SQL because it must be exact
// and indexed; the rule itself (docs/architecture.md, "Routing") is documented in queue.service.ts.
import type { JourneyStep, Lang, Priority, TicketSource, TicketStatus } from '@foleni/shared';
import { runningWrite } from '../db/write-queue.js';
import type { Statements } from './statements.js';

export interface TicketRecord {
  rowid: number;
  id: string;
  day: string;
  serviceId: string;
  number: number;
  label: string;
  priority: Priority;
  lang: Lang;
  source: TicketSource;
  status: TicketStatus;
  counterId: string | null;
  clerkId: string | null;
  deviceId: string | null;
  /** The staff user who issued it; null for a kiosk's tickets and for tickets from before migration 0007. */
  issuedBy: string | null;
  issuedAt: number;
  arrivalAt: number;
  firstCalledAt: number | null;
  calledAt: number | null;
  servingAt: number | null;
  doneAt: number | null;
  callCount: number;
  journey: JourneyStep[];
  /** When it joined the line it is in now: issue, transfer or requeue (a no-show reactivated). */
  queuedAt: number | null;
  /** The first call in the line it is in now; a recall does not move it, joining a new line clears it. */
  lineCalledAt: number | null;
  /**
   * The secret in the citizen's tracking link that feedback must carry; null on tickets from before
   * migration 0012, which are rated by their id alone. Never put in a view staff see.
   */
  feedbackKey: string | null;
  /** A booked ticket (checked in): not called before this; its arrivalAt is its slot's start. Null: a walk-in. */
  notBefore: number | null;
}

interface TicketRow {
  rowid: number;
  id: string;
  day: string;
  service_id: string;
  number: number;
  label: string;
  priority: Priority;
  lang: Lang;
  source: TicketSource;
  status: TicketStatus;
  counter_id: string | null;
  clerk_id: string | null;
  device_id: string | null;
  issued_by: string | null;
  issued_at: number;
  arrival_at: number;
  first_called_at: number | null;
  called_at: number | null;
  serving_at: number | null;
  done_at: number | null;
  call_count: number;
  journey: string;
  queued_at: number | null;
  line_called_at: number | null;
  feedback_key: string | null;
  not_before: number | null;
}

const COLUMNS = `rowid, id, day, service_id, number, label, priority, lang, source, status, counter_id, clerk_id,
  device_id, issued_by, issued_at, arrival_at, first_called_at, called_at, serving_at, done_at, call_count, journey,
  queued_at, line_called_at, feedback_key, not_before`;

const toRecord = (r: TicketRow): TicketRecord => ({
  rowid: r.rowid,
  id: r.id,
  day: r.day,
  serviceId: r.service_id,
  number: r.number,
  label: r.label,
  priority: r.priority,
  lang: r.lang,
  source: r.source,
  status: r.status,
  counterId: r.counter_id,
  clerkId: r.clerk_id,
  deviceId: r.device_id,
  issuedBy: r.issued_by,
  issuedAt: r.issued_at,
  arrivalAt: r.arrival_at,
  firstCalledAt: r.first_called_at,
  calledAt: r.called_at,
  servingAt: r.serving_at,
  doneAt: r.done_at,
  callCount: r.call_count,
  journey: r.journey === '[]' ? [] : (JSON.parse(r.journey) as JourneyStep[]),
  queuedAt: r.queued_at,
  lineCalledAt: r.line_called_at,
  feedbackKey: r.feedback_key,
  notBefore: r.not_before,
});

/** Effective arrival in SQL: arrival minus the priority head start (ms, bound as `@head`). */
const EFFECTIVE = `(t.arrival_at - CASE WHEN t.priority = 'none' THEN 0 ELSE @head END)`;

export type NewTicket = Pick<
  TicketRecord,
  'id' | 'day' | 'serviceId' | 'number' | 'label' | 'priority' | 'lang' | 'source' | 'deviceId' | 'issuedAt' | 'feedbackKey'
> & {
  /** The staff user issuing it; null or absent for a kiosk. */
  issuedBy?: string | null;
  /** Where it stands in line; the issue time unless the clock went back (see QueueService.issue). */
  arrivalAt?: number;
  idempotencyKey: string | null;
  /** A booked ticket's hold (see TicketRecord.notBefore). */
  notBefore?: number | null;
};

export type TicketPatch = Partial<
  Pick<
    TicketRecord,
    | 'serviceId'
    | 'status'
    | 'counterId'
    | 'clerkId'
    | 'firstCalledAt'
    | 'calledAt'
    | 'servingAt'
    | 'doneAt'
    | 'callCount'
    | 'journey'
    | 'queuedAt'
    | 'lineCalledAt'
    // A returning no-show's place (queue/no-show-rules.ts).
    | 'arrivalAt'
  >
>;

const PATCH_COLUMNS: Record<keyof TicketPatch, string> = {
  serviceId: 'service_id',
  status: 'status',
  counterId: 'counter_id',
  clerkId: 'clerk_id',
  firstCalledAt: 'first_called_at',
  calledAt: 'called_at',
  servingAt: 'serving_at',
  doneAt: 'done_at',
  callCount: 'call_count',
  journey: 'journey',
  queuedAt: 'queued_at',
  lineCalledAt: 'line_called_at',
  arrivalAt: 'arrival_at',
};

type WalkIn = { day: string; arrivalAt: number };

export class TicketRepository {
  /**
   * lastIssued's answer, kept beside the rows: set by each walk-in written, forgotten when a write moves an
   * arrival, put back when a write is undone; undefined when not known (then read from SQL).
   */
  private lastWalkIn: WalkIn | null | undefined;

  constructor(private readonly q: Statements) {}

  /** Sets lastIssued's answer, undone with the write that set it (forgotten when no undo can be joined). */
  private setLastWalkIn(value: WalkIn | null | undefined): void {
    const before = this.lastWalkIn;
    const write = this.q.db.inTransaction ? runningWrite(this.q.db) : undefined;
    if (this.q.db.inTransaction && !write) {
      this.lastWalkIn = undefined;
      return;
    }
    this.lastWalkIn = value;
    write?.onRollback(() => {
      this.lastWalkIn = before;
    });
  }

  byId(id: string): TicketRecord | undefined {
    const row = this.q.first<TicketRow>(`SELECT ${COLUMNS} FROM tickets WHERE id = ?`, id);
    return row && toRecord(row);
  }

  byRowid(rowid: number): TicketRecord | undefined {
    const row = this.q.first<TicketRow>(`SELECT ${COLUMNS} FROM tickets WHERE rowid = ?`, rowid);
    return row && toRecord(row);
  }

  byIdempotencyKey(key: string): TicketRecord | undefined {
    const row = this.q.first<TicketRow>(`SELECT ${COLUMNS} FROM tickets WHERE idempotency_key = ?`, key);
    return row && toRecord(row);
  }

  /** The next number of a service code on a day; numbers are never given twice. */
  takeNumber(day: string, code: string): number {
    const row = this.q.first<{ last_number: number }>(
      `INSERT INTO ticket_numbers (day, code, last_number) VALUES (?, ?, 1)
       ON CONFLICT (day, code) DO UPDATE SET last_number = last_number + 1 RETURNING last_number`,
      day,
      code,
    );
    return row!.last_number;
  }

  /** Whether tickets with this code prefix were issued on the day (labels are never reused in a day). */
  codeUsedOn(day: string, code: string): boolean {
    return this.q.get('SELECT 1 FROM ticket_numbers WHERE day = ? AND code = ?').pluck().get(day, code) === 1;
  }

  /**
   * Writes a new waiting ticket and returns it as stored. The record is made here rather than read back with
   * RETURNING, which doubled the cost of the insert: every column not given is a known default of a new ticket.
   */
  create(t: NewTicket): TicketRecord {
    const issuedBy = t.issuedBy ?? null;
    const arrivalAt = t.arrivalAt ?? t.issuedAt;
    const notBefore = t.notBefore ?? null;
    const { lastInsertRowid } = this.q.run(
      `INSERT INTO tickets (id, day, service_id, number, label, priority, lang, source, status, device_id,
         issued_by, issued_at, arrival_at, queued_at, idempotency_key, feedback_key, not_before)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?, ?, ?, ?, ?, ?)`,
      t.id,
      t.day,
      t.serviceId,
      t.number,
      t.label,
      t.priority,
      t.lang,
      t.source,
      t.deviceId,
      issuedBy,
      t.issuedAt,
      arrivalAt,
      t.issuedAt,
      t.idempotencyKey,
      t.feedbackKey,
      notBefore,
    );
    if (notBefore === null) this.setLastWalkIn({ day: t.day, arrivalAt });
    return {
      rowid: Number(lastInsertRowid),
      id: t.id,
      day: t.day,
      serviceId: t.serviceId,
      number: t.number,
      label: t.label,
      priority: t.priority,
      lang: t.lang,
      source: t.source,
      status: 'waiting',
      counterId: null,
      clerkId: null,
      deviceId: t.deviceId,
      issuedBy,
      issuedAt: t.issuedAt,
      arrivalAt,
      firstCalledAt: null,
      calledAt: null,
      servingAt: null,
      doneAt: null,
      callCount: 0,
      journey: [],
      queuedAt: t.issuedAt,
      lineCalledAt: null,
      feedbackKey: t.feedbackKey,
      notBefore,
    };
  }

  insert(t: NewTicket): number {
    return this.create(t).rowid;
  }

  /**
   * Moves a ticket only if it is still in `expected` status: the guard that keeps two counters from
   * taking the same ticket even if two writers ever raced.
   */
  update(rowid: number, expected: TicketStatus | readonly TicketStatus[], patch: TicketPatch): boolean {
    const keys = Object.keys(patch) as (keyof TicketPatch)[];
    const sets = keys.map((k) => `${PATCH_COLUMNS[k]} = ?`).join(', ');
    const values = keys.map((k) => (k === 'journey' ? JSON.stringify(patch.journey) : patch[k]));
    const statuses = typeof expected === 'string' ? [expected] : expected;
    const sql = `UPDATE tickets SET ${sets} WHERE rowid = ? AND status IN (${statuses.map(() => '?').join(', ')})`;
    // The walk-in issued last may be the one whose arrival moves: lastIssued asks SQL again.
    if (patch.arrivalAt !== undefined) this.setLastWalkIn(undefined);
    return this.q.run(sql, ...values, rowid, ...statuses).changes === 1;
  }

  /**
   * The next ticket for a counter: the earliest effective arrival among the waiting tickets of the
   * services it serves, where a service's preference bonus (ms) moves its tickets earlier.
   */
  nextFor(day: string, services: { serviceId: string; bonusMs: number }[], headMs: number, now: number): TicketRecord | undefined {
    if (services.length === 0) return undefined;
    const bonus = services.map((_, i) => `WHEN @s${i} THEN @b${i}`).join(' ');
    const params: Record<string, string | number> = { day, head: headMs, now };
    services.forEach((s, i) => {
      params[`s${i}`] = s.serviceId;
      params[`b${i}`] = s.bonusMs;
    });
    const sql = `SELECT ${COLUMNS.replace(/(\w+)/g, 't.$1')} FROM tickets t
      WHERE t.status = 'waiting' AND t.day = @day AND t.service_id IN (${services.map((_, i) => `@s${i}`).join(', ')})
        AND (t.not_before IS NULL OR t.not_before <= @now)
      ORDER BY ${EFFECTIVE} - CASE t.service_id ${bonus} ELSE 0 END, t.rowid LIMIT 1`;
    const row = this.q.get(sql).get(params) as TicketRow | undefined;
    return row && toRecord(row);
  }


  /** How many waiting tickets of the service come before this routing key. */
  countAhead(day: string, serviceId: string, rank: readonly [number, number], headMs: number): number {
    return this.q
      .get(
        `SELECT COUNT(*) FROM tickets t WHERE t.status = 'waiting' AND t.day = @day AND t.service_id = @serviceId
         AND (${EFFECTIVE} < @eff OR (${EFFECTIVE} = @eff AND t.rowid < @rowid))`,
      )
      .pluck()
      .get({ day, serviceId, head: headMs, eff: rank[0], rowid: rank[1] }) as number;
  }

  /** The day and arrival of the walk-in issued last (a booked ticket's arrival is its slot, perhaps ahead). */
  lastIssued(): { day: string; arrivalAt: number } | undefined {
    if (this.lastWalkIn !== undefined) return this.lastWalkIn ?? undefined;
    const row = this.q.first<{ day: string; arrival_at: number }>('SELECT day, arrival_at FROM tickets WHERE not_before IS NULL ORDER BY rowid DESC LIMIT 1');
    const last = row ? { day: row.day, arrivalAt: row.arrival_at } : null;
    // Kept only as committed: a read inside a write may see rows that write could still undo.
    if (!this.q.db.inTransaction) this.lastWalkIn = last;
    return last ?? undefined;
  }

  /** A day's waiting tickets with what their routing key needs (to build the in-memory lines). */
  waitingOn(day: string): { rowid: number; serviceId: string; arrivalAt: number; priority: Priority }[] {
    return this.q
      .all<{ rowid: number; service_id: string; arrival_at: number; priority: Priority }>(
        "SELECT rowid, service_id, arrival_at, priority FROM tickets WHERE status = 'waiting' AND day = ?",
        day,
      )
      .map((r) => ({ rowid: r.rowid, serviceId: r.service_id, arrivalAt: r.arrival_at, priority: r.priority }));
  }


  waitingCount(day: string, serviceId: string): number {
    return this.q
      .get("SELECT COUNT(*) FROM tickets WHERE status = 'waiting' AND day = ? AND service_id = ?")
      .pluck()
      .get(day, serviceId) as number;
  }

  /** Today's tickets staff screens show: open ones and no-shows (which can be reactivated). */
  openOn(day: string): TicketRecord[] {
    return this.q
      .all<TicketRow>(
        `SELECT ${COLUMNS} FROM tickets WHERE status IN ('waiting', 'called', 'serving', 'no_show') AND day = ?
         ORDER BY arrival_at, rowid`,
        day,
      )
      .map(toRecord);
  }

  heldBy(counterId: string): TicketRecord | undefined {
    const row = this.q.first<TicketRow>(
      `SELECT ${COLUMNS} FROM tickets WHERE counter_id = ? AND status IN ('called', 'serving') ORDER BY called_at DESC LIMIT 1`,
      counterId,
    );
    return row && toRecord(row);
  }

  /** Open tickets of days before `day`: what a day close turns into `expired`. */
  openBefore(day: string): TicketRecord[] {
    return this.q
      .all<TicketRow>(
        `SELECT ${COLUMNS} FROM tickets WHERE status IN ('waiting', 'called', 'serving', 'no_show') AND day < ?`,
        day,
      )
      .map(toRecord);
  }

  /** Average minutes of the last completed services of a service today, or undefined when there are none. */
  recentServiceMinutes(day: string, serviceId: string, sample = 20): number | undefined {
    const avg = this.q
      .get(
        `SELECT AVG(done_at - serving_at) FROM (SELECT done_at, serving_at FROM tickets
         WHERE day = ? AND service_id = ? AND status = 'done' AND serving_at IS NOT NULL ORDER BY done_at DESC LIMIT ?)`,
      )
      .pluck()
      .get(day, serviceId, sample) as number | null;
    return avg == null ? undefined : avg / 60_000;
  }

  /** How many tickets of each service a day has served (those the recent average of service time counts). */
  servedCountsOn(day: string): Map<string, number> {
    const rows = this.q.all<{ service_id: string; n: number }>(
      `SELECT service_id, COUNT(*) AS n FROM tickets WHERE day = ? AND status = 'done' AND serving_at IS NOT NULL GROUP BY service_id`,
      day,
    );
    return new Map(rows.map((r) => [r.service_id, r.n]));
  }

  /** A day's served tickets and when each was done, in the order they were issued. */
  doneOn(day: string): { rowid: number; doneAt: number }[] {
    return this.q
      .all<{ rowid: number; done_at: number }>("SELECT rowid, done_at FROM tickets WHERE day = ? AND status = 'done' ORDER BY rowid", day)
      .map((r) => ({ rowid: r.rowid, doneAt: r.done_at }));
  }

  countOnDay(day: string, serviceId: string): number {
    return this.q.get('SELECT COUNT(*) FROM tickets WHERE day = ? AND service_id = ?').pluck().get(day, serviceId) as number;
  }

  /** Recent calls for the waiting-room screens, newest first. */
  recentCalls(day: string, limit: number): TicketRecord[] {
    return this.q
      .all<TicketRow>(
        `SELECT ${COLUMNS} FROM tickets WHERE day = ? AND called_at IS NOT NULL AND counter_id IS NOT NULL
         AND status IN ('called', 'serving', 'done') ORDER BY called_at DESC LIMIT ?`,
        day,
        limit,
      )
      .map(toRecord);
  }
}
