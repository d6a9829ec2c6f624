// Gets tickets onto paper without ever holding up the ticket: jobs are stored, then printed in the background,
// one at a time per printer, retried a bounded number of times; every status change is reported. Preview files
// are kept a week.
import type { PrinterProblem, PrinterSettings, PrinterStatus, PrintJobStatus, PrintResult } from '@foleni/shared';
import type { Clock } from '../clock.js';
import type { Db } from '../db/db.js';
import type { Tx } from '../db/write-queue.js';
import { errorMessage } from './print-error.js';
import { PrintJobRepository, toJobUpdate, type PrintJobKind, type StoredJobStatus } from './print-job.repository.js';
import { consolePrintLog, type PrintLog } from './print-log.js';
import type { PrinterStatusUpdate, PrintJobUpdate, SubmitPrint } from './print.types.js';
import { PrinterLine, type PrinterLineHost, type QueuedJob } from './printer-line.js';
import { renderTestPage } from './test-page-receipt.js';
import { renderTicket } from './ticket-receipt.js';
import { createTransport } from './transports/create-transport.js';
import { previewDir, prunePreviews } from './transports/preview.transport.js';
import { DEFAULT_TIMEOUTS, type PrintTimeouts } from './transports/transport.types.js';

export interface PrintServiceOptions {
  db: Db;
  clock: Clock;
  /** Preview files go to `<dataDir>/previews/`. */
  dataDir: string;
  onPrinterStatus(update: PrinterStatusUpdate): void;
  /** Attempts per job (first try included) and the first back-off, doubled after each failure. */
  retry?: { attempts: number; backoffMs: number };
  /** How often an idle network printer is asked for its status; 0 turns polling off. */
  statusPollMs?: number;
  timeouts?: Partial<PrintTimeouts>;
  /**
   * A job whose turn comes later than this after it was issued fails instead of printing: a ticket that
   * comes out minutes late at a kiosk is taken by the wrong person.
   */
  maxJobAgeMs?: number;
  /**
   * Preview files older than `maxAgeMs` are deleted when the service starts and then every `everyMs`
   * (0: only at start), at most `limit` per run.
   */
  previewRetention?: Partial<PreviewRetention>;
  log?: PrintLog;
}

export interface PreviewRetention {
  maxAgeMs: number;
  everyMs: number;
  limit: number;
}

export interface TestPageOptions {
  deviceName?: string;
  centreName?: string;
  timezone?: string;
}

const DAY_MS = 24 * 60 * 60_000;
const DEFAULTS = {
  retry: { attempts: 3, backoffMs: 1000 },
  statusPollMs: 5000,
  maxJobAgeMs: 60_000,
  // A week of previews is enough for support to look into a complaint; a busy centre makes ~10,000 a day.
  previewRetention: { maxAgeMs: 7 * DAY_MS, everyMs: DAY_MS, limit: 50_000 },
};
const INTERRUPTED = 'the server stopped before this job was printed; reprint the ticket if it is still needed';

export class PrintService {
  private readonly jobs: PrintJobRepository;
  private readonly lines = new Map<string, PrinterLine>();
  /** deviceId → printer URL, for devices the server told us about. */
  private readonly registered = new Map<string, string>();
  private readonly jobListeners: ((update: PrintJobUpdate) => void)[] = [];
  /** Callers waiting for a job's end (a test print answered with its outcome), by job id. */
  private readonly waiters = new Map<string, (update: PrintJobUpdate) => void>();
  private readonly timeouts: PrintTimeouts;
  private readonly log: PrintLog;
  private readonly host: PrinterLineHost;
  private readonly retention: PreviewRetention;
  private pruning: Promise<void> | null = null;
  private pruneTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly opts: PrintServiceOptions) {
    this.jobs = new PrintJobRepository(opts.db);
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
    this.log = opts.log ?? consolePrintLog;
    const retry = opts.retry ?? DEFAULTS.retry;
    this.host = {
      clock: opts.clock,
      log: this.log,
      attempts: Math.max(1, retry.attempts),
      backoffMs: retry.backoffMs,
      maxJobAgeMs: opts.maxJobAgeMs ?? DEFAULTS.maxJobAgeMs,
      statusPollMs: opts.statusPollMs ?? DEFAULTS.statusPollMs,
      setJob: (job, status, error) => this.setJob(job, status, error),
      printerStatusChanged: (line, status, extraDeviceId) => this.reportStatus(line, status, extraDeviceId),
    };
    this.retention = { ...DEFAULTS.previewRetention, ...opts.previewRetention };
    void this.prunePreviews();
    if (this.retention.everyMs > 0) {
      this.pruneTimer = setInterval(() => void this.prunePreviews(), this.retention.everyMs);
      // Housekeeping alone must not keep a process (or a test run) alive.
      this.pruneTimer.unref();
    }
  }

  /** Tells `listener` of every job's status changes, from the moment the job's row is committed. */
  onJob(listener: (update: PrintJobUpdate) => void): void {
    this.jobListeners.push(listener);
  }

  /** Deletes preview files past their retention; one run at a time, never throws. Resolves when done. */
  prunePreviews(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.pruning ??= (async () => {
      const dir = previewDir(this.opts.dataDir);
      try {
        const { maxAgeMs, limit } = this.retention;
        const removed = await prunePreviews(dir, { olderThanMs: maxAgeMs, now: Date.now(), limit });
        if (removed > 0) this.log.info('deleted old ticket previews', { dir, removed, more: removed >= limit });
      } catch (err) {
        this.log.warn('could not delete old ticket previews', { dir, error: errorMessage(err) });
      } finally {
        this.pruning = null;
      }
    })();
    return this.pruning;
  }

  /** Stores a print job for a ticket and returns at once; printing happens in the background. Never throws. */
  submit(job: SubmitPrint): PrintResult {
    return this.enqueue(job.deviceId, job.ticketRowid, job.printer, 'ticket', ticketBytes(job));
  }

  /**
   * Stores a new ticket's print job in the ticket's own write: the job starts once that write commits, and a
   * rolled-back write leaves neither row nor job. A printer problem gives a failed job, never a throw; a row
   * that cannot be written throws, so that the ticket is not answered without its job.
   */
  submitWithin(tx: Pick<Tx, 'afterCommit'>, job: SubmitPrint): PrintResult {
    const draft = this.draft(job.deviceId, job.ticketRowid, job.printer, 'ticket', ticketBytes(job));
    const stored = this.store(draft);
    tx.afterCommit(() => this.start(stored));
    return resultOf(stored);
  }

  /**
   * Prints a ticket again, as a new job (the first one's history stays). Its printer's line prints it after
   * every new ticket waiting there: a citizen at the kiosk never waits behind reprints.
   */
  reprint(job: SubmitPrint): PrintResult {
    return this.enqueue(job.deviceId, job.ticketRowid, job.printer, 'reprint', ticketBytes(job));
  }

  /** How many times a ticket was reprinted (every reprint job counts, printed or not). */
  reprintsOf(ticketRowid: number): number {
    return this.jobs.countForTicket(ticketRowid, 'reprint');
  }

  /** The admin's test page on a device's printer. */
  testPrint(deviceId: string, printer: PrinterSettings, page: TestPageOptions = {}): PrintResult {
    return this.enqueue(deviceId, null, printer, 'test', () =>
      renderTestPage({
        paperWidth: printer.paperWidth,
        printerUrl: printer.url,
        deviceName: page.deviceName ?? deviceId,
        centreName: page.centreName ?? '',
        at: this.opts.clock.now(),
        timezone: page.timezone ?? 'Africa/Nairobi',
      }),
    );
  }

  /**
   * The admin's test page, answered with how it went: waits until it printed or failed (retries included,
   * at most `waitMs`), and says why it failed in a form staff screens explain ("no printer at …", "no
   * permission …"). After `waitMs` it answers with the job as it stands, still queued or printing.
   */
  async testPrintOutcome(deviceId: string, printer: PrinterSettings, page: TestPageOptions = {}, waitMs = 30_000): Promise<PrintResult> {
    const first = this.testPrint(deviceId, printer, page);
    const jobId = first.jobId;
    if (jobId === null || !(first.status === 'queued' || first.status === 'printing')) return { ...first, problem: this.problemOf(printer.url, first) };
    const end = await new Promise<PrintResult>((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(jobId);
        resolve(this.getJob(jobId) ?? first);
      }, waitMs);
      this.waiters.set(jobId, (update) => {
        clearTimeout(timer);
        this.waiters.delete(jobId);
        resolve(update);
      });
    });
    const result: PrintResult = { jobId, status: end.status, error: end.error };
    return { ...result, problem: this.problemOf(printer.url, result) };
  }

  /** Why a job failed: its printer's problem when that is what stopped it, else the job's own error. */
  private problemOf(url: string, result: PrintResult): PrinterProblem | null {
    if (result.status !== 'failed' || result.error === null) return null;
    const known = this.lines.get(url)?.problem;
    return known && known.detail === result.error ? known : { reason: 'error', detail: result.error };
  }

  /**
   * Tells the service which printer a device has (null: none). Network printers are then polled while
   * idle, and their status changes reported for this device. Call again when the settings change.
   */
  registerPrinter(deviceId: string, printer: PrinterSettings | null): void {
    if (this.closed) return;
    const previous = this.registered.get(deviceId);
    if (previous !== undefined && previous !== printer?.url) this.unregisterPrinter(deviceId);
    if (!printer) return;
    const line = this.lineFor(printer.url);
    if (!line) return;
    this.registered.set(deviceId, printer.url);
    line.addDevice(deviceId);
  }

  unregisterPrinter(deviceId: string): void {
    const url = this.registered.get(deviceId);
    if (url === undefined) return;
    this.registered.delete(deviceId);
    const line = this.lines.get(url);
    line?.removeDevice(deviceId);
    if (line?.unused) {
      void line.close();
      this.lines.delete(url);
    }
  }

  /** The last known status of a device's printer. */
  printerStatus(deviceId: string): PrinterStatus {
    const url = this.registered.get(deviceId);
    return (url !== undefined && this.lines.get(url)?.status) || 'unknown';
  }

  /**
   * Marks failed the jobs a previous run left queued or printing (their bytes died with it). Call once at
   * start-up; jobs of this run are never touched. Reports each to the `onJob` listeners and returns them.
   */
  recoverInterrupted(): PrintJobUpdate[] {
    const running = new Set<number>();
    for (const line of this.lines.values()) for (const id of line.jobIds()) running.add(id);
    const updates = this.jobs.failOpenJobs(running, INTERRUPTED, this.opts.clock.now()).map(toJobUpdate);
    for (const update of updates) {
      this.log.warn('print job interrupted by a restart', { jobId: update.jobId, ticketRowid: update.ticketRowid, deviceId: update.deviceId });
      this.emitJob(update);
    }
    return updates;
  }

  getJob(jobId: string): PrintJobUpdate | null {
    const row = /^\d+$/.test(jobId) ? this.jobs.get(Number(jobId)) : undefined;
    return row ? toJobUpdate(row) : null;
  }

  /** The newest job of a ticket, e.g. to show whether its ticket printed. */
  latestJobForTicket(ticketRowid: number): PrintJobUpdate | null {
    const row = this.jobs.latestForTicket(ticketRowid);
    return row ? toJobUpdate(row) : null;
  }

  /** Resolves once every queued job has finished (done, preview or failed). For tests and shutdown. */
  async whenIdle(): Promise<void> {
    for (;;) {
      await Promise.resolve();
      const busy = [...this.lines.values()].map((line) => line.idle()).filter((p): p is Promise<void> => p !== null);
      if (busy.length === 0) return;
      await Promise.all(busy);
    }
  }

  /**
   * Stops polling, back-offs and connections. Jobs not finished stay `queued`/`printing` in the database,
   * and `recoverInterrupted()` fails them at the next start. Resolves when the workers have stopped.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    const workers = [...this.lines.values()].map((line) => line.close());
    this.lines.clear();
    await Promise.all([...workers, this.pruning]);
  }

  /** A job outside any transaction (a reprint, a test page): stored and started at once. */
  private enqueue(
    deviceId: string,
    ticketRowid: number | null,
    printer: PrinterSettings,
    kind: PrintJobKind,
    render: () => Uint8Array,
  ): PrintResult {
    if (this.closed) return { jobId: null, status: 'failed', error: 'printing has stopped: the server is shutting down' };
    let stored: QueuedJob;
    try {
      stored = this.store(this.draft(deviceId, ticketRowid, printer, kind, render));
    } catch (err) {
      return { jobId: null, status: 'failed', error: `could not record the print job: ${errorMessage(err)}` };
    }
    const result = resultOf(stored);
    this.start(stored);
    return result;
  }

  /** The job as it will be stored: laid out for its printer, or failed with the reason it cannot print. */
  private draft(deviceId: string, ticketRowid: number | null, printer: PrinterSettings, kind: PrintJobKind, render: () => Uint8Array): Omit<QueuedJob, 'id'> {
    let bytes: Uint8Array | null = null;
    let error: string | null = this.closed ? 'printing has stopped: the server is shutting down' : null;
    if (!error) {
      try {
        bytes = render();
      } catch (err) {
        error = `could not lay out the ticket for printing: ${errorMessage(err)}`;
      }
    }
    if (!error && this.lineFor(printer.url) === null) error = `unknown printer address "${printer.url}"`;
    const status: StoredJobStatus = error ? 'failed' : printer.url === 'preview' ? 'preview' : 'queued';
    const at = this.opts.clock.now();
    return { ticketRowid, deviceId, kind, printerUrl: printer.url, bytes: bytes ?? new Uint8Array(), createdAt: at, attempts: 0, status, lastError: error };
  }

  /** Writes the job's row (in the caller's transaction, if one is open). Throws if it cannot. */
  private store(draft: Omit<QueuedJob, 'id'>): QueuedJob {
    const { ticketRowid, deviceId, printerUrl, kind, status, lastError } = draft;
    let id: number;
    try {
      id = this.jobs.insert({ ticketRowid, deviceId, printerUrl, kind, status, lastError, at: draft.createdAt });
    } catch (err) {
      this.log.error('could not record the print job', { ticketRowid, deviceId, printer: printerUrl, error: errorMessage(err) });
      throw err;
    }
    if (lastError) this.log.warn('print job failed before printing', { jobId: id, ticketRowid, deviceId, printer: printerUrl, error: lastError });
    return { ...draft, id };
  }

  /** A stored (committed) job is reported and, unless it failed already, handed to its printer's line. */
  private start(job: QueuedJob): void {
    if (this.closed) return;
    this.emitJob(this.updateOf(job));
    if (job.status === 'failed') return;
    // lineFor, not lines.get: the device's last printer may have been unregistered since the job was drafted.
    this.lineFor(job.printerUrl)?.push(job);
  }

  private lineFor(url: string): PrinterLine | null {
    const existing = this.lines.get(url);
    if (existing) return existing;
    try {
      const line = new PrinterLine(createTransport(url, this.opts.dataDir, this.timeouts), this.host);
      this.lines.set(url, line);
      return line;
    } catch (err) {
      this.log.warn('unknown printer address', { printer: url, error: errorMessage(err) });
      return null;
    }
  }

  private setJob(job: QueuedJob, status: StoredJobStatus, error: string | null): void {
    if (this.closed) return;
    const changed = job.status !== status;
    job.status = status;
    job.lastError = error;
    try {
      this.jobs.update(job.id, { status, attempts: job.attempts, lastError: error, at: this.opts.clock.now() });
    } catch (err) {
      // Printing goes on: the paper matters more than the row, and staff still get the update below.
      this.log.error('could not store a print job status', { jobId: job.id, status, error: errorMessage(err) });
    }
    if (changed) this.emitJob(this.updateOf(job));
  }

  private reportStatus(line: PrinterLine, status: PrinterStatus, deviceIds: Iterable<string>): void {
    if (this.closed) return;
    for (const deviceId of deviceIds) {
      try {
        this.opts.onPrinterStatus({ deviceId, status, problem: line.problem });
      } catch (err) {
        this.log.error('onPrinterStatus failed', { deviceId, printer: line.url, error: errorMessage(err) });
      }
    }
  }

  private updateOf(job: QueuedJob): PrintJobUpdate {
    const status: PrintJobStatus = job.status;
    return { jobId: String(job.id), ticketRowid: job.ticketRowid, deviceId: job.deviceId, status, attempts: job.attempts, error: job.lastError };
  }

  private emitJob(update: PrintJobUpdate): void {
    if (update.status !== 'queued' && update.status !== 'printing') this.waiters.get(update.jobId)?.(update);
    for (const listener of this.jobListeners) {
      try {
        listener(update);
      } catch (err) {
        this.log.error('a print job listener failed', { jobId: update.jobId, error: errorMessage(err) });
      }
    }
  }
}

const ticketBytes = (job: SubmitPrint) => () => renderTicket(job.content, { paperWidth: job.printer.paperWidth });

const resultOf = (job: QueuedJob): PrintResult => ({ jobId: String(job.id), status: job.status, error: job.lastError });
