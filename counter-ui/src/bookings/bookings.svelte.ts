// What the Bookings page's parts share: the services that take bookings, the centre's time zone and today
// in it, and the day staff are looking at. Times are shown in the centre's zone, whatever the PC's own is.
import type { Appointment, Service, StaffKey } from '@foleni/shared';
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
  today = $state(dayIn('Africa/Nairobi'));
  /** The day the list and the slots are of. */
  day = $state(dayIn('Africa/Nairobi'));
  loaded = $state(false);
  error = $state('');
  /** Bumped whenever a booking changes here, so the day's list reads again. */
  changed = $state(0);

  readonly bookable = $derived(this.services.filter((s) => s.active && s.booking.enabled));

  async load(): Promise<void> {
    try {
      const [{ centre }, services] = await Promise.all([api.getCentre(), api.listServices()]);
      this.timeZone = centre.timezone;
      this.today = dayIn(centre.timezone);
      this.day = this.today;
      this.services = services.items;
      this.loaded = true;
    } catch (e) {
      this.error = errorText(e);
    }
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
