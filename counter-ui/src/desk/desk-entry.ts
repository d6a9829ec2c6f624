// A ticket in the front desk's hands, with what became of its latest print.
import type { PrintResult, Ticket } from '@foleni/shared';
import { ApiError } from '@foleni/shared/client';

export interface DeskEntry {
  ticket: Ticket;
  print: PrintResult;
}

/** The server's own words: they say what to do next (English, as the rest of the desk for now). */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.network ? 'The server cannot be reached: check the network, then try again.' : e.message;
  return 'Something went wrong: try again.';
}

export const PRINT_WORDS: Record<PrintResult['status'], string> = {
  none: 'Not printed: show it on screen.',
  queued: 'Sent to the printer…',
  printing: 'Printing…',
  done: 'Printed.',
  preview: 'Printed (preview printer).',
  failed: 'The print failed.',
};
