// The kiosk calls the API with its device token (from the pairing link) as a bearer token.
import { createApi } from '@foleni/shared/client';

const TOKEN_KEY = 'foleni.kiosk.token';

export const deviceToken = (): string | null => localStorage.getItem(TOKEN_KEY);

// Short time-outs: a citizen is standing at the screen, and a retry with the same idempotency key is safe.
export const api = createApi({ token: deviceToken, timeoutMs: 8000 });
