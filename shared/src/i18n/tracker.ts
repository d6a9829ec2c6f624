// Words of the citizen's phone tracker (/t/<ticketId>), in English and Kiswahili. The page follows the
// ticket's language and has a switch; place in line and waits come from the common catalogue.
import type { Catalogue } from './translate.js';
import { translator } from './translate.js';

const en = {
  'title': 'Your ticket',
  'loading': 'Loading your ticket…',
  'switchLang': 'Kiswahili',
  'yourNumber': 'Your number',
  'estimatedWait': 'Estimated wait',
  'queueLength': '{n} waiting for this service',
  'queueLength.one': '1 waiting for this service',
  'keepOpen': 'This page updates by itself. Keep it open and watch the screens in the hall.',
  'called.title': 'It is your turn!',
  'called.again': 'You are being called again!',
  'called.goTo': 'Please go to',
  'called.ok': 'OK, I am on my way',
  'called.short': 'Called: please go to {counter}',
  'serving': 'You are being served at {counter}.',
  'done.title': 'Thank you for your visit',
  'feedback.question': 'How was the service today?',
  'feedback.rating.1': 'Very poor',
  'feedback.rating.2': 'Poor',
  'feedback.rating.3': 'Fair',
  'feedback.rating.4': 'Good',
  'feedback.rating.5': 'Very good',
  'feedback.comment': 'Anything to add? Write a comment (optional)',
  'feedback.sendComment': 'Send comment',
  'feedback.sending': 'Sending…',
  'feedback.thanks': 'Thank you for your feedback.',
  'feedback.commentThanks': 'Thank you for your comment.',
  'feedback.already': 'Feedback for this ticket was already given. Thank you!',
  'feedback.commentAlready': 'A comment for this ticket was already given. Thank you!',
  'noShow': 'You were called but did not come. Please speak to a member of staff: they can put you back in the queue.',
  'cancelled': 'This ticket was cancelled.',
  'expired': 'This ticket has expired. Please take a new ticket.',
  'notFound': 'We could not find this ticket. Please check the link or the QR code on your ticket.',
  'sound.enable': 'Turn on a sound when I am called',
  'sound.on': 'A sound will play when you are called.',
} as const;

type Key = keyof typeof en;

const sw: Record<Key, string> = {
  'title': 'Tiketi yako',
  'loading': 'Tunapakia tiketi yako…',
  'switchLang': 'English',
  'yourNumber': 'Namba yako',
  'estimatedWait': 'Muda wa kusubiri (makadirio)',
  'queueLength': 'Watu {n} wanasubiri huduma hii',
  'queueLength.one': 'Mtu 1 anasubiri huduma hii',
  'keepOpen': 'Ukurasa huu unajisasisha wenyewe. Uache wazi na uangalie skrini ukumbini.',
  'called.title': 'Ni zamu yako!',
  'called.again': 'Unaitwa tena!',
  'called.goTo': 'Tafadhali nenda',
  'called.ok': 'Sawa, ninakuja',
  'called.short': 'Umeitwa: tafadhali nenda {counter}',
  'serving': 'Unahudumiwa katika {counter}.',
  'done.title': 'Asante kwa kututembelea',
  'feedback.question': 'Huduma ya leo ilikuwaje?',
  'feedback.rating.1': 'Mbaya sana',
  'feedback.rating.2': 'Mbaya',
  'feedback.rating.3': 'Wastani',
  'feedback.rating.4': 'Nzuri',
  'feedback.rating.5': 'Nzuri sana',
  'feedback.comment': 'Una la kuongeza? Andika maoni (si lazima)',
  'feedback.sendComment': 'Tuma maoni',
  'feedback.sending': 'Inatuma…',
  'feedback.thanks': 'Asante kwa maoni yako.',
  'feedback.commentThanks': 'Asante kwa maelezo yako.',
  'feedback.already': 'Maoni ya tiketi hii yalishatolewa. Asante!',
  'feedback.commentAlready': 'Maelezo ya tiketi hii yalishatolewa. Asante!',
  'noShow': 'Uliitwa lakini hukufika. Tafadhali ongea na mhudumu: anaweza kukurudisha kwenye foleni.',
  'cancelled': 'Tiketi hii imeghairiwa.',
  'expired': 'Tiketi hii imepitwa na wakati. Tafadhali chukua tiketi mpya.',
  'notFound': 'Hatukuipata tiketi hii. Tafadhali angalia kiungo au msimbo wa QR kwenye tiketi yako.',
  'sound.enable': 'Washa mlio nitakapoitwa',
  'sound.on': 'Mlio utasikika utakapoitwa.',
};

export const trackerCatalogue: Catalogue<Key> = { en, sw };
export type TrackerKey = Key;
export const tTracker = translator(trackerCatalogue);
