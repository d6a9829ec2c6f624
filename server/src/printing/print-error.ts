// A printer problem, said as a plain sentence ("printer paper out"), with the printer status it shows, if any.
import type { PrinterStatus } from '@foleni/shared';

export class PrintError extends Error {
  constructor(
    message: string,
    /** What the failure says about the printer; null when it says nothing (e.g. a file could not be written). */
    readonly printerStatus: PrinterStatus | null,
  ) {
    super(message);
    this.name = 'PrintError';
  }
}

/** The message of anything thrown, for logs and `last_error`. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
