// Today's bookings in the demo centre, made when it starts (once a day): a few in the bookable services' slots
// around now, as if from eHuduma, the Mobile app and the Contact Centre, the ones whose time has come checked
// in; the start-up banner names three still to check in, to try at the kiosk.
import { DEFAULT_BOOKING } from '@foleni/shared';
import type { AppointmentChannel } from '@foleni/shared';
import type { AppContext } from '../app-context.js';
import { SYSTEM } from '../auth/actor.js';
import { newReference } from '../appointments/appointment.service.js';
import { slotsOn } from '../appointments/slot-grid.js';
import { newId } from '../ids.js';

const MINUTE = 60_000;
const NAMES = ['Achieng Otieno', 'Kamau Njoroge', 'Wanjiru Mwangi', 'Chebet Kiprono', 'Mutua Musyoka', 'Akinyi Odhiambo', 'Hassan Abdi', 'Njeri Kariuki', 'Kiptoo Rotich', 'Nafula Wekesa'];
const CHANNELS: AppointmentChannel[] = ['ehuduma', 'mobile', 'contact_centre', 'ehuduma'];

export interface DemoBookings {
  /** Bookings of later today still to check in: `reference (service code HH:MM)`. */
  toTry: string[];
  made: number;
}

export async function seedDemoBookings(ctx: AppContext): Promise<DemoBookings> {
  const { appointments, centre, clock, repos } = ctx;
  const today = centre.today();
  const { openingHours, timezone } = centre.get();
  const now = clock.now();
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const upcoming = () =>
    appointments.repo
      .onDay(today)
      .filter((a) => a.status === 'booked' && a.slotStart > now)
      .slice(0, 3)
      .map((a) => `${a.reference} (${repos.services.getAny(a.serviceId)?.code ?? '?'} ${time.format(a.slotStart)})`);
  if (appointments.repo.onDay(today).length > 0) return { toTry: upcoming(), made: 0 };

  const made = await ctx.writes.run(() => {
    let n = 0;
    for (const service of repos.services.list().filter((s) => s.active && s.booking.enabled)) {
      const near = slotsOn(openingHours, today, { ...DEFAULT_BOOKING, ...service.booking }, timezone).filter(
        (s) => s.start >= now - 30 * MINUTE && s.start <= now + 120 * MINUTE,
      );
      for (const [i, slot] of near.entries()) {
        // One or two a slot, never past its capacity.
        const count = Math.min(service.booking.perSlot, 1 + ((i + service.code.charCodeAt(0)) % 2));
        for (let k = 0; k < count; k++) {
          appointments.repo.insert({
            id: newId('apt'),
            reference: newReference(),
            serviceId: service.id,
            day: today,
            slotStart: slot.start,
            slotEnd: slot.end,
            channel: CHANNELS[(n + k) % CHANNELS.length]!,
            name: NAMES[n % NAMES.length]!,
            phone: null,
            externalRef: null,
            // Callers of both languages, so reminders and booked tickets show both.
            lang: (n + k) % 2 ? 'sw' : 'en',
            deviceId: null,
            userId: null,
            createdAt: now,
          });
          n++;
        }
      }
    }
    return n;
  });

  // Those whose early window has opened have come in (the rest of the day's check-ins are the visitor's).
  for (const a of appointments.repo.onDay(today)) {
    const service = repos.services.getAny(a.serviceId)!;
    const early = a.slotStart - service.booking.earlyMinutes * MINUTE;
    const grace = a.slotStart + service.booking.graceMinutes * MINUTE;
    if (a.status === 'booked' && early <= now && now <= grace) await appointments.checkIn(a.reference, SYSTEM, null);
  }
  return { toTry: upcoming(), made };
}
