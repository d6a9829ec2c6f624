// Closing the HTTP side in seconds. Node's own server.close() stops listening but then waits for every
// connection to end by itself: a keep-alive connection a screen goes on using, a request that streams for
// minutes, a WebSocket whose closing handshake needs an answer from a phone that left the Wi-Fi. Until then
// the process holds the data folder's lock, and the next server cannot start (see docs/architecture.md, "Stopping").
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError } from '../errors.js';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

const SHUTTING_DOWN = new AppError(503, 'shutting-down', 'The server is restarting. Try again in a few seconds.');

export class HttpShutdown {
  private stopping = false;
  /** Connections taken over by WebSockets: Node's HTTP server no longer counts them as its own. */
  private readonly upgraded = new Set<Duplex>();

  /**
   * Puts one gate in front of the server's request listeners. Call it once every listener is attached
   * (Socket.IO replaces the listeners it finds when it attaches), so that its requests pass the gate too.
   */
  constructor(private readonly server: HttpServer) {
    const listeners = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      // Nothing is kept per request: a 'close' listener on every response cost issuing a ticket ~45 µs of
      // CPU (265 → 223 µs in `npm run bench -- --only=issuing`). Requests in flight are found at close time.
      if (this.stopping) {
        refuse(res);
        return;
      }
      for (const listener of listeners) listener.call(server, req, res);
    });
    server.prependListener('upgrade', (_req: IncomingMessage, socket: Duplex) => {
      if (this.stopping) {
        socket.destroy();
        return;
      }
      this.upgraded.add(socket);
      socket.once('close', () => this.upgraded.delete(socket));
    });
  }

  get closing(): boolean {
    return this.stopping;
  }

  /**
   * Stops listening and refuses new requests (503 `shutting-down`, then the connection closes) at once; the
   * requests in flight get `graceMs` to be answered, each closing its connection after; then every
   * connection left, idle, busy or upgraded, is closed. Resolves when the server has closed.
   */
  async close(graceMs: number): Promise<void> {
    this.stopping = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // A connection is idle between requests: each turn closes those whose request has been answered, until
    // only WebSockets are left or the grace is over.
    const until = Date.now() + graceMs;
    for (;;) {
      this.server.closeIdleConnections();
      const open = await new Promise<number>((resolve) => this.server.getConnections((_e, n) => resolve(n ?? 0)));
      if (open <= this.upgraded.size || Date.now() >= until) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    this.server.closeAllConnections();
    for (const socket of this.upgraded) socket.destroy();
    await closed;
  }
}

function refuse(res: ServerResponse): void {
  res.shouldKeepAlive = false;
  res.writeHead(SHUTTING_DOWN.status, { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '5', Connection: 'close' });
  res.end(JSON.stringify({ error: { code: SHUTTING_DOWN.code, message: SHUTTING_DOWN.message } }));
}
