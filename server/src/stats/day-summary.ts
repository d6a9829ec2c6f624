// One day of tickets turned into summary rows: per service, hour of issue, counter and clerk, the counts
// and sums every report figure is made of (docs/architecture.md, "Statistics and reports": wait = first
// call − issue; walk-up = serving start − last call; service = done − serving start).
//
// A transferred ticket counts in the service it was issued for: its arrival and its wait belong to that
// queue. Counter and clerk are the last ones that handled it; a ticket never called, or transferred away
// and not called again, has neither ('').
import type { TicketStatus } from '@foleni/shared';
import type { Histogram } from './wait-histogram.js';
import { bucketOf, newHistogram } from './wait-histogram.js';

export const DIMENSIONS = ['service', 'hour', 'counter', 'clerk'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface SummaryTicket {
  /** The service the ticket was issued for. */
  serviceId: string;
  status: TicketStatus;
  counterId: string | null;
  clerkId: string | null;
  issuedAt: number;
  firstCalledAt: number | null;
  calledAt: number | null;
  servingAt: number | null;
  doneAt: number | null;
  rating: number | null;
  /**
   * The service's target wait when the ticket was issued (recorded in its `ticket.issued` event), so that a
   * later change of target does not rejudge old tickets; null for tickets issued before it was recorded.
   */
  slaMinutes: number | null;
}

export interface Totals {
  issued: number;
  called: number;
  served: number;
  noShows: number;
  cancelled: number;
  expired: number;
  withinTarget: number;
  waitSumMs: number;
  serviceCount: number;
  serviceSumMs: number;
  walkUpCount: number;
  walkUpSumMs: number;
  feedbackCount: number;
  feedbackSum: number;
  waits: Histogram;
}

export const emptyTotals = (): Totals => ({
  issued: 0,
  called: 0,
  served: 0,
  noShows: 0,
  cancelled: 0,
  expired: 0,
  withinTarget: 0,
  waitSumMs: 0,
  serviceCount: 0,
  serviceSumMs: 0,
  walkUpCount: 0,
  walkUpSumMs: 0,
  feedbackCount: 0,
  feedbackSum: 0,
  waits: newHistogram(),
});

export type DaySummary = Record<Dimension, Map<string, Totals>>;

export interface SummaryContext {
  /**
   * Target wait of a service in ms, for a ticket that does not carry the target it was issued under: the
   * service's current one; a service no longer known gets the default 15 minutes.
   */
  targetMs(serviceId: string): number;
  /** Hour of day (0–23) in the centre's time zone. */
  hourOf(ms: number): number;
}

export function summariseDay(tickets: Iterable<SummaryTicket>, ctx: SummaryContext): DaySummary {
  const out: DaySummary = { service: new Map(), hour: new Map(), counter: new Map(), clerk: new Map() };
  const acc = (dim: Dimension, key: string): Totals => {
    let t = out[dim].get(key);
    if (!t) out[dim].set(key, (t = emptyTotals()));
    return t;
  };
  for (const t of tickets) {
    const rows = [
      acc('service', t.serviceId),
      acc('hour', String(ctx.hourOf(t.issuedAt)).padStart(2, '0')),
      acc('counter', t.counterId ?? ''),
      acc('clerk', t.clerkId ?? ''),
    ];
    const wait = t.firstCalledAt === null ? null : Math.max(0, t.firstCalledAt - t.issuedAt);
    const within = wait !== null && wait <= (t.slaMinutes !== null ? t.slaMinutes * 60_000 : ctx.targetMs(t.serviceId));
    const service = t.status === 'done' && t.servingAt !== null && t.doneAt !== null ? Math.max(0, t.doneAt - t.servingAt) : null;
    const walkUp = t.servingAt !== null && t.calledAt !== null ? Math.max(0, t.servingAt - t.calledAt) : null;
    const bucket = wait === null ? -1 : bucketOf(wait);
    // A no-show still open at the day's close is expired, but stays a no-show: only a no-show has an end
    // time without being done or cancelled (requeueing clears it).
    const noShow = t.status === 'no_show' || (t.status === 'expired' && t.doneAt !== null);
    for (const r of rows) {
      r.issued++;
      if (t.status === 'done') r.served++;
      else if (noShow) r.noShows++;
      else if (t.status === 'cancelled') r.cancelled++;
      else if (t.status === 'expired') r.expired++;
      if (wait !== null) {
        r.called++;
        r.waitSumMs += wait;
        r.waits[bucket]!++;
        if (within) r.withinTarget++;
      }
      if (service !== null) {
        r.serviceCount++;
        r.serviceSumMs += service;
      }
      if (walkUp !== null) {
        r.walkUpCount++;
        r.walkUpSumMs += walkUp;
      }
      if (t.rating !== null) {
        r.feedbackCount++;
        r.feedbackSum += t.rating;
      }
    }
  }
  return out;
}

/** Adds b into a. */
export function addTotals(a: Totals, b: Totals): void {
  a.issued += b.issued;
  a.called += b.called;
  a.served += b.served;
  a.noShows += b.noShows;
  a.cancelled += b.cancelled;
  a.expired += b.expired;
  a.withinTarget += b.withinTarget;
  a.waitSumMs += b.waitSumMs;
  a.serviceCount += b.serviceCount;
  a.serviceSumMs += b.serviceSumMs;
  a.walkUpCount += b.walkUpCount;
  a.walkUpSumMs += b.walkUpSumMs;
  a.feedbackCount += b.feedbackCount;
  a.feedbackSum += b.feedbackSum;
  for (let i = 0; i < a.waits.length; i++) a.waits[i]! += b.waits[i]!;
}

/** Hour of day in a time zone, memoised per quarter hour (every time zone in use is a whole number of quarters). */
export function hourOfIn(hourOf: (ms: number) => number): (ms: number) => number {
  const memo = new Map<number, number>();
  return (ms) => {
    const slot = Math.floor(ms / 900_000);
    let h = memo.get(slot);
    if (h === undefined) {
      h = hourOf(slot * 900_000);
      memo.set(slot, h);
    }
    return h;
  };
}
