// Short, plain durations and clock times for the counter screen, in the clerk's language.
import type { Lang } from '@foleni/shared';

/** Whole minutes from `fromIso` to `nowMs` (never negative). */
export function minutesSince(fromIso: string, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - Date.parse(fromIso)) / 60_000));
}

/** "45 s", "4 min", "1 h 12 min" (English) or "sek 45", "dak 4", "saa 1 dak 12" (Kiswahili). */
export function durationText(ms: number, lang: Lang): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const sw = lang === 'sw';
  if (s < 60) return sw ? `sekunde ${s}` : `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) {
    const rest = s % 60;
    if (m < 10 && rest) return sw ? `dakika ${m} sekunde ${rest}` : `${m} min ${rest} s`;
    return sw ? `dakika ${m}` : `${m} min`;
  }
  const h = Math.floor(m / 60);
  const mm = m % 60;
  return sw ? `saa ${h} dakika ${mm}` : `${h} h ${mm} min`;
}

/** Minutes waited, as a short figure for lists: "12 min" / "dakika 12". */
export function waitText(fromIso: string, nowMs: number, lang: Lang): string {
  const m = minutesSince(fromIso, nowMs);
  if (m < 60) return lang === 'sw' ? `dakika ${m}` : `${m} min`;
  return durationText(m * 60_000, lang);
}

/** Clock time of day in the centre's time zone: "10:42". */
export function clockText(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.parse(iso));
}
