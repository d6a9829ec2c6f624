// Words of the tracker screens, in English and Kiswahili.
import type { Catalogue } from './translate.js';
import { translator } from './translate.js';

const en = {
  'title': 'Foleni',
} as const;

type Key = keyof typeof en;

const sw: Record<Key, string> = {
  'title': 'Foleni',
};

export const trackerCatalogue: Catalogue<Key> = { en, sw };
export type TrackerKey = Key;
export const tTracker = translator(trackerCatalogue);
