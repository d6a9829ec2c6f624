// A printer problem, said as a plain sentence ("printer paper out"), with the printer status it shows, if any,
// and why (unplugged, no permission, …) so that staff screens can say what to do.
import type { PrinterProblem, PrinterProblemReason, PrinterStatus } from '@foleni/shared';

export class PrintError extends Error {
  /**
   * The job's bytes had started to reach the printer: the ticket may be on paper already, so the job is not
   * tried again by itself (that would print it twice). Staff check and reprint if it did not come out.
   */
  readonly sent: boolean;
  readonly reason: PrinterProblemReason;

  constructor(
    message: string,
    /** What the failure says about the printer; null when it says nothing (e.g. a file could not be written). */
    readonly printerStatus: PrinterStatus | null,
    opts: { sent?: boolean; reason?: PrinterProblemReason } = {},
  ) {
    super(message);
    this.name = 'PrintError';
    this.sent = opts.sent ?? false;
    this.reason = opts.reason ?? reasonOfStatus(printerStatus);
  }
}

function reasonOfStatus(status: PrinterStatus | null): PrinterProblemReason {
  if (status === 'paper_out' || status === 'cover_open' || status === 'offline') return status;
  return 'error';
}

/** Why anything thrown by a transport stopped the job, with its sentence. */
export function problemOf(err: unknown): PrinterProblem {
  return { reason: err instanceof PrintError ? err.reason : 'error', detail: errorMessage(err) };
}

/** The message of anything thrown, for logs and `last_error`. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
