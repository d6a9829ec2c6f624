// One client connection to the fake printer: splits the byte stream into commands, answers real-time status
// requests at once, and hands each finished job (ended by GS r, or by the client hanging up) to the printer.
import type { Socket } from 'node:net';
import { readToken } from '@foleni/server/printing/escpos-tokens.js';

export interface FinishedJob {
  /** Everything but the status requests. */
  bytes: Uint8Array;
  /** False for a connection that only asked for status: nothing comes out of the printer. */
  printable: boolean;
  /** The `n` of the GS r that ended the job, to answer once it is printed; null when the client hung up. */
  transmitStatus: number | null;
  socket: Socket;
}

export interface ConnectionHandlers {
  /** DLE EOT n: the reply byte, or null to stay silent. */
  realtimeStatus(n: number): number | null;
  finished(job: FinishedJob): void;
}

const VISIBLE = new Set(['text', 'qr-print', 'barcode', 'image', 'cut']);

export class PrinterConnection {
  private pending = new Uint8Array(0);
  private job: number[] = [];
  private printable = false;

  constructor(
    readonly socket: Socket,
    private readonly handlers: ConnectionHandlers,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => {
      if (this.printable) this.finish(null);
    });
    // A client that vanishes is the client's problem, not the printer's.
    socket.on('error', () => undefined);
  }

  private receive(chunk: Buffer): void {
    const buf = new Uint8Array(this.pending.length + chunk.length);
    buf.set(this.pending);
    buf.set(chunk, this.pending.length);
    let at = 0;
    for (let read = readToken(buf, at); read; read = readToken(buf, at)) {
      const { token, end } = read;
      if (token.type === 'realtime-status') {
        const reply = this.handlers.realtimeStatus(token.n);
        if (reply !== null && !this.socket.destroyed) this.socket.write(Uint8Array.of(reply));
      } else if (token.type === 'transmit-status') {
        this.finish(token.n);
      } else {
        this.job.push(...buf.subarray(at, end));
        if (VISIBLE.has(token.type)) this.printable = true;
      }
      at = end;
    }
    this.pending = buf.slice(at);
  }

  private finish(transmitStatus: number | null): void {
    const job: FinishedJob = { bytes: Uint8Array.from(this.job), printable: this.printable, transmitStatus, socket: this.socket };
    this.job = [];
    this.printable = false;
    this.handlers.finished(job);
  }
}
