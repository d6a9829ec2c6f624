import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Announcer, MAX_AGE_MS, MIN_SHOW_MS, pickVoice } from './announcer.js';
import type { Announcement } from './announcer.js';
import { spokenLabel } from '@foleni/shared';

/** Node has no speech engine: an utterance only needs to carry its text and end handlers. */
class FakeUtterance {
  voice: SpeechSynthesisVoice | null = null;
  lang = '';
  rate = 1;
  onend: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly text: string) {}
}

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
    // A call stays on the big panel for a few seconds after it is read: the clock moves only when told.
    vi.useFakeTimers();
    spoken.length = 0;
    chimes = 0;
    vi.stubGlobal(
      'SpeechSynthesisUtterance',
      FakeUtterance,
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

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
    announcer.enqueue({ label: 'B001', counterName: '4', lang: 'en', at: Date.now() });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(announcer.pending).toBe(0);
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

describe('Announcer in a busy hall (fake clock)', () => {
  /** What was heard, with the fake clock's time when it started. */
  let heard: { t: number; what: string }[];
  const LOCAL = [voice('en-GB', true), voice('sw-KE', true)];

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    heard = [];
    vi.stubGlobal(
      'SpeechSynthesisUtterance',
      FakeUtterance,
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  /** What the big panel showed, and from when: the label on stage, or null. */
  let panel: { t: number; label: string | null }[];
  /** When each reading ended. */
  let ended: { t: number; what: string }[];

  /**
   * A speech engine reading at `msPerChar` (about 60 ms a character is a calm announcer) and a 1.8 s chime;
   * or, `silent`, a hall that hears nothing: no speech engine, and a chime that returns at once, as a
   * blocked one does.
   */
  function hall(opts: { voices?: SpeechSynthesisVoice[]; msPerChar?: number; silent?: boolean } = {}): Announcer {
    panel = [];
    ended = [];
    const speech = {
      getVoices: () => opts.voices ?? LOCAL,
      speak(u: { text: string; lang: string; onend: () => void }) {
        const what = `${u.lang.slice(0, 2)}: ${u.text}`;
        heard.push({ t: Date.now(), what });
        setTimeout(() => {
          ended.push({ t: Date.now(), what });
          u.onend();
        }, u.text.length * (opts.msPerChar ?? 60));
      },
      cancel() {},
    } as unknown as SpeechSynthesis;
    const chime = {
      play: () => {
        if (opts.silent) return Promise.resolve();
        heard.push({ t: Date.now(), what: 'chime' });
        return new Promise<void>((r) => setTimeout(r, 1800));
      },
    };
    return new Announcer({
      chime,
      speech: opts.silent ? undefined : speech,
      onBlocked: () => undefined,
      now: () => Date.now(),
      onChange: (onStage) => {
        const label = onStage?.label ?? null;
        if ((panel.at(-1)?.label ?? null) !== label) panel.push({ t: Date.now(), label });
      },
    });
  }

  const call = (label: string, counter: string, lang: 'en' | 'sw' = 'en', agoMs = 0): Announcement => ({
    label,
    counterName: `Counter ${counter}`,
    lang,
    at: Date.now() - agoMs,
  });

  async function untilQuiet(a: Announcer): Promise<void> {
    for (let i = 0; i < 200 && a.pending > 0; i++) await vi.advanceTimersByTimeAsync(500);
    expect(a.pending).toBe(0);
  }

  const spokenLines = () => heard.filter((h) => h.what !== 'chime').map((h) => h.what);

  it('reads a lone call in full: chime, English, Kiswahili', async () => {
    const a = hall();
    a.enqueue(call('B007', '5'));
    await untilQuiet(a);
    expect(heard.map((h) => h.what)).toEqual(['chime', 'en: Ticket B zero zero seven, counter 5', 'sw: Tiketi B sifuri sifuri saba, tafadhali nenda dirisha namba tano']);
  });

  it('reads a burst shorter, so every call of it is heard within seconds', async () => {
    const a = hall();
    const labels = ['A001', 'A002', 'B001', 'H001', 'K001', 'P001', 'A003', 'B002'];
    const calledAt = Date.now();
    labels.forEach((label, i) => a.enqueue(call(label, String(i + 1), i === 2 ? 'sw' : 'en')));
    await untilQuiet(a);

    // Each call heard once, in order, and soon: within 20 s of a burst of eight (in full, the last one
    // would wait over a minute).
    const firstHeard = labels.map((label) => heard.find((h) => h.what.includes(spokenLabel(label, 'en')) || h.what.includes(spokenLabel(label, 'sw')))!);
    expect(firstHeard.every(Boolean)).toBe(true);
    expect(firstHeard.map((h) => h.t)).toEqual([...firstHeard.map((h) => h.t)].sort((x, y) => x - y));
    for (const h of firstHeard) expect(h.t - calledAt).toBeLessThan(20_000);
    expect(a.dropped).toBe(0);

    const lines = spokenLines();
    // The first call was already being read: its own language, then it gives way (no Kiswahili).
    expect(lines[0]).toBe('en: Ticket A zero zero one, counter 1');
    expect(lines[1]).not.toMatch(/^sw: Tiketi A sifuri sifuri moja/);
    // Behind a queue: label and counter only, in the ticket's language (B001 was issued in Kiswahili).
    expect(lines).toContain('en: A zero zero two, counter 2');
    expect(lines).toContain('sw: B sifuri sifuri moja, dirisha tatu');
    // One chime opens the run and the short calls follow without one; the last call, read in full, has its own.
    expect(heard.filter((h) => h.what === 'chime')).toHaveLength(2);
    // The last, with nobody behind it, is read in full again.
    expect(lines.slice(-2)).toEqual(['en: Ticket B zero zero two, counter 8', 'sw: Tiketi B sifuri sifuri mbili, tafadhali nenda dirisha namba nane']);
  });

  it('drops a call that has waited longer than 30 s, and a missed call that is already old', async () => {
    const a = hall();
    // A001 came in a snapshot after an outage; A003 and A004 reached a screen that was busy reading others.
    a.enqueue(call('A001', '1', 'en', MAX_AGE_MS + 10_000));
    a.enqueue(call('A002', '2'));
    a.enqueue(call('A003', '3', 'en', 20_000));
    a.enqueue(call('A004', '4', 'en', 25_000));
    await untilQuiet(a);
    const said = spokenLines().join(' | ');
    expect(said).not.toContain('one,');
    expect(said).toContain('A zero zero two');
    expect(said).toContain('A zero zero three');
    // A004 was still waiting 30 s after its call: the board shows it, the hall does not hear it late.
    expect(said).not.toContain('A zero zero four');
    expect(a.dropped).toBe(2);
  });

  it('lets a recall replace the call still waiting for it, in its place, with the new counter', async () => {
    const a = hall();
    a.enqueue(call('A001', '1'));
    a.enqueue(call('A002', '2'));
    a.enqueue(call('A003', '3'));
    a.enqueue(call('A002', '7'));
    await untilQuiet(a);
    const said = spokenLines();
    expect(said.filter((l) => l.includes('A zero zero two'))).toHaveLength(1);
    expect(said.find((l) => l.includes('A zero zero two'))).toMatch(/counter 7$/);
    expect(said.findIndex((l) => l.includes('A zero zero two'))).toBeLessThan(said.findIndex((l) => l.includes('A zero zero three')));
  });

  it('does not read a call that was withdrawn (the citizen is already at the counter) or cleared', async () => {
    const a = hall();
    a.enqueue(call('A001', '1'));
    a.enqueue(call('A002', '2'));
    a.enqueue(call('A003', '3'));
    a.withdraw('A002');
    await untilQuiet(a);
    expect(spokenLines().join(' | ')).not.toContain('A zero zero two');

    heard = [];
    a.enqueue(call('B001', '1'));
    a.enqueue(call('B002', '2'));
    a.clear();
    await untilQuiet(a);
    expect(spokenLines().join(' | ')).not.toContain('B zero zero two');
  });

  it('reads a short call in the ticket’s language, or in the other when the screen has no voice for it', async () => {
    const a = hall({ voices: [voice('en-GB', true)] });
    a.enqueue(call('A001', '1'));
    a.enqueue(call('A002', '2', 'sw'));
    a.enqueue(call('A003', '3'));
    await untilQuiet(a);
    expect(spokenLines()).toContain('en: Ticket A zero zero two, counter 2');
    expect(spokenLines().some((l) => l.startsWith('sw'))).toBe(false);
  });

  describe('the big panel, which follows the same queue', () => {
    /** The label on the panel at time `t`. */
    const onPanelAt = (t: number) => panel.filter((p) => p.t <= t).at(-1)?.label ?? null;
    const shown = () => panel.map((p) => p.label).filter((l) => l !== null);

    it('keeps the first of two calls 0.3 s apart on while it is read, then shows the second while that is read', async () => {
      const a = hall();
      const t0 = Date.now();
      a.enqueue(call('A004', '2'));
      await vi.advanceTimersByTimeAsync(300);
      a.enqueue(call('H002', '4'));
      await untilQuiet(a);

      expect(panel.map((p) => p.label)).toEqual(['A004', 'H002']);
      expect(panel[0]!.t).toBe(t0);
      // A004 stayed on until the end of its reading; every line was heard with its own call on the panel.
      const a004Ended = Math.max(...ended.filter((e) => e.what.includes('A zero zero four')).map((e) => e.t));
      expect(panel[1]!.t).toBeGreaterThanOrEqual(a004Ended);
      for (const h of heard.filter((x) => x.what !== 'chime')) {
        expect(h.what).toContain(spokenLabel(onPanelAt(h.t)!, h.what.startsWith('sw') ? 'sw' : 'en'));
      }
      // And the last call stays on the panel once the hall is quiet.
      await vi.advanceTimersByTimeAsync(60_000);
      expect(panel.at(-1)!.label).toBe('H002');
    });

    it('with no sound, keeps each call on for its minimum time, in the order the calls came', async () => {
      const a = hall({ silent: true });
      const t0 = Date.now();
      a.enqueue(call('A004', '2'));
      await vi.advanceTimersByTimeAsync(300);
      a.enqueue(call('H002', '4'));
      await vi.advanceTimersByTimeAsync(MIN_SHOW_MS.brief - 300 - 1);
      // The second call is only shown once the first has had its time, shortened because a call waits.
      expect(panel.map((p) => p.label)).toEqual(['A004']);
      await vi.advanceTimersByTimeAsync(1);
      expect(panel).toEqual([
        { t: t0, label: 'A004' },
        { t: t0 + MIN_SHOW_MS.brief, label: 'H002' },
      ]);

      // A call on its own gets the full time before the next one.
      await untilQuiet(a);
      const t1 = Date.now();
      a.enqueue(call('B001', '1'));
      await vi.advanceTimersByTimeAsync(1000);
      a.enqueue(call('B002', '3'));
      await untilQuiet(a);
      expect(panel.slice(2)).toEqual([
        { t: t1, label: 'B001' },
        { t: t1 + MIN_SHOW_MS.brief, label: 'B002' },
      ]);
      expect(MIN_SHOW_MS.full).toBeGreaterThanOrEqual(4000);
      const t2 = Date.now();
      a.enqueue(call('B003', '1'));
      await vi.advanceTimersByTimeAsync(MIN_SHOW_MS.full - 1);
      a.enqueue(call('B004', '3'));
      await untilQuiet(a);
      expect(panel.slice(4)).toEqual([
        { t: t2, label: 'B003' },
        { t: t2 + MIN_SHOW_MS.full - 1, label: 'B004' },
      ]);
    });

    it('never shows a withdrawn call; takes a withdrawn call off at once, and lets an answered one give way', async () => {
      const a = hall({ silent: true });
      a.enqueue(call('A001', '1'));
      a.enqueue(call('A002', '2'));
      a.enqueue(call('A003', '3'));
      a.enqueue(call('A004', '4'));
      a.withdraw('A002');
      await vi.advanceTimersByTimeAsync(1000);
      expect(shown()).toEqual(['A001']);

      // The citizen called on the panel is at the counter: the next call comes on without waiting.
      a.answered('A001');
      await vi.advanceTimersByTimeAsync(0);
      expect(shown()).toEqual(['A001', 'A003']);
      // The one on the panel missed the call: off the panel at once, and the next one comes on.
      await vi.advanceTimersByTimeAsync(1000);
      const t = Date.now();
      a.withdraw('A003');
      await vi.advanceTimersByTimeAsync(0);
      expect(panel.slice(-2)).toEqual([
        { t, label: null },
        { t, label: 'A004' },
      ]);
      // The last one missed too: nothing is on stage.
      a.withdraw('A004');
      await untilQuiet(a);
      expect(panel.at(-1)!.label).toBeNull();
      expect(shown()).not.toContain('A002');
    });

    it('moves faster as the queue backs up, and never shows a call more than 30 s late', async () => {
      const a = hall({ silent: true });
      const labels = ['A001', 'A002', 'B001', 'H001', 'K001', 'P001', 'A003', 'B002'];
      labels.forEach((label, i) => a.enqueue(call(label, String(i + 1))));
      await untilQuiet(a);
      expect(shown()).toEqual(labels);
      const times = panel.map((p) => p.t - panel[0]!.t);
      const durations = times.slice(1).map((t, i) => t - times[i]!);
      // Five or more behind: the shortest time; one or two behind: a little longer; alone: the full time.
      expect(durations).toEqual([...Array<number>(5).fill(MIN_SHOW_MS.compact), MIN_SHOW_MS.brief, MIN_SHOW_MS.brief]);
      expect(MIN_SHOW_MS.compact).toBeLessThan(MIN_SHOW_MS.brief);
      expect(MIN_SHOW_MS.brief).toBeLessThan(MIN_SHOW_MS.full);

      // Thirty calls at once (a 60-counter hall after a break): the panel skips what it can no longer show
      // in time, as the announcer does, rather than falling further and further behind.
      const calledAt = Date.now();
      const many = Array.from({ length: 30 }, (_, i) => `C${String(i + 1).padStart(3, '0')}`);
      many.forEach((label, i) => a.enqueue(call(label, String(i + 1))));
      await untilQuiet(a);
      const burst = panel.filter((p) => p.label?.startsWith('C'));
      expect(a.dropped).toBeGreaterThan(0);
      for (const p of burst) expect(p.t - calledAt).toBeLessThanOrEqual(MAX_AGE_MS);
      const labelsShown = burst.map((p) => p.label);
      expect(labelsShown).toEqual(many.filter((l) => labelsShown.includes(l)));
      expect(burst.length + a.dropped).toBe(many.length);
    });
  });
});
