// An API failure as a sentence for the person at the screen, in their language, saying what to do next.
// The server's own message (e.message) is English: it names the rule that refused the request.
import { ApiError } from '@foleni/shared/client';
import { ts } from '../lib/staff-words.js';

export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.network) return ts('staff.error.unreachable');
    if (e.status === 401) return ts('staff.error.signedOut');
    return e.message;
  }
  return ts('staff.error.generic');
}
