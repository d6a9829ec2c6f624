// Words of the waiting-room display, in English and Kiswahili. The display shows both languages at once,
// so every key is read side by side; keep each short enough to be read from the back of the hall.
import type { Catalogue } from './translate.js';
import { translator } from './translate.js';

const en = {
  'title': 'Foleni display',
  'nowCalling': 'Now calling',
  'ticket': 'Ticket',
  'counter': 'Counter',
  'goTo': 'Please go to',
  'recentCalls': 'Recent calls',
  'noCalls': 'Called numbers will appear here',
  'waiting': 'Waiting',
  'page': 'Page {page} of {pages}',
  'calledAgain': 'Called again',
  'notices': 'Notices',
  'sound.off': 'Sound is off. Tap here to turn it on',
  'reconnecting': 'Reconnecting…',
  'reconnecting.hint': 'Calls may be late: listen at the counters',
  'unpaired.title': 'This display is not paired yet',
  'unpaired.body': 'Open the pairing link from the admin settings on this screen.',
  'refused.body': 'This display was unpaired. Ask the administrator for a new pairing link.',
  'linkUsed.title': 'This pairing link was already used',
  'linkExpired.title': 'This pairing link has expired or is not valid',
  'link.body': 'A pairing link works once, for 15 minutes. Ask the administrator for a new pairing link.',
} as const;

type Key = keyof typeof en;

const sw: Record<Key, string> = {
  'title': 'Skrini ya Foleni',
  'nowCalling': 'Anayeitwa sasa',
  'ticket': 'Tiketi',
  'counter': 'Dirisha',
  'goTo': 'Tafadhali nenda',
  'recentCalls': 'Walioitwa karibuni',
  'noCalls': 'Namba zinazoitwa zitaonekana hapa',
  'waiting': 'Wanasubiri',
  'page': 'Ukurasa {page} kati ya {pages}',
  'calledAgain': 'Ameitwa tena',
  'notices': 'Matangazo',
  'sound.off': 'Sauti imezimwa. Gusa hapa kuiwasha',
  'reconnecting': 'Inaunganisha upya…',
  'reconnecting.hint': 'Miito inaweza kuchelewa: sikiliza madirishani',
  'unpaired.title': 'Skrini hii bado haijaunganishwa',
  'unpaired.body': 'Fungua kiungo cha kuunganisha kutoka mipangilio ya msimamizi kwenye skrini hii.',
  'refused.body': 'Skrini hii imeondolewa. Muulize msimamizi kiungo kipya cha kuunganisha.',
  'linkUsed.title': 'Kiungo hiki cha kuunganisha kimeshatumika',
  'linkExpired.title': 'Muda wa kiungo hiki cha kuunganisha umekwisha, au si sahihi',
  'link.body': 'Kiungo cha kuunganisha kinatumika mara moja tu, kwa dakika 15. Muulize msimamizi kiungo kipya cha kuunganisha.',
};

export const displayCatalogue: Catalogue<Key> = { en, sw };
export type DisplayKey = Key;
export const tDisplay = translator(displayCatalogue);
