// Read models: tickets, services and counters as the API and the screens see them, with place in line
// and estimated wait. Estimated wait = people ahead × minutes per service (see `blendedMinutes`) ÷ open
// counters serving that service. With no open counter serving it nobody can call the line, so a ticket's
// wait is unknown (null) rather than a number or "very soon".
import type {
  CallEntry,
  Counter,
  JourneyPosition,
  CounterRef,
  PublicCounter,
  PublicTicket,
  PublicTicketState,
  ServiceWithQueue,
  Ticket,
  TicketStatus,
} from '@foleni/shared';
import { isoOrNull, iso } from '../clock.js';
import type { Tx } from '../db/write-queue.js';
import type { CounterRecord } from '../repositories/counter.repository.js';
import type { Repositories } from '../repositories/index.js';
import type { TicketRecord } from '../repositories/ticket.repository.js';
import type { CentreService } from './centre.service.js';
import type { QueueMirror, TicketChangeKind } from './queue.service.js';
import { WaitingLines } from './waiting-lines.js';
import { journeyPosition } from './journey-steps.js';

/** Today's services after which the recent average is trusted on its own (see `blendedMinutes`). */
export const TRUSTED_AFTER = 5;

/**
 * Minutes one service takes, for the estimate. Today's recent average is blended with the service's
 * configured typical time (`service_minutes`): with no service done today it is the typical time, and each
 * of the first TRUSTED_AFTER services done moves it a fifth of the way to the average. It is never below
 * half the typical time: a few services that took seconds (a clerk pressing Start late) must not tell four
 * people waiting that they will be called at once.
 */
export function blendedMinutes(typical: number, recent: number | undefined, done: number): number {
  const weight = recent === undefined ? 0 : Math.min(done, TRUSTED_AFTER) / TRUSTED_AFTER;
  return Math.max(typical / 2, weight * (recent ?? typical) + (1 - weight) * typical);
}

/** Per-request memo: one snapshot builds hundreds of tickets and must not repeat the same queries. */
class ViewContext {
  readonly day: string;
  readonly headMs: number;
  private openCounts: Map<string, number> | undefined;
  private minutes = new Map<string, number>();
  private counters = new Map<string, CounterRecord | undefined>();

  constructor(
    private readonly repos: Repositories,
    centre: CentreService,
    private readonly recent: (day: string, serviceId: string) => { minutes: number | undefined; done: number },
  ) {
    this.day = centre.today();
    this.headMs = centre.headStartMs();
  }

  /** Open counters (not paused, not switched off) serving a service now. */
  openCounters(serviceId: string): number {
    this.openCounts ??= this.repos.counters.openCountsByService();
    return this.openCounts.get(serviceId) ?? 0;
  }

  serviceMinutes(serviceId: string): number {
    let m = this.minutes.get(serviceId);
    if (m === undefined) {
      const typical = this.repos.services.getAny(serviceId)?.serviceMinutes ?? 5;
      const { minutes, done } = this.recent(this.day, serviceId);
      m = blendedMinutes(typical, minutes, done);
      this.minutes.set(serviceId, m);
    }
    return m;
  }

  /** Minutes of wait per person ahead, as if at least one counter served the line. */
  minutesEach(serviceId: string): number {
    return this.serviceMinutes(serviceId) / Math.max(1, this.openCounters(serviceId));
  }

  /** The wait of someone with `ahead` people before them once a counter serves the line. */
  waitOnceOpen(serviceId: string, ahead: number): number {
    return Math.round(ahead * this.minutesEach(serviceId));
  }

  /** The wait a ticket is told: null (unknown) while no open counter serves its service. */
  estimate(serviceId: string, ahead: number): number | null {
    return this.openCounters(serviceId) > 0 ? this.waitOnceOpen(serviceId, ahead) : null;
  }

  counter(id: string | null): CounterRecord | undefined {
    if (!id) return undefined;
    if (!this.counters.has(id)) this.counters.set(id, this.repos.counters.get(id));
    return this.counters.get(id);
  }
}

/**
 * Where one ticket change left the waiting lines, taken inside its transaction: the change is pushed only
 * after its whole batch commits, when later writes of the batch may have moved the lines again, and a
 * tracker applies each push as a step from the one before.
 */
export interface LineChange {
  /** Waiting counts, right after the change, of the services it touched. */
  waiting: Record<string, number>;
  /** The line the ticket left, and how many waited ahead of it there. */
  left: { serviceId: string; place: number } | null;
  /** The line the ticket joined, and how many wait ahead of it there. */
  joined: { serviceId: string; place: number } | null;
  /** People ahead of the ticket right after the change; null when it is not waiting. */
  ahead: number | null;
}

export const counterRef = (c: CounterRecord): CounterRef => ({ id: c.id, name: c.name, zone: c.zone });
export const publicCounter = (c: CounterRecord): PublicCounter => ({ id: c.id, name: c.name, zone: c.zone, status: c.status });

/**
 * Subscribe it with `queue.mirror(views)`: the waiting lines and the recent service times it keeps in
 * memory follow every ticket change inside that change's own transaction.
 */
export class QueueViews implements QueueMirror {
  /** Who waits where, in routing order. */
  readonly lines: WaitingLines;
  /** day|serviceId → average minutes of its last services (null: none yet); dropped when one completes. */
  private recentMinutes = new Map<string, number | null>();
  /** day → serviceId → services done that day: how far the recent average is trusted. */
  private doneCounts = new Map<string, Map<string, number>>();
  /** Each written ticket record (the very object its change notice carries) → its LineChange. */
  private lineChanges = new WeakMap<TicketRecord, LineChange>();

  constructor(
    private readonly repos: Repositories,
    private readonly centre: CentreService,
    /** The address printed on tickets now (it may follow the network). */
    private readonly publicUrl: () => string,
  ) {
    this.lines = new WaitingLines(repos, centre);
  }

  context(): ViewContext {
    return new ViewContext(this.repos, this.centre, (day, serviceId) => ({
      minutes: this.recentServiceMinutes(day, serviceId),
      done: this.doneCount(day, serviceId),
    }));
  }

  ticketWritten(tx: Tx, change: TicketChangeKind, ticket: TicketRecord, before: { serviceId: string; status: TicketStatus } | null): void {
    this.lines.ticketWritten(tx, ticket, before);
    this.lineChanges.set(ticket, this.lineChangeNow(ticket, before));
    if (change === 'completed') {
      const key = `${ticket.day}|${ticket.serviceId}`;
      this.recentMinutes.delete(key);
      const counts = this.doneCounts.get(ticket.day);
      if (counts) counts.set(ticket.serviceId, (counts.get(ticket.serviceId) ?? 0) + 1);
      // Undone by reading the day again: it may have been read inside this very transaction.
      tx.onRollback(() => {
        this.recentMinutes.delete(key);
        this.doneCounts.delete(ticket.day);
      });
    }
  }

  /** Whether some counter in use is assigned to the service (see CounterRepository.serves). */
  served(serviceId: string): boolean {
    return this.repos.counters.serves(serviceId);
  }

  /**
   * Where the change that wrote this record left the lines (the trackers' pushes). A record the queue did
   * not write through this mirror is measured now.
   */
  lineChange(ticket: TicketRecord, before: { serviceId: string; status: TicketStatus } | null): LineChange {
    return this.lineChanges.get(ticket) ?? this.lineChangeNow(ticket, before);
  }

  private lineChangeNow(ticket: TicketRecord, before: { serviceId: string; status: TicketStatus } | null): LineChange {
    const from = before?.status === 'waiting' ? before.serviceId : null;
    const to = ticket.status === 'waiting' ? ticket.serviceId : null;
    const waiting: Record<string, number> = {};
    for (const s of new Set([ticket.serviceId, ...(before ? [before.serviceId] : [])])) waiting[s] = this.lines.count(ticket.day, s);
    // Ranks are unique, so a ticket's place is the count of ranks before its own, in the line or just out of it.
    const rank = this.rank(ticket);
    const ahead = to ? this.lines.ahead(ticket.day, to, rank) : null;
    if (from === to) return { waiting, left: null, joined: null, ahead };
    return {
      waiting,
      left: from ? { serviceId: from, place: this.lines.ahead(ticket.day, from, rank) } : null,
      joined: to ? { serviceId: to, place: ahead! } : null,
      ahead,
    };
  }

  /** Minutes of estimated wait per person ahead in a service's line, as if at least one counter served it. */
  minutesEach(serviceId: string, ctx = this.context()): number {
    return ctx.minutesEach(serviceId);
  }

  /** Waiting tickets of a service on a day. */
  waitingCount(day: string, serviceId: string): number {
    return this.lines.count(day, serviceId);
  }

  /** Services done today for a service. The day is counted once, then each completion counts itself. */
  private doneCount(day: string, serviceId: string): number {
    let counts = this.doneCounts.get(day);
    if (!counts) {
      counts = this.repos.tickets.servedCountsOn(day);
      // Today, and yesterday until its last tickets are expired.
      for (const old of this.doneCounts.keys()) if (this.doneCounts.size >= 2) this.doneCounts.delete(old);
      this.doneCounts.set(day, counts);
    }
    return counts.get(serviceId) ?? 0;
  }

  /**
   * Scanning a day's services for their last completions costs as much as the day is long; the answer
   * changes only when a service completes, so it is kept until then.
   */
  private recentServiceMinutes(day: string, serviceId: string): number | undefined {
    const key = `${day}|${serviceId}`;
    let m = this.recentMinutes.get(key);
    if (m === undefined) {
      if (this.recentMinutes.size > 1000) this.recentMinutes.clear();
      m = this.repos.tickets.recentServiceMinutes(day, serviceId) ?? null;
      this.recentMinutes.set(key, m);
    }
    return m ?? undefined;
  }

  /** The ticket's journey and the step it is at (journey-steps.ts); null for a ticket of one service. */
  journeyOf(t: Pick<TicketRecord, 'rowid'>): JourneyPosition | null {
    const tj = this.repos.journeys.ofTicket(t.rowid);
    return tj ? journeyPosition(tj, this.repos) : null;
  }

  private journeyStep(t: Pick<TicketRecord, 'rowid'>): { id: string; step: number; of: number } | null {
    const tj = this.repos.journeys.ofTicket(t.rowid);
    return tj ? { id: tj.journeyId, step: tj.step + 1, of: tj.steps.length } : null;
  }

  rank(t: TicketRecord, headMs = this.centre.headStartMs()): [number, number] {
    return [t.arrivalAt - (t.priority === 'none' ? 0 : headMs), t.rowid];
  }

  /** The tracker's address without the feedback key: what staff screens, events and the public view carry. */
  trackUrl(t: { id: string }): string {
    return `${this.publicUrl()}/t/${t.id}`;
  }

  /**
   * The citizen's own link: the tracker's address with the ticket's feedback key in the fragment, which
   * browsers never send to a server (so no access log holds it); the tracker reads it from location.hash.
   * Only for the citizen: the issue answer, the printed ticket and its reprints. Old tickets have no key.
   */
  citizenTrackUrl(t: Pick<TicketRecord, 'id' | 'feedbackKey'>): string {
    return t.feedbackKey === null ? this.trackUrl(t) : `${this.trackUrl(t)}#k=${t.feedbackKey}`;
  }

  /** The ticket as its issuer is answered (a kiosk's screen and QR, a staff issuer): with the citizen's link. */
  issuedTicket(t: TicketRecord): Ticket {
    return { ...this.ticket(t), trackUrl: this.citizenTrackUrl(t) };
  }

  /** People ahead (0 = next), or null when the ticket is not waiting. */
  ahead(t: TicketRecord, ctx = this.context()): number | null {
    if (t.status !== 'waiting') return null;
    return this.lines.ahead(t.day, t.serviceId, this.rank(t, ctx.headMs));
  }

  ticket(t: TicketRecord, ctx = this.context(), knownAhead?: number | null): Ticket {
    const ahead = knownAhead !== undefined ? knownAhead : this.ahead(t, ctx);
    return {
      id: t.id,
      label: t.label,
      number: t.number,
      day: t.day,
      serviceId: t.serviceId,
      status: t.status,
      priority: t.priority,
      lang: t.lang,
      source: t.source,
      issuedAt: iso(t.issuedAt),
      calledAt: isoOrNull(t.calledAt),
      firstCalledAt: isoOrNull(t.firstCalledAt),
      queuedAt: isoOrNull(t.queuedAt),
      lineCalledAt: isoOrNull(t.lineCalledAt),
      servingAt: isoOrNull(t.servingAt),
      doneAt: isoOrNull(t.doneAt),
      counterId: t.counterId,
      clerkId: t.clerkId,
      callCount: t.callCount,
      position: ahead === null ? null : ahead + 1,
      estimatedWaitMinutes: ahead === null ? null : ctx.estimate(t.serviceId, ahead),
      trackUrl: this.trackUrl(t),
      journey: t.journey,
      bookedFor: t.notBefore === null ? null : iso(t.arrivalAt),
      notBefore: isoOrNull(t.notBefore),
      rank: this.rank(t, ctx.headMs),
      onJourney: this.journeyOf(t),
    };
  }

  /** `knownAhead`: the place in line as it stood at a given change (a tracker's push), instead of now. */
  publicTicket(t: TicketRecord, ctx = this.context(), knownAhead?: number | null): PublicTicket {
    const service = this.repos.services.getAny(t.serviceId)!;
    const ahead = knownAhead !== undefined ? knownAhead : this.ahead(t, ctx);
    const counter = ctx.counter(t.counterId);
    return {
      id: t.id,
      label: t.label,
      day: t.day,
      serviceId: t.serviceId,
      service: { code: service.code, name: service.name },
      status: t.status,
      prioritised: t.priority !== 'none',
      lang: t.lang,
      issuedAt: iso(t.issuedAt),
      calledAt: isoOrNull(t.calledAt),
      position: ahead === null ? null : ahead + 1,
      estimatedWaitMinutes: ahead === null ? null : ctx.estimate(t.serviceId, ahead),
      counter: counter && (t.status === 'called' || t.status === 'serving') ? counterRef(counter) : null,
      feedbackGiven: this.repos.feedback.exists(t.rowid),
      trackUrl: this.trackUrl(t),
      journey: this.journeyOf(t),
    };
  }

  publicState(t: TicketRecord, ctx = this.context()): PublicTicketState {
    const counter = ctx.counter(t.counterId);
    return {
      label: t.label,
      day: t.day,
      serviceId: t.serviceId,
      status: t.status,
      prioritised: t.priority !== 'none',
      lang: t.lang,
      counter: counter ? counterRef(counter) : null,
      callCount: t.callCount,
      journey: this.journeyStep(t),
    };
  }

  /**
   * Services with their queues; `activeOnly` for the kiosk and the public list. The wait is the one the
   * next ticket would be told once a counter serves it (`openCounters` 0: nobody serves it now).
   */
  services(activeOnly: boolean, ctx = this.context()): ServiceWithQueue[] {
    const waiting = this.lines.counts(ctx.day);
    return this.repos.services
      .list()
      .filter((s) => !activeOnly || s.active)
      .map((s) => {
        const n = waiting.get(s.id) ?? 0;
        return {
          ...s,
          waiting: n,
          estimatedWaitMinutes: ctx.waitOnceOpen(s.id, n),
          openCounters: ctx.openCounters(s.id),
          served: this.served(s.id),
        };
      });
  }

  counter(c: CounterRecord): Counter {
    return {
      id: c.id,
      name: c.name,
      zone: c.zone,
      status: c.status,
      serviceIds: c.serviceIds,
      clerk: c.clerkId ? { id: c.clerkId, displayName: c.clerkName ?? '' } : null,
      currentTicketId: this.repos.tickets.heldBy(c.id)?.id ?? null,
      active: c.active,
    };
  }

  counters(): Counter[] {
    return this.repos.counters.list().map((c) => this.counter(c));
  }

  /** Today's open tickets and no-shows, waiting ones in routing order within their service. */
  openTickets(ctx = this.context()): Ticket[] {
    const records = this.repos.tickets.openOn(ctx.day);
    const byService = new Map<string, TicketRecord[]>();
    for (const t of records) {
      if (t.status !== 'waiting') continue;
      const list = byService.get(t.serviceId) ?? [];
      list.push(t);
      byService.set(t.serviceId, list);
    }
    const aheadOf = new Map<number, number>();
    for (const list of byService.values()) {
      list.sort((a, b) => {
        const ra = this.rank(a, ctx.headMs);
        const rb = this.rank(b, ctx.headMs);
        return ra[0] - rb[0] || ra[1] - rb[1];
      });
      list.forEach((t, i) => aheadOf.set(t.rowid, i));
    }
    const views = records.map((t) => this.ticket(t, ctx, t.status === 'waiting' ? (aheadOf.get(t.rowid) ?? 0) : null));
    return views.sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1]);
  }

  /**
   * Today's latest calls, newest first; with `zone`, only those made from that zone's counters, so a quiet
   * hall's board is full even when a busy hall makes most of the calls.
   */
  recentCalls(limit: number, ctx = this.context(), zone?: string): CallEntry[] {
    const entries = (rows: TicketRecord[]) =>
      rows.flatMap((t): CallEntry[] => {
        const counter = ctx.counter(t.counterId);
        if (!counter || t.calledAt === null || (zone !== undefined && counter.zone !== zone)) return [];
        return [{ label: t.label, serviceId: t.serviceId, counter: counterRef(counter), at: iso(t.calledAt), lang: t.lang, recall: isRecall(t) }];
      });
    if (zone === undefined) return entries(this.repos.tickets.recentCalls(ctx.day, limit));
    // One zone among several: a few times the limit is usually enough; when it is not (a quiet zone beside a
    // busy one), the whole day's calls are read once. The query reads the day's tickets either way.
    const wide = limit * 4;
    const rows = this.repos.tickets.recentCalls(ctx.day, wide);
    let calls = entries(rows);
    // SQLite reads a negative LIMIT as no limit.
    if (calls.length < limit && rows.length === wide) calls = entries(this.repos.tickets.recentCalls(ctx.day, -1));
    return calls.slice(0, limit);
  }
}

/**
 * A recall moves the latest call but not the first call at the ticket's line: a first call at a new line
 * (after a transfer, or back from a no-show) is no recall, however many calls the ticket had. Rows older
 * than the line's first call fall back on the count.
 */
function isRecall(t: TicketRecord): boolean {
  return t.lineCalledAt !== null ? t.calledAt !== t.lineCalledAt : t.callCount > 1;
}
