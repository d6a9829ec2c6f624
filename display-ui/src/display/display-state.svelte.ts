// The display's live state: paired with a device token, fed by LiveConnection (snapshot, then events in
// seq order, a new snapshot on a gap or a reconnect), with calls announced and put on the big panel one
// after another, in the order they came, by the same queue.
import type { CallEntry, CounterEvent, DisplaySnapshot, PublicCentre, PublicCounter, QueueSnapshot, ServiceWithQueue, TicketEvent } from '@foleni/shared';
import { LiveConnection, onTicketEvents, pairFromLink, storedDeviceToken } from '@foleni/shared/client';
import type { LinkState } from '@foleni/shared/client';
import { Chime } from '../lib/chime.js';
import { Announcer } from './announcer.js';
import type { Announcement } from './announcer.js';
import { afterCounterChange, applyTicketEvent, applyWaiting, callKey, missedCalls, nowShowing, recentCalls, standsOnBoard, zoneCalls } from './calls.js';

/** An announcement that knows the call it reads, so the big panel can show that call while it is read. */
interface CallAnnouncement extends Announcement {
  call: CallEntry;
}

/** `link-used`, `link-expired`: the pairing link this page was opened with was refused. */
export type Pairing = 'paired' | 'unpaired' | 'refused' | 'link-used' | 'link-expired';

class DisplayState {
  pairing = $state<Pairing>('paired');
  link = $state<LinkState>('connecting');
  zone = $state('');
  centre = $state<PublicCentre | null>(null);
  services = $state<ServiceWithQueue[]>([]);
  counters = $state<PublicCounter[]>([]);
  /** The calls on the board, newest first, whether or not their turn on the big panel has come. */
  calls = $state<CallEntry[]>([]);
  /** The call being announced, or announced last; null when nothing was announced here yet. */
  private onStage = $state<CallEntry | null>(null);
  /** Calls waiting for their turn to be announced and shown, oldest first. */
  private waiting = $state<string[]>([]);
  /** The big panel: the call on stage, so that what the hall sees is what it hears. */
  readonly nowCalling = $derived(nowShowing(this.calls, this.onStage, this.waiting));
  /** The small list: every other call on the board, newest first, those still waiting their turn too. */
  readonly recent = $derived(recentCalls(this.calls, this.nowCalling));
  /** Changes each time a call (or a recall, a new call of the same ticket) comes on stage, so it flashes. */
  readonly flashKey = $derived(this.onStage ? callKey(this.onStage) : '');
  soundBlocked = $state(false);
  /** The server's clock minus this screen's: a TV's own clock is often wrong. */
  clockOffsetMs = $state(0);

  private live: LiveConnection | null = null;
  private readonly chime = new Chime();
  private readonly announcer = new Announcer<CallAnnouncement>({
    chime: this.chime,
    speech: typeof speechSynthesis === 'undefined' ? undefined : speechSynthesis,
    onBlocked: () => {
      this.soundBlocked = true;
    },
    onChange: (onStage, waiting) => {
      this.onStage = onStage?.call ?? null;
      this.waiting = waiting.map((a) => a.label);
    },
  });
  private hadSnapshot = false;

  async start(): Promise<void> {
    const refusedLink = await pairFromLink('display');
    if (refusedLink) {
      this.pairing = refusedLink === 'used' ? 'link-used' : 'link-expired';
      return;
    }
    const token = storedDeviceToken('display');
    if (!token) {
      this.pairing = 'unpaired';
      return;
    }
    // Voices load in the background in some browsers; asking early means they are there for the first call.
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.getVoices();
    void this.chime.unlock().then((ok) => {
      if (!ok) this.soundBlocked = true;
    });
    this.live = new LiveConnection(
      { auth: { token } },
      {
        snapshot: (s) => this.onSnapshot(s),
        events: {
          ...onTicketEvents((e) => this.onTicket(e)),
          'counter:updated': (e) => this.onCounter(e),
          'centre:updated': (e) => (this.centre = e.centre),
        },
        state: (state) => {
          this.link = state;
          if (state === 'refused') this.pairing = 'refused';
        },
      },
    );
  }

  /** A tap on the screen: the browser now lets the page play sound. */
  async enableSound(): Promise<void> {
    const ok = await this.chime.unlock(1500);
    this.soundBlocked = !ok;
  }

  /** Asks for a fresh snapshot (at the centre's midnight, so yesterday's calls leave the board). */
  resync(): void {
    this.live?.resync();
  }

  private onSnapshot(s: QueueSnapshot): void {
    if (s.kind !== 'display') return;
    const calls = zoneCalls(s);
    // Moved to another zone by the admin: the old zone's calls are no longer this hall's to read, and the
    // new zone's board is shown, not announced.
    const moved = this.hadSnapshot && s.zone !== this.zone;
    if (moved) this.announcer.clear();
    // Calls this screen never heard of (a gap, or the link was down) are announced if they are fresh.
    const missed = this.hadSnapshot && !moved ? missedCalls(this.calls, calls, s.now) : [];
    // Calls that left the board while this screen was away no longer stand: not read, not shown.
    const onBoard = new Set(calls.map((c) => c.label));
    for (const label of [...this.waiting, ...(this.onStage ? [this.onStage.label] : [])]) {
      if (!onBoard.has(label)) this.announcer.withdraw(label);
    }
    this.applySnapshot(s, calls);
    for (const c of missed) this.announce(c);
    this.hadSnapshot = true;
  }

  private applySnapshot(s: DisplaySnapshot, calls: CallEntry[]): void {
    this.clockOffsetMs = Date.parse(s.now) - Date.now();
    this.zone = s.zone;
    this.centre = s.centre;
    this.services = s.services;
    this.counters = s.counters;
    this.calls = calls;
  }

  private onTicket(e: TicketEvent): void {
    this.services = applyWaiting(this.services, e.waiting);
    const { calls, announce } = applyTicketEvent(this.calls, e, this.zone);
    this.calls = calls;
    if (announce) this.announce(announce);
    // Already at the counter: a call still waiting is read no more, and one on stage may give way.
    else if (e.ticket.status !== 'called' && standsOnBoard(e.ticket.status)) this.announcer.answered(e.ticket.label);
    // Missed, put back, moved or cancelled: the call is neither read nor shown any more.
    else if (e.ticket.status !== 'called') this.announcer.withdraw(e.ticket.label);
  }

  private onCounter(e: CounterEvent): void {
    const c = e.counter;
    const known = this.counters.some((x) => x.id === c.id);
    if (c.zone === this.zone) this.counters = known ? this.counters.map((x) => (x.id === c.id ? c : x)) : [...this.counters, c];
    else if (known) this.counters = this.counters.filter((x) => x.id !== c.id);
    const calls = afterCounterChange(this.calls, c);
    if (calls.length !== this.calls.length) {
      for (const gone of this.calls.filter((x) => !calls.includes(x))) this.announcer.withdraw(gone.label);
      this.calls = calls;
    }
  }

  private announce(c: CallEntry): void {
    // The call's time in this screen's clock, which may be off from the server's.
    this.announcer.enqueue({ label: c.label, counterName: c.counter.name, lang: c.lang, at: Date.parse(c.at) - this.clockOffsetMs, call: c });
  }
}

export const display = new DisplayState();
