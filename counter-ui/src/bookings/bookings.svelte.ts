// What the Bookings page's parts share: the services that take bookings, the centre's time zone and today
// in it, the day staff are looking at, and the bookings pushed live (made, cancelled or checked in anywhere,
// a kiosk included). Times are shown in the centre's zone, whatever the PC's own is.
import type { Appointment, AppointmentEvent, Lang, Service, StaffKey } from '@foleni/shared';
import { LiveConnection } from '@foleni/shared/client';
import { api } from '../lib/api.js';
import { session } from '../lib/session.svelte.js';
import { errorText } from '../manage/error-text.js';
import { ts } from '../lib/staff-words.js';

export function dayIn(timeZone: string, at: number = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

class BookingDesk {
  services = $state.raw<Service[]>([]);
  timeZone = $state('Africa/Nairobi');
  /** The centre's languages, its first the default for a booking's. */
  languages = $state.raw<Lang[]>(['en', 'sw']);
  today = $state(dayIn('Africa/Nairobi'));
  /** The day the list and the slots are of. */
  day = $state(dayIn('Africa/Nairobi'));
  loaded = $state(false);
  error = $state('');
  /** Bumped whenever a booking changes here, so the day's list reads again. */
  changed = $state(0);
  /** The latest booking pushed (`appointment:updated`), for the day's list to put in (`merged`). */
  pushed = $state.raw<AppointmentEvent | null>(null);
  private conn: LiveConnection | null = null;

  readonly bookable = $derived(this.services.filter((s) => s.active && s.booking.enabled));

  async load(): Promise<void> {
    try {
      const [{ centre }, services] = await Promise.all([api.getCentre(), api.listServices()]);
      this.timeZone = centre.timezone;
      this.languages = centre.languages;
      this.today = dayIn(centre.timezone);
      this.day = this.today;
      this.services = services.items;
      this.loaded = true;
      this.follow();
    } catch (e) {
      this.error = errorText(e);
    }
  }

  /** Follows bookings live; after a reconnection (pushes may have been missed) the day's list reads again. */
  private follow(): void {
    if (this.conn) return;
    let first = true;
    this.conn = new LiveConnection(
      { auth: {} },
      {
        snapshot: () => {
          if (!first) this.changed++;
          first = false;
        },
        events: { 'appointment:updated': (e) => (this.pushed = e) },
      },
    );
  }

  /**
   * The day's list with a pushed booking put in: its row replaced, keeping the masked phone that only the list
   * carries. Null when the list should be read again: a booking new to the day (and service) shown.
   */
  merged(items: Appointment[], e: AppointmentEvent, serviceId: string): Appointment[] | null {
    const a = e.appointment;
    const i = items.findIndex((x) => x.id === a.id);
    if (i >= 0) return items.map((x, j) => (j === i ? { ...a, ...(x.phone !== undefined ? { phone: x.phone } : {}) } : x));
    return a.day === this.day && (!serviceId || a.serviceId === serviceId) ? null : items;
  }

  service(id: string): Service | undefined {
    return this.services.find((s) => s.id === id);
  }

  /** "10:30", in the centre's time zone. */
  clock(iso: string): string {
    return new Intl.DateTimeFormat('en-GB', { timeZone: this.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.parse(iso));
  }

  /** "Tue 8 Dec" ("Jumanne 8 Des" in Kiswahili), in the centre's time zone. */
  date(iso: string): string {
    return new Intl.DateTimeFormat(session.lang === 'sw' ? 'sw-KE' : 'en-GB', { timeZone: this.timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(Date.parse(iso));
  }

  serviceText(a: Appointment): string {
    const s = this.service(a.serviceId);
    return s ? `${s.code} · ${s.name[session.lang]}` : '';
  }
}

export const STATUS_TONE: Record<Appointment['status'], 'good' | 'bad' | 'warn' | 'quiet'> = {
  booked: 'quiet',
  checked_in: 'good',
  served: 'good',
  no_show: 'warn',
  cancelled: 'bad',
};

/** "Checked in" / "Amefika". */
export const statusText = (status: Appointment['status']): string => ts(`bookings.status.${status}`);

/** How it was booked; eHuduma is a name, the same in both languages. */
export const channelText = (channel: Appointment['channel']): string =>
  channel === 'ehuduma' ? 'eHuduma' : ts(`bookings.channel.${channel}` satisfies StaffKey);

export const bookings = new BookingDesk();
