// A screen's live link to the server: connect with its credentials, start from `queue:snapshot`, apply
// events in `seq` order, ask for a new snapshot on a gap or after a reconnect, and say when the link is down.
// Socket.IO reconnects by itself (with back-off), so flaky Wi-Fi only ever shows a quiet "reconnecting".
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, QueueSnapshot, ServerToClientEvents } from '../events.js';

export type LinkState = 'connecting' | 'online' | 'offline' | 'refused';

/** Every push other than the snapshot. */
export type LiveEventName = Exclude<keyof ServerToClientEvents, 'queue:snapshot'>;
export type LivePayload<E extends LiveEventName> = Parameters<ServerToClientEvents[E]>[0];
/** A handler per event a screen listens to, each typed by its event's payload. */
export type LiveEventHandlers = { [E in LiveEventName]?: (payload: LivePayload<E>) => void };

/** The four events that carry a ticket's change, which most screens apply alike. */
export const TICKET_EVENTS = ['ticket:issued', 'ticket:called', 'ticket:recalled', 'ticket:updated'] as const;
type TicketEventName = (typeof TICKET_EVENTS)[number];

/** One handler for every ticket event: `events: { ...onTicketEvents((e) => apply(e)), 'counter:updated': … }`. */
export function onTicketEvents(handler: (event: LivePayload<TicketEventName>) => void): { [E in TicketEventName]: (event: LivePayload<E>) => void } {
  return { 'ticket:issued': handler, 'ticket:called': handler, 'ticket:recalled': handler, 'ticket:updated': handler };
}

export interface LiveHandlers {
  snapshot(s: QueueSnapshot): void;
  /** The pushes this screen follows, already filtered for order (old or duplicate seqs are dropped). */
  events: LiveEventHandlers;
  state?(state: LinkState, reason?: string): void;
}

const SEQUENCED = [...TICKET_EVENTS, 'queue:moved', 'counter:updated'] as const;
// States of things (not steps from the last event), applied as they come whatever their seq: a snapshot asked
// for meanwhile replaces them anyway.
const UNSEQUENCED = ['device:updated', 'centre:updated', 'print:updated', 'queue:pace', 'ticket:onMyWay', 'kiosk:help', 'appointment:updated'] as const;

export interface LiveOptions {
  auth: { token?: string; ticketId?: string };
  url?: string;
  /**
   * Whether this audience receives every sequenced change (displays, kiosks, staff). Trackers receive
   * only their own ticket's changes and their line's moves, so a jump in seq is not a gap for them.
   */
  gapless?: boolean;
}

export class LiveConnection {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private seq = -1;
  private awaitingSnapshot = true;
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(opts: LiveOptions, private readonly on: LiveHandlers) {
    const gapless = opts.gapless ?? true;
    this.socket = io(opts.url ?? '/', {
      auth: opts.auth,
      transports: ['websocket', 'polling'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    this.on.state?.('connecting');
    this.socket.on('connect', () => this.on.state?.('online'));
    this.socket.on('disconnect', (reason) => {
      this.awaitingSnapshot = true;
      this.on.state?.('offline');
      // Socket.IO does not reconnect by itself when the server closed the socket (a restart handing over, a
      // revoked device): try again; a revoked device is then refused at the handshake and says so.
      if (reason === 'io server disconnect' && !this.closed) this.retry = setTimeout(() => this.socket.connect(), 1000);
    });
    this.socket.on('connect_error', (err) => {
      // The server refused our credentials: retrying will not help until someone pairs or signs in again.
      const refused = ['unauthorized', 'unknown-ticket', 'invalid-auth', 'cross-origin'].includes(err.message);
      this.on.state?.(refused ? 'refused' : 'offline', err.message);
      if (refused) this.socket.disconnect();
    });
    this.socket.on('queue:snapshot', (s) => {
      this.seq = s.seq;
      this.awaitingSnapshot = false;
      this.on.snapshot(s);
    });
    // Every sequenced event counts for gaps, whether this screen follows it or not.
    for (const name of SEQUENCED) this.follow(name, gapless);
    for (const name of UNSEQUENCED) this.follow(name, null);
  }

  /** Passes `name` on to its handler; `gapless` null: a state event, applied whatever its seq. */
  private follow<E extends LiveEventName>(name: E, gapless: boolean | null): void {
    const handler = this.on.events[name] as ((payload: LivePayload<E>) => void) | undefined;
    const listener = (payload: LivePayload<E>) => {
      if (gapless !== null) {
        if (this.awaitingSnapshot || payload.seq <= this.seq) return;
        if (gapless && payload.seq > this.seq + 1) {
          this.resync();
          return;
        }
        this.seq = payload.seq;
      }
      handler?.(payload);
    };
    // Socket.IO types `on` per event; a name chosen at run time needs its listener widened to match.
    this.socket.on(name, listener as never);
  }

  /** Asks for a fresh snapshot; events are held back until it arrives. */
  resync(): void {
    this.awaitingSnapshot = true;
    this.socket.emit('queue:resync');
  }

  get lastSeq(): number {
    return this.seq;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    this.socket.disconnect();
  }
}
