// Booking reminders by SMS (docs/architecture.md, "SMS"): a booking with a phone is reminded the evening before
// its day (18:00 centre time, or when it is booked if that is later) and two hours before its slot (if it was
// booked before then). The once-a-minute booking sweep asks which are due; the outbox keeps one of each per
// booking (its subject `b:<id>:<when>`), so a restart or a second sweep never queues one twice.
import { addDays, timeOfDayIn } from '@foleni/shared';
import type { Lang, Translated } from '@foleni/shared';
import type { Tx } from '../db/write-queue.js';
import type { AppointmentRecord } from './appointment.repository.js';
import { zonedTime } from './slot-grid.js';

export type ReminderWhen = 'day-before' | 'two-hours';

/** The evening before a booking's day, in the centre's time. */
export const EVENING_BEFORE = '18:00';
const TWO_HOURS = 2 * 60 * 60_000;
/** The furthest ahead a due reminder's slot can be: from 18:00 the evening before to the end of the day. */
export const REMIND_AHEAD_MS = 31 * 60 * 60_000;

/**
 * The reminders due at `now` for a booking, each from its moment until it would read wrong: "tomorrow" only
 * before midnight (and only for a booking made before its day), "today at 10:30" only before the slot.
 */
export function remindersDue(b: Pick<AppointmentRecord, 'day' | 'slotStart' | 'createdAt'>, now: number, timeZone: string): ReminderWhen[] {
  const out: ReminderWhen[] = [];
  const dayStarts = zonedTime(b.day, '00:00', timeZone);
  if (b.createdAt < dayStarts && now >= Math.max(zonedTime(addDays(b.day, -1), EVENING_BEFORE, timeZone), b.createdAt) && now < dayStarts) out.push('day-before');
  const twoBefore = b.slotStart - TWO_HOURS;
  if (b.createdAt < twoBefore && now >= twoBefore && now < b.slotStart) out.push('two-hours');
  return out;
}

/** What the reminders need of the SMS outbox (sms.service.ts). */
export interface BookingSms {
  queueBookingReminder(tx: Tx, r: { bookingId: string; reference: string; phone: string; lang: Lang; service: Translated; time: string; when: ReminderWhen }): boolean;
  /** Drops a booking's reminders not yet sent: it was cancelled, checked in or missed. */
  dropBookingReminders(bookingId: string, reason: string): void;
}

export interface ReminderContext {
  timezone: string;
  service(id: string): Translated | undefined;
}

/** Inside the sweep's write: queues the reminders due now of the bookings given; answers how many. */
export function queueDueReminders(tx: Tx, sms: BookingSms, bookings: readonly (AppointmentRecord & { reminded: string[] })[], now: number, ctx: ReminderContext): number {
  let queued = 0;
  for (const b of bookings) {
    const service = ctx.service(b.serviceId);
    if (!b.phone || !service) continue;
    for (const when of remindersDue(b, now, ctx.timezone)) {
      if (b.reminded.includes(when)) continue;
      const r = { bookingId: b.id, reference: b.reference, phone: b.phone, lang: b.lang, service, time: timeOfDayIn(b.slotStart, ctx.timezone), when };
      if (sms.queueBookingReminder(tx, r)) queued++;
    }
  }
  return queued;
}
