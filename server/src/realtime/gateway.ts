// The socket gateway: authenticates each socket at the handshake, puts it in the rooms of its audience,
// sends it a snapshot, and turns committed changes into small events. The socket only pushes; every
// command is REST.
//
// Rooms: `public` (displays and kiosks: every ticket and counter change, public form; a display keeps to its
// zone's counters itself, and its snapshot holds only its zone's calls and services), `display:<zone>` (no
// event goes there yet: every public event carries the global seq, and a screen sent only its zone's share
// would see gaps and resync each time; kept so one zone's screens can be reached, upkept by moveDisplay),
// `kiosk`, `device:<id>` (its prints; closing or moving its sockets), `staff` (every change, full form),
// `user:<id>` (closing a user's sockets), `manager` (device and printer news), `ticket:<id>` (a phone
// tracker: its own ticket's changes, with `tracked`) and `line:<day>:<serviceId>` (trackers whose ticket is
// in that day's queue of that service: `queue:moved` and `queue:pace`, anonymous, never another ticket's
// event).
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Socket } from 'socket.io';
import type {
  ClientToServerEvents,
  CounterEvent,
  Device,
  PrintEvent,
  QueueMoved,
  QueuePace,
  QueueSnapshot,
  ServerToClientEvents,
  TicketEvent,
} from '@foleni/shared';
import { eventNameFor, SocketAuth } from '@foleni/shared';
import type { AppContext } from '../app-context.js';
import type { Actor } from '../auth/actor.js';
import { hasRole } from '../auth/actor.js';
import { iso } from '../clock.js';
import { tokenFrom } from '../http/auth.middleware.js';
import type { PrintJobUpdate } from '../printing/print.types.js';
import type { CounterChangeNotice, TicketChangeNotice } from '../queue/queue.service.js';
import { publicCounter } from '../queue/queue.views.js';
import type { QueueViews } from '../queue/queue.views.js';

export type Audience =
  | { kind: 'staff'; actor: Extract<Actor, { kind: 'user' }> }
  | { kind: 'display'; deviceId: string; zone: string }
  | { kind: 'kiosk'; deviceId: string }
  | { kind: 'tracker'; ticketId: string };

interface SocketData {
  audience: Audience;
}

export type FoleniServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type FoleniSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const RECENT_CALLS = 12;
const OPEN = new Set(['waiting', 'called', 'serving', 'no_show']);
/** The room of the trackers following a service's waiting line on a day (labels and lines restart daily). */
const lineRoom = (day: string, serviceId: string) => `line:${day}:${serviceId}`;

export class Gateway {
  readonly io: FoleniServer;
  private seq: number;

  constructor(
    httpServer: HttpServer,
    private readonly ctx: AppContext,
  ) {
    this.seq = ctx.repos.events.lastSeq();
    this.io = new Server(httpServer, {
      serveClient: false,
      // Phones on a weak signal: ping less often, wait longer before calling a client gone.
      pingInterval: 20_000,
      pingTimeout: 25_000,
      maxHttpBufferSize: 16 * 1024,
      connectionStateRecovery: undefined,
    });
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
   * Moves on to the event log's last seq after events were written without a push (the demo's past days,
   * seeded after start): snapshots behind the log would make the next push look like a gap to every screen.
   * Not done per snapshot: a snapshot sent between a commit and its pushes must not claim their seq.
   */
  catchUp(): void {
    this.seq = Math.max(this.seq, this.ctx.repos.events.lastSeq());
  }

  private authenticate(socket: FoleniSocket): Audience {
    const auth = SocketAuth.safeParse(socket.handshake.auth ?? {});
    if (!auth.success) throw new Error('invalid-auth');
    if ('ticketId' in auth.data) {
      const ticket = this.ctx.repos.tickets.byId(auth.data.ticketId);
      if (!ticket) throw new Error('unknown-ticket');
      return { kind: 'tracker', ticketId: ticket.id };
    }
    const token = 'token' in auth.data ? auth.data.token : tokenFrom({ cookie: socket.handshake.headers.cookie });
    const actor = this.ctx.auth.resolve(token);
    if (actor.kind === 'user') return { kind: 'staff', actor };
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
        // `display:<zone>` is kept for targeting one zone's screens (moveDisplay keeps it right); nothing is emitted to it yet.
        void socket.join(['public', `display:${audience.zone}`, `device:${audience.deviceId}`]);
        this.ctx.devices.connected(audience.deviceId);
        break;
      case 'kiosk':
        void socket.join(['public', 'kiosk', `device:${audience.deviceId}`]);
        this.ctx.devices.connected(audience.deviceId);
        break;
      case 'tracker': {
        // Only a ticket still in today's queue follows its service's line; an old or finished one just
        // gets its snapshot (labels restart each day, so yesterday's B001 must not hear today's).
        const ticket = this.ctx.repos.tickets.byId(audience.ticketId);
        if (ticket) void socket.join(`ticket:${ticket.id}`);
        if (ticket && ticket.day === this.ctx.centre.today() && OPEN.has(ticket.status)) void socket.join(lineRoom(ticket.day, ticket.serviceId));
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
      if (audience.kind === 'display' || audience.kind === 'kiosk') this.ctx.devices.disconnected(audience.deviceId);
    });
    this.sendSnapshot(socket);
  }

  sendSnapshot(socket: FoleniSocket): void {
    const snapshot = this.snapshotFor(socket.data.audience);
    if (snapshot) socket.emit('queue:snapshot', snapshot);
    else socket.disconnect(true);
  }

  snapshotFor(audience: Audience): QueueSnapshot | null {
    const { views, centre, repos, devices } = this.ctx;
    const ctx = views.context();
    const now = iso(this.ctx.clock.now());
    const c = centre.get();
    const publicCentre = { name: c.name, timezone: c.timezone, languages: c.languages, openingHours: c.openingHours, notices: c.notices };
    switch (audience.kind) {
      case 'staff':
        return {
          kind: 'staff',
          seq: this.seq,
          now,
          day: ctx.day,
          services: views.services(false, ctx),
          counters: views.counters(),
          tickets: views.openTickets(ctx),
          ...(hasRole(audience.actor, 'manager') ? { devices: devices.list() } : {}),
        };
      case 'display': {
        const device = repos.devices.get(audience.deviceId);
        if (!device || device.status !== 'active') return null;
        const counters = repos.counters.list().filter((x) => x.active && x.zone === device.zone);
        // The hall's waiting strip: only what the counters of this hall serve.
        const served = new Set(counters.flatMap((x) => x.serviceIds));
        return {
          kind: 'display',
          seq: this.seq,
          now,
          zone: device.zone,
          centre: publicCentre,
          services: views.services(true, ctx).filter((s) => served.has(s.id)),
          counters: counters.map(publicCounter),
          recentCalls: views.recentCalls(RECENT_CALLS, ctx, device.zone),
        };
      }
      case 'kiosk':
        return { kind: 'kiosk', seq: this.seq, now, centre: publicCentre, services: views.services(true, ctx) };
      case 'tracker': {
        const ticket = repos.tickets.byId(audience.ticketId);
        if (!ticket) return null;
        return {
          kind: 'tracker',
          seq: this.seq,
          now,
          ticket: views.publicTicket(ticket, ctx),
          waiting: views.waitingCount(ctx.day, ticket.serviceId),
          centre: publicCentre,
        };
      }
    }
  }

  // ---- pushes, called after each commit ----

  ticketChanged(n: TicketChangeNotice): void {
    this.seq = Math.max(this.seq, n.seq);
    const { views } = this.ctx;
    const ctx = views.context();
    const services = new Set([n.ticket.serviceId, ...(n.before ? [n.before.serviceId] : [])]);
    // Today's counts even when the change is to an older ticket (a day close expiring yesterday's).
    const waiting: Record<string, number> = {};
    for (const s of services) waiting[s] = views.waitingCount(ctx.day, s);
    const event: TicketEvent = {
      seq: n.seq,
      at: iso(n.at),
      change: n.change,
      ticket: views.publicState(n.ticket, ctx),
      before: n.before,
      waiting,
    };
    const name = eventNameFor(n.change);
    // A room nobody is in gets nothing: no payload is built for it (a busy kiosk with no screens connected).
    const rooms = this.io.sockets.adapter.rooms;
    if (rooms.has('public')) this.io.to('public').emit(name, event);
    if (rooms.has('staff')) this.io.to('staff').emit(name, { ...event, full: views.ticket(n.ticket, ctx) });
    this.trackersOf(n, name, event, ctx);
  }

  /**
   * Phone trackers see their own ticket in full and, of the other tickets in their line, only that one left
   * or joined it and where: enough to keep "N people ahead of you" right, nothing about who.
   */
  private trackersOf(n: TicketChangeNotice, name: ReturnType<typeof eventNameFor>, event: TicketEvent, ctx: ReturnType<QueueViews['context']>): void {
    const { views } = this.ctx;
    const rooms = this.io.sockets.adapter.rooms;
    const own = `ticket:${n.ticket.id}`;
    const line = views.lineChange(n.ticket, n.before);
    const at = iso(n.at);
    for (const [change, move] of [['left', line.left], ['joined', line.joined]] as const) {
      if (!move || !rooms.has(lineRoom(n.ticket.day, move.serviceId))) continue;
      const moved: QueueMoved = {
        seq: n.seq,
        at,
        serviceId: move.serviceId,
        change,
        place: move.place,
        waiting: line.waiting[move.serviceId] ?? 0,
        minutesEach: views.minutesEach(move.serviceId, ctx),
      };
      // The ticket's own trackers hear of it in full below, at the same seq.
      this.io.to(lineRoom(n.ticket.day, move.serviceId)).except(own).emit('queue:moved', moved);
    }
    if (!rooms.has(own)) return;
    this.io.to(own).emit(name, { ...event, waiting: line.waiting, tracked: views.publicTicket(n.ticket, ctx, line.ahead) });
    const sockets = this.io.in(own);
    if (n.before && n.before.serviceId !== n.ticket.serviceId) sockets.socketsLeave(lineRoom(n.ticket.day, n.before.serviceId));
    if (OPEN.has(n.ticket.status)) sockets.socketsJoin(lineRoom(n.ticket.day, n.ticket.serviceId));
    else sockets.socketsLeave(lineRoom(n.ticket.day, n.ticket.serviceId));
  }

  counterChanged(n: CounterChangeNotice): void {
    this.seq = Math.max(this.seq, n.seq);
    const event: CounterEvent = { seq: n.seq, at: iso(n.at), counter: publicCounter(n.counter) };
    this.io.to('public').emit('counter:updated', event);
    this.io.to('staff').emit('counter:updated', { ...event, full: this.ctx.views.counter(n.counter) });
    this.paceOf(n.counter.serviceIds, n.seq, n.at);
  }

  /**
   * Trackers hear no counter events (a counter's name is not theirs to follow), yet whether any counter
   * serves their line decides what they are told: "about 12 minutes" or "no counter is serving this service".
   */
  private paceOf(serviceIds: readonly string[], seq: number, at: number): void {
    const rooms = this.io.sockets.adapter.rooms;
    const { views } = this.ctx;
    const ctx = views.context();
    for (const serviceId of serviceIds) {
      const room = lineRoom(ctx.day, serviceId);
      if (!rooms.has(room)) continue;
      const pace: QueuePace = { seq, at: iso(at), serviceId, openCounters: ctx.openCounters(serviceId), minutesEach: ctx.minutesEach(serviceId) };
      this.io.to(room).emit('queue:pace', pace);
    }
  }

  /** A user signed out, was deactivated, or had their password or role changed: their sockets must ask again. */
  disconnectUser(userId: string): void {
    this.io.in(`user:${userId}`).disconnectSockets(true);
  }

  /** A device's token was replaced or withdrawn. */
  disconnectDevice(deviceId: string): void {
    this.io.in(`device:${deviceId}`).disconnectSockets(true);
  }

  deviceChanged(device: Device): void {
    this.io.to('manager').emit('device:updated', { seq: this.seq, at: iso(this.ctx.clock.now()), device });
    if (device.status === 'revoked') this.io.in(`device:${device.id}`).disconnectSockets(true);
    else if (device.kind === 'display') this.moveDisplay(device.id, device.zone);
  }

  /**
   * The admin moved a display to another zone: its open sockets change rooms and get the new zone's
   * snapshot at once, so the hall's screen switches without a reload or a reconnect.
   */
  private moveDisplay(deviceId: string, zone: string): void {
    for (const id of this.io.sockets.adapter.rooms.get(`device:${deviceId}`) ?? []) {
      const socket = this.io.sockets.sockets.get(id);
      const audience = socket?.data.audience;
      if (!socket || audience?.kind !== 'display' || audience.zone === zone) continue;
      void socket.leave(`display:${audience.zone}`);
      void socket.join(`display:${zone}`);
      socket.data.audience = { ...audience, zone };
      this.sendSnapshot(socket);
    }
  }

  printChanged(update: PrintJobUpdate): void {
    const label = update.ticketRowid ? (this.ctx.repos.tickets.byRowid(update.ticketRowid)?.label ?? null) : null;
    const event: PrintEvent = {
      seq: this.seq,
      at: iso(this.ctx.clock.now()),
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
    this.paceOf(
      this.ctx.repos.services.list().map((s) => s.id),
      this.seq,
      this.ctx.clock.now(),
    );
  }

  /** Name, notices, hours: trackers show them too, and need no more than this. */
  centreSettingsChanged(): void {
    const c = this.ctx.centre.get();
    const centre = { name: c.name, timezone: c.timezone, languages: c.languages, openingHours: c.openingHours, notices: c.notices };
    this.io.emit('centre:updated', { seq: this.seq, at: iso(this.ctx.clock.now()), centre });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.io.close(() => resolve());
    });
  }
}

