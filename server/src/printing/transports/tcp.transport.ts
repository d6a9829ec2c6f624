// A network printer on raw TCP (port 9100): status from DLE EOT before each job, completion from GS r 1 after it.
import type { PrinterStatus } from '@foleni/shared';
import {
  canPrint,
  dleEot,
  GS_R_1,
  paperSensorOfGsR,
  printerStatusOf,
  statusSentence,
  type RealtimeStatus,
} from '../escpos-status.js';
import { PrintError, errorMessage } from '../print-error.js';
import { NoAnswer, TcpConnection } from './tcp-connection.js';
import type { PrintTimeouts, PrintTransport, TransportJob, TransportResult } from './transport.types.js';

const CHECK_PAPER = 'check the ticket came out, reprint it if not';

export class TcpTransport implements PrintTransport {
  // Printers take one connection at a time: a status poll and a job must never overlap.
  private queue: Promise<unknown> = Promise.resolve();
  private readonly open = new Set<TcpConnection>();
  // Aborts a connection still being made when the service closes.
  private readonly closing = new AbortController();

  constructor(
    readonly url: string,
    private readonly host: string,
    private readonly port: number,
    private readonly timeouts: PrintTimeouts,
  ) {}

  print(job: TransportJob): Promise<TransportResult> {
    return this.exclusive(async (conn) => {
      const before = await this.realtimeStatus(conn);
      if (!canPrint(before)) throw new PrintError(statusSentence(before), before);
      // From the first byte of the job on, the ticket may come out whatever happens next: a failure is
      // `sent`, never retried by itself, or a printer that does not confirm would print every ticket again.
      try {
        await conn.write(job.bytes);
      } catch (err) {
        throw new PrintError(
          `the connection to the printer at ${this.url} broke while the ticket was being sent (${errorMessage(err)}); ${CHECK_PAPER}`,
          'offline',
          { sent: true },
        );
      }
      // The printer answers GS r only once everything before it is printed, so the reply is the receipt's
      // delivery note. One that stops mid-job (paper ran out) stays silent until it can go on, and many
      // cheap printers never answer GS r at all: either way the ticket may be out, or come out later.
      let reply: number;
      try {
        await conn.write(GS_R_1);
        reply = await conn.readByte(this.timeouts.jobReplyMs);
      } catch (err) {
        const why = err instanceof NoAnswer ? `no answer within ${err.waitedMs} ms` : errorMessage(err);
        throw new PrintError(`sent to the printer at ${this.url} but it did not confirm printing (${why}); ${CHECK_PAPER}`, null, { sent: true });
      }
      const paper = paperSensorOfGsR(reply);
      if (paper === 'end') throw new PrintError(`sent to the printer at ${this.url}, which then reported its paper out; ${CHECK_PAPER}`, 'paper_out', { sent: true });
      const status: PrinterStatus = paper === 'near_end' || before === 'paper_near_end' ? 'paper_near_end' : 'online';
      return { outcome: 'done', status };
    });
  }

  readStatus(): Promise<PrinterStatus> {
    return this.exclusive((conn) => this.realtimeStatus(conn));
  }

  close(): void {
    this.closing.abort();
    for (const conn of this.open) conn.close();
    this.open.clear();
  }

  private async realtimeStatus(conn: TcpConnection): Promise<PrinterStatus> {
    const ask = async (n: 1 | 2 | 4): Promise<number> => {
      await conn.write(dleEot(n));
      return conn.readByte(this.timeouts.statusReplyMs);
    };
    const status: RealtimeStatus = { printer: await ask(1), offlineCause: await ask(2), paper: await ask(4) };
    return printerStatusOf(status);
  }

  private exclusive<T>(work: (conn: TcpConnection) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      // Work queued behind the lock when the service closed must not open a new connection.
      const conn = await TcpConnection.open(this.host, this.port, this.url, this.timeouts.connectMs, this.closing.signal);
      // …nor use one that connected after the service closed.
      if (this.closing.signal.aborted) conn.close();
      this.open.add(conn);
      try {
        return await work(conn);
      } finally {
        this.open.delete(conn);
        conn.close();
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
