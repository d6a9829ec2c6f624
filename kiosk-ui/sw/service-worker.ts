// The kiosk's service worker: keeps the app shell (page, script, styles, fonts) of this build on the machine,
// so the kiosk page still loads while the server or the Wi-Fi is down, then reconnects by itself.
// The page is fetched from the network first (an update reaches the kiosk on its next load) and from the
// cache only when the network fails; hashed assets come from the cache. A new build is a new sw.js (its
// precache list changes), which replaces this one and drops the old cache.
/// <reference lib="webworker" />

declare const self: ServiceWorkerGlobalScope;

// Filled in at build time by the plugin in vite.config.ts.
declare const __FOLENI_SW_VERSION__: string;
declare const __FOLENI_SW_PRECACHE__: string[];
const VERSION = __FOLENI_SW_VERSION__;
const PRECACHE = __FOLENI_SW_PRECACHE__;

const CACHE = `foleni-kiosk-${VERSION}`;
const SCOPE = new URL(self.registration.scope).pathname;
const SHELL = SCOPE;
const NETWORK_WAIT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('foleni-kiosk-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // The API and the socket always go to the server untouched.
  if (url.origin !== self.location.origin || !url.pathname.startsWith(SCOPE)) return;
  if (request.mode === 'navigate') event.respondWith(pageFirstFromNetwork(request));
  else if (url.pathname.startsWith(`${SCOPE}assets/`)) event.respondWith(assetFromCache(request));
});

async function pageFirstFromNetwork(request: Request): Promise<Response> {
  try {
    const response = await fetch(request, { signal: AbortSignal.timeout(NETWORK_WAIT_MS) });
    // A server that answers with an error page is as good as down for a kiosk.
    if (response.ok) return response;
    return (await caches.match(SHELL, { cacheName: CACHE })) ?? response;
  } catch {
    return (await caches.match(SHELL, { cacheName: CACHE })) ?? Response.error();
  }
}

async function assetFromCache(request: Request): Promise<Response> {
  const cached = await caches.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

export {};
