// How a tracker keeps its place in line between snapshots. Its own ticket's events carry the ticket in full
// (`tracked`), place included; of the other tickets it hears only `queue:moved`: one left or joined its
// line, at a place. One leaving from a place before ours moves us up; one joining at or before ours (a
// priority arrival, a transfer in, a requeue) moves us back. `queue:pace` says how many counters serve the
// line now: with none, nobody can call us and the wait is unknown (null), not a number. Pure, so it can be
// tested alone.
import type { PublicTicket, QueueMoved, QueuePace, TicketEvent } from '@foleni/shared';

export interface TrackerModel {
  ticket: PublicTicket;
  /** How many wait for the ticket's service in all. */
  waiting: number;
}

export interface TrackerChange {
  model: TrackerModel;
  /** Our own ticket was called or recalled: show the full-screen call, ring and vibrate. */
  alert: boolean;
}

export function modelFrom(ticket: PublicTicket, waiting: number): TrackerModel {
  return { ticket, waiting };
}

/** An event about our own ticket: the server's view of it replaces ours. */
export function applyOwn(m: TrackerModel, e: TicketEvent): TrackerChange {
  const t = e.tracked;
  if (!t || t.id !== m.ticket.id) return { model: m, alert: false };
  return {
    model: { ticket: t, waiting: e.waiting[t.serviceId] ?? m.waiting },
    alert: e.change === 'called' || e.change === 'recalled',
  };
}

/** Someone else left or joined our line. */
export function applyMove(m: TrackerModel, e: QueueMoved): TrackerModel {
  const mine = m.ticket;
  if (e.serviceId !== mine.serviceId) return m;
  if (mine.status !== 'waiting' || mine.position === null) return { ...m, waiting: e.waiting };
  let ahead = mine.position - 1;
  if (e.change === 'left' && e.place < ahead) ahead--;
  else if (e.change === 'joined' && e.place <= ahead) ahead++;
  // A waiting ticket without an estimate has no open counter: people moving do not change that.
  const unknown = mine.estimatedWaitMinutes === null;
  return {
    waiting: e.waiting,
    ticket: { ...mine, position: ahead + 1, estimatedWaitMinutes: unknown ? null : Math.round(ahead * e.minutesEach) },
  };
}

/** The counters serving our line changed: a wait once one is open, none (unknown) while none is. */
export function applyPace(m: TrackerModel, e: QueuePace): TrackerModel {
  const mine = m.ticket;
  if (e.serviceId !== mine.serviceId || mine.status !== 'waiting' || mine.position === null) return m;
  const estimatedWaitMinutes = e.openCounters > 0 ? Math.round((mine.position - 1) * e.minutesEach) : null;
  return { ...m, ticket: { ...mine, estimatedWaitMinutes } };
}
