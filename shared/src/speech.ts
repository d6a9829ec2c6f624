// Which of a screen's own voices reads a language: the displays' calls and the kiosk's read-aloud use the same
// choice, so a centre hears one voice per language wherever it listens.
import type { Lang } from './domain.js';

/** Preferred voices per language, best first; any voice of the language will do after these. */
const PREFERRED: Record<Lang, readonly string[]> = {
  en: ['en-KE', 'en-GB', 'en-US', 'en'],
  sw: ['sw-KE', 'sw-TZ', 'sw'],
};

/**
 * The voice to read `lang` with, or null to skip that language. Only voices the device speaks by itself
 * (`localService`): an online voice (Chromium's "Google …" voices) needs the internet, which an outreach day
 * does not have, and when it fails the hall hears nothing, not even a fallback.
 */
export function pickVoice<V extends { lang: string; localService: boolean }>(voices: readonly V[], lang: Lang): V | null {
  const norm = (tag: string) => tag.replace('_', '-').toLowerCase();
  const local = voices.filter((v) => v.localService);
  for (const want of PREFERRED[lang]) {
    const w = want.toLowerCase();
    const exact = local.find((v) => norm(v.lang) === w);
    if (exact) return exact;
  }
  return local.find((v) => norm(v.lang).split('-')[0] === lang) ?? null;
}
