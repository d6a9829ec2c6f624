// The counter's view of the queue, computed the way the server routes (queue.service.ts): waiting tickets
// of the counter's services by effective arrival, where a ticket's rank already holds the priority head
// start and the counter adds a preference bonus for the services it lists first.
import type { Counter, Ticket } from '@foleni/shared';

const MINUTE = 60_000;

/** The effective-arrival key Call next sorts by at this counter. */
export function counterRank(t: Ticket, counter: Counter, bonusMinutes: number): [number, number] {
  const n = counter.serviceIds.length;
  const k = counter.serviceIds.indexOf(t.serviceId);
  const bonus = k < 0 ? 0 : (n - 1 - k) * bonusMinutes * MINUTE;
  return [t.rank[0] - bonus, t.rank[1]];
}

function byKey(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** Waiting tickets for the counter's services, first to be called first. */
export function callOrder(tickets: Iterable<Ticket>, counter: Counter, bonusMinutes: number): Ticket[] {
  const mine = new Set(counter.serviceIds);
  const keyed: { t: Ticket; key: [number, number] }[] = [];
  for (const t of tickets) {
    if (t.status === 'waiting' && mine.has(t.serviceId)) keyed.push({ t, key: counterRank(t, counter, bonusMinutes) });
  }
  return keyed.sort((a, b) => byKey(a.key, b.key)).map((x) => x.t);
}

/** A waiting ticket's place (1 = next) in its own service's line, as the citizen's tracker counts it. */
export function placeInService(tickets: Iterable<Ticket>, ticket: Ticket): number {
  let place = 1;
  for (const t of tickets) {
    if (t.id !== ticket.id && t.status === 'waiting' && t.serviceId === ticket.serviceId && byKey(t.rank, ticket.rank) < 0) place++;
  }
  return place;
}

/** Today's no-shows for the counter's services, most recent first: the ones likely to come back. */
export function noShowsFor(tickets: Iterable<Ticket>, counter: Counter): Ticket[] {
  const mine = new Set(counter.serviceIds);
  const out: Ticket[] = [];
  for (const t of tickets) if (t.status === 'no_show' && mine.has(t.serviceId)) out.push(t);
  return out.sort((a, b) => Date.parse(b.doneAt ?? b.issuedAt) - Date.parse(a.doneAt ?? a.issuedAt));
}

/** Whether a ticket is still worth keeping in the staff view (the snapshot holds exactly these). */
export function isOpen(t: Ticket): boolean {
  return t.status === 'waiting' || t.status === 'called' || t.status === 'serving' || t.status === 'no_show';
}
