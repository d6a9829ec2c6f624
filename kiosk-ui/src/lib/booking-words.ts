// The kiosk's words for bookings (the 'kiosk.' part of the appointments catalogue), in the citizen's language
// or in a given one for the notices shown in both, and clock times in the centre's time zone.
import { tAppointment } from '@foleni/shared';
import type { AppointmentKey, Lang, Ticket, Vars } from '@foleni/shared';
import { clock } from './clock.svelte.js';
import { flow } from './flow.svelte.js';
import { kiosk } from './kiosk.svelte.js';

export type BookingKey = AppointmentKey extends infer K ? (K extends `kiosk.${infer Rest}` ? Rest : never) : never;

export const tb = (key: BookingKey, vars?: Vars): string => tAppointment(flow.lang, `kiosk.${key}`, vars);
export const tbIn = (lang: Lang, key: BookingKey, vars?: Vars): string => tAppointment(lang, `kiosk.${key}`, vars);

/** "10:30", in the centre's time zone (the kiosk's own may be set wrong). */
export function clockAt(iso: string): string {
  const timeZone = kiosk.centre?.timezone ?? 'Africa/Nairobi';
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.parse(iso));
}

/** The centre's day (YYYY-MM-DD) of a moment. */
export function dayAt(iso: string): string {
  const timeZone = kiosk.centre?.timezone ?? 'Africa/Nairobi';
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.parse(iso));
}

/**
 * For a booked citizen who came before their early window: when they may be called (`notBefore`), on the
 * server's time. Null for a walk-in, and once the window has opened.
 */
export function heldUntil(ticket: Ticket): string | null {
  return ticket.notBefore && Date.parse(ticket.notBefore) > clock.now + kiosk.serverOffsetMs ? ticket.notBefore : null;
}
