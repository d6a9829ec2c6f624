// What the citizen is told about their paper ticket, from the job's status as the server reports it.
import type { PrintJobStatus } from '@foleni/shared';

export type PrintOutcome = 'printing' | 'slow' | 'done' | 'failed' | 'screen-only';

/** Past this, a print still in progress gets the "photograph this screen" advice too. */
export const SLOW_PRINT_MS = 12_000;

export function isFinal(status: PrintJobStatus): boolean {
  return status === 'done' || status === 'failed' || status === 'preview' || status === 'none';
}

export function printOutcome(status: PrintJobStatus, sinceMs: number): PrintOutcome {
  switch (status) {
    case 'done':
      return 'done';
    case 'failed':
      return 'failed';
    case 'preview':
    case 'none':
      return 'screen-only';
    case 'queued':
    case 'printing':
      return sinceMs >= SLOW_PRINT_MS ? 'slow' : 'printing';
  }
}
