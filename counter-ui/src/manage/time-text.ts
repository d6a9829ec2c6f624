// Durations and times as a manager reads them: "7 min", "1 h 05 min", "10:32"; in Kiswahili "dakika 7",
// "saa 1 dakika 5" (a duration, so "saa" here is hours, never a clock time).
import type { Lang } from '@foleni/shared';

export function durationText(ms: number, lang: Lang = 'en'): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return lang === 'sw' ? `dakika ${minutes}` : `${minutes} min`;
  const h = Math.floor(minutes / 60);
  return lang === 'sw' ? `saa ${h} dakika ${minutes % 60}` : `${h} h ${String(minutes % 60).padStart(2, '0')} min`;
}

const COUNT = new Intl.NumberFormat('en-KE');
/** A count as people read it: 12,384. */
export const countText = (n: number): string => COUNT.format(n);

export function minutesText(minutes: number | null, lang: Lang = 'en'): string {
  if (minutes === null) return '—';
  const n = Number.isInteger(minutes) ? String(minutes) : minutes.toFixed(1);
  return lang === 'sw' ? `dakika ${n}` : `${n} min`;
}

export function percentText(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function format(timeZone: string, withDay: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withDay}`;
  let f = formats.get(key);
  if (!f) {
    const time = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
    f = new Intl.DateTimeFormat('en-GB', withDay ? { timeZone, day: 'numeric', month: 'short', ...time } : { timeZone, ...time });
    formats.set(key, f);
  }
  return f;
}

/** "10:32" today, "3 Mar, 10:32" on another day, in the centre's time zone. */
export function clockText(iso: string, timeZone: string, now: number): string {
  const ms = Date.parse(iso);
  return format(timeZone, dayIn(timeZone, ms) !== dayIn(timeZone, now)).format(ms);
}

/** Today in a time zone, as YYYY-MM-DD. */
export function dayIn(timeZone: string, ms = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/** A calendar day plus n days (n may be negative). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
