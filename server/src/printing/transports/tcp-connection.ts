// One TCP connection to a raw (port 9100) printer, with every wait bounded and every failure a readable sentence.
import { Socket } from 'node:net';
import { PrintError } from '../print-error.js';

interface PendingRead {
  resolve(byte: number): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/** The printer kept the connection open but did not answer in time. */
export class NoAnswer extends PrintError {
  constructor(
    message: string,
    readonly waitedMs: number,
  ) {
    super(message, 'offline');
  }
}

export class TcpConnection {
  private readonly received: number[] = [];
  private pending: PendingRead | null = null;
  private failure: PrintError | null = null;

  private constructor(
    private readonly socket: Socket,
    private readonly url: string,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.received.push(...chunk);
      this.settle();
    });
    socket.on('error', (err: NodeJS.ErrnoException) => this.fail(`connection to printer at ${url} failed: ${err.code ?? err.message}`));
    socket.on('close', () => this.fail(`printer at ${url} closed the connection before answering`));
  }

  /** Connects, or fails after `connectMs`, or at once when `signal` aborts (the print service is closing). */
  static open(host: string, port: number, url: string, connectMs: number, signal: AbortSignal): Promise<TcpConnection> {
    if (signal.aborted) return Promise.reject(new PrintError(`printing to ${url} stopped`, null));
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      const stop = (): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(new PrintError(`printing to ${url} stopped`, null));
      };
      signal.addEventListener('abort', stop, { once: true });
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', stop);
        socket.destroy();
        reject(new PrintError(`printer at ${url} did not accept a connection within ${connectMs} ms`, 'offline'));
      }, connectMs);
      socket.once('error', (err: NodeJS.ErrnoException) => {
        signal.removeEventListener('abort', stop);
        clearTimeout(timer);
        socket.destroy();
        reject(new PrintError(`could not connect to printer at ${url}: ${connectError(err)}`, 'offline'));
      });
      socket.connect({ host, port }, () => {
        signal.removeEventListener('abort', stop);
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.setNoDelay(true);
        resolve(new TcpConnection(socket, url));
      });
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.socket.write(bytes, (err) => (err ? reject(this.failure ?? new PrintError(`could not send to printer at ${this.url}: ${err.message}`, 'offline')) : resolve()));
    });
  }

  /** The next byte the printer sends, or a PrintError after `timeoutMs`. */
  readByte(timeoutMs: number): Promise<number> {
    if (this.pending) return Promise.reject(new Error('one read at a time'));
    const ready = this.received.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = null;
        reject(new NoAnswer(`no answer from printer at ${this.url} within ${timeoutMs} ms`, timeoutMs));
      }, timeoutMs);
      this.pending = { resolve, reject, timer };
    });
  }

  /** Drops the connection; a read waiting for the printer fails now, not when its timeout runs out. */
  close(): void {
    this.socket.destroy();
    this.fail(`connection to printer at ${this.url} was closed`, null);
  }

  private settle(): void {
    const pending = this.pending;
    const byte = this.received[0];
    if (!pending || byte === undefined) return;
    this.received.shift();
    this.pending = null;
    clearTimeout(pending.timer);
    pending.resolve(byte);
  }

  private fail(message: string, status: 'offline' | null = 'offline'): void {
    this.failure ??= new PrintError(message, status);
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    clearTimeout(pending.timer);
    pending.reject(this.failure);
  }
}

function connectError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is it switched on?)';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'no route to it (check the network cable and its address)';
    case 'ENOTFOUND':
      return 'unknown host name';
    default:
      return err.code ?? err.message;
  }
}
