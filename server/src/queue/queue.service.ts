// The queue engine: issuing, routing and every step of a ticket's life. It knows nothing of HTTP or
// Socket.IO: it writes through the WriteQueue and tells a notifier what changed after each commit.
//
// Routing (docs/architecture.md, "Routing"): a counter takes, among waiting tickets of the services it
// serves, the one with the earliest effective arrival = arrival − priority head start (if priority) −
// preference bonus of the service at that counter. The bonus of a counter's k-th service (of n) is
// (n − 1 − k) × the centre's preference bonus, so the first-listed service gains the most; with the default
// 0 it is plain first-come-first-served with priority head start. Arrival is kept across transfers and
// reactivation.
import type { CounterStatus, Lang, Priority, PrintResult, TicketSource, TicketStatus } from '@foleni/shared';
import { ticketLabel } from '@foleni/shared';
import type { Actor, StaffActor } from '../auth/actor.js';
import { actorUserId, hasRole, SYSTEM } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import { dayOf } from '../clock.js';
import type { Tx, WriteQueue } from '../db/write-queue.js';
import { AppError, badRequest, conflict, forbidden, notFound, serviceNotServed } from '../errors.js';
import { newFeedbackKey, newTicketId } from '../ids.js';
import type { PrintingDevice } from '../printing/ticket-printing.js';
import type { CounterRecord } from '../repositories/counter.repository.js';
import type { Repositories } from '../repositories/index.js';
import type { TicketPatch, TicketRecord } from '../repositories/ticket.repository.js';
import type { CentreService } from './centre.service.js';
import { JourneySteps } from './journey-steps.js';
import type { NoShowPolicy } from './no-show-rules.js';

export type TicketChangeKind =
  | 'issued'
  | 'called'
  | 'recalled'
  | 'started'
  | 'completed'
  | 'no_show'
  | 'requeued'
  | 'cancelled'
  | 'transferred'
  | 'expired'
  | 'stepped';

export interface TicketChangeNotice {
  seq: number;
  at: number;
  change: TicketChangeKind;
  ticket: TicketRecord;
  before: { serviceId: string; status: TicketStatus } | null;
}

export interface CounterChangeNotice {
  seq: number;
  at: number;
  counter: CounterRecord;
}

export interface QueueNotifier {
  ticketChanged(notice: TicketChangeNotice): void;
  counterChanged(notice: CounterChangeNotice): void;
}

/**
 * Told of each ticket change inside its transaction, right after the row changed: for read models kept in
 * memory, which register their own undo with `tx.onRollback`.
 */
export interface QueueMirror {
  ticketWritten(tx: Tx, change: TicketChangeKind, ticket: TicketRecord, before: TicketChangeNotice['before']): void;
  /** A new ticket's request, before its `issued` change: what the ticket row does not hold (an SMS number). */
  ticketIssued?(tx: Tx, ticket: TicketRecord, req: IssueRequest): void;
}

export interface IssueRequest {
  /** Not read when `journeyId` is given: the ticket starts in the line of the journey's first step. */
  serviceId: string;
  /** A journey instead of a service (journey-steps.ts). */
  journeyId?: string | null;
  priority?: Priority;
  lang?: Lang;
  source: TicketSource;
  deviceId: string | null;
  /** The staff user issuing it; null or absent when a kiosk (deviceId) issues. */
  issuedBy?: string | null;
  idempotencyKey: string | null;
  /**
   * Where a new ticket prints: the issuing kiosk (nothing prints if it has no printer). Absent or null: not
   * printed (staff-issued tickets).
   */
  printOn?: PrintingDevice | null;
  /**
   * A checked-in booking (source `appointment`): its slot's start is its place in line, and it is not called
   * before `notBefore` (docs/architecture.md, "Appointments"). Absent: a walk-in.
   */
  booked?: { slotStart: number; notBefore: number; checkIn(ticket: TicketRecord): void } | null;
  /** A Kenyan mobile number in E.164 for SMS (checked by the caller), kept beside the ticket (sms/). */
  phone?: string | null;
}

export interface IssueResult {
  ticket: TicketRecord;
  /** false when an idempotency key found the ticket a previous try made. */
  created: boolean;
  /** The new ticket's print job, stored in its commit; for a ticket found again, its latest job. */
  print: PrintResult;
}

/** What issuing needs of printing (TicketPrinting). */
export interface IssuePrinting {
  /** Stores the job in the ticket's own write; it starts after the commit. Throws only if it cannot be stored. */
  forNewTicket(tx: Tx, ticket: TicketRecord, device: PrintingDevice): PrintResult;
  /** What became of a ticket's latest print. */
  lastFor(ticket: TicketRecord): PrintResult;
}

const NO_PRINT: PrintResult = { jobId: null, status: 'none', error: null };

const OPEN_STATUSES = ['waiting', 'called', 'serving', 'no_show'] as const;

/**
 * A request sent again with its Idempotency-Key gets the ticket it made; the same key on another request
 * is refused rather than answered with someone else's ticket. A key belongs to the caller that sent it (the
 * kiosk, or the staff user), and to its service and priority. The language may differ: a citizen may switch
 * it on the kiosk before trying again.
 */
function sameRequest(earlier: TicketRecord, req: IssueRequest): TicketRecord {
  const same =
    earlier.deviceId === req.deviceId &&
    earlier.issuedBy === (req.issuedBy ?? null) &&
    earlier.serviceId === req.serviceId &&
    earlier.priority === (req.priority ?? 'none');
  if (!same) throw conflict('idempotency-key-reused', 'This Idempotency-Key was already used for another ticket request: send a new key for a new ticket.');
  return earlier;
}

export class QueueService {
  private notifiers: QueueNotifier[] = [];
  private mirrors: QueueMirror[] = [];
  private readonly journeys: JourneySteps;
  /** The manager's no-show rules (no-show-rules.ts); absent, a no-show is taken at once and keeps its place. */
  noShowRules: NoShowPolicy | null = null;

  constructor(
    private readonly repos: Repositories,
    private readonly writes: WriteQueue,
    private readonly clock: Clock,
    private readonly centre: CentreService,
    /** Absent, issuing never prints (the demo's history, tests of routing). */
    private readonly printing: IssuePrinting | null = null,
  ) {
    this.journeys = new JourneySteps(repos);
  }

  subscribe(notifier: QueueNotifier): void {
    this.notifiers.push(notifier);
  }

  mirror(mirror: QueueMirror): void {
    this.mirrors.push(mirror);
  }

  // ---- issuing ----

  /** Why a kiosk may not issue a ticket for this service now, if it may not. */
  private kioskRefusal(serviceId: string): AppError | null {
    const closed = this.centre.kioskRefusal();
    if (closed) return closed;
    if (this.repos.counters.serves(serviceId)) return null;
    const service = this.repos.services.get(serviceId);
    // An unknown or inactive service gets its own refusal below.
    return service?.active ? serviceNotServed(service.name.en) : null;
  }

  /**
   * A kiosk's ticket and its print job share one commit: neither exists without the other, and the job starts
   * printing only once both are durable.
   */
  issue(req: IssueRequest): Promise<IssueResult> {
    if (req.printOn?.printer && !this.printing) return Promise.reject(new Error('this queue was made without printing: it cannot print a ticket'));
    return this.writes.run((tx): IssueResult => {
      const earlier = req.idempotencyKey ? this.repos.tickets.byIdempotencyKey(req.idempotencyKey) : undefined;
      const journey = req.journeyId && !earlier ? this.journeys.forIssue(req.journeyId) : null;
      if (journey) req = { ...req, serviceId: journey.steps[0]! };
      // Outside opening hours, or for a service no counter is assigned to (nobody could ever call it), a kiosk
      // makes no new ticket; a retry of a tap answered before still gets the ticket this kiosk made. Staff
      // may issue either way: they may be about to assign a counter. Both are read from memory.
      if (req.deviceId !== null) {
        const refusal = this.kioskRefusal(req.serviceId) ?? (journey && this.journeys.kioskRefusal(journey));
        if (refusal && earlier?.deviceId !== req.deviceId) throw refusal;
      }
      if (earlier) return { ticket: req.journeyId ? this.journeys.sameIssue(earlier, req) : sameRequest(earlier, req), created: false, print: this.printing?.lastFor(earlier) ?? NO_PRINT };
      const service = this.repos.services.get(req.serviceId);
      if (!service) throw notFound('service');
      if (!service.active) throw conflict('service-inactive', `${service.name.en} is not taking tickets now.`);
      const now = this.clock.now();
      const centre = this.centre.get();
      const day = this.centre.today();
      // Arrival decides the order of the queue, so it never goes back within a day, even if the clock does
      // (put back by an hour, a later customer would otherwise go ahead of everyone who came before).
      const last = this.repos.tickets.lastIssued();
      const walkInArrival = last?.day === day ? Math.max(now, last.arrivalAt) : now;
      const arrivalAt = req.booked ? req.booked.slotStart : walkInArrival;
      const number = this.repos.tickets.takeNumber(day, service.code);
      const lang = req.lang ?? centre.languages[0] ?? 'en';
      const ticket = this.repos.tickets.create({
        id: newTicketId(arrivalAt),
        day,
        serviceId: service.id,
        number,
        label: ticketLabel(service.code, number),
        priority: req.priority ?? 'none',
        lang,
        source: req.source,
        deviceId: req.deviceId,
        issuedBy: req.issuedBy ?? null,
        issuedAt: now,
        arrivalAt,
        idempotencyKey: req.idempotencyKey,
        feedbackKey: newFeedbackKey(),
        notBefore: req.booked?.notBefore ?? null,
      });
      // The booking is marked checked in by the same commit as its ticket (or the ticket is undone).
      req.booked?.checkIn(ticket);
      if (journey) this.journeys.begin(ticket, journey);
      for (const m of this.mirrors) m.ticketIssued?.(tx, ticket, req);
      // The target in force now: reports judge this ticket's wait by it even after the admin changes it.
      this.record(tx, 'issued', ticket, null, ticket.issuedBy, { priority: ticket.priority, source: ticket.source, slaMinutes: service.slaMinutes }, now);
      const print = req.printOn && this.printing ? this.printing.forNewTicket(tx, ticket, req.printOn) : NO_PRINT;
      return { ticket, created: true, print };
    });
  }

  // ---- counters ----

  openCounter(counterId: string, actor: Actor): Promise<CounterRecord> {
    return this.writes.run((tx) => {
      const user = this.requireStaff(actor);
      const counter = this.requireCounter(counterId);
      if (!counter.active) throw conflict('counter-inactive', `${counter.name} is switched off by the admin.`);
      if (counter.clerkId && counter.clerkId !== user.id) {
        if (!hasRole(actor, 'manager')) {
          throw conflict('counter-taken', `${counter.name} is open for ${counter.clerkName ?? 'another clerk'}.`);
        }
      }
      // A manager opening someone else's counter (back from a pause the clerk forgot) keeps that clerk in
      // place and takes nothing: only a counter that becomes the opener's own must be their only one, as a
      // person sits at one counter, and the screens and figures follow the clerk a counter names.
      const clerkId = counter.clerkId ?? user.id;
      if (clerkId === user.id) {
        const held = this.repos.counters.heldBy(user.id);
        if (held && held.id !== counter.id) {
          throw conflict('clerk-has-counter', `You are signed in at ${held.name}: close it before opening ${counter.name}.`);
        }
      }
      if (counter.status === 'open' && counter.clerkId === clerkId) return counter;
      return this.setCounter(tx, counter, 'open', clerkId, actor);
    });
  }

  /** `reason`: a key of the desk settings' pause reasons, kept in the event for the dashboard and attendance. */
  pauseCounter(counterId: string, actor: Actor, reason?: string): Promise<CounterRecord> {
    return this.writes.run((tx) => {
      const counter = this.requireCounterOf(counterId, actor);
      if (counter.status === 'closed') throw conflict('counter-closed', `${counter.name} is closed: open it first.`);
      if (counter.status === 'paused') return counter;
      return this.setCounter(tx, counter, 'paused', counter.clerkId, actor, reason ? { reason } : undefined);
    });
  }

  closeCounter(counterId: string, actor: Actor): Promise<CounterRecord> {
    return this.writes.run((tx) => this.closeWithin(tx, this.requireCounterOf(counterId, actor), actor));
  }

  /**
   * Closes a counter inside a write already running: the admin switching a counter off or deleting it
   * closes it first, by the same rule as a clerk (never with a customer still at it), with its event and push.
   */
  closeWithin(tx: Tx, counter: CounterRecord, actor: Actor): CounterRecord {
    const current = this.repos.tickets.heldBy(counter.id);
    if (current) {
      throw conflict(
        'counter-busy',
        `${counter.name} still has ${current.label}: complete it, mark it as a no-show or transfer it first.`,
      );
    }
    if (counter.status === 'closed' && !counter.clerkId) return counter;
    return this.setCounter(tx, counter, 'closed', null, actor);
  }

  // ---- calling ----

  /** The next ticket for the counter, or null when nobody waits for its services. */
  callNext(counterId: string, actor: Actor): Promise<TicketRecord | null> {
    return this.writes.run((tx) => {
      const counter = this.requireCallableCounter(counterId, actor);
      const centre = this.centre.get();
      const n = counter.serviceIds.length;
      const bonusMs = centre.preferenceBonusMinutes * 60_000;
      const next = this.repos.tickets.nextFor(
        this.centre.today(),
        counter.serviceIds.map((serviceId, k) => ({ serviceId, bonusMs: (n - 1 - k) * bonusMs })),
        this.centre.headStartMs(),
        this.clock.now(),
      );
      if (!next) return null;
      return this.call(tx, next, counter, actor);
    });
  }

  /** Calls one waiting ticket out of order (an appointment, a mistake to put right). */
  callTicket(counterId: string, ticketId: string, actor: Actor): Promise<TicketRecord> {
    return this.writes.run((tx) => {
      const counter = this.requireCallableCounter(counterId, actor);
      const ticket = this.requireTicket(ticketId);
      if (ticket.status !== 'waiting') throw this.notWaiting(ticket);
      if (ticket.day !== this.centre.today()) throw conflict('ticket-expired', `${ticket.label} was issued on ${ticket.day}.`);
      if (!counter.serviceIds.includes(ticket.serviceId) && !hasRole(actor, 'manager')) {
        throw conflict('not-served-here', `${counter.name} does not serve ${this.serviceName(ticket.serviceId)}: transfer ${ticket.label} or ask a manager.`);
      }
      return this.call(tx, ticket, counter, actor);
    });
  }

  recall(ticketId: string, actor: Actor): Promise<TicketRecord> {
    return this.step(ticketId, actor, ['called'], 'recalled', (t, now) => ({ calledAt: now, callCount: t.callCount + 1 }));
  }

  start(ticketId: string, actor: Actor): Promise<TicketRecord> {
    return this.step(ticketId, actor, ['called'], 'started', (_t, now) => ({ status: 'serving', servingAt: now }));
  }

  /** On a journey with steps left, the ticket goes on by itself to the next step's line (journey-steps.ts). */
  complete(ticketId: string, actor: Actor): Promise<TicketRecord> {
    return this.step(ticketId, actor, ['serving'], 'completed', (_t, now) => ({ status: 'done', doneAt: now }), (tx, t, now) => {
      const next = this.journeys.nextAfterCompleting(t);
      return next === null ? null : this.toJourneyStep(tx, t, next, actor, now, true, null);
    });
  }

  /** Sends a called or served ticket to another step of its journey (skip ahead, or back), keeping its place. */
  sendToJourneyStep(ticketId: string, step: number, note: string | undefined, actor: Actor): Promise<TicketRecord> {
    return this.step(ticketId, actor, ['called', 'serving'], 'stepped', () => ({}), (tx, t, now) =>
      this.toJourneyStep(tx, t, this.journeys.requireOtherStep(t, step), actor, now, false, note ?? null),
    );
  }

  /** Ends a called or served ticket's journey here, before its last step: the visit is done. */
  endJourney(ticketId: string, note: string, actor: Actor): Promise<TicketRecord> {
    return this.step(ticketId, actor, ['called', 'serving'], 'completed', (_t, now) => ({ status: 'done', doneAt: now }), (tx, t, now) => {
      this.journeys.requireOnJourney(t);
      return this.apply(tx, t, [t.status], 'completed', { status: 'done', doneAt: now }, actor, { note, journeyEnded: true }, now);
    });
  }

  noShow(ticketId: string, actor: Actor): Promise<TicketRecord> {
    return this.step(ticketId, actor, ['called'], 'no_show', (t, now) => {
      this.noShowRules?.check(t, now);
      return { status: 'no_show', doneAt: now };
    });
  }

  /** Back to waiting: a no-show who turned up (placed by the no-show rules), or a call put back (its place). */
  requeue(ticketId: string, actor: Actor): Promise<TicketRecord> {
    return this.step(ticketId, actor, ['no_show', 'called'], 'requeued', (t, now) => ({
      ...this.noShowRules?.returnTo(t),
      status: 'waiting',
      counterId: null,
      clerkId: null,
      doneAt: null,
      // Back in the line from now: the counter shows the wait from here, not from the ticket time.
      queuedAt: now,
      lineCalledAt: null,
    }));
  }

  cancel(ticketId: string, actor: Actor): Promise<TicketRecord> {
    return this.step(ticketId, actor, ['waiting', 'called', 'no_show'], 'cancelled', (_t, now) => ({
      status: 'cancelled',
      doneAt: now,
    }));
  }

  /** Sends the customer to another service; they keep their arrival time, so their place. */
  transfer(ticketId: string, serviceId: string, note: string | undefined, actor: Actor): Promise<TicketRecord> {
    return this.writes.run((tx) => {
      const ticket = this.requireTicket(ticketId);
      this.requireMayAct(ticket, actor);
      // The front desk also moves a waiting ticket (a citizen who chose the wrong service).
      if (ticket.status !== 'serving' && ticket.status !== 'called' && !(ticket.status === 'waiting' && actor.kind === 'user' && actor.atDesk)) {
        throw conflict('wrong-state', `${ticket.label} is ${ticket.status.replace('_', '-')}: only a called or served ticket can be transferred.`);
      }
      const target = this.repos.services.get(serviceId);
      if (!target) throw notFound('service');
      if (!target.active) throw conflict('service-inactive', `${target.name.en} is not taking tickets now.`);
      if (target.id === ticket.serviceId) throw badRequest('same-service', `${ticket.label} is already in ${target.name.en}.`);
      const now = this.stampFor(ticket);
      const journey = [...ticket.journey, { serviceId: ticket.serviceId, at: new Date(now).toISOString(), counterId: ticket.counterId, note: note ?? null }];
      return this.apply(tx, ticket, [ticket.status], 'transferred', {
        status: 'waiting',
        serviceId: target.id,
        counterId: null,
        clerkId: null,
        calledAt: null,
        servingAt: null,
        journey,
        queuedAt: now,
        lineCalledAt: null,
      }, actor, { to: target.id, note: note ?? null }, now);
    });
  }

  /**
   * Closes the days gone by: expires every ticket still open from an earlier day, and closes counters left
   * open or paused since then (they would count as serving in today's wait estimates and keep the next
   * clerk out). Runs at start-up and each minute.
   */
  closeDay(): Promise<number> {
    return this.writes.run((tx) => {
      const today = this.centre.today();
      const stale = this.repos.tickets.openBefore(today);
      for (const t of stale) this.apply(tx, t, OPEN_STATUSES, 'expired', { status: 'expired' }, SYSTEM, null, this.stampFor(t));
      for (const counter of this.repos.counters.list()) {
        if (counter.status === 'closed' || this.repos.tickets.heldBy(counter.id)) continue;
        const since = this.repos.events.lastCounterDay(counter.id);
        if (since !== undefined && since < today) this.setCounter(tx, counter, 'closed', null, SYSTEM);
      }
      return stale.length;
    });
  }

  /** A deactivated clerk's counter is closed (unless a customer is still at it: a manager sees to that). */
  releaseClerk(userId: string): Promise<void> {
    return this.writes.run((tx) => {
      const counter = this.repos.counters.heldBy(userId);
      if (counter && !this.repos.tickets.heldBy(counter.id)) this.setCounter(tx, counter, 'closed', null, SYSTEM);
    });
  }

  // ---- internals ----

  /**
   * The time to record a step of this ticket at: now, but never before the ticket's own last step. A clock
   * put back must not make a wait or a service time negative.
   */
  private stampFor(t: TicketRecord): number {
    return Math.max(this.clock.now(), t.issuedAt, t.calledAt ?? 0, t.servingAt ?? 0, t.doneAt ?? 0);
  }

  private call(tx: Tx, ticket: TicketRecord, counter: CounterRecord, actor: Actor): TicketRecord {
    const now = this.stampFor(ticket);
    return this.apply(
      tx,
      ticket,
      ['waiting'],
      'called',
      {
        status: 'called',
        counterId: counter.id,
        clerkId: counter.clerkId ?? actorUserId(actor),
        calledAt: now,
        firstCalledAt: ticket.firstCalledAt ?? now,
        // The first call since it joined this line (joining clears it); a recall leaves it.
        lineCalledAt: ticket.lineCalledAt ?? now,
        callCount: ticket.callCount + 1,
      },
      actor,
      null,
      now,
    );
  }

  private step(
    ticketId: string,
    actor: Actor,
    from: readonly TicketStatus[],
    change: TicketChangeKind,
    patch: (t: TicketRecord, now: number) => TicketPatch,
    /** Takes the step instead when it answers a ticket (a journey's next step). */
    instead?: (tx: Tx, t: TicketRecord, now: number) => TicketRecord | null,
  ): Promise<TicketRecord> {
    return this.writes.run((tx) => {
      const ticket = this.requireTicket(ticketId);
      this.requireMayAct(ticket, actor);
      if (!from.includes(ticket.status)) {
        throw conflict('wrong-state', `${ticket.label} is ${describeStatus(ticket)}; ${change.replace('_', '-')} needs it to be ${from.map((s) => s.replace('_', '-')).join(' or ')}.`);
      }
      const now = this.stampFor(ticket);
      return instead?.(tx, ticket, now) ?? this.apply(tx, ticket, from, change, patch(ticket, now), actor, null, now);
    });
  }

  /**
   * Puts a journey ticket in the line of step `index` of its journey, with its arrival (so its place) kept:
   * like a transfer, but by the journey's steps, in the write of the step's completion.
   */
  private toJourneyStep(tx: Tx, ticket: TicketRecord, index: number, actor: Actor, now: number, completed: boolean, note: string | null): TicketRecord {
    const { serviceId, data } = this.journeys.enter(ticket, index, now, completed, note);
    const journey = [...ticket.journey, { serviceId: ticket.serviceId, at: new Date(now).toISOString(), counterId: ticket.counterId, note }];
    return this.apply(tx, ticket, [ticket.status], 'stepped', {
      status: 'waiting',
      serviceId,
      counterId: null,
      clerkId: null,
      calledAt: null,
      servingAt: null,
      journey,
      queuedAt: now,
      lineCalledAt: null,
    }, actor, data, now);
  }

  private apply(
    tx: Tx,
    ticket: TicketRecord,
    from: readonly TicketStatus[],
    change: TicketChangeKind,
    patch: TicketPatch,
    actor: Actor,
    data: Record<string, unknown> | null,
    at: number,
  ): TicketRecord {
    if (!this.repos.tickets.update(ticket.rowid, from, patch)) {
      // Only reachable if another writer moved the ticket between our read and our write.
      throw conflict('ticket-moved', `${ticket.label} changed meanwhile; look again.`);
    }
    const after = this.repos.tickets.byRowid(ticket.rowid)!;
    this.journeys.written(after, change, at, data);
    this.record(tx, change, after, { serviceId: ticket.serviceId, status: ticket.status }, actorUserId(actor), data, at, ticket.counterId);
    return after;
  }

  private record(
    tx: Tx,
    change: TicketChangeKind,
    ticket: TicketRecord,
    before: TicketChangeNotice['before'],
    userId: string | null,
    data: Record<string, unknown> | null,
    at: number,
    counterBefore: string | null = null,
  ): void {
    for (const m of this.mirrors) m.ticketWritten(tx, change, ticket, before);
    const seq = this.repos.events.append({
      at,
      day: ticket.day,
      type: `ticket.${change}`,
      ticketRowid: ticket.rowid,
      serviceId: ticket.serviceId,
      counterId: ticket.counterId ?? counterBefore,
      userId,
      data: { status: ticket.status, ...(before && before.serviceId !== ticket.serviceId ? { from: before.serviceId } : {}), ...data, ...this.journeys.eventFields(ticket.rowid) },
    });
    tx.afterCommit(() => {
      for (const n of this.notifiers) n.ticketChanged({ seq, at, change, ticket, before });
    });
  }

  private setCounter(tx: Tx, counter: CounterRecord, status: CounterStatus, clerkId: string | null, actor: Actor, extra?: Record<string, unknown>): CounterRecord {
    this.repos.counters.setStatus(counter.id, status, clerkId);
    const after = this.repos.counters.get(counter.id)!;
    const at = this.clock.now();
    const seq = this.repos.events.append({
      at,
      day: dayOf(at, this.centre.get().timezone),
      type: `counter.${status}`,
      counterId: counter.id,
      userId: actorUserId(actor),
      data: { clerkId, from: counter.status, ...extra },
    });
    tx.afterCommit(() => {
      for (const n of this.notifiers) n.counterChanged({ seq, at, counter: after });
    });
    return after;
  }

  private requireStaff(actor: Actor): StaffActor {
    if (actor.kind !== 'user') throw forbidden('Only staff can do this.');
    return actor;
  }

  private requireCounter(id: string): CounterRecord {
    const counter = this.repos.counters.get(id);
    if (!counter) throw notFound('counter');
    return counter;
  }

  /** A clerk acts only at the counter they hold; managers at any. */
  private requireCounterOf(id: string, actor: Actor): CounterRecord {
    const user = this.requireStaff(actor);
    const counter = this.requireCounter(id);
    if (!hasRole(user, 'manager') && counter.clerkId !== user.id) {
      throw forbidden(`You are not signed in at ${counter.name}.`);
    }
    return counter;
  }

  private requireCallableCounter(id: string, actor: Actor): CounterRecord {
    const counter = this.requireCounterOf(id, actor);
    if (!counter.active) throw conflict('counter-inactive', `${counter.name} is switched off by the admin.`);
    if (counter.status === 'closed') throw conflict('counter-closed', `${counter.name} is closed: open it first.`);
    if (counter.status === 'paused') throw conflict('counter-paused', `${counter.name} is paused: resume it to call.`);
    const current = this.repos.tickets.heldBy(counter.id);
    if (current) {
      throw conflict(
        'counter-busy',
        `${counter.name} is still with ${current.label}: complete it, mark it as a no-show or transfer it first.`,
      );
    }
    return counter;
  }

  private requireTicket(id: string): TicketRecord {
    const ticket = this.repos.tickets.byId(id);
    if (!ticket) throw notFound('ticket');
    return ticket;
  }

  /**
   * A ticket a counter holds (called or serving) is that counter's clerk's to act on; any clerk may act on
   * one nobody holds (cancel a waiting ticket, reactivate a no-show). Managers may act on every ticket.
   */
  private requireMayAct(ticket: TicketRecord, actor: Actor): void {
    const user = this.requireStaff(actor);
    if (hasRole(user, 'manager')) return;
    const mine = this.repos.counters.heldBy(user.id);
    if (ticket.status !== 'called' && ticket.status !== 'serving') {
      if (mine?.serviceIds.includes(ticket.serviceId) || user.atDesk) return;
      throw new AppError(403, 'not-your-service', `${ticket.label} is for ${this.serviceName(ticket.serviceId)}, which your counter does not serve.`);
    }
    if (!ticket.counterId || mine?.id !== ticket.counterId) {
      const holder = ticket.counterId ? this.repos.counters.get(ticket.counterId) : undefined;
      throw new AppError(
        403,
        'not-your-ticket',
        holder ? `${holder.name} has ${ticket.label}, not your counter.` : `${ticket.label} is not at your counter.`,
        holderDetails(holder),
      );
    }
  }

  private serviceName(id: string): string {
    return this.repos.services.getAny(id)?.name.en ?? 'another service';
  }

  private notWaiting(ticket: TicketRecord): AppError {
    if (ticket.status === 'called' || ticket.status === 'serving') {
      const holder = ticket.counterId ? this.repos.counters.get(ticket.counterId) : undefined;
      return new AppError(409, 'already-called', `${holder?.name ?? 'Another counter'} has already called ${ticket.label}.`, holderDetails(holder));
    }
    return conflict('wrong-state', `${ticket.label} is ${describeStatus(ticket)}, not waiting.`);
  }
}

/**
 * The counter that holds a ticket, for a refusal's `details`: the clerk's screen names it in the clerk's
 * language ("Counter 2 has already called B007") without asking again, as the server's message is English.
 */
function holderDetails(holder: CounterRecord | undefined): { counter: { id: string; name: string } } | undefined {
  return holder ? { counter: { id: holder.id, name: holder.name } } : undefined;
}

function describeStatus(t: TicketRecord): string {
  switch (t.status) {
    case 'no_show':
      return 'marked as a no-show';
    case 'serving':
      return 'being served';
    default:
      return t.status;
  }
}
