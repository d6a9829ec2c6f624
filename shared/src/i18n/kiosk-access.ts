// Words of the kiosk's help and accessibility bar (Help / Msaada, Read aloud, Large text) and of the staff's
// "a citizen needs help at a kiosk" alert, in English and Kiswahili. Kept apart from the kiosk and staff
// catalogues so that the feature reads as one piece.
import type { Catalogue } from './translate.js';
import { translator } from './translate.js';

const en = {
  'bar.label': 'Help and easier reading',
  'help.button': 'Help',
  'help.asking': 'Calling a member of staff…',
  'help.asked': 'A member of staff has been called. Please wait here.',
  'help.coming': 'Help is coming: {name} is on the way.',
  'help.failed': 'The staff could not be reached. Please try again, or wave to a member of staff.',
  'help.hide': 'Hide',
  'read.button': 'Read aloud',
  'read.on': 'Reading aloud is on. Touch a choice once to hear it, and touch it again to choose it. With a keyboard, move with Tab and choose with Enter.',
  'read.off': 'Reading aloud is off.',
  'read.again': 'Touch again to choose.',
  'read.ticket': 'Your ticket number is {label}, for {service}. {ahead}. Please keep your ticket and listen for your number.',
  'large.button': 'Large text',

  'staff.heading': 'A citizen needs help at a kiosk',
  'staff.headingMany': '{n} citizens need help at kiosks',
  'staff.justNow': 'just now',
  'staff.minutesAgo': '{n} min ago',
  'staff.nobody': 'Nobody is going yet',
  'staff.going': '{name} is going',
  'staff.go': "I'm going",
  'staff.failed': 'Not sent. Please try again.',
} as const;

type Key = keyof typeof en;

const sw: Record<Key, string> = {
  'bar.label': 'Msaada na usomaji rahisi',
  'help.button': 'Msaada',
  'help.asking': 'Tunamwita mhudumu…',
  'help.asked': 'Mhudumu ameitwa. Tafadhali subiri hapa.',
  'help.coming': 'Msaada unakuja: {name} yuko njiani.',
  'help.failed': 'Hatukuweza kuwafikia wahudumu. Tafadhali jaribu tena, au mpungie mkono mhudumu.',
  'help.hide': 'Ficha',
  'read.button': 'Soma kwa sauti',
  'read.on': 'Kusoma kwa sauti kumewashwa. Gusa chaguo mara moja ulisikie, kisha uliguse tena kulichagua. Kwa kibodi, songa kwa Tab na uchague kwa Enter.',
  'read.off': 'Kusoma kwa sauti kumezimwa.',
  'read.again': 'Gusa tena kuchagua.',
  'read.ticket': 'Namba ya tiketi yako ni {label}, kwa huduma ya {service}. {ahead}. Tafadhali shika tiketi yako na usikilize namba yako ikiitwa.',
  'large.button': 'Herufi kubwa',

  'staff.heading': 'Mwananchi anahitaji msaada kwenye kioski',
  'staff.headingMany': 'Wananchi {n} wanahitaji msaada kwenye vioski',
  'staff.justNow': 'sasa hivi',
  'staff.minutesAgo': 'dakika {n} zilizopita',
  'staff.nobody': 'Hakuna anayekwenda bado',
  'staff.going': '{name} anakwenda',
  'staff.go': 'Ninakuja',
  'staff.failed': 'Haikutumwa. Tafadhali jaribu tena.',
};

export const kioskAccessCatalogue: Catalogue<Key> = { en, sw };
export type KioskAccessKey = Key;
export const tKioskAccess = translator(kioskAccessCatalogue);
