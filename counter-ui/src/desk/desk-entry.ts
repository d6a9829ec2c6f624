// A ticket in the front desk's hands, with what became of its latest print.
import type { PrintResult, Ticket } from '@foleni/shared';
import { ApiError } from '@foleni/shared/client';
import type { StaffKey } from '@foleni/shared';
import { ts } from '../lib/staff-words.js';

export interface DeskEntry {
  ticket: Ticket;
  print: PrintResult;
}

/** The server's own words (English: they name the rule that refused it), or what to do when there is no answer. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.network ? ts('desk.error.unreachable') : e.message;
  return ts('desk.error.generic');
}

/** What became of a print, in the staff member's language. */
export const printText = (status: PrintResult['status']): string => ts(`desk.print.${status}` satisfies StaffKey);
