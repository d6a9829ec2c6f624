// Pure helpers both sides use: ticket labels, how they are spoken, who is ahead of whom.
import type { Lang } from './domain.js';
import { swahiliNumber } from './swahili.js';

/** `B` + 7 → `B007`; grows to four digits past 999. */
export function ticketLabel(code: string, number: number): string {
  return code + String(number).padStart(3, '0');
}

/** Routing keys compare by effective arrival, then by issue order. */
export function rankBefore(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

const DIGITS: Record<Lang, readonly string[]> = {
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
  sw: ['sifuri', 'moja', 'mbili', 'tatu', 'nne', 'tano', 'sita', 'saba', 'nane', 'tisa'],
};

/** "B007" → "B, zero, zero, seven": letters and digits one by one, as a caller reads a ticket out. */
export function spokenLabel(label: string, lang: Lang): string {
  return [...label].map((ch) => (/\d/.test(ch) ? DIGITS[lang][Number(ch)] : ch)).join(' ');
}

/**
 * The sentence a display speaks for a call. Counter names that are numbers are read as "counter 5" and, in
 * Kiswahili, "tafadhali nenda dirisha namba tano" (the number in words, so every voice reads it in Kiswahili).
 */
export function callAnnouncement(label: string, counterName: string, lang: Lang): string {
  const counter = counterName.replace(/^(counter|dirisha)\s*/i, '');
  return lang === 'sw'
    ? `Tiketi ${spokenLabel(label, 'sw')}, tafadhali nenda dirisha namba ${spokenCounterSw(counter)}`
    : `Ticket ${spokenLabel(label, 'en')}, counter ${counter}`;
}

/**
 * A counter's name as a reader of `lang` reads it: "Counter 7" is "Dirisha 7" on a Kiswahili screen and back;
 * a counter with a name of its own ("Cashier") keeps it. Derived, so no counter needs a second name entered.
 */
export function counterNameIn(lang: Lang, name: string): string {
  const m = /^(counter|dirisha)\s*(\d\S*)$/i.exec(name.trim());
  return m ? `${lang === 'sw' ? 'Dirisha' : 'Counter'} ${m[2]}` : name;
}

/** "5" → "tano"; a counter called by a name rather than a number keeps its name. */
export function spokenCounterSw(counter: string): string {
  return /^\d{1,2}$/.test(counter) ? swahiliNumber(Number(counter)) : counter;
}
