// The call chime, synthesised with Web Audio: a two-note "ding-dong" bell, so there is no sound file to
// download and nothing to fetch over a weak signal. Browsers keep audio suspended until the page is
// allowed to play (a tap, or Chromium started with --autoplay-policy=no-user-gesture-required).

/** One bell note: a sine with a few inharmonic partials, struck and left to ring out. */
const PARTIALS: readonly [ratio: number, gain: number][] = [
  [1, 0.6],
  [2.01, 0.22],
  [3.02, 0.08],
];
const NOTES: readonly [hz: number, at: number][] = [
  [659.25, 0], // E5
  [523.25, 0.45], // C5
];
const RING_SECONDS = 1.3;

export const CHIME_SECONDS = NOTES[NOTES.length - 1]![1] + RING_SECONDS;

type AudioContextCtor = typeof AudioContext;

export class Chime {
  private ctx: AudioContext | null = null;

  /** Whether sound can play now without a tap. */
  get allowed(): boolean {
    return this.ctx?.state === 'running';
  }

  /**
   * Makes the audio context and tries to start it. Without a user gesture (and without the autoplay flag)
   * `resume()` never settles, so this waits only briefly and reports what it got.
   */
  async unlock(waitMs = 400): Promise<boolean> {
    const Ctor = (globalThis as { AudioContext?: AudioContextCtor }).AudioContext;
    if (!Ctor) return false;
    this.ctx ??= new Ctor();
    if (this.ctx.state !== 'running') {
      await Promise.race([this.ctx.resume().catch(() => undefined), new Promise((r) => setTimeout(r, waitMs))]);
    }
    return this.allowed;
  }

  /** Plays the chime and resolves when it has rung out (at once when sound is not allowed). */
  async play(volume = 0.8): Promise<void> {
    const ctx = this.ctx;
    if (!ctx || ctx.state !== 'running') return;
    const start = ctx.currentTime + 0.05;
    const master = ctx.createGain();
    master.gain.value = volume;
    master.connect(ctx.destination);
    for (const [hz, at] of NOTES) {
      for (const [ratio, gain] of PARTIALS) {
        const osc = ctx.createOscillator();
        const env = ctx.createGain();
        osc.type = 'sine';
        osc.frequency.value = hz * ratio;
        const t0 = start + at;
        env.gain.setValueAtTime(0.0001, t0);
        env.gain.exponentialRampToValueAtTime(gain, t0 + 0.012);
        // Higher partials die away sooner, as on a real bell.
        env.gain.exponentialRampToValueAtTime(0.0001, t0 + RING_SECONDS / ratio);
        osc.connect(env).connect(master);
        osc.start(t0);
        osc.stop(t0 + RING_SECONDS + 0.05);
      }
    }
    await new Promise((r) => setTimeout(r, CHIME_SECONDS * 1000 + 50));
    master.disconnect();
  }
}
