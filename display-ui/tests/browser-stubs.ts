// What the tests put at the browser's edge before a page loads: a speech engine that records what it is
// asked to say (and whether two utterances ever overlap), a log of chime tones, a vibration counter, and
// an audio context that stays locked until a real tap. The page's own code runs unchanged.

export interface SoundLogEntry {
  kind: 'tone' | 'speak' | 'end' | 'cancel' | 'vibrate';
  text?: string;
  lang?: string;
  t: number;
}

export interface SoundProbe {
  log: SoundLogEntry[];
  maxSpeaking: number;
}

/** Installs the probe; `voices` are the languages the fake engine offers (none: no speech at all). */
export function installSoundProbe(voices: string[]): void {
  const log: SoundLogEntry[] = [];
  let speaking = 0;
  const probe = { log, maxSpeaking: 0 };
  (window as unknown as { __sound: SoundProbe }).__sound = probe;

  class FakeUtterance {
    lang = '';
    voice: unknown = null;
    rate = 1;
    pitch = 1;
    volume = 1;
    onend: ((e: Event) => void) | null = null;
    onerror: ((e: Event) => void) | null = null;
    constructor(public text: string) {}
  }
  const fakeVoices = voices.map((lang) => ({ lang, name: `Fake ${lang}`, voiceURI: `fake-${lang}`, localService: true, default: false }));
  const synth = {
    speaking: false,
    pending: false,
    paused: false,
    onvoiceschanged: null,
    getVoices: () => fakeVoices,
    speak(u: FakeUtterance) {
      speaking++;
      probe.maxSpeaking = Math.max(probe.maxSpeaking, speaking);
      synth.speaking = true;
      log.push({ kind: 'speak', text: u.text, lang: u.lang, t: performance.now() });
      setTimeout(() => {
        speaking--;
        synth.speaking = speaking > 0;
        log.push({ kind: 'end', text: u.text, t: performance.now() });
        u.onend?.(new Event('end'));
      }, 250);
    },
    cancel() {
      log.push({ kind: 'cancel', t: performance.now() });
    },
    pause() {},
    resume() {},
    addEventListener() {},
    removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  (window as unknown as { SpeechSynthesisUtterance: unknown }).SpeechSynthesisUtterance = FakeUtterance;

  const createOscillator = BaseAudioContext.prototype.createOscillator;
  BaseAudioContext.prototype.createOscillator = function (this: BaseAudioContext) {
    log.push({ kind: 'tone', t: performance.now() });
    return createOscillator.call(this);
  };
  navigator.vibrate = ((pattern: unknown) => {
    log.push({ kind: 'vibrate', text: JSON.stringify(pattern), t: performance.now() });
    return true;
  }) as Navigator['vibrate'];
}

/** Audio that, like a browser without the autoplay flag, only starts after a real user gesture. */
export function lockAudioUntilTap(): void {
  const unlocked = new WeakSet<BaseAudioContext>();
  Object.defineProperty(BaseAudioContext.prototype, 'state', {
    configurable: true,
    get(this: BaseAudioContext) {
      return unlocked.has(this) ? 'running' : 'suspended';
    },
  });
  AudioContext.prototype.resume = function (this: AudioContext) {
    if (!navigator.userActivation.isActive) return new Promise<void>(() => undefined);
    unlocked.add(this);
    return Promise.resolve();
  };
}

/** Chimes in the log: the tones of one chime are made within a few milliseconds of each other. */
export function sequence(log: SoundLogEntry[]): string[] {
  const out: string[] = [];
  let lastTone = -Infinity;
  for (const e of log) {
    if (e.kind === 'tone') {
      if (e.t - lastTone > 200) out.push('chime');
      lastTone = e.t;
    } else if (e.kind === 'speak') {
      out.push(`${e.lang?.slice(0, 2)}:${e.text}`);
    }
  }
  return out;
}
