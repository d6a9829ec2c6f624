// Folds a centre's events into the state of each ticket that day summaries are made from, as the centre's
// own tickets table holds it: the service it was issued for, its status, first call, serving start, end.
import type { HqEvent } from '@foleni/shared';

export interface TicketState {
  ticketId: string;
  day: string;
  /** The service it was issued for (its code when the centre sent one): a transfer does not move it. */
  service: string;
  status: string;
  issuedAt: number | null;
  firstCalledAt: number | null;
  calledAt: number | null;
  servingAt: number | null;
  doneAt: number | null;
  slaMinutes: number | null;
  rating: number | null;
}

const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The centre's day of an event: the one it says, else the UTC day of its time. */
export const eventDay = (e: HqEvent): string => e.day ?? new Date(e.at).toISOString().slice(0, 10);

export const serviceOf = (e: HqEvent): string => e.serviceCode ?? e.serviceId ?? '';

/**
 * Applies one event to its ticket (made on its first event). Events of other kinds, and kinds not known
 * here, leave tickets alone; a rating (`data.rating`, 1–5) on any ticket event is its feedback.
 */
export function applyEvent(tickets: Map<string, TicketState>, e: HqEvent): TicketState | null {
  if (!e.ticketId) return null;
  const at = Date.parse(e.at);
  const data = record(e.data);
  let t = tickets.get(e.ticketId);
  if (!t) {
    t = {
      ticketId: e.ticketId,
      day: eventDay(e),
      service: serviceOf(e),
      status: 'waiting',
      issuedAt: null,
      firstCalledAt: null,
      calledAt: null,
      servingAt: null,
      doneAt: null,
      slaMinutes: null,
      rating: null,
    };
    tickets.set(e.ticketId, t);
  }
  if (typeof data.status === 'string') t.status = data.status;
  const rating = num(data.rating);
  if (rating !== null && rating >= 1 && rating <= 5) t.rating = rating;
  switch (e.type) {
    case 'ticket.issued':
      t.issuedAt = at;
      t.day = eventDay(e);
      t.service = serviceOf(e);
      t.slaMinutes = num(data.slaMinutes);
      break;
    case 'ticket.called':
    case 'ticket.recalled':
      t.firstCalledAt ??= at;
      t.calledAt = at;
      break;
    case 'ticket.started':
      t.servingAt = at;
      break;
    case 'ticket.completed':
    case 'ticket.no_show':
      t.doneAt = at;
      break;
    case 'ticket.requeued':
      t.doneAt = null;
      t.calledAt = null;
      t.servingAt = null;
      break;
    case 'ticket.transferred':
      t.calledAt = null;
      t.servingAt = null;
      break;
  }
  return t;
}

/** Why an event cannot be stored (a time or day that is no date), or null. */
export function eventProblem(e: HqEvent): string | null {
  if (Number.isNaN(Date.parse(e.at))) return `seq ${e.seq}: at (${e.at}) is not a time`;
  const day = eventDay(e);
  const t = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== day) return `seq ${e.seq}: day (${day}) is not a date`;
  return null;
}
