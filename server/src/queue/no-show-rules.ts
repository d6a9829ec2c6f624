// Fair no-shows, one rule set by the manager (docs/decisions/0026-fair-no-shows.md): a called ticket becomes a
// no-show only once its citizen had time to come (a minimum time since the latest call, or enough recalls),
// and a no-show who turns up goes back to its old place, behind the people now first in its line, or to the end.
// Pure functions, plus the small policy the queue engine asks (QueueService.noShowRules).
import type { NoShowRules } from '@foleni/shared';
import { AppError } from '../errors.js';
import type { DeskRepository } from '../repositories/desk.repository.js';
import type { TicketRecord } from '../repositories/ticket.repository.js';
import type { Repositories } from '../repositories/index.js';
import type { CentreService } from './centre.service.js';

/** A waiting ticket as routing orders it: effective arrival = arrival − head start (if priority), then rowid. */
export interface LineTicket {
  rowid: number;
  arrivalAt: number;
  priority: string;
}

type Key = readonly [number, number];
const keyOf = (t: LineTicket, headMs: number): Key => [t.arrivalAt - (t.priority === 'none' ? 0 : headMs), t.rowid];
const less = (a: Key, b: Key): boolean => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

/** How many of `line` come before `t` in routing order. */
export function aheadOf(t: LineTicket, line: readonly LineTicket[], headMs: number): number {
  const k = keyOf(t, headMs);
  return line.filter((o) => o.rowid !== t.rowid && less(keyOf(o, headMs), k)).length;
}

/** Why a no-show is refused now, or null when it may be marked. */
export function noShowRefusal(t: Pick<TicketRecord, 'label' | 'calledAt'>, recalls: number, now: number, rules: NoShowRules): AppError | null {
  const sinceMs = now - (t.calledAt ?? now);
  const minMs = rules.minSecondsSinceCall * 1000;
  if (sinceMs >= minMs) return null;
  if (rules.minRecalls > 0 && recalls >= rules.minRecalls) return null;
  const waitSeconds = Math.ceil((minMs - sinceMs) / 1000);
  const recallsNeeded = rules.minRecalls > 0 ? rules.minRecalls - recalls : null;
  const wait = waitSeconds >= 60 ? `${Math.floor(waitSeconds / 60)} min ${waitSeconds % 60} s` : `${waitSeconds} s`;
  const orRecall = recallsNeeded ? `, or recall it ${recallsNeeded} more time${recallsNeeded === 1 ? '' : 's'},` : '';
  return new AppError(409, 'no-show-too-soon', `${t.label} was called only ${Math.floor(sinceMs / 1000)} s ago: wait ${wait} more${orRecall} before marking it a no-show.`, {
    waitSeconds,
    recallsNeeded,
  });
}

/**
 * The arrival a returning no-show gets so that routing puts it where the rules say, among `line` (the other
 * tickets now waiting for its service). It never moves ahead of its old place: "behind the first N" puts
 * max(N, those ahead of its old place) before it (fewer if fewer wait), "end" puts every one before it.
 * Two waiting tickets with the same effective millisecond cannot be split: it then goes behind both.
 */
export function returnArrival(t: LineTicket, line: readonly LineTicket[], headMs: number, rules: NoShowRules): number {
  if (rules.returnPlace === 'old_place') return t.arrivalAt;
  const others = line.filter((o) => o.rowid !== t.rowid).map((o) => keyOf(o, headMs)).sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
  const own = keyOf(t, headMs);
  const oldAhead = others.filter((k) => less(k, own)).length;
  const want = rules.returnPlace === 'end' ? others.length : Math.min(rules.returnBehind, others.length);
  if (oldAhead >= want) return t.arrivalAt;
  const head = t.arrivalAt - own[0];
  // The first gap from the wanted place back that an effective arrival (a whole ms) with this rowid fits in.
  for (let k = want; k <= others.length; k++) {
    const prev = others[k - 1]!;
    const next = others[k];
    for (const eff of [prev[0], prev[0] + 1]) {
      const key: Key = [eff, t.rowid];
      if (less(prev, key) && (!next || less(key, next))) return eff + head;
    }
  }
  // Unreachable: behind the last waiting ticket there is always room.
  return others[others.length - 1]![0] + 1 + head;
}

/** The manager's rules as the engine applies them, read from the desk settings. */
export class NoShowPolicy {
  constructor(
    private readonly desk: DeskRepository,
    private readonly repos: Repositories,
    private readonly centre: CentreService,
  ) {}

  /** Throws 409 no-show-too-soon when this called ticket may not be a no-show yet. */
  check(t: TicketRecord, now: number): void {
    const rules = this.desk.settings().noShow;
    const recalls = this.desk.recallsSince(t.rowid, t.lineCalledAt ?? t.calledAt ?? 0);
    const refusal = noShowRefusal(t, recalls, now, rules);
    if (refusal) throw refusal;
  }

  /** Where a requeued ticket goes: a no-show by the rules; a call put back keeps its place. */
  returnTo(t: TicketRecord): { arrivalAt?: number } {
    if (t.status !== 'no_show') return {};
    const line = this.repos.tickets.waitingOn(t.day).filter((w) => w.serviceId === t.serviceId);
    const arrivalAt = returnArrival(t, line, this.centre.headStartMs(), this.desk.settings().noShow);
    return arrivalAt === t.arrivalAt ? {} : { arrivalAt };
  }
}
