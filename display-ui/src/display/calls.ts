// What the display shows, as pure functions of the snapshot and the events that follow it: the calls of
// this display's zone (newest first) and the waiting count per service. Kept free of Svelte so it can be
// unit-tested and reasoned about on its own.
import type { CallEntry, DisplaySnapshot, PublicCounter, ServiceWithQueue, TicketEvent, TicketStatus } from '@foleni/shared';

export const SHOWN_CALLS = 6;

/** A ticket stays on the board while it is called, being served or done, as in the server's recent calls. */
const ON_BOARD: readonly TicketStatus[] = ['called', 'serving', 'done'];

export const callKey = (c: Pick<CallEntry, 'label' | 'at'>): string => `${c.label}@${c.at}`;

/** A closed counter calls nobody: its calls leave the board (nobody is there to go to). */
export function zoneCalls(snapshot: Pick<DisplaySnapshot, 'recentCalls' | 'zone' | 'counters'>): CallEntry[] {
  const closed = new Set(snapshot.counters.filter((c) => c.status === 'closed').map((c) => c.id));
  return snapshot.recentCalls.filter((c) => c.counter.zone === snapshot.zone && !closed.has(c.counter.id)).slice(0, SHOWN_CALLS);
}

/** The calls on the board once a counter changed: a closed one's leave it. */
export function afterCounterChange(calls: readonly CallEntry[], counter: Pick<PublicCounter, 'id' | 'status'>): CallEntry[] {
  return counter.status === 'closed' ? calls.filter((c) => c.counter.id !== counter.id) : [...calls];
}

export interface CallsChange {
  calls: CallEntry[];
  /** The call to flash and announce, when the event is a call or recall in this zone. */
  announce: CallEntry | null;
}

export function applyTicketEvent(calls: readonly CallEntry[], e: TicketEvent, zone: string): CallsChange {
  const { ticket } = e;
  const others = calls.filter((c) => c.label !== ticket.label);
  if ((e.change === 'called' || e.change === 'recalled') && ticket.counter) {
    if (ticket.counter.zone !== zone) return { calls: others, announce: null };
    const entry: CallEntry = {
      label: ticket.label,
      serviceId: ticket.serviceId,
      counter: ticket.counter,
      at: e.at,
      lang: ticket.lang,
      // A first call at a new line (after a transfer, or back from a no-show) is no recall, whatever the count.
      recall: e.change === 'recalled',
    };
    return { calls: [entry, ...others].slice(0, SHOWN_CALLS), announce: entry };
  }
  // Missed, put back in a queue, transferred or cancelled: the call no longer stands.
  if (!standsOnBoard(ticket.status)) return { calls: others.length === calls.length ? [...calls] : others, announce: null };
  return { calls: [...calls], announce: null };
}

/** Whether a ticket in this state still stands on the board (called, at the counter, or served). */
export const standsOnBoard = (status: TicketStatus): boolean => ON_BOARD.includes(status);

/**
 * The call for the big panel: the one on stage (being announced, or announced last), as it was announced.
 * With none on stage (a fresh start, another zone, or the call on stage no longer stands), the newest call
 * that is not waiting its turn. So a queued call never shows before it is announced, a withdrawn one never
 * shows, and a burst shows one call after another.
 */
export function nowShowing(calls: readonly CallEntry[], onStage: CallEntry | null, waiting: readonly string[]): CallEntry | null {
  return onStage ?? calls.find((c) => !waiting.includes(c.label)) ?? null;
}

/** The small list: the calls on the board but the one on the big panel, newest first, as many as fit. */
export function recentCalls(calls: readonly CallEntry[], shown: CallEntry | null): CallEntry[] {
  return calls.filter((c) => c.label !== shown?.label).slice(0, SHOWN_CALLS - 1);
}

export function applyWaiting(services: readonly ServiceWithQueue[], waiting: Record<string, number>): ServiceWithQueue[] {
  return services.map((s) => (s.id in waiting ? { ...s, waiting: waiting[s.id]! } : s));
}

/**
 * Calls in a fresh snapshot that this display had not seen (a gap or an outage swallowed their events) and
 * that are recent enough to be worth announcing now, oldest first.
 */
export function missedCalls(before: readonly CallEntry[], after: readonly CallEntry[], now: string, withinMs = 60_000): CallEntry[] {
  const seen = new Set(before.map(callKey));
  const newestSeen = before.reduce((max, c) => Math.max(max, Date.parse(c.at)), 0);
  const cutoff = Math.max(newestSeen, Date.parse(now) - withinMs);
  return after.filter((c) => !seen.has(callKey(c)) && Date.parse(c.at) > cutoff).reverse();
}

/** Services on one page of the waiting strip: as many as stay readable from the back of the hall. */
export const SERVICES_PER_PAGE = 6;

/**
 * The waiting strip's pages: active services in their display order, split into pages of at most
 * SERVICES_PER_PAGE, as even as possible: no two pages differ by more than one service, the fuller ones
 * first (7 services are 4 + 3, not 6 + 1; 13 are 5 + 4 + 4, not 5 + 5 + 3 with a half-empty last page).
 */
export function servicePages<S extends Pick<ServiceWithQueue, 'active' | 'order'>>(services: readonly S[]): S[][] {
  const active = services.filter((s) => s.active).sort((a, b) => a.order - b.order);
  if (active.length === 0) return [];
  const pages = Math.ceil(active.length / SERVICES_PER_PAGE);
  const base = Math.floor(active.length / pages);
  const fuller = active.length % pages;
  const out: S[][] = [];
  for (let i = 0, start = 0; i < pages; i++) {
    const size = base + (i < fuller ? 1 : 0);
    out.push(active.slice(start, start + size));
    start += size;
  }
  return out;
}
