// One ticking clock for the kiosk: countdowns, "printing is slow", and how long nobody has touched the screen.
class KioskClock {
  now = $state(Date.now());
  lastTouch = $state(Date.now());
  readonly idleMs = $derived(Math.max(0, this.now - this.lastTouch));
  private timer: ReturnType<typeof setInterval> | null = null;

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => (this.now = Date.now()), 500);
    // Any touch, even one that misses a button, means someone is still using the kiosk.
    document.addEventListener('pointerdown', () => this.touched(), { capture: true, passive: true });
  }

  touched(): void {
    this.now = Date.now();
    this.lastTouch = this.now;
  }
}

export const clock = new KioskClock();
