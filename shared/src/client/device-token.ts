// Pairing: an admin's pairing link (`/kiosk?pair=<code>`) carries a one-time code, never the token. The
// screen drops the code from the address bar (so it is not left in history or on a screenshot), exchanges
// it once for its device's token (POST /devices/pair) and keeps the token in this browser.
import { ApiError, createApi } from './api-client.js';

/** Why a pairing link did not pair this screen: the admin must make a new one. */
export type PairingRefusal = 'used' | 'expired' | 'unknown';

const keyOf = (kind: 'kiosk' | 'display') => `foleni.${kind}.token`;

/** The device token this browser keeps, if any. */
export function storedDeviceToken(kind: 'kiosk' | 'display', storage: Storage = localStorage): string | null {
  return storage.getItem(keyOf(kind));
}

export function forgetPairingToken(kind: 'kiosk' | 'display', storage: Storage = localStorage): void {
  storage.removeItem(keyOf(kind));
}

/**
 * Pairs this screen when its address carries a pairing code: null when it paired (or there was no code),
 * else why the code was refused. A server out of reach is asked again every few seconds: the screen has
 * nothing better to do, and the code is good for minutes.
 */
export async function pairFromLink(kind: 'kiosk' | 'display', storage: Storage = localStorage): Promise<PairingRefusal | null> {
  const url = new URL(window.location.href);
  const code = url.searchParams.get('pair');
  if (code === null) return null;
  url.searchParams.delete('pair');
  history.replaceState(null, '', url.pathname + url.search + url.hash);
  const api = createApi();
  for (;;) {
    try {
      const { token } = await api.pairDevice({ body: { code } });
      storage.setItem(keyOf(kind), token);
      return null;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.network || e.status === 429) {
        await new Promise((resolve) => setTimeout(resolve, 3000));
        continue;
      }
      return e.code === 'pairing-code-used' ? 'used' : e.code === 'pairing-code-expired' ? 'expired' : 'unknown';
    }
  }
}
