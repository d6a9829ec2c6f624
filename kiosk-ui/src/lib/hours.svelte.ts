// Whether the kiosk takes tickets now: the centre's week and holidays, in its time zone, on the server's
// time, when the centre has its kiosks keep them. It changes by itself at opening and closing time (the
// kiosk's clock ticks), and with the centre's settings (they arrive over the socket).
import { openingAt } from '@foleni/shared';
import type { CentreClosedDetails, ClosedPart, Hours, Opening } from '@foleni/shared';
import { clock } from './clock.svelte.js';
import { kiosk } from './kiosk.svelte.js';

/** After the server refused a ticket as closed, the kiosk stays closed at least this long, whatever it reckons. */
const TRUST_REFUSAL_MS = 60_000;

/** What the closed screen says: why it is closed, today's hours and when it opens next. */
export interface Closed {
  /** The centre's day (YYYY-MM-DD). */
  day: string;
  part: ClosedPart;
  today: Hours | null;
  /** Today is a holiday (one of the centre's closed dates). */
  closedDate: boolean;
  next: Opening | null;
}

class OpeningHours {
  /**
   * The server's last "closed" refusal: when (on this machine's clock), what it said, and the centre
   * settings the kiosk had then (new settings from the admin are believed over it).
   */
  private refusal = $state.raw<{ at: number; closed: Closed; centre: unknown } | null>(null);

  /** Null while the kiosk takes tickets; otherwise why it is closed and when it opens next. */
  readonly closed = $derived.by((): Closed | null => {
    const centre = kiosk.centre;
    if (!centre || !centre.openingHours.kiosksOnlyWhenOpen) return null;
    const state = openingAt(centre.openingHours, clock.now + kiosk.serverOffsetMs, centre.timezone);
    if (!state.open) return { day: state.day, part: state.closed, today: state.hours, closedDate: state.closedDate, next: state.next };
    // The server said closed though this kiosk reckons open (hours it has not heard of yet): believe it a while.
    const r = this.refusal;
    if (r && r.centre === centre && clock.now - r.at < TRUST_REFUSAL_MS) return r.closed;
    return null;
  });

  /** The server refused a ticket with centre-closed; its answer carries its own time and when it opens next. */
  refused(details: unknown): void {
    const said = (details ?? {}) as Partial<CentreClosedDetails>;
    if (typeof said.now === 'string') kiosk.setServerTime(said.now);
    const part: ClosedPart = said.closed === 'before' || said.closed === 'all-day' ? said.closed : 'after';
    const day = typeof said.day === 'string' ? said.day : '';
    const closed: Closed = { day, part, today: said.today ?? null, closedDate: said.closedDate === true, next: said.next ?? null };
    this.refusal = { at: Date.now(), closed, centre: kiosk.centre };
    clock.touched();
  }
}

export const hours = new OpeningHours();
