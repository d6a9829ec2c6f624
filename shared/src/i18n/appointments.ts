// Words of booked appointments where citizens and clerks meet them, in English and Kiswahili: the kiosk's
// check-in (prefix 'kiosk.') and the booked mark on the counter screen ('counter.'). A refusal at the kiosk
// is shown in both languages at once, like the kiosk's other notices.
import type { Catalogue } from './translate.js';
import { translator } from './translate.js';

const en = {
  // ---- kiosk: the start screen ----
  'kiosk.start': 'I have a booking',

  // ---- kiosk: typing or scanning the reference ----
  'kiosk.heading': 'Type your booking reference',
  'kiosk.hint': 'It has 6 letters and numbers, and it is in your SMS or email. You can also hold its QR code to the scanner.',
  'kiosk.entry': 'Booking reference',
  'kiosk.entryEmpty': 'nothing typed yet',
  'kiosk.typed': '{n} of 6 typed',
  'kiosk.keyboard': 'Letters and numbers of the reference',
  'kiosk.backspace': 'Delete',
  'kiosk.backspaceLabel': 'Delete the last character',
  'kiosk.clear': 'Clear',
  'kiosk.clearLabel': 'Clear the whole reference',
  'kiosk.submit': 'Check in',
  'kiosk.checking': 'Checking your booking…',

  // ---- kiosk: the ticket of a booking ----
  'kiosk.booked': 'Booked {time}',
  'kiosk.early': 'You are early: you will be called from about {time}.',

  // ---- kiosk: refusals (nothing changed) ----
  'kiosk.unknown.title': 'We cannot find this booking',
  'kiosk.unknown.body': 'Compare {reference} with your SMS or email and type it again, or ask a member of staff.',
  'kiosk.notToday.title': 'Your booking is not for today',
  'kiosk.notToday.body': 'Booking {reference} is for another day. Please come on the day of your booking, or take a walk-in ticket now.',
  'kiosk.notToday.when': 'Your booking is on {weekday} {date} at {time}.',
  'kiosk.cancelled.title': 'This booking was cancelled',
  'kiosk.cancelled.body': 'Booking {reference} is cancelled and cannot be used. You can take a walk-in ticket.',
  'kiosk.tooLate.title': 'The time of this booking has passed',
  'kiosk.tooLate.body': 'It is too late to check in for booking {reference}. You can still take a walk-in ticket and wait in line.',
  'kiosk.used.title': 'This booking was already used',
  'kiosk.used.body': 'Booking {reference} has already been served. If you need another service, take a walk-in ticket.',
  'kiosk.generic.title': 'We could not check you in',
  'kiosk.generic.body': 'Please try again, or ask a member of staff.',
  'kiosk.walkIn': 'Take a walk-in ticket',
  'kiosk.typeAgain': 'Type it again',
  'kiosk.tryAgain': 'Try again',
  'kiosk.startOver': 'Start again',

  // ---- counter screen ----
  'counter.booked': 'Booked {time}',
  'counter.bookedLabel': 'Booked appointment at {time}',
} as const;

type Key = keyof typeof en;

const sw: Record<Key, string> = {
  'kiosk.start': 'Nina miadi',

  'kiosk.heading': 'Andika msimbo wa miadi yako',
  'kiosk.hint': 'Msimbo una herufi na tarakimu 6, na uko kwenye SMS au barua pepe yako. Unaweza pia kuweka msimbo wake wa QR mbele ya skana.',
  'kiosk.entry': 'Msimbo wa miadi',
  'kiosk.entryEmpty': 'bado hujaandika chochote',
  'kiosk.typed': 'Umeandika {n} kati ya 6',
  'kiosk.keyboard': 'Herufi na tarakimu za msimbo',
  'kiosk.backspace': 'Futa',
  'kiosk.backspaceLabel': 'Futa herufi ya mwisho',
  'kiosk.clear': 'Futa yote',
  'kiosk.clearLabel': 'Futa yote, uanze upya',
  'kiosk.submit': 'Thibitisha miadi',
  'kiosk.checking': 'Tunaangalia miadi yako…',

  'kiosk.booked': 'Miadi: {time}',
  'kiosk.early': 'Umefika mapema: utaitwa kuanzia takriban {time}.',

  'kiosk.unknown.title': 'Hatukupata miadi hii',
  'kiosk.unknown.body': 'Linganisha {reference} na SMS au barua pepe yako kisha uandike tena, au muulize mhudumu.',
  'kiosk.notToday.title': 'Miadi yako si ya leo',
  'kiosk.notToday.body': 'Miadi {reference} ni ya siku nyingine. Tafadhali njoo siku ya miadi yako, au chukua tiketi ya kawaida sasa.',
  'kiosk.notToday.when': 'Miadi yako ni {weekday}, {date}, {time}.',
  'kiosk.cancelled.title': 'Miadi hii ilighairiwa',
  'kiosk.cancelled.body': 'Miadi {reference} imeghairiwa na haiwezi kutumika. Unaweza kuchukua tiketi ya kawaida.',
  'kiosk.tooLate.title': 'Muda wa miadi hii umepita',
  'kiosk.tooLate.body': 'Umechelewa kuthibitisha miadi {reference}. Bado unaweza kuchukua tiketi ya kawaida na kusubiri kwenye foleni.',
  'kiosk.used.title': 'Miadi hii imeshatumika',
  'kiosk.used.body': 'Miadi {reference} imeshahudumiwa. Ukihitaji huduma nyingine, chukua tiketi ya kawaida.',
  'kiosk.generic.title': 'Hatukuweza kuthibitisha miadi yako',
  'kiosk.generic.body': 'Tafadhali jaribu tena, au muulize mhudumu.',
  'kiosk.walkIn': 'Chukua tiketi ya kawaida',
  'kiosk.typeAgain': 'Andika tena',
  'kiosk.tryAgain': 'Jaribu tena',
  'kiosk.startOver': 'Anza upya',

  'counter.booked': 'Miadi: {time}',
  'counter.bookedLabel': 'Mwenye miadi ya {time}',
};

export const appointmentCatalogue: Catalogue<Key> = { en, sw };
export type AppointmentKey = Key;
export const tAppointment = translator(appointmentCatalogue);
