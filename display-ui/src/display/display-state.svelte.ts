// The display's live state: paired with a device token, fed by LiveConnection (snapshot, then events in
// seq order, a new snapshot on a gap or a reconnect), with calls flashed and announced as they arrive.
import type { CallEntry, CounterEvent, DisplaySnapshot, PublicCentre, PublicCounter, QueueSnapshot, ServiceWithQueue, TicketEvent } from '@foleni/shared';
import { LiveConnection, takePairingToken } from '@foleni/shared/client';
import type { LinkState } from '@foleni/shared/client';
import { Chime } from '../lib/chime.js';
import { Announcer } from './announcer.js';
import { applyTicketEvent, applyWaiting, callKey, missedCalls, zoneCalls } from './calls.js';

export type Pairing = 'paired' | 'unpaired' | 'refused';

class DisplayState {
  pairing = $state<Pairing>('paired');
  link = $state<LinkState>('connecting');
  zone = $state('');
  centre = $state<PublicCentre | null>(null);
  services = $state<ServiceWithQueue[]>([]);
  counters = $state<PublicCounter[]>([]);
  calls = $state<CallEntry[]>([]);
  /** Changes on every new call or recall, so the newest call flashes again even for the same ticket. */
  flashKey = $state('');
  soundBlocked = $state(false);
  /** The server's clock minus this screen's: a TV's own clock is often wrong. */
  clockOffsetMs = $state(0);

  private live: LiveConnection | null = null;
  private readonly chime = new Chime();
  private readonly announcer = new Announcer({
    chime: this.chime,
    speech: typeof speechSynthesis === 'undefined' ? undefined : speechSynthesis,
    onBlocked: () => {
      this.soundBlocked = true;
    },
  });
  private hadSnapshot = false;

  start(): void {
    const token = takePairingToken('display');
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
        event: (name, payload) => {
          if (name === 'ticket:issued' || name === 'ticket:called' || name === 'ticket:recalled' || name === 'ticket:updated') {
            this.onTicket(payload as TicketEvent);
          } else if (name === 'counter:updated') {
            this.onCounter(payload as CounterEvent);
          } else if (name === 'centre:updated') {
            this.centre = (payload as { centre: PublicCentre }).centre;
          }
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
    // Already at the counter, missed, moved or cancelled: a call still waiting to be read is read no more.
    else if (e.ticket.status !== 'called') this.announcer.withdraw(e.ticket.label);
  }

  private onCounter(e: CounterEvent): void {
    const c = e.counter;
    const known = this.counters.some((x) => x.id === c.id);
    if (c.zone === this.zone) this.counters = known ? this.counters.map((x) => (x.id === c.id ? c : x)) : [...this.counters, c];
    else if (known) this.counters = this.counters.filter((x) => x.id !== c.id);
  }

  private announce(c: CallEntry): void {
    this.flashKey = callKey(c);
    // The call's time in this screen's clock, which may be off from the server's.
    this.announcer.enqueue({ label: c.label, counterName: c.counter.name, lang: c.lang, at: Date.parse(c.at) - this.clockOffsetMs });
  }
}

export const display = new DisplayState();
