// Announces calls in the hall: a chime, then the call spoken in English and in Kiswahili with the voices
// installed on the screen itself (no cloud speech), one announcement after another, never cut short. A call
// must be heard within seconds or not at all: when calls pile up the next ones are read shorter (the
// ticket's own language only, then just "B 0 0 7, counter 5"), a call still queued after MAX_AGE_MS is
// dropped (the board still shows it), and a recall replaces the call it repeats. Where no local voice
// exists for a language that language is skipped, and with none at all the chime plays alone.
// The big "Now calling" panel follows the same queue (onStage): each call is on it while it is read, and
// for at least a few seconds even when the hall hears nothing, so picture and sound always agree.
import { callAnnouncement, pickVoice, spokenCounterSw, spokenLabel } from '@foleni/shared';
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

/**
 * The least time a call stays on the big panel, by the form the queue behind it calls for: long enough to
 * look up and read it when the hall hears nothing (sound off or blocked, no voices), shorter when calls
 * wait behind it so the panel keeps up with the hall. About what reading each form aloud takes, so a hall
 * that hears the calls hardly waits for them. A call being read stays on until its reading ends.
 */
export const MIN_SHOW_MS: Record<AnnouncementForm, number> = { full: 5000, brief: 2500, compact: 2000 };

/** The form for an announcement with `behind` calls queued after it. */
export function formFor(behind: number): AnnouncementForm {
  if (behind >= COMPACT_FROM) return 'compact';
  if (behind >= BRIEF_FROM) return 'brief';
  return 'full';
}

/** "B zero zero seven, counter 5" / "B sifuri sifuri saba, dirisha tano": the shortest call that still says where. */
export function compactAnnouncement(label: string, counterName: string, lang: Lang): string {
  const n = counterNumber(counterName);
  const where = isNumberedCounter(counterName) ? (lang === 'sw' ? `dirisha ${spokenCounterSw(n)}` : `counter ${n}`) : counterName;
  return `${spokenLabel(label, lang)}, ${where}`;
}

const LANGS: readonly Lang[] = ['en', 'sw'];
const GAP_MS = 600;

// The kiosk's read-aloud picks its voices the same way (@foleni/shared).
export { pickVoice };

export interface AnnouncerDeps<A extends Announcement = Announcement> {
  chime: Pick<Chime, 'play'>;
  /** The browser's speech engine, when it has one. */
  speech: SpeechSynthesis | undefined;
  /** Told when the browser refuses to speak until someone taps the screen. */
  onBlocked(): void;
  /** This screen's clock (ms); injected so tests can move time. */
  now?: () => number;
  /**
   * Told whenever the call on stage (being announced, or the last one announced; null after `clear`) or
   * the calls waiting behind it change, oldest waiting first. The big panel shows what this says.
   */
  onChange?(onStage: A | null, waiting: readonly A[]): void;
}

export class Announcer<A extends Announcement = Announcement> {
  private readonly queue: A[] = [];
  private busy = false;
  /** The call on stage: the one being read, or held on the panel; it stays there until the next one. */
  private current: A | null = null;
  /** The citizen called on stage is already at the counter: the next call need not wait for them. */
  private currentAnswered = false;
  /** Ends a wait on the panel early, when the queue behind it changes. */
  private wake: (() => void) | null = null;
  /** Calls dropped because their time had passed, for the tests and for anyone debugging a quiet hall. */
  dropped = 0;
  private readonly now: () => number;

  constructor(private readonly deps: AnnouncerDeps<A>) {
    this.now = deps.now ?? (() => Date.now());
  }

  get pending(): number {
    return this.queue.length + (this.busy ? 1 : 0);
  }

  enqueue(a: A): void {
    // A recall (or the same call twice) while the first is still waiting replaces it in its place: one
    // announcement, with the latest counter and time.
    const i = this.queue.findIndex((q) => q.label === a.label);
    if (i >= 0) this.queue[i] = a;
    else this.queue.push(a);
    this.changed();
    void this.drain();
  }

  /**
   * The call no longer stands (the citizen missed it, or was put back in a queue, moved or cancelled): it is
   * neither read nor shown. On stage, it leaves the panel at once; a reading under way is not cut short.
   */
  withdraw(label: string): void {
    this.unqueue(label);
    if (this.current?.label === label) {
      this.current = null;
      this.changed();
    }
  }

  /**
   * The citizen is already at the counter: the call need not be read. On stage it stays on the panel (it
   * still stands) until the next call, which need not wait for its time to run out.
   */
  answered(label: string): void {
    this.unqueue(label);
    if (this.current?.label === label) {
      this.currentAnswered = true;
      this.wake?.();
    }
  }

  private unqueue(label: string): void {
    const i = this.queue.findIndex((q) => q.label === label);
    if (i < 0) return;
    this.queue.splice(i, 1);
    this.changed();
  }

  /** Forgets every waiting call and the one on stage (the display now shows another zone). */
  clear(): void {
    this.queue.length = 0;
    this.current = null;
    this.changed();
  }

  private changed(): void {
    this.deps.onChange?.(this.current, [...this.queue]);
    // A longer queue shortens the time the call on stage is held.
    this.wake?.();
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    let inRun = false;
    try {
      for (let next = this.takeNext(); next; next = this.takeNext()) {
        const since = this.now();
        this.current = next;
        this.currentAnswered = false;
        this.changed();
        const form = formFor(this.queue.length);
        // The chime opens a run of calls; shortened calls that follow straight on need no chime of their own.
        await this.announce(next, form, form === 'full' || !inRun);
        inRun = true;
        await sleep(form === 'full' ? GAP_MS : GAP_MS / 2);
        await this.holdOnStage(since);
      }
    } finally {
      this.busy = false;
    }
  }

  /**
   * Keeps the call on the panel until it has been there MIN_SHOW_MS for the queue behind it now: a call
   * that arrives meanwhile shortens the wait; a call withdrawn or answered ends it.
   */
  private async holdOnStage(since: number): Promise<void> {
    for (;;) {
      const left = since + MIN_SHOW_MS[formFor(this.queue.length)] - this.now();
      if (left <= 0 || this.currentAnswered || !this.current) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => this.wake?.(), left);
        this.wake = () => {
          clearTimeout(timer);
          this.wake = null;
          resolve();
        };
      });
    }
  }

  /** The oldest call still worth reading; older ones are dropped on the way. */
  private takeNext(): A | undefined {
    for (let next = this.queue.shift(); next; next = this.queue.shift()) {
      if (this.now() - next.at <= MAX_AGE_MS) return next;
      this.dropped++;
      this.changed();
    }
    return undefined;
  }

  private async announce(a: A, form: AnnouncementForm, chime: boolean): Promise<void> {
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
