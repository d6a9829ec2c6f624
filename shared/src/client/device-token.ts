// Pairing: an admin's pairing link (`/kiosk?pair=<token>`) stores the token on this browser and then
// drops it from the address bar, so it is not left in history or on a screenshot.

export function takePairingToken(kind: 'kiosk' | 'display', storage: Storage = localStorage, location: Location = window.location): string | null {
  const key = `foleni.${kind}.token`;
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('pair');
  if (fromUrl) {
    storage.setItem(key, fromUrl);
    url.searchParams.delete('pair');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return storage.getItem(key);
}

export function forgetPairingToken(kind: 'kiosk' | 'display', storage: Storage = localStorage): void {
  storage.removeItem(`foleni.${kind}.token`);
}
