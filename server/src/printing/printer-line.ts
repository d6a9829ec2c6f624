// One printer's line of jobs: printed in order, one at a time, retried with back-off until any of a job was
// sent; its status polled while idle and every change reported. The print service owns one line per printer URL.
import type { PrinterProblem, PrinterStatus } from '@foleni/shared';
import type { Clock } from '../clock.js';
import { canPrint } from './escpos-status.js';
import { PrintError, errorMessage, problemOf } from './print-error.js';
import type { PrintJobKind, StoredJobStatus } from './print-job.repository.js';
import type { PrintLog } from './print-log.js';
import type { PrintTransport } from './transports/transport.types.js';

export interface QueuedJob {
  id: number;
  ticketRowid: number | null;
  deviceId: string;
  kind: PrintJobKind;
  printerUrl: string;
  /** Kept in memory only: a job that outlives the process is failed at the next start. */
  bytes: Uint8Array;
  createdAt: number;
  attempts: number;
  status: StoredJobStatus;
  lastError: string | null;
}

/** What a line needs from the service that owns it. */
export interface PrinterLineHost {
  clock: Clock;
  log: PrintLog;
  attempts: number;
  backoffMs: number;
  maxJobAgeMs: number;
  statusPollMs: number;
  setJob(job: QueuedJob, status: StoredJobStatus, error: string | null): void;
  printerStatusChanged(line: PrinterLine, status: PrinterStatus, deviceIds: Iterable<string>): void;
}

export class PrinterLine {
  status: PrinterStatus;
  /** Why it last could not print, while its status says it cannot; staff are never told "offline" alone. */
  problem: PrinterProblem | null = null;
  private readonly devices = new Set<string>();
  /** Waiting jobs in the order they will print; the one printing (`current`) stays first until it ends. */
  private readonly queue: QueuedJob[] = [];
  private current: QueuedJob | null = null;
  private worker: Promise<void> | null = null;
  private polling: Promise<void> | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private readonly sleeps = new Map<NodeJS.Timeout, () => void>();
  private closed = false;

  constructor(
    private readonly transport: PrintTransport,
    private readonly host: PrinterLineHost,
  ) {
    this.status = transport.url === 'preview' ? 'preview' : 'unknown';
  }

  get url(): string {
    return this.transport.url;
  }

  /** No device uses it and it has nothing left to print. */
  get unused(): boolean {
    return this.devices.size === 0 && this.queue.length === 0 && this.worker === null;
  }

  jobIds(): number[] {
    return this.queue.map((job) => job.id);
  }

  /** The running worker, or null when the line is idle. */
  idle(): Promise<void> | null {
    return this.worker;
  }

  addDevice(deviceId: string): void {
    this.devices.add(deviceId);
    if (this.status !== 'unknown') this.host.printerStatusChanged(this, this.status, [deviceId]);
    this.startPolling();
  }

  removeDevice(deviceId: string): void {
    this.devices.delete(deviceId);
    if (this.devices.size === 0) this.stopPolling();
  }

  /**
   * Adds a job to the line. A reprint goes to the end; any other job (a citizen's new ticket, a test page)
   * goes before the reprints still waiting, so a flood of reprints never holds up the person at the kiosk.
   */
  push(job: QueuedJob): void {
    const before = job.kind === 'reprint' ? -1 : this.queue.findIndex((j) => j !== this.current && j.kind === 'reprint');
    if (before < 0) this.queue.push(job);
    else this.queue.splice(before, 0, job);
    if (this.worker || this.closed) return;
    // Started after the caller's synchronous work: it answers with the job as stored (queued), and the jobs a
    // batch's commit starts together all join the line before the first is sent.
    this.worker = Promise.resolve()
      .then(() => this.drain())
      .catch((err: unknown) => this.host.log.error('print worker stopped on an unexpected error', { printer: this.url, error: errorMessage(err) }))
      .finally(() => {
        this.worker = null;
      });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopPolling();
    for (const [timer, wake] of this.sleeps) {
      clearTimeout(timer);
      wake();
    }
    this.sleeps.clear();
    this.transport.close();
    await Promise.all([this.worker, this.polling]);
  }

  private async drain(): Promise<void> {
    for (let job = this.queue[0]; job && !this.closed; job = this.queue[0]) {
      this.current = job;
      try {
        await this.run(job);
      } finally {
        this.current = null;
      }
      this.queue.splice(this.queue.indexOf(job), 1);
    }
  }

  private async run(job: QueuedJob): Promise<void> {
    const preview = this.url === 'preview';
    // A preview job is `preview` from the start (the kiosk shows the ticket at once); only failure changes it.
    const working: StoredJobStatus = preview ? 'preview' : 'printing';
    const waiting: StoredJobStatus = preview ? 'preview' : 'queued';
    const fields = { jobId: job.id, ticketRowid: job.ticketRowid, deviceId: job.deviceId, printer: this.url };
    for (;;) {
      if (this.closed) return;
      const age = this.host.clock.now() - job.createdAt;
      if (age > this.host.maxJobAgeMs) {
        const error = `not printed: its turn came ${Math.round(age / 1000)} s after it was issued, too late for the person at the kiosk; reprint it if it is still needed`;
        this.host.log.warn('print job too old to print', { ...fields, error });
        this.host.setJob(job, 'failed', error);
        return;
      }
      job.attempts++;
      this.host.setJob(job, working, job.lastError);
      try {
        const result = await this.transport.print({ jobId: String(job.id), bytes: job.bytes });
        if (this.closed) return;
        this.setStatus(result.status, job.deviceId);
        this.host.setJob(job, result.outcome, null);
        return;
      } catch (err) {
        if (this.closed) return;
        const error = errorMessage(err);
        // Only printer trouble is worth another try, and only while none of the job reached the printer: once
        // it has, another try could print the ticket twice. Anything else is a bug that would fail the same way.
        const printerTrouble = err instanceof PrintError;
        const retryable = printerTrouble && !err.sent;
        if (printerTrouble && err.printerStatus) this.setStatus(err.printerStatus, job.deviceId, problemOf(err));
        const last = !retryable || job.attempts >= this.host.attempts;
        this.host.log[printerTrouble ? 'warn' : 'error']('print attempt failed', {
          ...fields,
          attempt: job.attempts,
          willRetry: !last,
          sent: printerTrouble && err.sent,
          error,
        });
        if (last) {
          this.host.setJob(job, 'failed', error);
          return;
        }
        this.host.setJob(job, waiting, error);
        await this.sleep(this.host.backoffMs * 2 ** (job.attempts - 1));
      }
    }
  }

  private setStatus(status: PrinterStatus, deviceId: string | null, problem: PrinterProblem | null = null): void {
    const kept = canPrint(status) || status === 'unknown' || status === 'preview' ? null : problem;
    if ((status === this.status && kept?.detail === this.problem?.detail) || this.closed) return;
    this.host.log.info('printer status changed', { printer: this.url, from: this.status, to: status, reason: kept?.detail });
    this.status = status;
    this.problem = kept;
    const targets = new Set(this.devices);
    if (deviceId) targets.add(deviceId);
    this.host.printerStatusChanged(this, status, targets);
  }

  private startPolling(): void {
    if (this.pollTimer || this.closed || !this.transport.readStatus || this.host.statusPollMs <= 0) return;
    void this.poll();
    this.pollTimer = setInterval(() => void this.poll(), this.host.statusPollMs);
    // Polling alone must not keep a process (or a test run) alive.
    this.pollTimer.unref();
  }

  private stopPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  private async poll(): Promise<void> {
    const read = this.transport.readStatus?.bind(this.transport);
    // A job in progress reports status itself, and a printer takes one connection at a time.
    if (!read || this.worker || this.polling || this.closed) return;
    this.polling = (async () => {
      let status: PrinterStatus;
      let problem: PrinterProblem | null = null;
      try {
        status = await read();
      } catch (err) {
        problem = problemOf(err);
        status = err instanceof PrintError && err.printerStatus ? err.printerStatus : 'offline';
      }
      // A printer that cannot say (a USB one without a back channel) but printed its last job is still ready.
      if (status === 'unknown' && canPrint(this.status)) return;
      if (!this.worker) this.setStatus(status, null, problem);
    })();
    try {
      await this.polling;
    } finally {
      this.polling = null;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleeps.delete(timer);
        resolve();
      }, ms);
      this.sleeps.set(timer, resolve);
    });
  }
}
