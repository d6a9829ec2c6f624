// How Kiswahili reads numbers, clock times and counters aloud. Swahili time counts the hours from sunrise
// (06:00 is "saa 12 asubuhi", 08:00 "saa 2 asubuhi"), so a 24-hour time read in Kiswahili is misread by a
// listener unless the Swahili reading goes with it: "saa 2 asubuhi (08:00)".
import type { Lang } from './domain.js';

const ONES = ['sifuri', 'moja', 'mbili', 'tatu', 'nne', 'tano', 'sita', 'saba', 'nane', 'tisa'];
const TENS = ['', 'kumi', 'ishirini', 'thelathini', 'arobaini', 'hamsini', 'sitini', 'sabini', 'themanini', 'tisini'];

/** 1 → "moja", 12 → "kumi na mbili", 40 → "arobaini"; outside 0–99 the digits are kept. */
export function swahiliNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return ONES[n]!;
  const tens = TENS[Math.floor(n / 10)]!;
  return n % 10 === 0 ? tens : `${tens} na ${ONES[n % 10]}`;
}

/** The part of the day a Swahili clock time names, by the 24-hour hour. */
function partOfDay(hour: number): string {
  if (hour >= 4 && hour < 6) return 'alfajiri';
  if (hour >= 6 && hour < 12) return 'asubuhi';
  if (hour >= 12 && hour < 16) return 'mchana';
  if (hour >= 16 && hour < 19) return 'jioni';
  return 'usiku';
}

/**
 * "08:00" → "saa 2 asubuhi", "16:30" → "saa 10 na nusu jioni", "08:45" → "saa 3 kasorobo asubuhi",
 * "13:05" → "saa 7 na dakika 5 mchana". A string that is not HH:MM is returned as it is.
 */
export function swahiliClock(hhmm: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) return hhmm;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return hhmm;
  let minutes = minute === 0 ? '' : minute === 15 ? ' na robo' : minute === 30 ? ' na nusu' : ` na dakika ${minute}`;
  // A quarter to the hour is read from the next hour ("saa 3 kasorobo" is 08:45).
  if (minute === 45) {
    hour = (hour + 1) % 24;
    minutes = ' kasorobo';
  }
  const swahiliHour = (hour + 6) % 12 || 12;
  return `saa ${swahiliHour}${minutes} ${partOfDay(hour)}`;
}

/** A clock time as a reader of `lang` reads it: "08:00" in English, "saa 2 asubuhi (08:00)" in Kiswahili. */
export function clockFor(lang: Lang, hhmm: string): string {
  if (lang !== 'sw') return hhmm;
  const read = swahiliClock(hhmm);
  return read === hhmm ? hhmm : `${read} (${hhmm.trim()})`;
}
