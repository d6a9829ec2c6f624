// A printer problem, said as a plain sentence ("printer paper out"), with the printer status it shows, if any.
import type { PrinterStatus } from '@foleni/shared';

export class PrintError extends Error {
  /**
   * The job's bytes had started to reach the printer: the ticket may be on paper already, so the job is not
   * tried again by itself (that would print it twice). Staff check and reprint if it did not come out.
   */
  readonly sent: boolean;

  constructor(
    message: string,
    /** What the failure says about the printer; null when it says nothing (e.g. a file could not be written). */
    readonly printerStatus: PrinterStatus | null,
    opts: { sent?: boolean } = {},
  ) {
    super(message);
    this.name = 'PrintError';
    this.sent = opts.sent ?? false;
  }
}

/** The message of anything thrown, for logs and `last_error`. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
