// The kiosk's words in the language the citizen picked; reading them in a template follows the switch.
import { kioskCatalogue, tCommon, tKiosk } from '@foleni/shared';
import type { CommonKey, KioskKey, Lang, Vars } from '@foleni/shared';
import { flow } from './flow.svelte.js';

/**
 * The kiosk's languages: those of its catalogue (typed as every Lang). Taken from here rather than LANGS,
 * whose module also builds zod schemas the kiosk would otherwise have to download.
 */
export const LANGUAGES = Object.keys(kioskCatalogue) as Lang[];

export const t = (key: KioskKey, vars?: Vars): string => tKiosk(flow.lang, key, vars);
export const tc = (key: CommonKey, vars?: Vars): string => tCommon(flow.lang, key, vars);

/** For the messages shown in both languages at once. */
export const tIn = (lang: Lang, key: KioskKey, vars?: Vars): string => tKiosk(lang, key, vars);

/** Every language, the chosen one first: how a notice says things before the citizen may have found the switch. */
export const languagesChosenFirst = (): Lang[] => [flow.lang, ...LANGUAGES.filter((l) => l !== flow.lang)];

/** "3 people ahead of you"; `position` 1 means next in line. */
export function aheadText(position: number | null): string {
  const ahead = Math.max(0, (position ?? 1) - 1);
  if (ahead === 0) return tc('ahead.none');
  if (ahead === 1) return tc('ahead.one');
  return tc('ahead.count', { n: ahead });
}
