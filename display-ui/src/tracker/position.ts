// How a tracker keeps its place in line from its service's public events, without asking the server:
// a ticket leaving the queue ahead of ours moves us up, one joining ahead of ours (a transfer in, a requeue,
// a priority arrival) moves us back. Routing keys (`rank`) say who is ahead. Pure, so it can be tested alone.
import { rankBefore } from '@foleni/shared';
import type { PublicTicket, TicketEvent } from '@foleni/shared';

export interface TrackerModel {
  ticket: PublicTicket;
  /** The centre's calendar day (YYYY-MM-DD) the ticket was issued on: labels restart each day. */
  day: string;
  /** How many wait for the ticket's service in all. */
  waiting: number;
  /** Minutes of wait per person ahead, from the server's last estimate; null when it cannot be told. */
  minutesEach: number | null;
}

export interface TrackerChange {
  model: TrackerModel;
  /** Our own ticket was called or recalled: show the full-screen call, ring and vibrate. */
  alert: boolean;
  /** Our place can no longer be worked out from events (we were requeued or transferred): ask the server. */
  refresh: boolean;
}

export function modelFrom(ticket: PublicTicket, waiting: number): TrackerModel {
  const ahead = ticket.position === null ? 0 : ticket.position - 1;
  const minutesEach = ahead > 0 && ticket.estimatedWaitMinutes !== null ? ticket.estimatedWaitMinutes / ahead : null;
  return { ticket, day: ticket.day, waiting, minutesEach };
}

export function applyEvent(m: TrackerModel, e: TicketEvent): TrackerChange {
  const mine = m.ticket;
  const other = e.ticket;
  // Another day's ticket is never ours, even with our label, and never stands in our day's queue.
  if (other.day !== m.day) return { model: m, alert: false, refresh: false };
  if (other.label === mine.label) return applyOwn(m, e);

  const waiting = e.waiting[mine.serviceId] ?? m.waiting;
  if (mine.status !== 'waiting' || mine.position === null) return { model: { ...m, waiting }, alert: false, refresh: false };
  const wasAhead = e.before?.serviceId === mine.serviceId && e.before.status === 'waiting';
  const isAhead = other.serviceId === mine.serviceId && other.status === 'waiting';
  let ahead = mine.position - 1;
  if (wasAhead !== isAhead && rankBefore(other.rank, mine.rank)) ahead = Math.max(0, ahead + (isAhead ? 1 : -1));
  if (ahead === mine.position - 1) return { model: { ...m, waiting }, alert: false, refresh: false };
  const estimatedWaitMinutes = m.minutesEach === null ? mine.estimatedWaitMinutes : Math.round(m.minutesEach * ahead);
  return {
    model: { ...m, waiting, ticket: { ...mine, position: ahead + 1, estimatedWaitMinutes } },
    alert: false,
    // Someone came in ahead of the next in line: we cannot scale a wait from zero people.
    refresh: m.minutesEach === null && ahead > 0,
  };
}

function applyOwn(m: TrackerModel, e: TicketEvent): TrackerChange {
  const mine = m.ticket;
  const t = e.ticket;
  const movedService = t.serviceId !== mine.serviceId;
  const atCounter = t.status === 'called' || t.status === 'serving';
  const ticket: PublicTicket = {
    // Keeps our priority reason: events say only whether a ticket has priority, never why.
    ...mine,
    serviceId: t.serviceId,
    status: t.status,
    rank: t.rank,
    counter: atCounter ? t.counter : null,
    calledAt: e.change === 'called' || e.change === 'recalled' ? e.at : mine.calledAt,
    // Back in a queue (requeued after a miss, or transferred): the new place comes from the server.
    position: t.status === 'waiting' ? mine.position : null,
    estimatedWaitMinutes: t.status === 'waiting' ? mine.estimatedWaitMinutes : null,
  };
  return {
    model: { ...m, ticket, waiting: e.waiting[t.serviceId] ?? m.waiting },
    alert: e.change === 'called' || e.change === 'recalled',
    refresh: t.status === 'waiting' || movedService,
  };
}
