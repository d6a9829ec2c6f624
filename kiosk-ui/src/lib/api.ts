// The kiosk calls the API with its device token (taken with the pairing link's code) as a bearer token.
import { createApi, storedDeviceToken } from '@foleni/shared/client';

export const deviceToken = (): string | null => storedDeviceToken('kiosk');

// Short time-outs: a citizen is standing at the screen, and a retry with the same idempotency key is safe.
export const api = createApi({ token: deviceToken, timeoutMs: 8000 });
