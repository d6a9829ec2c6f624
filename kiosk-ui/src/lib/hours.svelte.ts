// Whether the kiosk takes tickets now: the centre's opening hours, in its time zone, on the server's time,
// when the centre has its kiosks keep them. It changes by itself at opening and closing time (the kiosk's
// clock ticks), and with the centre's settings (they arrive over the socket).
import { closedPart } from '@foleni/shared';
import type { ClosedPart } from '@foleni/shared';
import { clock } from './clock.svelte.js';
import { kiosk } from './kiosk.svelte.js';

/** After the server refused a ticket as closed, the kiosk stays closed at least this long, whatever it reckons. */
const TRUST_REFUSAL_MS = 60_000;

class OpeningHours {
  /**
   * The server's last "closed" refusal: when (on this machine's clock), what it said, and the centre
   * settings the kiosk had then (new settings from the admin are believed over it).
   */
  private refusal = $state.raw<{ at: number; part: ClosedPart; centre: unknown } | null>(null);

  /** Null while the kiosk takes tickets; otherwise whether the centre has not opened yet or has closed for the day. */
  readonly closed = $derived.by((): ClosedPart | null => {
    const centre = kiosk.centre;
    if (!centre || !centre.openingHours.kiosksOnlyWhenOpen) return null;
    const reckoned = closedPart(centre.openingHours, clock.now + kiosk.serverOffsetMs, centre.timezone);
    if (reckoned) return reckoned;
    // The server said closed though this kiosk reckons open (hours it has not heard of yet): believe it a while.
    const r = this.refusal;
    if (r && r.centre === centre && clock.now - r.at < TRUST_REFUSAL_MS) return r.part;
    return null;
  });

  /** The server refused a ticket with centre-closed; its answer carries its own time. */
  refused(details: unknown): void {
    const said = (details ?? {}) as { now?: unknown; closed?: unknown };
    if (typeof said.now === 'string') kiosk.setServerTime(said.now);
    this.refusal = { at: Date.now(), part: said.closed === 'before' ? 'before' : 'after', centre: kiosk.centre };
    clock.touched();
  }
}

export const hours = new OpeningHours();
