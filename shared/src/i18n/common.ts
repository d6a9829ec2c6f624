// Words every screen a citizen or clerk sees shares: priorities, statuses, waits, errors.
import type { Catalogue } from './translate.js';
import { translator } from './translate.js';

const en = {
  'lang.name': 'English',
  'priority.none': 'No',
  'priority.pwd': 'Disability',
  'priority.elderly': 'Elderly',
  'priority.pregnant': 'Pregnant',
  'priority.other': 'Other need',
  'status.waiting': 'Waiting',
  'status.called': 'Called',
  'status.serving': 'Being served',
  'status.done': 'Done',
  'status.no_show': 'Missed',
  'status.cancelled': 'Cancelled',
  'status.expired': 'Expired',
  'wait.minutes': '{n} min',
  'wait.aboutMinutes': 'about {n} minutes',
  'wait.none': 'no wait',
  'wait.noCounter': 'No counter is serving this service right now. Please wait: staff will open one.',
  'ahead.count': '{n} people ahead of you',
  'ahead.one': '1 person ahead of you',
  'ahead.none': 'You are next',
  'counter.label': 'Counter {name}',
  'offline': 'Connection lost. Reconnecting…',
  'error.generic': 'Something went wrong. Please try again or ask a member of staff.',
  'error.network': 'Cannot reach the server. Please wait a moment or ask a member of staff.',
} as const;

type Key = keyof typeof en;

const sw: Record<Key, string> = {
  'lang.name': 'Kiswahili',
  'priority.none': 'Hapana',
  'priority.pwd': 'Ulemavu',
  'priority.elderly': 'Mzee',
  'priority.pregnant': 'Mjamzito',
  'priority.other': 'Hitaji lingine',
  'status.waiting': 'Unasubiri',
  'status.called': 'Umeitwa',
  'status.serving': 'Unahudumiwa',
  'status.done': 'Imekamilika',
  'status.no_show': 'Hakufika',
  'status.cancelled': 'Imeghairiwa',
  'status.expired': 'Muda wake umekwisha',
  'wait.minutes': 'dakika {n}',
  'wait.aboutMinutes': 'takriban dakika {n}',
  'wait.none': 'hakuna kusubiri',
  'wait.noCounter': 'Kwa sasa hakuna dirisha linalotoa huduma hii. Tafadhali subiri: wahudumu watafungua dirisha.',
  'ahead.count': 'Watu {n} wako mbele yako',
  'ahead.one': 'Mtu 1 yuko mbele yako',
  'ahead.none': 'Wewe ndiye unayefuata',
  'counter.label': 'Dirisha {name}',
  'offline': 'Muunganisho umekatika. Tunaunganisha tena…',
  'error.generic': 'Kuna hitilafu. Tafadhali jaribu tena au muulize mhudumu.',
  'error.network': 'Seva haipatikani. Tafadhali subiri kidogo au muulize mhudumu.',
};

export const commonCatalogue: Catalogue<Key> = { en, sw };
export type CommonKey = Key;
export const tCommon = translator(commonCatalogue);
