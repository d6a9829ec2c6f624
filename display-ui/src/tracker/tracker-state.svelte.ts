// The phone tracker's live state: the ticket from its snapshot, kept current from its own ticket's events
// and its line's anonymous moves, with a fresh snapshot on reconnect, when the phone wakes, and every
// minute or so as a safety net (the snapshot carries a seq, so no event is counted twice). A call rings,
// vibrates and takes the whole screen.
import type { Lang, PublicTicket, QueueSnapshot, TicketEvent } from '@foleni/shared';
import { createApi, LiveConnection, onTicketEvents } from '@foleni/shared/client';
import type { LinkState } from '@foleni/shared/client';
import { Chime } from '../lib/chime.js';
import { applyMove, applyOwn, applyPace, modelFrom } from './position.js';
import type { TrackerModel } from './position.js';

const LANG_KEY = 'foleni.tracker.lang';
/** Per ticket: the feedback key its link brought, so a reload or a visit without the fragment can still rate. */
const FEEDBACK_KEY_PREFIX = 'foleni.tracker.feedbackKey.';
const REFRESH_MS = 60_000;

function ticketIdFromPath(path: string): string | null {
  const m = /^\/t\/([A-Za-z0-9_-]{1,64})\/?$/.exec(path);
  return m ? m[1]! : null;
}

/**
 * The feedback key of the citizen's link (`/t/<id>#k=<key>`): in the fragment, which the browser never sends to
 * the server. Kept per ticket; null for a ticket issued before keys existed (its feedback needs none).
 */
function feedbackKeyFor(ticketId: string, hash: string): string | null {
  const fromLink = /^#(?:.*&)?k=([A-Za-z0-9_-]{1,100})(?:&|$)/.exec(hash)?.[1] ?? null;
  try {
    if (fromLink) localStorage.setItem(FEEDBACK_KEY_PREFIX + ticketId, fromLink);
    return fromLink ?? localStorage.getItem(FEEDBACK_KEY_PREFIX + ticketId);
  } catch {
    // Private browsing may refuse storage: the link itself still carries the key on a reload.
    return fromLink;
  }
}

function storedLang(): Lang | null {
  try {
    const v = localStorage.getItem(LANG_KEY);
    return v === 'en' || v === 'sw' ? v : null;
  } catch {
    return null;
  }
}

class TrackerState {
  readonly ticketId = ticketIdFromPath(location.pathname);
  /** Sent with the rating and the comment; only the citizen's own link has it. */
  readonly feedbackKey = this.ticketId ? feedbackKeyFor(this.ticketId, location.hash) : null;
  model = $state<TrackerModel | null>(null);
  centreName = $state('');
  link = $state<LinkState>('connecting');
  notFound = $state(false);
  chosenLang = $state<Lang | null>(storedLang());
  /** Goes up with every call or recall of our ticket; the full-screen call shows until dismissed for that one. */
  callSerial = $state(0);
  dismissedSerial = $state(-1);
  /** The last call of our ticket was a recall ("you are being called again"). */
  recalled = $state(false);
  soundOn = $state(false);

  readonly api = createApi();
  private live: LiveConnection | null = null;
  private readonly chime = new Chime();

  get ticket(): PublicTicket | null {
    return this.model?.ticket ?? null;
  }

  get lang(): Lang {
    return this.chosenLang ?? this.model?.ticket.lang ?? 'en';
  }

  get calledScreen(): boolean {
    return this.ticket?.status === 'called' && this.dismissedSerial !== this.callSerial;
  }

  start(): void {
    if (!this.ticketId) {
      this.notFound = true;
      return;
    }
    this.live = new LiveConnection(
      { auth: { ticketId: this.ticketId }, gapless: false },
      {
        snapshot: (s) => this.onSnapshot(s),
        events: {
          ...onTicketEvents((e) => this.onOwn(e)),
          'queue:moved': (e) => {
            if (this.model) this.model = applyMove(this.model, e);
          },
          // How many counters serve the line now: a state, applied whatever its seq.
          'queue:pace': (e) => {
            if (this.model) this.model = applyPace(this.model, e);
          },
          'centre:updated': (e) => (this.centreName = e.centre.name),
        },
        state: (state, reason) => {
          this.link = state;
          if (state === 'refused' && reason === 'unknown-ticket') this.notFound = true;
        },
      },
    );
    // A little jitter so thousands of phones do not all ask in the same second.
    const every = REFRESH_MS + Math.random() * 15_000;
    setInterval(() => this.refresh(), every);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') this.refresh();
    });
    // Phones only let a page make sound after a touch: any touch will do.
    const unlock = () => void this.chime.unlock().then((ok) => (this.soundOn = ok));
    window.addEventListener('pointerdown', unlock, { once: true });
  }

  setLang(lang: Lang): void {
    this.chosenLang = lang;
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // Private browsing may refuse storage; the switch still works for this visit.
    }
  }

  /**
   * "OK, I am on my way": the call screen closes and the clerk's card says the citizen is coming. Telling
   * the clerk is a courtesy: a lost request changes nothing for the citizen, so it is not retried.
   */
  dismissCall(): void {
    this.dismissedSerial = this.callSerial;
    if (this.ticketId && this.ticket?.status === 'called') {
      this.api.onMyWay({ ticketId: this.ticketId, body: this.feedbackKey ? { key: this.feedbackKey } : {} }).catch(() => undefined);
    }
  }

  /** The "turn on sound" button: unlock audio and let the person hear what the call will sound like. */
  async enableSound(): Promise<void> {
    this.soundOn = await this.chime.unlock(1500);
    if (this.soundOn) void this.chime.play(0.6);
  }

  /** Asks for a fresh snapshot (the estimate moves with service times and open counters too). */
  refresh(): void {
    if (this.link === 'online' && !this.notFound) this.live?.resync();
  }

  private onSnapshot(s: QueueSnapshot): void {
    if (s.kind !== 'tracker') return;
    const prev = this.model?.ticket;
    this.model = modelFrom(s.ticket, s.waiting);
    this.centreName = s.centre.name;
    this.notFound = false;
    // Called while the phone was asleep or offline: still ring when we learn of it.
    if (prev && s.ticket.status === 'called' && prev.status !== 'called') this.alert();
  }

  private onOwn(e: TicketEvent): void {
    if (!this.model) return;
    const { model, alert } = applyOwn(this.model, e);
    this.model = model;
    if (alert) this.alert(e.change === 'recalled');
  }

  private alert(recall = false): void {
    this.recalled = recall;
    this.callSerial++;
    // Where the phone allows sound without a touch this rings at once; otherwise after the first touch.
    void this.chime.unlock(300).then((ok) => {
      this.soundOn = ok;
      return this.chime.play();
    });
    try {
      navigator.vibrate?.([400, 150, 400, 150, 700]);
    } catch {
      // Some browsers refuse vibration without a recent touch; the screen and sound still tell.
    }
  }
}

export const tracker = new TrackerState();
