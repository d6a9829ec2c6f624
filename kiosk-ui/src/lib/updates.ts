// Keeps the kiosk page on the machine (a service worker caches the app shell, so a server or Wi-Fi blip
// never leaves a blank screen on reload) and still lets a new version reach it: after the server comes
// back, or every half hour, the kiosk looks for a new build and reloads at a quiet moment on the start screen.

const BASE = import.meta.env.BASE_URL;
const CHECK_EVERY_MS = 30 * 60_000;
const QUIET_MS = 30_000;

/** The entry script of a page: it changes with every build (its name carries a content hash). */
function entryScript(html: string): string | null {
  return /<script[^>]+type="module"[^>]+src="([^"]+)"/.exec(html)?.[1] ?? null;
}

export interface UpdateOptions {
  /** True when reloading now would interrupt nobody. */
  quiet(): boolean;
}

export class KioskUpdates {
  private pending = false;
  private registration: ServiceWorkerRegistration | null = null;
  private readonly current = document.querySelector('script[type="module"]')?.getAttribute('src') ?? null;

  constructor(private readonly opts: UpdateOptions) {}

  start(): void {
    // Service workers need a secure context: localhost, https, or a kiosk browser told to trust the server.
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker
        .register(`${BASE}sw.js`, { scope: BASE })
        .then((r) => (this.registration = r))
        .catch(() => undefined);
    }
    setInterval(() => void this.check(), CHECK_EVERY_MS);
    setInterval(() => {
      if (this.pending && this.opts.quiet()) location.reload();
    }, QUIET_MS / 3);
  }

  /** Looks for a new build; if there is one, the kiosk reloads at the next quiet moment. */
  async check(): Promise<void> {
    try {
      const res = await fetch(BASE, { cache: 'no-store', signal: AbortSignal.timeout(8000) });
      if (!res.ok) return;
      const latest = entryScript(await res.text());
      if (latest && this.current && latest !== this.current) {
        this.pending = true;
        await this.registration?.update();
      }
    } catch {
      // Unreachable now: the next reconnect checks again.
    }
  }
}

export const QUIET_AFTER_MS = QUIET_MS;
