// The socket gateway: authenticates each socket at the handshake, puts it in the rooms of its audience,
// sends it a snapshot, and turns committed changes into small events. The socket only pushes; every
// command is REST. What each audience is shown comes from a PublicState / StaffState provider; the gateway
// only decides who gets what, and when.
//
// Rooms: `public` (displays and kiosks: every ticket and counter change, public form; a display keeps to its
// zone's counters itself, and its snapshot holds only its zone's calls and services: every public event
// carries the global seq, and a screen sent only its zone's share would see gaps and resync each time),
// `kiosk`, `device:<id>` (its prints; closing or moving its sockets), `staff` (every change, full form),
// `user:<id>` (closing a user's sockets), `manager` (device and printer news), `ticket:<id>` (a phone
// tracker: its own ticket's changes, with `tracked`) and `line:<day>:<serviceId>` (trackers whose ticket is
// in that day's queue of that service: `queue:moved` and `queue:pace`, anonymous, never another ticket's
// event).
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Socket } from 'socket.io';
import type { Appointment, ClientToServerEvents, CounterEvent, Device, HelpRequest, OnMyWay, PrintEvent, QueuePace, QueueSnapshot, ServerToClientEvents } from '@foleni/shared';
import { eventNameFor, SocketAuth } from '@foleni/shared';
import type { Actor } from '../auth/actor.js';
import { hasRole } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import { iso } from '../clock.js';
import { tokenFrom } from '../http/auth.middleware.js';
import { cookieBorne, crossOrigin } from '../http/same-origin.js';
import type { PrintJobUpdate } from '../printing/print.types.js';
import type { Line, PublicState, StaffState } from '../queue/live-state.js';
import type { CounterChangeNotice, TicketChangeNotice } from '../queue/queue.service.js';

export type Audience =
  | { kind: 'staff'; actor: Extract<Actor, { kind: 'user' }> }
  | { kind: 'display'; deviceId: string; zone: string }
  | { kind: 'kiosk'; deviceId: string }
  | { kind: 'tracker'; ticketId: string };

interface SocketData {
  audience: Audience;
  /** A staff socket's session token: asked again while the socket lives (`dropEndedSessions`). */
  token?: string;
}

/** What the gateway is built from: nothing but these. */
export interface GatewayDeps {
  clock: Clock;
  /** Who a socket's token names (a signed-in user, a paired device, or nobody). */
  sessions: { resolve(token: string | undefined): Actor };
  /** Screens' presence (their sockets), and the devices managers see. */
  devices: { connected(id: string): void; disconnected(id: string): void; list(): Device[] };
  /** What each audience is shown; `lastSeq` is the event log's last seq, where pushes go on from. */
  state: PublicState & StaffState & { lastSeq(): number };
  /** FOLENI_PUBLIC_URL: one of the origins a cookie-borne handshake may come from (http/same-origin.ts). */
  publicUrl(): string;
  /** How often staff sockets' sessions are checked again (default 15 s; 0: only when asked). */
  sessionCheckMs?: number;
}

export type FoleniServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type FoleniSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The room of the trackers following a service's waiting line on a day (labels and lines restart daily). */
const lineRoom = (line: Line) => `line:${line.day}:${line.serviceId}`;

export class Gateway {
  readonly io: FoleniServer;
  private seq: number;
  private sessionTimer: NodeJS.Timeout | undefined;

  constructor(
    httpServer: HttpServer,
    private readonly deps: GatewayDeps,
  ) {
    this.seq = deps.state.lastSeq();
    this.io = new Server(httpServer, {
      serveClient: false,
      // Phones on a weak signal: ping less often, wait longer before calling a client gone.
      pingInterval: 20_000,
      pingTimeout: 25_000,
      maxHttpBufferSize: 16 * 1024,
      connectionStateRecovery: undefined,
    });
    // A session is checked at the handshake; one that ends later (it expires, or its row is deleted) must not
    // leave its sockets hearing every change: each staff socket's session is asked again this often.
    const every = deps.sessionCheckMs ?? 15_000;
    if (every > 0) {
      this.sessionTimer = setInterval(() => this.dropEndedSessions(), every);
      this.sessionTimer.unref();
    }
    this.io.use((socket, next) => {
      try {
        socket.data.audience = this.authenticate(socket);
        next();
      } catch (e) {
        next(e instanceof Error ? e : new Error(String(e)));
      }
    });
    this.io.on('connection', (socket) => this.onConnection(socket));
  }

  /** The latest seq this server has pushed or recorded. */
  currentSeq(): number {
    return this.seq;
  }

  /**
   * Moves on to the event log's last seq, as the app starts (before it listens): events written without a
   * push before then (a new demo centre's past days, lived by an engine of their own) would otherwise make
   * the first push look like a gap to every screen. Not done per snapshot: a snapshot sent between a commit
   * and its pushes must not claim their seq.
   */
  resumeFromLog(): void {
    this.seq = Math.max(this.seq, this.deps.state.lastSeq());
  }

  private authenticate(socket: FoleniSocket): Audience {
    const auth = SocketAuth.safeParse(socket.handshake.auth ?? {});
    if (!auth.success) throw new Error('invalid-auth');
    if ('ticketId' in auth.data) {
      const tracked = this.deps.state.tracked(auth.data.ticketId);
      if (!tracked) throw new Error('unknown-ticket');
      return { kind: 'tracker', ticketId: tracked.ticketId };
    }
    // A page of another origin (another port of this host is the same site, so the browser sends the cookie)
    // must not open a staff socket with the clerk's cookie.
    const { headers, secure } = socket.handshake;
    if (!('token' in auth.data) && cookieBorne(headers) && crossOrigin(headers, { secure, publicUrl: this.deps.publicUrl() })) {
      throw new Error('cross-origin');
    }
    const token = 'token' in auth.data ? auth.data.token : tokenFrom({ cookie: socket.handshake.headers.cookie });
    const actor = this.deps.sessions.resolve(token);
    if (actor.kind === 'user') {
      socket.data.token = token;
      return { kind: 'staff', actor };
    }
    if (actor.kind === 'device') {
      const d = actor.device;
      return d.kind === 'display' ? { kind: 'display', deviceId: d.id, zone: d.zone } : { kind: 'kiosk', deviceId: d.id };
    }
    throw new Error('unauthorized');
  }

  private onConnection(socket: FoleniSocket): void {
    const audience = socket.data.audience;
    switch (audience.kind) {
      case 'staff':
        // `user:<id>` lets a sign-out, a password reset or a role change close this user's sockets.
        void socket.join(['staff', `user:${audience.actor.id}`, ...(hasRole(audience.actor, 'manager') ? ['manager'] : [])]);
        break;
      case 'display':
        void socket.join(['public', `device:${audience.deviceId}`]);
        this.deps.devices.connected(audience.deviceId);
        break;
      case 'kiosk':
        void socket.join(['public', 'kiosk', `device:${audience.deviceId}`]);
        this.deps.devices.connected(audience.deviceId);
        break;
      case 'tracker': {
        // Only a ticket still in today's queue follows its service's line; an old or finished one just
        // gets its snapshot (labels restart each day, so yesterday's B001 must not hear today's).
        const tracked = this.deps.state.tracked(audience.ticketId);
        if (tracked) void socket.join(`ticket:${tracked.ticketId}`);
        if (tracked?.line) void socket.join(lineRoom(tracked.line));
        break;
      }
    }
    // A snapshot costs the server far more than the request costs the client: at most one every 250 ms.
    // A request that comes sooner is answered when the 250 ms are up, never dropped (the client waits for it).
    let lastResync = 0;
    let pending: NodeJS.Timeout | undefined;
    socket.on('queue:resync', () => {
      if (pending) return;
      const wait = lastResync + 250 - Date.now();
      const send = () => {
        pending = undefined;
        lastResync = Date.now();
        if (socket.connected) this.sendSnapshot(socket);
      };
      if (wait <= 0) send();
      else pending = setTimeout(send, wait);
    });
    socket.on('disconnect', () => {
      if (pending) clearTimeout(pending);
      if (audience.kind === 'display' || audience.kind === 'kiosk') this.deps.devices.disconnected(audience.deviceId);
    });
    this.sendSnapshot(socket);
  }

  sendSnapshot(socket: FoleniSocket): void {
    const snapshot = this.snapshotFor(socket.data.audience);
    if (snapshot) socket.emit('queue:snapshot', snapshot);
    else socket.disconnect(true);
  }

  snapshotFor(audience: Audience): QueueSnapshot | null {
    const { state, devices } = this.deps;
    const stamp = { seq: this.seq, now: iso(this.deps.clock.now()) };
    switch (audience.kind) {
      case 'staff':
        return { kind: 'staff', ...stamp, ...state.staff(), ...(hasRole(audience.actor, 'manager') ? { devices: devices.list() } : {}) };
      case 'display': {
        const display = state.display(audience.deviceId);
        return display && { kind: 'display', ...stamp, ...display };
      }
      case 'kiosk':
        return { kind: 'kiosk', ...stamp, ...state.kiosk() };
      case 'tracker': {
        const tracker = state.tracker(audience.ticketId);
        return tracker && { kind: 'tracker', ...stamp, ...tracker };
      }
    }
  }

  // ---- pushes, called after each commit ----

  ticketChanged(n: TicketChangeNotice): void {
    this.seq = Math.max(this.seq, n.seq);
    const push = this.deps.state.ticketChange(n);
    const name = eventNameFor(n.change);
    // A room nobody is in gets nothing: no payload is built for it (a busy kiosk with no screens connected).
    const rooms = this.io.sockets.adapter.rooms;
    if (rooms.has('public')) this.io.to('public').emit(name, push.event);
    if (rooms.has('staff')) this.io.to('staff').emit(name, { ...push.event, full: push.full() });
    // Phone trackers see their own ticket in full and, of the other tickets in their line, only that one left
    // or joined it and where: enough to keep "N people ahead of you" right, nothing about who.
    const own = `ticket:${n.ticket.id}`;
    // The ticket's own trackers hear of it in full below, at the same seq.
    for (const { line, moved } of push.moves((l) => rooms.has(lineRoom(l)))) this.io.to(lineRoom(line)).except(own).emit('queue:moved', moved);
    if (!rooms.has(own)) return;
    this.io.to(own).emit(name, push.tracked());
    const sockets = this.io.in(own);
    for (const line of push.follow.leave) sockets.socketsLeave(lineRoom(line));
    if (push.follow.join) sockets.socketsJoin(lineRoom(push.follow.join));
  }

  /** A booking made, cancelled or checked in: staff screens (the Bookings page), without its phone. */
  appointmentChanged(change: 'booked' | 'cancelled' | 'checked_in', appointment: Appointment): void {
    const { phone: _phone, ...shown } = appointment;
    this.io.to('staff').emit('appointment:updated', { seq: this.seq, at: iso(this.deps.clock.now()), change, appointment: shown });
  }

  /** A called citizen is on the way: the clerk's card for that ticket says so (front desk, issue #18). */
  onMyWay(event: OnMyWay): void {
    this.io.to('staff').emit('ticket:onMyWay', { ...event, seq: this.seq });
  }

  counterChanged(n: CounterChangeNotice): void {
    this.seq = Math.max(this.seq, n.seq);
    const event: CounterEvent = { seq: n.seq, at: iso(n.at), counter: this.deps.state.counter(n.counter) };
    this.io.to('public').emit('counter:updated', event);
    this.io.to('staff').emit('counter:updated', { ...event, full: this.deps.state.staffCounter(n.counter) });
    this.paceOf(n.counter.serviceIds, n.seq, n.at);
  }

  /**
   * Trackers hear no counter events (a counter's name is not theirs to follow), yet whether any counter
   * serves their line decides what they are told: "about 12 minutes" or "no counter is serving this service".
   */
  private paceOf(serviceIds: readonly string[] | null, seq: number, at: number): void {
    const rooms = this.io.sockets.adapter.rooms;
    for (const { line, pace } of this.deps.state.paces(serviceIds, (l) => rooms.has(lineRoom(l)))) {
      const event: QueuePace = { seq, at: iso(at), ...pace };
      this.io.to(lineRoom(line)).emit('queue:pace', event);
    }
  }

  /** A user signed out, was deactivated, or had their password or role changed: their sockets must ask again. */
  disconnectUser(userId: string): void {
    this.io.in(`user:${userId}`).disconnectSockets(true);
  }

  /**
   * Closes every staff socket whose session no longer names its user: expired by the clock, signed out or
   * deleted, or the user deactivated. Run every `sessionCheckMs`; returns how many were closed.
   */
  dropEndedSessions(): number {
    let dropped = 0;
    for (const id of [...(this.io.sockets.adapter.rooms.get('staff') ?? [])]) {
      const socket = this.io.sockets.sockets.get(id);
      const audience = socket?.data.audience;
      if (!socket || audience?.kind !== 'staff') continue;
      const now = this.deps.sessions.resolve(socket.data.token);
      if (now.kind === 'user' && now.id === audience.actor.id) continue;
      socket.disconnect(true);
      dropped++;
    }
    return dropped;
  }

  /** A device's token was replaced or withdrawn. */
  disconnectDevice(deviceId: string): void {
    this.io.in(`device:${deviceId}`).disconnectSockets(true);
  }

  deviceChanged(device: Device): void {
    this.io.to('manager').emit('device:updated', { seq: this.seq, at: iso(this.deps.clock.now()), device });
    if (device.status === 'revoked') this.io.in(`device:${device.id}`).disconnectSockets(true);
    else if (device.kind === 'display') this.moveDisplay(device.id, device.zone);
  }

  /**
   * The admin moved a display to another zone: its open sockets get the new zone's snapshot at once, so the
   * hall's screen switches without a reload or a reconnect.
   */
  private moveDisplay(deviceId: string, zone: string): void {
    for (const id of this.io.sockets.adapter.rooms.get(`device:${deviceId}`) ?? []) {
      const socket = this.io.sockets.sockets.get(id);
      const audience = socket?.data.audience;
      if (!socket || audience?.kind !== 'display' || audience.zone === zone) continue;
      socket.data.audience = { ...audience, zone };
      this.sendSnapshot(socket);
    }
  }

  printChanged(update: PrintJobUpdate): void {
    const label = update.ticketRowid ? this.deps.state.ticketLabel(update.ticketRowid) : null;
    const event: PrintEvent = {
      seq: this.seq,
      at: iso(this.deps.clock.now()),
      jobId: update.jobId,
      deviceId: update.deviceId,
      label,
      status: update.status,
      attempts: update.attempts,
      error: update.error,
    };
    const rooms = ['staff', ...(update.deviceId ? [`device:${update.deviceId}`] : [])];
    this.io.to(rooms).emit('print:updated', event);
  }

  /** A citizen asked for help at a kiosk, or staff answered: every staff screen, and the kiosk itself. */
  helpChanged(request: HelpRequest): void {
    const event = { seq: this.seq, at: iso(this.deps.clock.now()), request };
    this.io.to(['staff', `device:${request.deviceId}`]).emit('kiosk:help', event);
  }

  /** After a configuration change: screens get a fresh snapshot rather than a list of edits. */
  async resnapshot(rooms: string[]): Promise<void> {
    const sockets = await this.io.in(rooms).fetchSockets();
    for (const s of sockets) {
      const snapshot = this.snapshotFor(s.data.audience);
      if (snapshot) s.emit('queue:snapshot', snapshot);
      else s.disconnect(true);
    }
  }

  /** Services or counters changed (or the centre): what is assigned where, and so each line's pace, too. */
  centreChanged(): void {
    void this.resnapshot(['public', 'staff']);
    this.paceOf(null, this.seq, this.deps.clock.now());
  }

  /** Name, notices, hours: trackers show them too, and need no more than this. */
  centreSettingsChanged(): void {
    this.io.emit('centre:updated', { seq: this.seq, at: iso(this.deps.clock.now()), centre: this.deps.state.centre() });
  }

  /**
   * Closes every socket's connection without a goodbye, so each client reconnects by itself (with back-off)
   * until a server answers: the next one after a restart. Does not wait for the HTTP server to close (Socket.IO
   * would wait for every keep-alive connection): http/http-shutdown.ts closes it.
   */
  close(): void {
    clearInterval(this.sessionTimer);
    void this.io.close();
  }
}

