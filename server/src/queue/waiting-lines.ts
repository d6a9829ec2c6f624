// Who waits, per day and service, in routing order, kept in memory: a place in line and a queue's length
// are asked for on every issued ticket, every push and every tracker, and in SQL each costs a scan of
// the whole queue (the routing key is an expression no index holds). Here each is a binary search.
//
// The database stays the truth: a day is loaded from it when first asked for, and every ticket change is
// applied inside its own transaction, right after the row changed, and undone if that write rolls back.
// So the lines always match what this connection reads, even inside a write (a kiosk ticket's printed
// place in line). Applying is idempotent (insert if absent, remove if present): a day loaded between a row
// change and its mirror call already holds the change.
import type { TicketStatus } from '@foleni/shared';
import type { Tx } from '../db/write-queue.js';
import type { Repositories } from '../repositories/index.js';
import type { TicketRecord } from '../repositories/ticket.repository.js';
import type { CentreService } from './centre.service.js';

/** [effective arrival, rowid]: the routing key (docs/architecture.md, "Routing"), without counter preference. */
export type Rank = readonly [number, number];

interface Waiter {
  rowid: number;
  arrivalAt: number;
  priority: string;
}

const before = (a: Rank, b: Rank): boolean => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

/** How many ranks of a sorted line come before `rank`. */
function lowerBound(line: Rank[], rank: Rank): number {
  let lo = 0;
  let hi = line.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(line[mid]!, rank)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Days kept in memory: today, and yesterday until its open tickets are expired. */
const DAYS_KEPT = 3;

export class WaitingLines {
  /** day → service → ranks in routing order. */
  private days = new Map<string, Map<string, Rank[]>>();
  private headMs: number;

  constructor(
    private readonly repos: Repositories,
    private readonly centre: CentreService,
  ) {
    this.headMs = centre.headStartMs();
  }

  rank(t: Waiter): Rank {
    return [t.arrivalAt - (t.priority === 'none' ? 0 : this.headMs), t.rowid];
  }

  /** Waiting tickets of a service on a day. */
  count(day: string, serviceId: string): number {
    return this.day(day).get(serviceId)?.length ?? 0;
  }

  counts(day: string): Map<string, number> {
    return new Map([...this.day(day)].map(([serviceId, line]) => [serviceId, line.length]));
  }

  /** Waiting tickets of the service that come before this routing key. */
  ahead(day: string, serviceId: string, rank: Rank): number {
    const line = this.day(day).get(serviceId);
    return line ? lowerBound(line, rank) : 0;
  }

  /** Forgets everything: the next question reloads from the database (after a restore, say). */
  reset(): void {
    this.days.clear();
    this.headMs = this.centre.headStartMs();
  }

  /** A ticket row changed inside `tx`: `before` is where it stood (null for a new ticket). */
  ticketWritten(tx: Tx, ticket: TicketRecord, before: { serviceId: string; status: TicketStatus } | null): void {
    const from = before?.status === 'waiting' ? before.serviceId : null;
    const to = ticket.status === 'waiting' ? ticket.serviceId : null;
    if (from === to) return;
    this.move(ticket, from, to);
    tx.onRollback(() => this.move(ticket, to, from));
  }

  /** Takes the ticket out of one service's line and puts it in another's (null: none). */
  private move(ticket: TicketRecord, from: string | null, to: string | null): void {
    const lines = this.loaded(ticket.day);
    // A day not in memory is read from the database when asked for, and will hold this change then.
    if (!lines) return;
    const rank = this.rank(ticket);
    if (from) remove(lines.get(from), rank);
    if (to) {
      let line = lines.get(to);
      if (!line) lines.set(to, (line = []));
      insert(line, rank);
    }
  }

  /** The day's lines if they are in memory (and still ranked with the centre's current head start). */
  private loaded(day: string): Map<string, Rank[]> | undefined {
    if (this.headMs !== this.centre.headStartMs()) this.reset();
    return this.days.get(day);
  }

  private day(day: string): Map<string, Rank[]> {
    let lines = this.loaded(day);
    if (lines) return lines;
    lines = new Map();
    for (const t of this.repos.tickets.waitingOn(day)) {
      let line = lines.get(t.serviceId);
      if (!line) lines.set(t.serviceId, (line = []));
      line.push(this.rank(t));
    }
    for (const line of lines.values()) line.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    // Forget the day loaded longest ago, never the one just asked for (a day close walks old days one by one).
    for (const old of this.days.keys()) {
      if (this.days.size < DAYS_KEPT) break;
      this.days.delete(old);
    }
    this.days.set(day, lines);
    return lines;
  }
}

function insert(line: Rank[], rank: Rank): void {
  const i = lowerBound(line, rank);
  if (line[i]?.[1] === rank[1]) return;
  line.splice(i, 0, rank);
}

function remove(line: Rank[] | undefined, rank: Rank): void {
  if (!line) return;
  const i = lowerBound(line, rank);
  if (line[i]?.[1] === rank[1]) line.splice(i, 1);
}
