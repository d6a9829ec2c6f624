// The live picture a counter screen works from: services, counters and today's open tickets, kept up to
// date from the staff socket (a snapshot, then events in seq order, a fresh snapshot on any gap), plus the
// server's clock, ticking. Nothing here acts; the desk does, over REST.
import { SvelteMap } from 'svelte/reactivity';
import type { Counter, CounterEvent, ServiceWithQueue, Ticket, TicketEvent } from '@foleni/shared';
import type { LinkState } from '@foleni/shared/client';
import { LiveConnection, onTicketEvents } from '@foleni/shared/client';
import { kioskHelp, kioskHelpEvents } from '../lib/kiosk-help.svelte.js';
import { api } from '../lib/api.js';
import { isOpen } from './call-order.js';

export class LiveQueue {
  link = $state<LinkState>('connecting');
  /** The first snapshot has arrived. */
  ready = $state(false);
  /**
   * The picture is the server's own: a snapshot has arrived since the link last came up. False from the
   * moment the link drops until the snapshot after the reconnect, as changes made meanwhile (another clerk's
   * call, a manager's pause) are only known from it.
   */
  synced = $state(false);
  day = $state('');
  timeZone = $state('Africa/Nairobi');
  services = $state.raw<ServiceWithQueue[]>([]);
  counters = $state.raw<Counter[]>([]);
  /** Today's open tickets and no-shows by id. */
  tickets = new SvelteMap<string, Ticket>();
  /** Called tickets whose citizen tapped "I am on my way" on the tracker: id → when (ms). */
  onMyWay = new SvelteMap<string, number>();
  /** The centre's counter-preference bonus, which Call next adds and ticket ranks do not hold. */
  bonusMinutes = $state(0);
  /** The server's clock: waits are measured against it, not against this PC's clock. */
  now = $state(Date.now());

  serviceById = $derived(new Map(this.services.map((s) => [s.id, s])));
  counterById = $derived(new Map(this.counters.map((c) => [c.id, c])));

  private offsetMs = 0;
  private conn: LiveConnection | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  /**
   * A REST answer must not overwrite a change pushed after the request went out. Every push (and every
   * snapshot) ticks `clock`; `changedAt` keeps the tick of each ticket's and counter's last push, and a
   * snapshot counts as a change of everything. Dropping an answer loses nothing: its own change is pushed too.
   */
  private clock = 0;
  private snapshotAt = 0;
  private changedAt = new Map<string, number>();

  /**
   * `onRefused`: the server no longer accepts our session (signed out elsewhere, or expired).
   * `onResynced`: a snapshot arrived after the link had dropped (not the first one).
   */
  constructor(
    private readonly onRefused: () => void,
    private readonly onResynced: () => void = () => undefined,
  ) {}

  start(): void {
    if (this.conn) return;
    this.ready = false;
    this.conn = new LiveConnection(
      { auth: {} },
      {
        snapshot: (s) => {
          if (s.kind !== 'staff') return;
          this.offsetMs = Date.parse(s.now) - Date.now();
          this.tick();
          this.day = s.day;
          this.services = s.services;
          this.counters = s.counters;
          this.tickets.clear();
          this.changedAt.clear();
          this.snapshotAt = ++this.clock;
          for (const tk of s.tickets) this.tickets.set(tk.id, tk);
          const back = this.ready && !this.synced;
          this.ready = true;
          this.synced = true;
          if (back) this.onResynced();
          void this.loadSettings();
          void this.loadOnMyWay();
          void kioskHelp.refresh();
        },
        events: {
          ...onTicketEvents((e) => this.onTicket(e)),
          'counter:updated': (e) => this.onCounter(e),
          'ticket:onMyWay': (e) => this.onMyWay.set(e.ticketId, Date.parse(e.at)),
          ...kioskHelpEvents,
        },
        state: (state) => {
          this.link = state;
          if (state !== 'online') this.synced = false;
          if (state === 'refused') this.onRefused();
        },
      },
    );
    this.timer = setInterval(() => this.tick(), 1000);
  }

  private async loadOnMyWay(): Promise<void> {
    try {
      const { items } = await api.onMyWayToday();
      this.onMyWay.clear();
      for (const w of items) this.onMyWay.set(w.ticketId, Date.parse(w.at));
    } catch {
      // A nicety on the card: the next push fills it in.
    }
  }

  stop(): void {
    this.conn?.close();
    this.conn = null;
    clearInterval(this.timer);
    this.ready = false;
    this.synced = false;
    this.tickets.clear();
    this.changedAt.clear();
    this.snapshotAt = ++this.clock;
    this.counters = [];
  }

  /** Our view is behind (a refused action said so): ask for a fresh snapshot. */
  resync(): void {
    this.conn?.resync();
  }

  /** Read before sending a request; pass it back to `answer` or `answerCounter` with what came back. */
  mark(): number {
    return this.clock;
  }

  /** Applies a ticket a REST call returned, unless a push about it (or a snapshot) arrived since `mark`. */
  answer(tk: Ticket, mark: number): void {
    if (this.fresh(`ticket:${tk.id}`, mark)) this.put(tk);
  }

  /** Applies a counter a REST call returned, unless a push about it (or a snapshot) arrived since `mark`. */
  answerCounter(counter: Counter, mark: number): void {
    if (this.fresh(`counter:${counter.id}`, mark)) this.putCounter(counter);
  }

  private fresh(key: string, mark: number): boolean {
    return Math.max(this.snapshotAt, this.changedAt.get(key) ?? 0) <= mark;
  }

  private putCounter(counter: Counter): void {
    this.counters = this.counters.some((c) => c.id === counter.id)
      ? this.counters.map((c) => (c.id === counter.id ? counter : c))
      : [...this.counters, counter];
  }

  private tick(): void {
    this.now = Date.now() + this.offsetMs;
  }

  private onTicket(e: TicketEvent): void {
    const full = e.full;
    // Staff events always carry the whole ticket, and a ticket of a later day means the day has turned:
    // either way, start again from a snapshot.
    if (!full || (this.day && full.day > this.day)) {
      this.resync();
      return;
    }
    this.changedAt.set(`ticket:${full.id}`, ++this.clock);
    this.put(full);
    if (Object.keys(e.waiting).length) {
      this.services = this.services.map((s) => (s.id in e.waiting ? { ...s, waiting: e.waiting[s.id] ?? s.waiting } : s));
    }
  }

  private onCounter(e: CounterEvent): void {
    if (!e.full) return;
    this.changedAt.set(`counter:${e.full.id}`, ++this.clock);
    this.putCounter(e.full);
  }

  private put(tk: Ticket): void {
    if (tk.day !== this.day) return;
    if (isOpen(tk)) this.tickets.set(tk.id, tk);
    else this.tickets.delete(tk.id);
  }

  private async loadSettings(): Promise<void> {
    try {
      const [routing, centre] = await Promise.all([api.myRouting(), api.getCentre()]);
      this.bonusMinutes = routing.preferenceBonusMinutes;
      this.timeZone = centre.centre.timezone;
    } catch {
      // Defaults (no preference bonus, Nairobi time) are right for nearly every centre; the next snapshot retries.
    }
  }
}
