// Words of the kiosk screens, in English and Kiswahili. Waits and places in line come from the common
// catalogue. Pairing, "server unreachable" and "the centre is closed" are shown in both languages at once, so
// a citizen who has not found the language switch still understands them.
import type { Catalogue } from './translate.js';
import { translator } from './translate.js';

const en = {
  'title': 'Foleni',
  'lang.label': 'Language',

  'services.heading': 'Choose a service',
  'services.hint': 'Touch the service you came for to get your ticket.',
  'services.none': 'No service is taking tickets right now. Please ask a member of staff.',
  'services.loading': 'Loading services…',
  'service.waiting': '{n} waiting',
  'service.waitingOne': '1 waiting',
  'service.waitingNone': 'Nobody waiting',
  'service.wait': 'about {n} min',
  'service.noCounter': 'No counter open right now',

  'agencies.hint': 'First touch the office that gives the service you came for.',
  'agency.servicesOne': '1 service',
  'agency.services': '{n} services',
  'agency.hint': 'Touch the service you came for to get your ticket.',
  'menu.more': 'More services',
  'menu.moreAgencies': 'More offices',
  'menu.page': 'Page {n} of {total}',

  'priority.chosen': 'You chose',
  'priority.heading': 'Do you need priority service?',
  'priority.hint': 'Priority service is for persons with disability, elderly people and expectant mothers.',
  'priority.no': 'No, thank you',
  'priority.pwd': 'Yes: I have a disability',
  'priority.elderly': 'Yes: I am elderly',
  'priority.pregnant': 'Yes: I am pregnant',
  'back': 'Back',

  'issuing': 'Getting your ticket…',
  'issuing.slow': 'The network is slow. Still trying…',
  'problem.network': 'We could not reach the ticket server, so no ticket was made yet.',
  'problem.closed': 'This service is not taking tickets right now. Please choose another service or ask a member of staff.',
  'problem.busy': 'The kiosk is very busy. Please try again in a moment.',
  'problem.generic': 'Something went wrong and no ticket was made. Please try again or ask a member of staff.',
  'problem.tryAgain': 'Try again',
  'problem.startOver': 'Start again',

  'ticket.heading': 'Your ticket number',
  'ticket.service': 'Service',
  'ticket.priority': 'Priority service',
  'ticket.estimatedWait': 'Estimated wait: {wait}',
  'ticket.soon': 'You should be called very soon.',
  'ticket.watch': 'Watch the screens in the hall. Your number will be called with a counter.',
  'ticket.qr': 'Scan with your phone to follow your place in the queue.',
  'ticket.qrAlt': 'QR code to follow ticket {label} on a phone',
  'ticket.finish': 'Finish',
  'ticket.closesIn': 'This screen closes in {n} seconds',

  'print.printing': 'Printing your ticket…',
  'print.slow': 'Printing is taking longer than usual. If no ticket comes out, please take a photo of this screen or ask a member of staff.',
  'print.done': 'Take your ticket from the printer below.',
  'print.failed.title': 'The printer has a problem',
  'print.failed': 'Please take a photo of this screen, or ask a member of staff. Your number is valid.',
  'print.none': 'This kiosk does not print. Please take a photo of this screen or write down your number.',

  'offline.title': 'The ticket server cannot be reached',
  'offline.body': 'Please wait a moment: the kiosk reconnects by itself. If this goes on, ask a member of staff.',
  'offline.trying': 'Trying again…',

  'closed.title': 'The centre is closed',
  'closed.hours': 'Opening hours: {opens} to {closes}',
  'closed.before': 'Tickets are issued from {opens} today. Please come back then.',
  'closed.after': 'Please come back tomorrow from {opens}.',
  'closed.staff': 'If you are already inside, please ask a member of staff.',

  'pair.title': 'This kiosk is not set up yet',
  'pair.revokedTitle': 'This kiosk is no longer set up',
  'pair.citizen': 'Please ask a member of staff for a ticket.',
  'pair.staffHeading': 'For the administrator',
  'pair.step1': 'On a staff computer, sign in at {admin} and open Devices.',
  'pair.step2': 'Add a kiosk (or choose this one) and make its pairing link.',
  'pair.step3': 'Open that link on this screen within 15 minutes: it works once. It starts with {pair}',
  'pair.usedTitle': 'This pairing link was already used',
  'pair.expiredTitle': 'This pairing link has expired or is not valid',
  'pair.newLink': 'A pairing link works once, for 15 minutes. Ask the administrator for a new pairing link.',
} as const;

type Key = keyof typeof en;

const sw: Record<Key, string> = {
  'title': 'Foleni',
  'lang.label': 'Lugha',

  'services.heading': 'Chagua huduma',
  'services.hint': 'Gusa huduma uliyokuja kupata ili upate tiketi yako.',
  'services.none': 'Hakuna huduma inayotoa tiketi kwa sasa. Tafadhali muulize mhudumu.',
  'services.loading': 'Huduma zinapakiwa…',
  'service.waiting': 'Wanaosubiri: {n}',
  'service.waitingOne': 'Anayesubiri: 1',
  'service.waitingNone': 'Hakuna anayesubiri',
  'service.wait': 'takriban dakika {n}',
  'service.noCounter': 'Hakuna dirisha lililo wazi sasa',

  'agencies.hint': 'Kwanza gusa ofisi inayotoa huduma uliyokuja kupata.',
  'agency.servicesOne': 'Huduma 1',
  'agency.services': 'Huduma {n}',
  'agency.hint': 'Gusa huduma uliyokuja kupata ili upate tiketi yako.',
  'menu.more': 'Huduma zaidi',
  'menu.moreAgencies': 'Ofisi zaidi',
  'menu.page': 'Ukurasa {n} kati ya {total}',

  'priority.chosen': 'Umechagua',
  'priority.heading': 'Je, unahitaji huduma ya kipaumbele?',
  'priority.hint': 'Huduma ya kipaumbele ni kwa watu wenye ulemavu, wazee na akina mama wajawazito.',
  'priority.no': 'Hapana, asante',
  'priority.pwd': 'Ndiyo: nina ulemavu',
  'priority.elderly': 'Ndiyo: mimi ni mzee',
  'priority.pregnant': 'Ndiyo: mimi ni mjamzito',
  'back': 'Rudi',

  'issuing': 'Tunatayarisha tiketi yako…',
  'issuing.slow': 'Mtandao ni wa polepole. Bado tunajaribu…',
  'problem.network': 'Hatukuweza kufikia seva ya tiketi, kwa hivyo tiketi bado haijatolewa.',
  'problem.closed': 'Huduma hii haitoi tiketi kwa sasa. Tafadhali chagua huduma nyingine au muulize mhudumu.',
  'problem.busy': 'Kioski kina shughuli nyingi. Tafadhali jaribu tena baada ya muda mfupi.',
  'problem.generic': 'Kuna hitilafu na tiketi haikutolewa. Tafadhali jaribu tena au muulize mhudumu.',
  'problem.tryAgain': 'Jaribu tena',
  'problem.startOver': 'Anza upya',

  'ticket.heading': 'Namba ya tiketi yako',
  'ticket.service': 'Huduma',
  'ticket.priority': 'Huduma ya kipaumbele',
  'ticket.estimatedWait': 'Muda wa kusubiri: {wait}',
  'ticket.soon': 'Utaitwa hivi karibuni.',
  'ticket.watch': 'Angalia skrini zilizo ukumbini. Namba yako itaitwa pamoja na dirisha.',
  'ticket.qr': 'Changanua (scan) kwa simu yako ili ufuatilie nafasi yako kwenye foleni.',
  'ticket.qrAlt': 'Msimbo wa QR wa kufuatilia tiketi {label} kwenye simu',
  'ticket.finish': 'Maliza',
  'ticket.closesIn': 'Skrini hii itafungwa baada ya sekunde {n}',

  'print.printing': 'Tiketi yako inachapishwa…',
  'print.slow': 'Uchapishaji unachukua muda mrefu kuliko kawaida. Tiketi isipotoka, tafadhali piga picha skrini hii au muulize mhudumu.',
  'print.done': 'Chukua tiketi yako kutoka kwa printa iliyo hapa chini.',
  'print.failed.title': 'Printa ina tatizo',
  'print.failed': 'Tafadhali piga picha skrini hii, au muulize mhudumu. Namba yako ni halali.',
  'print.none': 'Kioski hiki hakichapishi tiketi. Tafadhali piga picha skrini hii au uandike namba yako.',

  'offline.title': 'Seva ya tiketi haipatikani',
  'offline.body': 'Tafadhali subiri kidogo: kioski kitaunganika chenyewe. Hali hii ikiendelea, muulize mhudumu.',
  'offline.trying': 'Tunajaribu tena…',

  'closed.title': 'Kituo kimefungwa',
  'closed.hours': 'Saa za kazi: kuanzia {opens} hadi {closes}',
  'closed.before': 'Tiketi zinatolewa kuanzia {opens} leo. Tafadhali rudi wakati huo.',
  'closed.after': 'Tafadhali rudi kesho kuanzia {opens}.',
  'closed.staff': 'Kama tayari uko ndani, tafadhali muulize mhudumu.',

  'pair.title': 'Kioski hiki bado hakijawekwa tayari',
  'pair.revokedTitle': 'Kioski hiki hakiko tayari tena',
  'pair.citizen': 'Tafadhali muulize mhudumu akupe tiketi.',
  'pair.staffHeading': 'Kwa msimamizi',
  'pair.step1': 'Kwenye kompyuta ya wafanyakazi, ingia kwenye {admin} kisha ufungue Vifaa (Devices).',
  'pair.step2': 'Ongeza kioski (au chagua hiki) kisha utengeneze kiungo chake cha kuunganisha.',
  'pair.step3': 'Fungua kiungo hicho kwenye skrini hii ndani ya dakika 15: kinatumika mara moja tu. Kinaanza na {pair}',
  'pair.usedTitle': 'Kiungo hiki cha kuunganisha kimeshatumika',
  'pair.expiredTitle': 'Kiungo hiki cha kuunganisha kimepitwa na muda au si sahihi',
  'pair.newLink': 'Kiungo cha kuunganisha kinatumika mara moja tu, kwa dakika 15. Muulize msimamizi kiungo kipya cha kuunganisha.',
};

export const kioskCatalogue: Catalogue<Key> = { en, sw };
export type KioskKey = Key;
export const tKiosk = translator(kioskCatalogue);
