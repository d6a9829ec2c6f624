// Words of the kiosk screens, in English and Kiswahili.
import type { Catalogue } from './translate.js';
import { translator } from './translate.js';

const en = {
  'title': 'Foleni',
} as const;

type Key = keyof typeof en;

const sw: Record<Key, string> = {
  'title': 'Foleni',
};

export const kioskCatalogue: Catalogue<Key> = { en, sw };
export type KioskKey = Key;
export const tKiosk = translator(kioskCatalogue);
