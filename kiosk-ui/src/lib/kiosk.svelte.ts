// The kiosk's live picture of the centre: its link to the server, the services with their queues, and the
// news of its own print jobs. LiveConnection reconnects by itself; this only decides what the screen should say.
import type { JourneyWithSteps, Lang, PrintEvent, PublicCentre, ServiceWithQueue, TicketEvent } from '@foleni/shared';
import { LiveConnection, onTicketEvents } from '@foleni/shared/client';
import type { LinkState, PairingRefusal } from '@foleni/shared/client';
import { api, deviceToken } from './api.js';
import { help } from './help.svelte.js';

export interface PrintNews {
  status: PrintEvent['status'];
  error: string | null;
}

/** A blip shorter than this does not flash the "server unreachable" notice at a citizen. */
const OFFLINE_GRACE_MS = 2000;
/** A refused kiosk (unpaired or revoked) asks again now and then: the admin may fix it meanwhile. */
const REFUSED_RETRY_MS = 30_000;
const KEEP_PRINT_NEWS = 30;

class Kiosk {
  /** False when this browser holds no pairing token at all. */
  paired = $state(deviceToken() !== null);
  /** The server refused the token: the kiosk was revoked or its token replaced. */
  refused = $state(false);
  /** The pairing link this page was opened with was refused (used, expired): the admin makes a new one. */
  linkRefused = $state<PairingRefusal | null>(null);
  link = $state<LinkState>('connecting');
  /** The link has been down long enough to tell people. */
  offline = $state(false);
  centre = $state<PublicCentre | null>(null);
  services = $state<ServiceWithQueue[]>([]);
  /** Visits of several services, one ticket (offered beside the services, under the first step's agency). */
  journeys = $state<JourneyWithSteps[]>([]);
  loaded = $state(false);
  /**
   * The server's clock minus this machine's, from the last snapshot: the kiosk reads the opening hours on
   * the server's time, which is the time the server refuses tickets by (a kiosk PC's clock may be off).
   */
  serverOffsetMs = $state(0);
  /** Print job id → what became of it, as the server pushed it (it may arrive before the issue answer). */
  prints = $state<Record<string, PrintNews>>({});

  readonly defaultLang: Lang = $derived(this.centre?.languages[0] ?? 'en');

  private connection: LiveConnection | null = null;
  private offlineTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private wasOnline = false;
  private refreshing = false;
  private refreshAgain = false;
  private readonly connectListeners: (() => void)[] = [];

  start(): void {
    this.paired = deviceToken() !== null;
    if (this.paired && !this.linkRefused) this.connect();
  }

  /**
   * Called whenever the link comes up: a server restart may have brought a new version, and a page loaded
   * from the service worker's cache during an outage may be an old one.
   */
  onConnect(listener: () => void): void {
    this.connectListeners.push(listener);
  }

  /**
   * Fresh waits for the start screen; the socket keeps counts current, not estimates. Asked again at most
   * once while a request is out (a morning of counters opening one after another makes one more, not ten).
   */
  async refreshServices(): Promise<void> {
    if (this.link !== 'online') return;
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    try {
      this.services = (await api.listServices()).items;
      this.journeys = (await api.listJourneys()).items;
    } catch {
      // The socket will say if the server is gone; the last list stays on screen meanwhile.
    } finally {
      this.refreshing = false;
    }
    if (this.refreshAgain) {
      this.refreshAgain = false;
      await this.refreshServices();
    }
  }

  /** The server's time, as it said it in a snapshot or a refusal. */
  setServerTime(iso: string): void {
    const at = Date.parse(iso);
    if (Number.isFinite(at)) this.serverOffsetMs = at - Date.now();
  }

  /** The issue answer said the token is no good. */
  markRefused(): void {
    this.setLink('refused');
  }

  private connect(): void {
    const token = deviceToken();
    if (!token) return;
    this.connection?.close();
    // When the server drops the socket (an admin withdrew the pairing), LiveConnection asks again by
    // itself; a refusal comes back as the 'refused' state.
    this.connection = new LiveConnection(
      { auth: { token } },
      {
        snapshot: (s) => {
          if (s.kind !== 'kiosk') return;
          this.centre = s.centre;
          this.services = s.services;
          this.setServerTime(s.now);
          this.loaded = true;
          // Journeys are not in the snapshot: a new snapshot (the admin changed them) asks for them again.
          void api.listJourneys().then((j) => (this.journeys = j.items), () => undefined);
        },
        events: {
          'print:updated': (e) => this.onPrint(e),
          'centre:updated': (e) => (this.centre = e.centre),
          'kiosk:help': (e) => help.updated(e.request),
          // A counter opened, paused or closed: which services someone can call now, and their waits, changed.
          'counter:updated': () => void this.refreshServices(),
          ...onTicketEvents((e) => this.onTicket(e)),
        },
        state: (state) => this.setLink(state),
      },
    );
  }

  private onPrint(e: PrintEvent): void {
    const ids = Object.keys(this.prints);
    if (ids.length >= KEEP_PRINT_NEWS) delete this.prints[ids[0]!];
    this.prints[e.jobId] = { status: e.status, error: e.error };
  }

  /** Every ticket change carries the waiting counts of the services it touched. */
  private onTicket(e: TicketEvent): void {
    for (const s of this.services) {
      const n = e.waiting[s.id];
      if (n !== undefined) s.waiting = n;
    }
  }

  private setLink(state: LinkState): void {
    this.link = state;
    if (state === 'online') {
      this.refused = false;
      this.clearOfflineTimer();
      this.offline = false;
      if (!this.wasOnline) for (const l of this.connectListeners) l();
      this.wasOnline = true;
      return;
    }
    if (state === 'refused') {
      this.refused = true;
      this.wasOnline = false;
      this.clearOfflineTimer();
      this.offline = false;
      this.connection?.close();
      if (!this.retryTimer) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.connect();
        }, REFUSED_RETRY_MS);
      }
      return;
    }
    if (state === 'offline') {
      this.wasOnline = false;
      if (!this.offline && !this.offlineTimer) {
        this.offlineTimer = setTimeout(() => {
          this.offlineTimer = null;
          if (this.link === 'offline' || this.link === 'connecting') this.offline = true;
        }, OFFLINE_GRACE_MS);
      }
    }
  }

  private clearOfflineTimer(): void {
    if (this.offlineTimer) clearTimeout(this.offlineTimer);
    this.offlineTimer = null;
  }
}

export const kiosk = new Kiosk();
