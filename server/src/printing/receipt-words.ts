// The words printed on a ticket, in English and Kiswahili, and the one rule for what a thermal printer can show.
import type { Lang, Priority } from '@foleni/shared';

interface Words {
  ahead(n: number): string;
  wait(minutes: number): string;
  /** Printed instead of a wait while no open counter serves the service (fits 58 mm paper: 32 columns). */
  noCounter: string;
  priority: Record<Exclude<Priority, 'none'>, string>;
  scan: string;
  /** The network to join for the QR code, "Wi-Fi: HudumaFree". */
  wifi(name: string): string;
  date: string;
  time: string;
  /** Above a journey ticket's steps (fits 58 mm paper: 32 columns). */
  steps: string;
}

const WORDS: Record<Lang, Words> = {
  en: {
    ahead: (n) => (n === 0 ? 'You are next' : `People ahead: ${n}`),
    wait: (m) => (m < 1 ? 'Estimated wait: under 1 min' : `Estimated wait: about ${m} min`),
    noCounter: 'No counter open yet: please wait',
    priority: {
      pwd: 'Priority: person with disability',
      elderly: 'Priority: elderly person',
      pregnant: 'Priority: expectant mother',
      other: 'Priority service',
    },
    scan: 'Scan to follow your place',
    steps: 'Your steps, one ticket:',
    wifi: (name) => `Wi-Fi: ${name}`,
    date: 'Date',
    time: 'Time',
  },
  sw: {
    ahead: (n) => (n === 0 ? 'Wewe ndiye unayefuata' : `Watu mbele yako: ${n}`),
    wait: (m) => (m < 1 ? 'Muda wa kusubiri: chini ya dakika 1' : `Muda wa kusubiri: takriban dakika ${m}`),
    noCounter: 'Bado hakuna dirisha lililo wazi',
    priority: {
      pwd: 'Kipaumbele: mtu mwenye ulemavu',
      elderly: 'Kipaumbele: mzee',
      pregnant: 'Kipaumbele: mama mjamzito',
      other: 'Huduma ya kipaumbele',
    },
    scan: 'Skani msimbo huu ufuatilie nafasi yako',
    steps: 'Hatua zako, tiketi moja:',
    wifi: (name) => `Mtandao wa Wi-Fi: ${name}`,
    date: 'Tarehe',
    time: 'Muda',
  },
};

export const receiptWords = (lang: Lang): Words => WORDS[lang];

/** A booked ticket's time, "Booked 10:30 / Miadi: 10:30" (27 columns: fits 58 mm paper). */
export const bookedLine = (time: string): string => `Booked ${time} / Miadi: ${time}`;

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "28/11/2026 09:41" in the centre's zone. Only numeric parts are used: month names differ between ICU
 * builds, and the golden ticket bytes must not change with the Node binary.
 */
export function dateAndTime(ms: number, timeZone: string): { date: string; time: string } {
  let f = dateTimeFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(timeZone, f);
  }
  const part = (type: Intl.DateTimeFormatPartTypes): string => f.formatToParts(ms).find((p) => p.type === type)?.value ?? '';
  return { date: `${part('day')}/${part('month')}/${part('year')}`, time: `${part('hour')}:${part('minute')}` };
}

const TYPOGRAPHY: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u00a0': ' ',
  '\u2022': '*',
};

/**
 * Text as every ESC/POS printer prints it: plain ASCII. English and Kiswahili need nothing more; accents are
 * dropped (é → e) and typographic quotes and dashes made plain, so a name typed in a word processor still
 * prints, instead of the "?" a code page without the glyph would give.
 */
export function printable(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ch >= ' ' && ch <= '~') out += ch;
    else if (TYPOGRAPHY[ch] !== undefined) out += TYPOGRAPHY[ch];
    else if (ch === '\n' || ch === '\t') out += ' ';
    else {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += /^[ -~]+$/.test(base) ? base : '?';
    }
  }
  return out;
}
