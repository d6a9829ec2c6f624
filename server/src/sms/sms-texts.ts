// The texts of the SMS messages, in English and Kiswahili: plain GSM-7, one part of at most 160 characters,
// each naming the centre. Names that do not fit (a long centre, service or counter name) are shortened, never
// the label, the figures or the tracking link. Kiswahili times go without "saa" (a 24-hour time after "saa"
// reads six hours off): "kesho, 10:30".
import type { Lang } from '@foleni/shared';

/** One SMS part in the GSM 03.38 default alphabet. */
export const SMS_MAX = 160;

// The GSM 03.38 basic set (one septet each) and its extension (two septets: the escape, then the character).
const BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const EXTENSION = new Set('^{}\\[~]|€');

/** Only characters of the basic set: one septet each (what nearly every message is). */
const BASIC_ONLY = new RegExp(`^[${[...BASIC].map((c) => (/[\\\]^-]/.test(c) ? `\\${c}` : c)).join('')}]*$`);

/**
 * Only printable ASCII of the basic set: what a message nearly always is. The ASCII characters GSM-7 lacks
 * (`) or holds only in its extension ([\]^{|}~) are left out. A class of ASCII ranges is many times quicker to
 * test than the whole basic set's.
 */
const ASCII_BASIC_ONLY = /^[\n\r -Z_a-z]*$/;

/** Septets the text takes in GSM-7, or null when some character is not in GSM-7 (it would go as UCS-2). */
export function gsm7Length(text: string): number | null {
  if (ASCII_BASIC_ONLY.test(text) || BASIC_ONLY.test(text)) return text.length;
  let n = 0;
  for (const ch of text) {
    if (BASIC.has(ch)) n += 1;
    else if (EXTENSION.has(ch)) n += 2;
    else return null;
  }
  return n;
}

const LOOKALIKE: Record<string, string> = { '‘': "'", '’': "'", '“': '"', '”': '"', '–': '-', '—': '-', '…': '...', '•': '*', ' ': ' ' };

/**
 * A name as GSM-7 can carry it: accents it lacks dropped (ô → o), typographic quotes and dashes made plain,
 * anything else (an emoji) left out. One character outside GSM-7 would make the whole message UCS-2, whose
 * part holds only 70 characters.
 */
export function toGsm7(text: string): string {
  let out = '';
  for (const ch of text) {
    if (BASIC.has(ch) || EXTENSION.has(ch)) out += ch;
    else if (LOOKALIKE[ch] !== undefined) out += LOOKALIKE[ch];
    else {
      const plain = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      if ([...plain].every((c) => BASIC.has(c))) out += plain;
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

export type SmsTextKind = 'issued' | 'near' | 'called' | 'transferred' | 'ready' | 'reminder' | 'test';

export type SmsTextInput =
  | { kind: 'issued'; label: string; ahead: number | null; waitMinutes: number | null; trackUrl: string }
  | { kind: 'near'; label: string; ahead: number }
  | { kind: 'called'; label: string; counter: string }
  /** With `step`: a journey ticket gone on to its next step's line ("step 2 of 3"). */
  | { kind: 'transferred'; label: string; service: string; step?: { n: number; of: number } }
  | { kind: 'ready'; label: string | null }
  | { kind: 'reminder'; reference: string; service: string; when: 'day-before' | 'two-hours'; time: string }
  | { kind: 'test' };

/** "Counter 4" → "Dirisha 4" in Kiswahili; a counter with a name of its own keeps it. */
function counterWords(name: string, lang: Lang): string {
  const m = /^(?:counter|dirisha)?\s*(\d+)$/i.exec(name.trim());
  if (!m) return name;
  return lang === 'sw' ? `dirisha ${m[1]}` : `Counter ${m[1]}`;
}

function aheadWords(n: number, lang: Lang): string {
  if (lang === 'sw') return n === 0 ? 'wewe ndiye unayefuata' : n === 1 ? 'mtu 1 yuko mbele yako' : `watu ${n} wako mbele yako`;
  return n === 0 ? 'you are next' : n === 1 ? '1 person ahead of you' : `${n} people ahead of you`;
}

/**
 * The body of each message, with `{name}` where a shortenable name goes (centre first, then another name).
 * Kept apart from the fitting so the test can try every one with the longest names.
 */
function parts(input: SmsTextInput, lang: Lang): { text: string; name?: string } {
  const sw = lang === 'sw';
  switch (input.kind) {
    case 'issued': {
      const ahead = input.ahead === null ? '' : ` ${sw ? capital(aheadWords(input.ahead, 'sw')) : capital(aheadWords(input.ahead, 'en'))}.`;
      const wait =
        input.waitMinutes === null || input.ahead === null || input.ahead === 0
          ? ''
          : sw
            ? ` Kusubiri takriban dakika ${input.waitMinutes}.`
            : ` Wait about ${input.waitMinutes} min.`;
      return { text: `${sw ? 'Tiketi' : 'Ticket'} ${input.label}.${ahead}${wait} ${sw ? 'Fuatilia' : 'Follow'}: ${input.trackUrl}` };
    }
    case 'near':
      return sw
        ? { text: `${input.label}, zamu yako inakaribia: ${aheadWords(input.ahead, 'sw')}. Tafadhali rudi eneo la kusubiri.` }
        : { text: `${input.label}, your turn is near: ${aheadWords(input.ahead, 'en')}. Please come back to the waiting area.` };
    case 'called':
      return sw
        ? { text: `${input.label}, ni zamu yako: tafadhali nenda {name} sasa.`, name: counterWords(input.counter, 'sw') }
        : { text: `${input.label}, it is your turn: please go to {name} now.`, name: counterWords(input.counter, 'en') };
    case 'transferred':
      if (input.step) {
        const { n, of } = input.step;
        return sw
          ? { text: `${input.label}: hatua ${n} kati ya ${of}, sasa iko kwenye foleni ya {name}. Tafadhali subiri kuitwa.`, name: input.service }
          : { text: `${input.label}: step ${n} of ${of}, now in the line for {name}. Please wait to be called.`, name: input.service };
      }
      return sw
        ? { text: `${input.label} sasa iko kwenye foleni ya {name}. Tafadhali subiri kuitwa.`, name: input.service }
        : { text: `${input.label} is now in the line for {name}. Please wait to be called.`, name: input.service };
    case 'ready': {
      const label = input.label ? (sw ? ` Leta tiketi ${input.label} au kitambulisho chako.` : ` Bring ticket ${input.label} or your ID.`) : '';
      return sw
        ? { text: `Hati yako iko tayari kuchukuliwa.${label}` }
        : { text: `Your document is ready to collect.${label}` };
    }
    case 'reminder': {
      const day = input.when === 'day-before' ? (sw ? 'kesho' : 'tomorrow') : sw ? 'leo' : 'today';
      return sw
        ? { text: `Ukumbusho: miadi ${input.reference} ya {name} ${day}, ${input.time}. Ingia kwenye kioski kwa nambari hiyo.`, name: input.service }
        : { text: `Reminder: booking ${input.reference} for {name} ${day} at ${input.time}. Check in at the kiosk with it.`, name: input.service };
    }
    case 'test':
      return sw ? { text: 'Huu ni ujumbe wa majaribio wa SMS za foleni.' } : { text: 'This is a test message from the queue system.' };
  }
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function shorten(name: string, room: number): string {
  if (name.length <= room) return name;
  if (room <= 1) return '';
  return `${name.slice(0, room - 1).trimEnd()}.`;
}

/** The centre's name in GSM-7, kept: it is the same in every message. */
let lastCentre: [string, string] = ['', ''];

/** "<centre>: <body>", the other name in its place. */
function compose(centre: string, body: string, other: string): string {
  const filled = body.replace('{name}', () => other);
  return centre ? `${centre}: ${filled}` : filled;
}

/** Septets past one part (0 or less: it fits; Infinity: not GSM-7). */
function overBy(centre: string, body: string, other: string): number {
  return (gsm7Length(compose(centre, body, other)) ?? Infinity) - SMS_MAX;
}

/**
 * The message as sent: "<centre>: <body>", in GSM-7 within one part. The centre's name gives way first (down to
 * 12 characters), then the other name.
 */
export function smsText(centreName: string, input: SmsTextInput, lang: Lang): string {
  const { text: body, name } = parts(input, lang);
  if (lastCentre[0] !== centreName) lastCentre = [centreName, toGsm7(centreName)];
  let centre = lastCentre[1];
  let other = name === undefined ? '' : toGsm7(name);
  let over = overBy(centre, body, other);
  if (over > 0) {
    centre = shorten(centre, Math.max(12, centre.length - over));
    over = overBy(centre, body, other);
  }
  if (over > 0 && other) {
    other = shorten(other, Math.max(1, other.length - over));
    over = overBy(centre, body, other);
  }
  if (over > 0) centre = shorten(centre, Math.max(0, centre.length - over));
  return compose(centre, body, other);
}
