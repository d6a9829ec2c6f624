import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Announcer, pickVoice } from './announcer.js';

/** A voice as a browser lists it; online voices (Chromium's "Google …") have `localService: false`. */
const voice = (lang: string, localService: boolean, name = `${localService ? 'Local' : 'Google'} ${lang}`): SpeechSynthesisVoice => ({
  lang,
  name,
  localService,
  default: false,
  voiceURI: name,
});

describe('pickVoice', () => {
  it('prefers the Kenyan voice among local ones', () => {
    const voices = [voice('en-US', true), voice('en-KE', true), voice('sw-TZ', true), voice('sw_KE', true)];
    expect(pickVoice(voices, 'en')?.lang).toBe('en-KE');
    expect(pickVoice(voices, 'sw')?.lang).toBe('sw_KE');
  });

  it('never picks an online voice, even a better-matching one', () => {
    const voices = [voice('en-KE', false), voice('en-GB', false), voice('en-AU', true), voice('sw-KE', false)];
    expect(pickVoice(voices, 'en')).toMatchObject({ lang: 'en-AU', localService: true });
    expect(pickVoice(voices, 'sw')).toBeNull();
  });
});

describe('Announcer', () => {
  const spoken: string[] = [];
  let chimes = 0;

  beforeEach(() => {
    spoken.length = 0;
    chimes = 0;
    // Node has no speech engine: the utterance only needs to carry its text and end handlers.
    vi.stubGlobal(
      'SpeechSynthesisUtterance',
      class {
        voice: SpeechSynthesisVoice | null = null;
        lang = '';
        rate = 1;
        onend: (() => void) | null = null;
        onerror: (() => void) | null = null;
        constructor(readonly text: string) {}
      },
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  function announcerWith(voices: SpeechSynthesisVoice[]): Announcer {
    const speech = {
      getVoices: () => voices,
      speak(u: { text: string; voice: SpeechSynthesisVoice; onend: () => void }) {
        spoken.push(`${u.voice.name}: ${u.text}`);
        setTimeout(() => u.onend(), 1);
      },
      cancel() {},
    } as unknown as SpeechSynthesis;
    return new Announcer({ chime: { play: async () => void chimes++ }, speech, onBlocked: () => undefined });
  }

  async function announce(voices: SpeechSynthesisVoice[]): Promise<void> {
    const announcer = announcerWith(voices);
    announcer.enqueue({ label: 'B001', counterName: '4' });
    await vi.waitFor(() => expect(announcer.pending).toBe(0), { timeout: 3000 });
  }

  it('skips a language whose only voice is online, and speaks the other with its local voice', async () => {
    await announce([voice('en-GB', false), voice('sw-KE', true)]);
    expect(chimes).toBe(1);
    expect(spoken).toEqual([expect.stringMatching(/^Local sw-KE: Tiketi B/)]);
  });

  it('rings the chime alone when every voice is online', async () => {
    await announce([voice('en-GB', false), voice('en-US', false), voice('sw-KE', false)]);
    expect(chimes).toBe(1);
    expect(spoken).toEqual([]);
  });
});
