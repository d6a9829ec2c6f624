// The manager's live picture: /stats/live, fetched again whenever the staff socket reports a change
// (a few times a second at most), devices patched straight from their pushes, and the server's clock
// ticking each second so that waits grow and a service crosses its target on screen without a push.
// Failed prints come with the figures (the server keeps them), and a manager can reprint from here.
import type { Device, PrintEvent, PrintResult } from '@foleni/shared';
import type { LinkState } from '@foleni/shared/client';
import { ApiError, LiveConnection } from '@foleni/shared/client';
import { api } from '../lib/api.js';
import { session } from '../lib/session.svelte.js';
import type { Alert } from './alerts.js';
import { alertsFor } from './alerts.js';
import type { LiveStats } from '@foleni/shared';

const MIN_GAP_MS = 400;
const FULL_REFRESH_MS = 30_000;

/** What became of a reprint, in words. */
function reprintText(label: string, status: PrintResult['status'], error: string | null): string {
  switch (status) {
    case 'done':
      return `Ticket ${label} was reprinted.`;
    case 'preview':
      return `Ticket ${label} was reprinted as a preview: its kiosk has no paper printer.`;
    case 'failed':
      return `Ticket ${label} did not print again: ${error ?? 'the printer did not answer'}.`;
    case 'none':
      return `Ticket ${label} cannot be reprinted: its kiosk has no printer.`;
    default:
      return `Reprinting ticket ${label}…`;
  }
}

export class Dashboard {
  stats = $state.raw<LiveStats | null>(null);
  link = $state<LinkState>('connecting');
  error = $state('');
  timeZone = $state('Africa/Nairobi');
  /** The server's clock, ticking. */
  now = $state(Date.now());
  /** The ticket being reprinted (its public id), while the request is on its way. */
  reprinting = $state<string | null>(null);
  /** What became of the last reprint. */
  reprintNote = $state('');

  alerts: Alert[] = $derived(this.stats ? alertsFor(this.stats, this.now) : []);

  /** The last reprint's job, to tell how it ended when its print:updated arrives. */
  private reprintJob: { jobId: string; label: string } | null = null;

  private offsetMs = 0;
  private conn: LiveConnection | null = null;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private inFlight = false;
  private again = false;
  private lastFetch = 0;
  private pending: ReturnType<typeof setTimeout> | undefined;

  start(): void {
    if (this.conn) return;
    void api.get<{ centre: { timezone: string } }>('/centre').then((r) => (this.timeZone = r.centre.timezone)).catch(() => undefined);
    this.conn = new LiveConnection(
      { auth: {} },
      {
        snapshot: () => this.refreshSoon(),
        event: (name, payload) => {
          if (name === 'device:updated') this.putDevice((payload as { device: Device }).device);
          else if (name === 'print:updated') this.onPrint(payload as PrintEvent);
          else this.refreshSoon();
        },
        state: (state) => {
          this.link = state;
          if (state === 'refused') void session.load();
        },
      },
    );
    this.ticker = setInterval(() => {
      this.now = Date.now() + this.offsetMs;
      if (this.now - this.lastFetch > FULL_REFRESH_MS) this.refreshSoon();
    }, 1000);
  }

  stop(): void {
    this.conn?.close();
    this.conn = null;
    clearInterval(this.ticker);
    clearTimeout(this.pending);
  }

  /** Fetches the figures now, or as soon as the last fetch is a moment old; never two at once. */
  refreshSoon(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    if (this.pending) return;
    const wait = Math.max(0, this.lastFetch + MIN_GAP_MS - Date.now());
    this.pending = setTimeout(() => {
      this.pending = undefined;
      void this.refresh();
    }, wait);
  }

  private async refresh(): Promise<void> {
    this.inFlight = true;
    const sent = Date.now();
    try {
      const stats = await api.get<LiveStats>('/stats/live');
      // Half the round trip is a fair guess of how old the server's timestamp is on arrival.
      this.offsetMs = Date.parse(stats.at) - (sent + Date.now()) / 2;
      this.now = Date.now() + this.offsetMs;
      this.stats = stats;
      this.error = '';
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) void session.load();
      this.error = e instanceof ApiError && !e.network ? e.message : 'The server cannot be reached; the figures below may be out of date.';
    } finally {
      this.lastFetch = Date.now();
      this.inFlight = false;
      if (this.again) {
        this.again = false;
        this.refreshSoon();
      }
    }
  }

  private putDevice(device: Device): void {
    if (!this.stats) return;
    const devices = this.stats.devices.some((d) => d.id === device.id)
      ? this.stats.devices.map((d) => (d.id === device.id ? device : d))
      : [...this.stats.devices, device];
    this.stats = { ...this.stats, devices };
  }

  /** Prints a ticket again; its alert leaves with the figures that follow a good print. */
  async reprint(ticketId: string, label: string): Promise<void> {
    if (this.reprinting) return;
    this.reprinting = ticketId;
    this.reprintNote = `Reprinting ticket ${label}…`;
    try {
      const { print } = await api.post<{ print: PrintResult }>(`/tickets/${encodeURIComponent(ticketId)}/reprint`);
      this.reprintJob = print.jobId ? { jobId: print.jobId, label } : null;
      this.reprintNote = reprintText(label, print.status, print.error);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) void session.load();
      this.reprintNote = `Ticket ${label} was not reprinted: ${e instanceof ApiError && !e.network ? e.message : 'the server cannot be reached.'}`;
    } finally {
      this.reprinting = null;
      this.refreshSoon();
    }
  }

  private onPrint(p: PrintEvent): void {
    const job = this.reprintJob;
    if (job && p.jobId === job.jobId) this.reprintNote = reprintText(job.label, p.status, p.error);
    // A print failed or came good: the list of failed prints is the server's.
    this.refreshSoon();
  }
}
