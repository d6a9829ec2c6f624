// The Socket.IO contract: payload schemas and the typed event maps both sides use.
// Every event carries the `seq` of the change it reports. Ticket and counter changes share one global,
// gapless sequence, and the `public` and `staff` audiences receive every one of them: a client that sees
// `seq > lastSeq + 1`, or reconnects, asks for a snapshot. Device events carry the current seq without
// advancing it. A phone tracker receives only its own ticket's changes (with `tracked`), `queue:moved`,
// an anonymous note that its service's waiting line changed, and `queue:pace`, how many counters serve that
// line now; it resyncs on reconnect.
import { z } from 'zod';
import type { AppointmentEvent } from './appointments.js';
import type { OnMyWayEvent } from './desk.js';
import {
  Centre,
  Counter,
  CounterRef,
  CounterStatus,
  Device,
  Id,
  IsoTime,
  Lang,
  PrintJobStatus,
  PublicTicket,
  ServiceWithQueue,
  Ticket,
  TicketStatus,
} from './domain.js';
import type { HelpEvent } from './kiosk-help.js';

export const TICKET_CHANGES = [
  'issued',
  'called',
  'recalled',
  'started',
  'completed',
  'no_show',
  'requeued',
  'cancelled',
  'transferred',
  'expired',
  // A ticket on a journey moved to another of its steps' lines: by itself when a step was completed, or
  // sent by the clerk (skip, back). Pushed as ticket:updated.
  'stepped',
] as const;
export const TicketChange = z.enum(TICKET_CHANGES);
export type TicketChange = z.infer<typeof TicketChange>;

/**
 * A ticket as the waiting room may see it: no id (the id is the tracker's key), no clerk, and not the reason
 * for priority (disability, pregnancy, age are personal): only whether it has priority; and no routing key
 * (its tie-break is a centre-wide row number): places in line come as `position` and `queue:moved` places.
 * Labels restart each day, so a label is only unique with its `day`.
 */
export const PublicTicketState = z.object({
  label: z.string(),
  day: z.string(),
  serviceId: Id,
  status: TicketStatus,
  prioritised: z.boolean(),
  lang: Lang,
  counter: CounterRef.nullable(),
  callCount: z.number().int(),
  /** On a journey: at step `step` of `of` (its service is `serviceId`); absent or null for a ticket of one service. */
  journey: z.object({ id: Id, step: z.number().int(), of: z.number().int() }).nullable().optional(),
});
export type PublicTicketState = z.infer<typeof PublicTicketState>;

export const TicketEvent = z.object({
  seq: z.number().int(),
  at: IsoTime,
  change: TicketChange,
  ticket: PublicTicketState,
  /** Where the ticket stood before this change (service and status), to tell who left or joined a queue. */
  before: z.object({ serviceId: Id, status: TicketStatus }).nullable(),
  /** Waiting counts, after the change, of the services the change touched. */
  waiting: z.record(z.string(), z.number().int()),
  /** Staff audiences only: the whole ticket. */
  full: Ticket.optional(),
  /**
   * The ticket's own trackers only: the ticket as its holder sees it (GET /tickets/:id), with its place in
   * line and estimated wait as they stood right after this change.
   */
  tracked: PublicTicket.optional(),
});
export type TicketEvent = z.infer<typeof TicketEvent>;

/**
 * To the trackers of a service's waiting line, instead of other tickets' events: one ticket left the line
 * (called, cancelled, expired, transferred out) or joined it (issued, requeued, transferred in), and where.
 * Nothing says which ticket, why, or whether it has priority: a tracker at `place` p (p people ahead) moves
 * up when one leaves from a place before p, and back when one joins at a place at or before p.
 */
export const QueueMoved = z.object({
  seq: z.number().int(),
  at: IsoTime,
  serviceId: Id,
  change: z.enum(['left', 'joined']),
  /** How many waited ahead of that ticket in the line (0 = it was, or now is, next). */
  place: z.number().int(),
  /** The service's waiting count after the change. */
  waiting: z.number().int(),
  /** Minutes of estimated wait per person ahead (recent service time ÷ open counters), as the server estimates. */
  minutesEach: z.number(),
});
export type QueueMoved = z.infer<typeof QueueMoved>;

/**
 * To the trackers of a service's waiting line when the counters serving it change (one opened, paused or
 * closed; the admin changed counters or services): how many are open now and the minutes each person
 * ahead adds. With `openCounters` 0 nobody can call the line and a tracker says so instead of a wait.
 * Anonymous like `queue:moved`; it carries the seq of the counter change, or the current seq after an
 * admin change, and states the line as it is (a tracker applies the latest it hears).
 */
export const QueuePace = z.object({
  seq: z.number().int(),
  at: IsoTime,
  serviceId: Id,
  openCounters: z.number().int(),
  /** As in `queue:moved`: per person ahead, as if at least one counter were open. */
  minutesEach: z.number(),
});
export type QueuePace = z.infer<typeof QueuePace>;

export const PublicCounter = z.object({ id: Id, name: z.string(), zone: z.string(), status: CounterStatus });
export type PublicCounter = z.infer<typeof PublicCounter>;

export const CounterEvent = z.object({
  seq: z.number().int(),
  at: IsoTime,
  counter: PublicCounter,
  /** Staff audiences only. */
  full: Counter.optional(),
});
export type CounterEvent = z.infer<typeof CounterEvent>;

export const DeviceEvent = z.object({ seq: z.number().int(), at: IsoTime, device: Device });
export type DeviceEvent = z.infer<typeof DeviceEvent>;

export const PublicCentre = Centre.pick({ code: true, name: true, timezone: true, languages: true, openingHours: true, notices: true });
export type PublicCentre = z.infer<typeof PublicCentre>;

export const CentreEvent = z.object({ seq: z.number().int(), at: IsoTime, centre: PublicCentre });
export type CentreEvent = z.infer<typeof CentreEvent>;

/** What became of a print: to the kiosk that printed it and to staff. */
export const PrintEvent = z.object({
  seq: z.number().int(),
  at: IsoTime,
  jobId: Id,
  deviceId: Id.nullable(),
  label: z.string().nullable(),
  status: PrintJobStatus,
  attempts: z.number().int(),
  error: z.string().nullable(),
});
export type PrintEvent = z.infer<typeof PrintEvent>;

/** A call as the waiting room shows it. */
export const CallEntry = z.object({
  label: z.string(),
  serviceId: Id,
  counter: CounterRef,
  at: IsoTime,
  lang: Lang,
  recall: z.boolean(),
});
export type CallEntry = z.infer<typeof CallEntry>;

export const DisplaySnapshot = z.object({
  kind: z.literal('display'),
  seq: z.number().int(),
  now: IsoTime,
  zone: z.string(),
  centre: PublicCentre,
  services: z.array(ServiceWithQueue),
  counters: z.array(PublicCounter),
  /** Newest first; only calls at counters of this display's zone. */
  recentCalls: z.array(CallEntry),
});
export type DisplaySnapshot = z.infer<typeof DisplaySnapshot>;

export const KioskSnapshot = z.object({
  kind: z.literal('kiosk'),
  seq: z.number().int(),
  now: IsoTime,
  centre: PublicCentre,
  services: z.array(ServiceWithQueue),
});
export type KioskSnapshot = z.infer<typeof KioskSnapshot>;

export const StaffSnapshot = z.object({
  kind: z.literal('staff'),
  seq: z.number().int(),
  now: IsoTime,
  day: z.string(),
  services: z.array(ServiceWithQueue),
  counters: z.array(Counter),
  /** Today's open tickets (waiting, called, serving) and today's no-shows, in routing order per service. */
  tickets: z.array(Ticket),
  /** Managers and admins only. */
  devices: z.array(Device).optional(),
});
export type StaffSnapshot = z.infer<typeof StaffSnapshot>;

export const TrackerSnapshot = z.object({
  kind: z.literal('tracker'),
  seq: z.number().int(),
  now: IsoTime,
  ticket: PublicTicket,
  /** Waiting count of the ticket's service. */
  waiting: z.number().int(),
  centre: PublicCentre,
});
export type TrackerSnapshot = z.infer<typeof TrackerSnapshot>;

export const QueueSnapshot = z.discriminatedUnion('kind', [DisplaySnapshot, KioskSnapshot, StaffSnapshot, TrackerSnapshot]);
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;

/** Handshake `auth` payload: a device or staff bearer token, or a ticket id for a tracker. Cookies also work. */
export const SocketAuth = z.union([
  z.strictObject({ token: z.string().min(1).max(200) }),
  z.strictObject({ ticketId: Id }),
  z.strictObject({}),
]);
export type SocketAuth = z.infer<typeof SocketAuth>;

export interface ServerToClientEvents {
  'queue:snapshot': (snapshot: QueueSnapshot) => void;
  'ticket:issued': (event: TicketEvent) => void;
  'ticket:called': (event: TicketEvent) => void;
  'ticket:recalled': (event: TicketEvent) => void;
  'ticket:updated': (event: TicketEvent) => void;
  /** Trackers only, for their own service's line (their own ticket comes as the ticket events above). */
  'queue:moved': (event: QueueMoved) => void;
  /** Trackers only: the counters serving their line changed (see QueuePace). */
  'queue:pace': (event: QueuePace) => void;
  'counter:updated': (event: CounterEvent) => void;
  'device:updated': (event: DeviceEvent) => void;
  'centre:updated': (event: CentreEvent) => void;
  'print:updated': (event: PrintEvent) => void;
  /** Staff only: a called citizen tapped "I am on my way" on the tracker (front desk, issue #18). */
  'ticket:onMyWay': (event: OnMyWayEvent) => void;
  /** Staff and the kiosk that asked: a citizen's call for help at a kiosk, made or answered. */
  'kiosk:help': (event: HelpEvent) => void;
  /** Staff only: a booking made, cancelled or checked in (the Bookings page). */
  'appointment:updated': (event: AppointmentEvent) => void;
}

export interface ClientToServerEvents {
  /** Ask for a fresh `queue:snapshot` (after a gap in `seq`). */
  'queue:resync': () => void;
}

/** Which server event a ticket change is pushed as. */
export function eventNameFor(change: TicketChange): 'ticket:issued' | 'ticket:called' | 'ticket:recalled' | 'ticket:updated' {
  if (change === 'issued') return 'ticket:issued';
  if (change === 'called') return 'ticket:called';
  if (change === 'recalled') return 'ticket:recalled';
  return 'ticket:updated';
}
