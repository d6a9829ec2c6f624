// An API failure as a sentence for the person at the screen, saying what to do next.
import { ApiError } from '@foleni/shared/client';

export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.network) return 'The server cannot be reached. Check the network and try again.';
    if (e.status === 401) return 'Your session has ended: sign in again.';
    return e.message;
  }
  return 'Something went wrong. Reload the page and try again.';
}
