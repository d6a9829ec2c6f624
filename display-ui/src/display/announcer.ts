// Announces calls in the hall: a chime, then the call spoken in English and in Kiswahili with the voices
// installed on the screen itself (no cloud speech), one announcement after another. Nothing ever cuts an
// announcement short: a burst of calls waits its turn. Where no local voice exists for a language that
// language is skipped, and with none at all the chime plays alone.
import { callAnnouncement } from '@foleni/shared';
import type { Lang } from '@foleni/shared';
import type { Chime } from '../lib/chime.js';

export interface Announcement {
  label: string;
  counterName: string;
}

/** Preferred voices per language, best first; any voice of the language will do after these. */
const PREFERRED: Record<Lang, readonly string[]> = {
  en: ['en-KE', 'en-GB', 'en-US', 'en'],
  sw: ['sw-KE', 'sw-TZ', 'sw'],
};
const LANGS: readonly Lang[] = ['en', 'sw'];
const GAP_MS = 600;

/**
 * The voice to read a call in `lang` with, or null to skip that language. Only voices the device speaks by
 * itself (`localService`): an online voice (Chromium's "Google …" voices) needs the internet, which an
 * outreach day does not have, and when it fails the hall hears nothing, not even a fallback.
 */
export function pickVoice(voices: readonly SpeechSynthesisVoice[], lang: Lang): SpeechSynthesisVoice | null {
  const norm = (tag: string) => tag.replace('_', '-').toLowerCase();
  const local = voices.filter((v) => v.localService);
  for (const want of PREFERRED[lang]) {
    const w = want.toLowerCase();
    const exact = local.find((v) => norm(v.lang) === w);
    if (exact) return exact;
  }
  return local.find((v) => norm(v.lang).split('-')[0] === lang) ?? null;
}

export interface AnnouncerDeps {
  chime: Pick<Chime, 'play'>;
  /** The browser's speech engine, when it has one. */
  speech: SpeechSynthesis | undefined;
  /** Told when the browser refuses to speak until someone taps the screen. */
  onBlocked(): void;
}

export class Announcer {
  private readonly queue: Announcement[] = [];
  private busy = false;

  constructor(private readonly deps: AnnouncerDeps) {}

  get pending(): number {
    return this.queue.length + (this.busy ? 1 : 0);
  }

  enqueue(a: Announcement): void {
    // The same call twice in the queue (a recall pressed before the first call was even read out) is read once.
    if (!this.queue.some((q) => q.label === a.label && q.counterName === a.counterName)) this.queue.push(a);
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        await this.announce(next);
        await sleep(GAP_MS);
      }
    } finally {
      this.busy = false;
    }
  }

  private async announce(a: Announcement): Promise<void> {
    await this.deps.chime.play().catch(() => undefined);
    const speech = this.deps.speech;
    if (!speech) return;
    const voices = speech.getVoices();
    for (const lang of LANGS) {
      const voice = pickVoice(voices, lang);
      if (voice) await this.say(speech, callAnnouncement(a.label, a.counterName, lang), voice);
    }
  }

  private say(speech: SpeechSynthesis, text: string, voice: SpeechSynthesisVoice): Promise<void> {
    return new Promise((resolve) => {
      const u = new SpeechSynthesisUtterance(text);
      u.voice = voice;
      u.lang = voice.lang;
      u.rate = 0.9;
      // Some engines never report the end of an utterance: give up after a generous time so the queue moves on.
      const timer = setTimeout(() => {
        speech.cancel();
        done();
      }, 4000 + text.length * 150);
      let finished = false;
      const done = () => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        resolve();
      };
      u.onend = done;
      u.onerror = (ev: SpeechSynthesisErrorEvent) => {
        if (ev.error === 'not-allowed') this.deps.onBlocked();
        done();
      };
      speech.speak(u);
    });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
