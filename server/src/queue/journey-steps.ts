// Journeys in the queue engine (docs/decisions/0022-journeys.md): a ticket issued for a journey starts in
// the line of its first step; completing a step puts it, in the same write, in the next step's line with
// its original arrival, so it keeps its place; a clerk may send it to another of its steps or end the
// journey early. QueueService calls in here at a few points; the rules of the journey live here.
//
// The ticket's steps are its own copy (ticket_journeys), taken at issue: an admin editing the journey
// mid-day leaves the tickets already on it on their old steps. A no-show and its reactivation keep the
// journey; a transfer to another service, a cancellation or the day's close end it.
import type { Journey, JourneyPosition } from '@foleni/shared';
import { AppError, conflict, notFound, serviceNotServed } from '../errors.js';
import type { JourneyEnd, TicketJourneyRecord } from '../repositories/journey.repository.js';
import type { Repositories } from '../repositories/index.js';
import type { TicketRecord } from '../repositories/ticket.repository.js';
import type { TicketChangeKind } from './queue.service.js';

/** What the event log's entries of a journey ticket carry (added to their data, never renaming a field). */
export interface JourneyEventFields {
  journey: { id: string; step: number; of: number };
}

export class JourneySteps {
  constructor(private readonly repos: Repositories) {}

  /** The journey a new ticket is issued for: it must take tickets, and so must each of its steps. */
  forIssue(journeyId: string): Journey {
    const journey = this.repos.journeys.get(journeyId);
    if (!journey) throw notFound('journey');
    if (!journey.active) throw conflict('journey-inactive', `${journey.name.en} is not taking tickets now.`);
    for (const serviceId of journey.steps) {
      const service = this.repos.services.get(serviceId);
      if (!service?.active) throw conflict('service-inactive', `${service?.name.en ?? 'A step of this journey'} is not taking tickets now, so ${journey.name.en} is not either.`);
    }
    return journey;
  }

  /** A kiosk gives a journey only if a counter serves every step: a ticket must never be stranded halfway. */
  kioskRefusal(journey: Journey): AppError | null {
    for (const serviceId of journey.steps) {
      if (!this.repos.counters.serves(serviceId)) return serviceNotServed(this.repos.services.get(serviceId)?.name.en ?? serviceId);
    }
    return null;
  }

  /** A retried request with the same Idempotency-Key gets its ticket only if it asked for the same journey. */
  sameIssue(earlier: TicketRecord, req: { journeyId?: string | null; deviceId: string | null; issuedBy?: string | null; priority?: string }): TicketRecord {
    const same =
      this.repos.journeys.ofTicket(earlier.rowid)?.journeyId === req.journeyId &&
      earlier.deviceId === req.deviceId &&
      earlier.issuedBy === (req.issuedBy ?? null) &&
      earlier.priority === (req.priority ?? 'none');
    if (!same) throw conflict('idempotency-key-reused', 'This Idempotency-Key was already used for another ticket request: send a new key for a new ticket.');
    return earlier;
  }

  /** A new ticket on a journey: its own copy of the steps, at the first. Before its `issued` event is logged. */
  begin(ticket: TicketRecord, journey: Journey): void {
    this.repos.journeys.startTicket({
      ticketRowid: ticket.rowid,
      journeyId: journey.id,
      day: ticket.day,
      steps: [...journey.steps],
      step: 0,
      legs: [{ step: 0, serviceId: ticket.serviceId, queuedAt: ticket.queuedAt ?? ticket.issuedAt, calledAt: null, doneAt: null }],
      ended: null,
      endedAt: null,
      note: null,
    });
  }

  /** The ticket's journey while it is still on it. */
  private current(ticket: Pick<TicketRecord, 'rowid'>): TicketJourneyRecord | undefined {
    const tj = this.repos.journeys.ofTicket(ticket.rowid);
    return tj && tj.ended === null ? tj : undefined;
  }

  /** Completing this ticket's service: the index of the step it goes to next, or null when it is done. */
  nextAfterCompleting(ticket: TicketRecord): number | null {
    const tj = this.current(ticket);
    return tj && tj.step + 1 < tj.steps.length ? tj.step + 1 : null;
  }

  /**
   * The clerk sends the ticket to step `step` (from 1) of its journey: skip ahead, or back. Answers the
   * index to move to; refuses a ticket on no journey, a step it does not have, or the step it is at.
   */
  requireOtherStep(ticket: TicketRecord, step: number): number {
    const tj = this.current(ticket);
    if (!tj) throw conflict('not-on-journey', `${ticket.label} is not on a journey: transfer it instead.`);
    if (step > tj.steps.length) throw conflict('no-such-step', `${ticket.label}'s journey has ${tj.steps.length} steps.`);
    if (step - 1 === tj.step) throw conflict('same-step', `${ticket.label} is already at step ${step}.`);
    return step - 1;
  }

  requireOnJourney(ticket: TicketRecord): void {
    if (!this.current(ticket)) throw conflict('not-on-journey', `${ticket.label} is not on a journey.`);
  }

  /**
   * Moves the ticket's journey to step `index`, before the ticket row joins that step's line (so the
   * `stepped` event carries the new step). Answers the service of that step and the event's extra data.
   */
  enter(ticket: TicketRecord, index: number, at: number, completed: boolean, note: string | null): { serviceId: string; data: Record<string, unknown> } {
    const tj = this.current(ticket)!;
    const leg = tj.legs.at(-1);
    if (leg && completed) leg.doneAt = at;
    const serviceId = tj.steps[index]!;
    const fromStep = tj.step + 1;
    tj.step = index;
    tj.legs.push({ step: index, serviceId, queuedAt: at, calledAt: null, doneAt: null });
    this.repos.journeys.updateTicket(tj);
    // The step's service time: the ticket row forgets it when it joins the next line (clerks' figures read it here).
    const serviceMs = completed && ticket.servingAt !== null ? at - ticket.servingAt : null;
    return { serviceId, data: { to: serviceId, fromStep, completed, note, serviceMs } };
  }

  /**
   * Every other change of a ticket, inside its write, before its event is logged: the current line's call
   * and the journey's end (the last step completed, ended early at a counter, transferred out, cancelled,
   * expired). A no-show and its reactivation change nothing: the journey waits for the citizen.
   */
  written(after: TicketRecord, change: TicketChangeKind, at: number, data: Record<string, unknown> | null): void {
    if (change === 'stepped' || change === 'issued') return;
    const tj = this.current(after);
    if (!tj) return;
    const leg = tj.legs.at(-1);
    let end: JourneyEnd | null = null;
    if (change === 'called' && leg) leg.calledAt ??= at;
    else if (change === 'completed') {
      if (leg) leg.doneAt = at;
      end = tj.step === tj.steps.length - 1 ? 'completed' : 'ended';
    } else if (change === 'transferred') end = 'left';
    else if (change === 'cancelled') end = 'cancelled';
    else if (change === 'expired') end = 'expired';
    else return;
    if (end) {
      tj.ended = end;
      tj.endedAt = at;
      const note = data?.note;
      tj.note = typeof note === 'string' ? note : null;
    }
    this.repos.journeys.updateTicket(tj);
  }

  /** What the event of a journey ticket carries; null for a ticket of one service. */
  eventFields(rowid: number): JourneyEventFields | null {
    const tj = this.repos.journeys.ofTicket(rowid);
    return tj ? { journey: { id: tj.journeyId, step: tj.step + 1, of: tj.steps.length } } : null;
  }
}

/** A ticket's journey as the screens show it, from its own copy of the steps. */
export function journeyPosition(tj: TicketJourneyRecord, repos: Repositories): JourneyPosition {
  const journey = repos.journeys.get(tj.journeyId);
  return {
    id: tj.journeyId,
    step: tj.step + 1,
    of: tj.steps.length,
    name: journey?.name ?? { en: tj.journeyId, sw: tj.journeyId },
    steps: tj.steps.map((serviceId) => ({ serviceId, name: repos.services.getAny(serviceId)?.name ?? { en: serviceId, sw: serviceId } })),
    ended: tj.ended,
  };
}
