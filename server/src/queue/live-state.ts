// What each live audience is shown, built from the read models: the parts of every snapshot and the payload
// of every push. The socket gateway decides who gets what and when; it reads nothing itself.
import type {
  Counter,
  DisplaySnapshot,
  KioskSnapshot,
  PublicCentre,
  PublicCounter,
  QueueMoved,
  QueuePace,
  StaffSnapshot,
  Ticket,
  TicketEvent,
  TrackerSnapshot,
} from '@foleni/shared';
import { iso } from '../clock.js';
import type { CounterRecord } from '../repositories/counter.repository.js';
import type { Repositories } from '../repositories/index.js';
import type { CentreService } from './centre.service.js';
import { publicCentre } from './centre.service.js';
import type { TicketChangeNotice } from './queue.service.js';
import { publicCounter } from './queue.views.js';
import type { QueueViews } from './queue.views.js';

/** A snapshot without what the gateway adds (its kind, the seq and the time it is sent at). */
type Body<S> = Omit<S, 'kind' | 'seq' | 'now'>;

/** A waiting line of one service on one day, which phone trackers follow. */
export interface Line {
  day: string;
  serviceId: string;
}

/**
 * One committed ticket change as each audience is told it. Only `event` is built at once: the other forms
 * are built when some socket is there to receive them.
 */
export interface TicketPush {
  /** The waiting room's form; every other form adds to it. */
  readonly event: TicketEvent;
  /** Staff's form: the whole ticket. */
  full(): Ticket;
  /** The lines the ticket left or joined that are `listened` to, each with its trackers' anonymous `queue:moved`. */
  moves(listened: (line: Line) => boolean): { line: Line; moved: QueueMoved }[];
  /** The ticket's own trackers' form: its counts and itself as its holder sees it, as they stood right after. */
  tracked(): TicketEvent;
  /** The lines its trackers now follow (its service's, while it is open) and those they follow no more. */
  readonly follow: { join: Line | null; leave: Line[] };
}

/** What kiosks, waiting-room displays and phone trackers see. */
export interface PublicState {
  centre(): PublicCentre;
  kiosk(): Body<KioskSnapshot>;
  /** Null for a device that is unknown or revoked. */
  display(deviceId: string): Body<DisplaySnapshot> | null;
  /** Null for an unknown ticket. */
  tracker(ticketId: string): Body<TrackerSnapshot> | null;
  /** A tracker's ticket, and the line it follows while it is open today (labels restart each day). */
  tracked(ticketId: string): { ticketId: string; line: Line | null } | null;
  ticketChange(n: TicketChangeNotice): TicketPush;
  counter(c: CounterRecord): PublicCounter;
  /**
   * The pace of the lines of these services (all of them when omitted), for those `listened` to: how many
   * open counters serve each and the minutes each person ahead adds.
   */
  paces(serviceIds: readonly string[] | null, listened: (line: Line) => boolean): { line: Line; pace: Omit<QueuePace, 'seq' | 'at'> }[];
}

/** What staff screens see. */
export interface StaffState {
  staff(): Omit<Body<StaffSnapshot>, 'devices'>;
  staffCounter(c: CounterRecord): Counter;
  /** The label of a ticket by its row id (print jobs know their ticket by it). */
  ticketLabel(rowid: number): string | null;
}

const RECENT_CALLS = 12;
const OPEN = new Set(['waiting', 'called', 'serving', 'no_show']);

export class LiveState implements PublicState, StaffState {
  constructor(
    private readonly repos: Repositories,
    private readonly centreService: CentreService,
    private readonly views: QueueViews,
  ) {}

  /** The event log's last seq: where a new server's pushes go on from. */
  lastSeq(): number {
    return this.repos.events.lastSeq();
  }

  centre(): PublicCentre {
    return publicCentre(this.centreService.get());
  }

  kiosk(): Body<KioskSnapshot> {
    return { centre: this.centre(), services: this.views.services(true) };
  }

  display(deviceId: string): Body<DisplaySnapshot> | null {
    const device = this.repos.devices.get(deviceId);
    if (!device || device.status !== 'active') return null;
    const ctx = this.views.context();
    const counters = this.repos.counters.list().filter((x) => x.active && x.zone === device.zone);
    // The hall's waiting strip: only what the counters of this hall serve.
    const served = new Set(counters.flatMap((x) => x.serviceIds));
    return {
      zone: device.zone,
      centre: this.centre(),
      services: this.views.services(true, ctx).filter((s) => served.has(s.id)),
      counters: counters.map(publicCounter),
      recentCalls: this.views.recentCalls(RECENT_CALLS, ctx, device.zone),
    };
  }

  tracker(ticketId: string): Body<TrackerSnapshot> | null {
    const ticket = this.repos.tickets.byId(ticketId);
    if (!ticket) return null;
    const ctx = this.views.context();
    return {
      ticket: this.views.publicTicket(ticket, ctx),
      waiting: this.views.waitingCount(ctx.day, ticket.serviceId),
      centre: this.centre(),
    };
  }

  tracked(ticketId: string): { ticketId: string; line: Line | null } | null {
    const ticket = this.repos.tickets.byId(ticketId);
    if (!ticket) return null;
    const open = ticket.day === this.centreService.today() && OPEN.has(ticket.status);
    return { ticketId: ticket.id, line: open ? { day: ticket.day, serviceId: ticket.serviceId } : null };
  }

  staff(): Omit<Body<StaffSnapshot>, 'devices'> {
    const ctx = this.views.context();
    return { day: ctx.day, services: this.views.services(false, ctx), counters: this.views.counters(), tickets: this.views.openTickets(ctx) };
  }

  ticketChange(n: TicketChangeNotice): TicketPush {
    const { views } = this;
    const ctx = views.context();
    const services = new Set([n.ticket.serviceId, ...(n.before ? [n.before.serviceId] : [])]);
    // Today's counts even when the change is to an older ticket (a day close expiring yesterday's).
    const waiting: Record<string, number> = {};
    for (const s of services) waiting[s] = views.waitingCount(ctx.day, s);
    const at = iso(n.at);
    const event: TicketEvent = { seq: n.seq, at, change: n.change, ticket: views.publicState(n.ticket, ctx), before: n.before, waiting };
    const lineChange = views.lineChange(n.ticket, n.before);
    const day = n.ticket.day;
    const line = { day, serviceId: n.ticket.serviceId };
    return {
      event,
      full: () => views.ticket(n.ticket, ctx),
      moves: (listened) =>
        (
          [
            ['left', lineChange.left],
            ['joined', lineChange.joined],
          ] as const
        ).flatMap(([change, move]) =>
          move && listened({ day, serviceId: move.serviceId })
            ? [
                {
                  line: { day, serviceId: move.serviceId },
                  moved: {
                    seq: n.seq,
                    at,
                    serviceId: move.serviceId,
                    change,
                    place: move.place,
                    waiting: lineChange.waiting[move.serviceId] ?? 0,
                    minutesEach: views.minutesEach(move.serviceId, ctx),
                  },
                },
              ]
            : [],
        ),
      tracked: () => ({ ...event, waiting: lineChange.waiting, tracked: views.publicTicket(n.ticket, ctx, lineChange.ahead) }),
      follow: {
        join: OPEN.has(n.ticket.status) ? line : null,
        leave: [...(n.before && n.before.serviceId !== n.ticket.serviceId ? [{ day, serviceId: n.before.serviceId }] : []), ...(OPEN.has(n.ticket.status) ? [] : [line])],
      },
    };
  }

  counter(c: CounterRecord): PublicCounter {
    return publicCounter(c);
  }

  staffCounter(c: CounterRecord): Counter {
    return this.views.counter(c);
  }

  paces(serviceIds: readonly string[] | null, listened: (line: Line) => boolean): { line: Line; pace: Omit<QueuePace, 'seq' | 'at'> }[] {
    const ctx = this.views.context();
    const ids = serviceIds ?? this.repos.services.list().map((s) => s.id);
    return ids.flatMap((serviceId) => {
      const line = { day: ctx.day, serviceId };
      if (!listened(line)) return [];
      return [{ line, pace: { serviceId, openCounters: ctx.openCounters(serviceId), minutesEach: ctx.minutesEach(serviceId) } }];
    });
  }

  ticketLabel(rowid: number): string | null {
    return this.repos.tickets.byRowid(rowid)?.label ?? null;
  }
}
