// A bookable service's slots, cut from the day's opening hours (hoursOn): from opening, one every
// slotMinutes, the last one ending by closing. Pure, so slots, booking and import read one grid.
import { addDays, dayIn, hoursOn, timeOfDayIn } from '@foleni/shared';
import type { BookingSettings, OpeningWeek } from '@foleni/shared';

export interface SlotTime {
  start: number;
  end: number;
}

const MINUTE = 60_000;

/** The UTC ms of a wall-clock time ("HH:MM") on a day in a time zone (its offset that day, DST included). */
export function zonedTime(day: string, time: string, timeZone: string): number {
  const asUtc = Date.parse(`${day}T${time}:00Z`);
  // The zone's offset at that instant, found by reading the instant back in the zone (twice, across a change).
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const seen = Date.parse(`${dayIn(guess, timeZone)}T${timeOfDayIn(guess, timeZone)}:00Z`);
    guess += asUtc - seen;
  }
  return guess;
}

/** The slots of one day: none on a closed day, or when the service takes no bookings. */
export function slotsOn(week: OpeningWeek, day: string, booking: BookingSettings, timeZone: string): SlotTime[] {
  const hours = hoursOn(week, day);
  if (!hours || !booking.enabled) return [];
  const opens = zonedTime(day, hours.opens, timeZone);
  const closes = zonedTime(day, hours.closes, timeZone);
  const step = booking.slotMinutes * MINUTE;
  const out: SlotTime[] = [];
  for (let start = opens; start + step <= closes; start += step) out.push({ start, end: start + step });
  return out;
}

/** The slot starting exactly at `start`, if it is one of the service's on its day. */
export function slotAt(week: OpeningWeek, start: number, booking: BookingSettings, timeZone: string): SlotTime | null {
  const day = dayIn(start, timeZone);
  return slotsOn(week, day, booking, timeZone).find((s) => s.start === start) ?? null;
}

/** `days` days from `day` on. */
export const daysFrom = (day: string, days: number): string[] => Array.from({ length: days }, (_, i) => addDays(day, i));
