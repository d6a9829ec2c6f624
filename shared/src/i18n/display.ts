// Words of the display screens, in English and Kiswahili.
import type { Catalogue } from './translate.js';
import { translator } from './translate.js';

const en = {
  'title': 'Foleni',
} as const;

type Key = keyof typeof en;

const sw: Record<Key, string> = {
  'title': 'Foleni',
};

export const displayCatalogue: Catalogue<Key> = { en, sw };
export type DisplayKey = Key;
export const tDisplay = translator(displayCatalogue);
