// A network receipt printer in software: it speaks raw TCP like an Epson-class printer on port 9100, answers
// DLE EOT and GS r with the real status bytes, and can be put out of paper, opened, switched off or struck
// dumb while it runs. Tests, the demo and the `fake-printer` command use it.
import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { PrinterStatus } from '@foleni/shared';
import { decodeEscPos } from '@foleni/server/printing/escpos-text.js';
import { canPrint, gsRReplyFor, realtimeStatusFor, DLE_EOT_FIXED } from '@foleni/server/printing/escpos-status.js';
import { PrinterConnection, type FinishedJob } from './printer-connection.js';

export const FAKE_PRINTER_MODES = ['online', 'offline', 'paper_out', 'paper_near_end', 'cover_open', 'silent', 'ignores_gs_r'] as const;
/**
 * `silent`: takes and prints bytes but answers nothing, like a printer whose back channel is broken.
 * `ignores_gs_r`: answers DLE EOT and prints, but never answers GS r, like many cheap printers.
 */
export type FakePrinterMode = (typeof FAKE_PRINTER_MODES)[number];

export interface ReceivedJob {
  /** 1 for the first job this printer printed. */
  index: number;
  bytes: Uint8Array;
  text: string;
  qrCodes: string[];
  cuts: number;
  at: number;
}

export interface FakePrinterEvents {
  job: [job: ReceivedJob];
  /** A DLE EOT request and the reply given (null when silent). */
  'status-query': [query: { n: number; reply: number | null }];
  mode: [mode: FakePrinterMode];
  connection: [];
}

export interface FakePrinterOptions {
  host?: string;
  /** 0 (the default) picks a free port; a restart keeps the one picked. */
  port?: number;
  mode?: FakePrinterMode;
  /** How long "printing" a job takes before GS r is answered. */
  printMs?: number;
}

export class FakePrinter extends EventEmitter<FakePrinterEvents> {
  readonly jobs: ReceivedJob[] = [];
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  /** Jobs received while the printer could not print: a real one keeps them in its buffer. */
  private held: FinishedJob[] = [];
  private currentMode: FakePrinterMode;
  /** Bumped by stop(): connections of an earlier power cycle are dead even if their sockets close late. */
  private generation = 0;
  private currentPort: number;
  private readonly host: string;
  private readonly printMs: number;

  constructor(opts: FakePrinterOptions = {}) {
    super();
    this.host = opts.host ?? '127.0.0.1';
    this.currentPort = opts.port ?? 0;
    this.currentMode = opts.mode ?? 'online';
    this.printMs = opts.printMs ?? 0;
  }

  get port(): number {
    return this.currentPort;
  }

  get url(): string {
    return `tcp://${this.host === '0.0.0.0' ? '127.0.0.1' : this.host}:${this.currentPort}`;
  }

  get mode(): FakePrinterMode {
    return this.currentMode;
  }

  get listening(): boolean {
    return this.server !== null;
  }

  /** Starts listening; resolves with the port. */
  start(): Promise<number> {
    if (this.server) return Promise.resolve(this.currentPort);
    const server = createServer((socket) => this.accept(socket));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.currentPort, this.host, () => {
        server.off('error', reject);
        const address = server.address();
        if (address && typeof address === 'object') this.currentPort = address.port;
        this.server = server;
        resolve(this.currentPort);
      });
    });
  }

  /** Switched off: connections are refused, open ones dropped, and what was in its buffer is lost. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.generation++;
    this.held = [];
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  setMode(mode: FakePrinterMode): void {
    this.currentMode = mode;
    this.emit('mode', mode);
    this.printHeld();
  }

  /** Resolves with the jobs once `count` were printed in all; rejects after `timeoutMs`. */
  waitForJobs(count: number, timeoutMs = 5000): Promise<ReceivedJob[]> {
    if (this.jobs.length >= count) return Promise.resolve(this.jobs.slice());
    return new Promise((resolve, reject) => {
      const onJob = (): void => {
        if (this.jobs.length < count) return;
        cleanup();
        resolve(this.jobs.slice());
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`the fake printer printed ${this.jobs.length} of ${count} jobs within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.off('job', onJob);
      };
      this.on('job', onJob);
    });
  }

  private get status(): PrinterStatus {
    return this.currentMode === 'silent' || this.currentMode === 'ignores_gs_r' ? 'online' : this.currentMode;
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    this.emit('connection');
    const generation = this.generation;
    new PrinterConnection(socket, {
      realtimeStatus: (n) => {
        if (generation !== this.generation) return null;
        const reply = this.currentMode === 'silent' ? null : this.realtimeReply(n);
        this.emit('status-query', { n, reply });
        return reply;
      },
      finished: (job) => {
        if (generation !== this.generation) return;
        this.held.push(job);
        this.printHeld();
      },
    });
  }

  private realtimeReply(n: number): number {
    const replies = realtimeStatusFor(this.status);
    if (n === 1) return replies.printer;
    if (n === 2) return replies.offlineCause;
    if (n === 4) return replies.paper;
    // DLE EOT 3 (error cause) and others: nothing to report.
    return DLE_EOT_FIXED;
  }

  // A printer that cannot print keeps jobs, and GS r unanswered, until it can: that is how a real one
  // behaves when someone loads paper or shuts the cover.
  private printHeld(): void {
    while (this.held.length > 0 && (this.currentMode === 'silent' || canPrint(this.status))) {
      const job = this.held.shift();
      if (!job) break;
      if (job.printable) this.record(job.bytes);
      const n = job.transmitStatus;
      if (n === null || this.currentMode === 'silent' || this.currentMode === 'ignores_gs_r') continue;
      // GS r 1 is the paper sensor; GS r 2 (drawer) has nothing connected here.
      const reply = Uint8Array.of(n === 1 ? gsRReplyFor(this.status) : 0x00);
      const answer = (): void => {
        if (!job.socket.destroyed) job.socket.write(reply);
      };
      if (this.printMs > 0) setTimeout(answer, this.printMs);
      else answer();
    }
  }

  private record(bytes: Uint8Array): void {
    const decoded = decodeEscPos(bytes);
    const job: ReceivedJob = { index: this.jobs.length + 1, bytes, ...decoded, at: Date.now() };
    this.jobs.push(job);
    this.emit('job', job);
  }
}
