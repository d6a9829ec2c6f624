// Announces calls in the hall: a chime, then the call spoken in English and in Kiswahili with the voices
// installed on the screen itself (no cloud speech), one announcement after another, never cut short. A call
// must be heard within seconds or not at all: when calls pile up the next ones are read shorter (the
// ticket's own language only, then just "B 0 0 7, counter 5"), a call still queued after MAX_AGE_MS is
// dropped (the board still shows it), and a recall replaces the call it repeats. Where no local voice
// exists for a language that language is skipped, and with none at all the chime plays alone.
import { callAnnouncement, spokenLabel } from '@foleni/shared';
import type { Lang } from '@foleni/shared';
import type { Chime } from '../lib/chime.js';
import { counterNumber, isNumberedCounter } from '../lib/counter-name.js';

export interface Announcement {
  label: string;
  counterName: string;
  /** The language the citizen chose for the ticket: the one a short announcement is read in. */
  lang: Lang;
  /** When the call was made, in this screen's clock (ms). */
  at: number;
}

/** How an announcement is read: all of it, or shorter when others are waiting behind it. */
export type AnnouncementForm = 'full' | 'brief' | 'compact';

/** A call not yet read this long after it was made is no longer worth reading: the board shows it. */
export const MAX_AGE_MS = 30_000;
/** With this many calls waiting behind it, an announcement is read in the ticket's language only. */
const BRIEF_FROM = 1;
/** With this many, only the label and the counter, and no chime between calls of the same burst. */
const COMPACT_FROM = 3;

/** The form for an announcement with `behind` calls queued after it. */
export function formFor(behind: number): AnnouncementForm {
  if (behind >= COMPACT_FROM) return 'compact';
  if (behind >= BRIEF_FROM) return 'brief';
  return 'full';
}

/** "B zero zero seven, counter 5" / "B sifuri sifuri saba, dirisha 5": the shortest call that still says where. */
export function compactAnnouncement(label: string, counterName: string, lang: Lang): string {
  const where = isNumberedCounter(counterName) ? `${lang === 'sw' ? 'dirisha' : 'counter'} ${counterNumber(counterName)}` : counterName;
  return `${spokenLabel(label, lang)}, ${where}`;
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
  /** This screen's clock (ms); injected so tests can move time. */
  now?: () => number;
}

export class Announcer {
  private readonly queue: Announcement[] = [];
  private busy = false;
  /** Calls dropped because their time had passed, for the tests and for anyone debugging a quiet hall. */
  dropped = 0;
  private readonly now: () => number;

  constructor(private readonly deps: AnnouncerDeps) {
    this.now = deps.now ?? (() => Date.now());
  }

  get pending(): number {
    return this.queue.length + (this.busy ? 1 : 0);
  }

  enqueue(a: Announcement): void {
    // A recall (or the same call twice) while the first is still waiting replaces it in its place: one
    // announcement, with the latest counter and time.
    const i = this.queue.findIndex((q) => q.label === a.label);
    if (i >= 0) this.queue[i] = a;
    else this.queue.push(a);
    void this.drain();
  }

  /** The call no longer stands (the citizen is already at the counter, or missed it): do not read it. */
  withdraw(label: string): void {
    const i = this.queue.findIndex((q) => q.label === label);
    if (i >= 0) this.queue.splice(i, 1);
  }

  /** Forgets every waiting call (the display now shows another zone). */
  clear(): void {
    this.queue.length = 0;
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    let inRun = false;
    try {
      for (let next = this.takeNext(); next; next = this.takeNext()) {
        const form = formFor(this.queue.length);
        // The chime opens a run of calls; shortened calls that follow straight on need no chime of their own.
        await this.announce(next, form, form === 'full' || !inRun);
        inRun = true;
        await sleep(form === 'full' ? GAP_MS : GAP_MS / 2);
      }
    } finally {
      this.busy = false;
    }
  }

  /** The oldest call still worth reading; older ones are dropped on the way. */
  private takeNext(): Announcement | undefined {
    for (let next = this.queue.shift(); next; next = this.queue.shift()) {
      if (this.now() - next.at <= MAX_AGE_MS) return next;
      this.dropped++;
    }
    return undefined;
  }

  private async announce(a: Announcement, form: AnnouncementForm, chime: boolean): Promise<void> {
    if (chime) await this.deps.chime.play().catch(() => undefined);
    const speech = this.deps.speech;
    if (!speech) return;
    const voices = speech.getVoices();
    if (form === 'full') {
      for (const lang of LANGS) {
        const voice = pickVoice(voices, lang);
        if (!voice) continue;
        await this.say(speech, callAnnouncement(a.label, a.counterName, lang), voice);
        // Calls arrived while this one was read: once it has been said in the ticket's own language, the
        // other language gives way to them.
        if (lang === a.lang && this.queue.length >= BRIEF_FROM) return;
      }
      return;
    }
    // One language: the ticket's own, or the other one when this screen has no voice for it.
    const lang = [a.lang, ...LANGS.filter((l) => l !== a.lang)].find((l) => pickVoice(voices, l));
    if (!lang) return;
    const text = form === 'brief' ? callAnnouncement(a.label, a.counterName, lang) : compactAnnouncement(a.label, a.counterName, lang);
    await this.say(speech, text, pickVoice(voices, lang)!);
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
