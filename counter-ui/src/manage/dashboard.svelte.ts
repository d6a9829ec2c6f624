// The manager's live picture: /stats/live, fetched again whenever the staff socket reports a change
// (a few times a second at most), devices patched straight from their pushes, and the server's clock
// ticking each second so that waits grow and a service crosses its target on screen without a push.
// Failed prints come with the figures (the server keeps them), and a manager can reprint from here.
// One per tab: ManageApp starts it on sign-in and keeps it across the /manage pages, so alerts follow the
// manager to the reports on the same socket; it stops when the sign-in ends, socket and ticker both.
import type { Device, LiveCounter, LiveStats, PrintEvent, PrintResult } from '@foleni/shared';
import type { LinkState } from '@foleni/shared/client';
import { ApiError, LiveConnection } from '@foleni/shared/client';
import { kioskHelp, kioskHelpEvents } from '../lib/kiosk-help.svelte.js';
import { api } from '../lib/api.js';
import { session } from '../lib/session.svelte.js';
import type { Alert } from './alerts.js';
import { alertsFor } from './alerts.js';
import { closedText, counterText, customerStep } from './close-counter.js';
import { errorText } from './error-text.js';
import { ts } from '../lib/staff-words.js';

const MIN_GAP_MS = 400;
const FULL_REFRESH_MS = 30_000;

/** What became of a reprint, in words. */
function reprintText(label: string, status: PrintResult['status'], error: string | null): string {
  switch (status) {
    case 'done':
      return ts('manage.reprint.done', { label });
    case 'preview':
      return ts('manage.reprint.preview', { label });
    case 'failed':
      return ts('manage.reprint.failed', { label, error: error ?? ts('manage.reprint.noAnswer') });
    case 'none':
      return ts('manage.reprint.none', { label });
    default:
      return ts('manage.reprint.busy', { label });
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
  /** The counter being closed (its id), while the requests are on their way. */
  closing = $state<string | null>(null);
  /** What became of the last counter the manager closed. */
  counterNote = $state<{ text: string; ok: boolean } | null>(null);

  alerts: Alert[] = $derived(this.stats ? alertsFor(this.stats, this.now, undefined, session.lang) : []);

  /** The last reprint's job, to tell how it ended when its print:updated arrives. */
  private reprintJob: { jobId: string; label: string } | null = null;
  /**
   * The latest news of recent print jobs: a fast printer's print:updated can arrive before the reprint's own
   * answer, and the answer (still "queued") must not then be the last word.
   */
  private readonly printNews = new Map<string, PrintEvent>();

  private offsetMs = 0;
  private conn: LiveConnection | null = null;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private inFlight = false;
  private again = false;
  private lastFetch = 0;
  private pending: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by each start and stop, so an answer that arrives after a stop is dropped. */
  private run = 0;
  private running = false;

  start(): void {
    if (this.running) return;
    this.running = true;
    this.run++;
    this.error = '';
    void api.getCentre().then((r) => (this.timeZone = r.centre.timezone)).catch(() => undefined);
    // Any other change may move the figures: fetch them again.
    const refresh = () => this.refreshSoon();
    this.conn = new LiveConnection(
      { auth: {} },
      {
        snapshot: () => {
          refresh();
          void kioskHelp.refresh();
        },
        events: {
          'device:updated': (e) => this.putDevice(e.device),
          'print:updated': (e) => this.onPrint(e),
          'ticket:issued': refresh,
          'ticket:called': refresh,
          'ticket:recalled': refresh,
          'ticket:updated': refresh,
          'queue:moved': refresh,
          'queue:pace': refresh,
          'counter:updated': refresh,
          'centre:updated': refresh,
          ...kioskHelpEvents,
        },
        state: (state) => {
          this.link = state;
          if (state === 'refused') void this.signInEnded();
        },
      },
    );
    this.ticker = setInterval(() => {
      this.now = Date.now() + this.offsetMs;
      if (this.now - this.lastFetch > FULL_REFRESH_MS) this.refreshSoon();
    }, 1000);
  }

  /** Closes the socket and stops the ticker; a signed-out manager's figures do not stay in the page. */
  stop(): void {
    this.running = false;
    this.run++;
    this.conn?.close();
    this.conn = null;
    clearInterval(this.ticker);
    this.ticker = undefined;
    clearTimeout(this.pending);
    this.pending = undefined;
    this.again = false;
    this.stats = null;
    this.link = 'connecting';
    this.reprintNote = '';
    this.counterNote = null;
  }

  /**
   * The server no longer takes this sign-in (it expired, or the manager signed out in another tab, or was
   * deactivated): stop asking at once, then learn who is signed in, which brings the sign-in back.
   */
  private async signInEnded(): Promise<void> {
    if (!this.running) return;
    this.stop();
    this.link = 'refused';
    try {
      await session.load();
    } catch {
      // Not reachable: still stopped, and the page says why.
    }
    if (session.user) this.error = ts('manage.live.linkRefused');
  }

  /** Fetches the figures now, or as soon as the last fetch is a moment old; never two at once. */
  refreshSoon(): void {
    if (!this.running) return;
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
    const run = this.run;
    const sent = Date.now();
    try {
      const stats = await api.liveStats();
      if (run !== this.run) return;
      // Half the round trip is a fair guess of how old the server's timestamp is on arrival.
      this.offsetMs = Date.parse(stats.at) - (sent + Date.now()) / 2;
      this.now = Date.now() + this.offsetMs;
      this.stats = stats;
      this.error = '';
    } catch (e) {
      if (run !== this.run) return;
      if (e instanceof ApiError && e.status === 401) {
        void this.signInEnded();
        return;
      }
      this.error = e instanceof ApiError && !e.network ? e.message : ts('manage.live.stale');
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
    this.reprintNote = ts('manage.reprint.busy', { label });
    try {
      const { print } = await api.reprintTicket({ ticketId });
      this.reprintJob = print.jobId ? { jobId: print.jobId, label } : null;
      const news = print.jobId ? this.printNews.get(print.jobId) : undefined;
      this.reprintNote = news ? reprintText(label, news.status, news.error) : reprintText(label, print.status, print.error);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) void this.signInEnded();
      this.reprintNote = ts('manage.reprint.refused', { label, error: e instanceof ApiError && !e.network ? e.message : ts('manage.reprint.unreachable') });
    } finally {
      this.reprinting = null;
      this.refreshSoon();
    }
  }

  private onPrint(p: PrintEvent): void {
    this.printNews.delete(p.jobId);
    this.printNews.set(p.jobId, p);
    if (this.printNews.size > 50) this.printNews.delete(this.printNews.keys().next().value!);
    const job = this.reprintJob;
    if (job && p.jobId === job.jobId) this.reprintNote = reprintText(job.label, p.status, p.error);
    // A print failed or came good: the list of failed prints is the server's.
    this.refreshSoon();
  }

  /**
   * Closes a counter as the manager, first seeing to the customer at it (the server closes only an empty
   * counter): a called customer goes back in line in their place, one being served is finished.
   */
  async closeCounter(counter: LiveCounter, serviceName: string): Promise<void> {
    if (this.closing) return;
    this.closing = counter.id;
    this.counterNote = { text: ts('manage.counters.closing', { counter: counterText(counter, session.lang) }), ok: true };
    const ticket = counter.current;
    const step = customerStep(counter);
    let customerDone = false;
    try {
      if (ticket && step) {
        await (step === 'requeue' ? api.requeueTicket({ ticketId: ticket.id }) : api.completeTicket({ ticketId: ticket.id }));
        customerDone = true;
      }
      await api.closeCounter({ counterId: counter.id });
      this.counterNote = { text: closedText(counter, serviceName, session.lang), ok: true };
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) void this.signInEnded();
      const vars = { label: ticket?.label ?? '', counter: counterText(counter, session.lang), error: errorText(e) };
      const key = ticket && customerDone ? (step === 'requeue' ? 'manage.close.failedAfterRequeue' : 'manage.close.failedAfterComplete') : 'manage.close.failed';
      this.counterNote = { text: ts(key, vars), ok: false };
    } finally {
      this.closing = null;
      this.refreshSoon();
    }
  }
}
