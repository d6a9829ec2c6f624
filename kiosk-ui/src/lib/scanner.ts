// A USB barcode or QR scanner is a keyboard that types very fast: the characters of the code a few ms apart,
// then Enter. The kiosk has no keyboard of its own, so keystrokes that come this fast and end with Enter are
// a scanned code; slower keys (someone leaning on a keyboard left plugged in) are let go one by one.

/**
 * Keys further apart than this start a new code: wired scanners type every 2–10 ms, slow wireless ones up to
 * 50, people rarely faster than every 120 ms.
 */
export const SCAN_GAP_MS = 100;
/** Fewer characters than this before Enter is not a booking's code (a stray key, a bump). */
const SCAN_MIN_LENGTH = 4;
/** A code longer than this is not one of ours (a whole web address is cut to its end, see referenceFrom). */
const SCAN_MAX_LENGTH = 200;

export class ScanCollector {
  #chars = '';
  #lastAt = -Infinity;
  readonly #onScan: (text: string) => void;
  readonly #now: () => number;

  constructor(onScan: (text: string) => void, now: () => number = () => performance.now()) {
    this.#onScan = onScan;
    this.#now = now;
  }

  /** The window's keydown listener (an arrow, so it can be passed as it is). */
  keydown = (e: KeyboardEvent): void => {
    if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
    const at = this.#now();
    const fast = at - this.#lastAt <= SCAN_GAP_MS;
    this.#lastAt = at;
    if (e.key === 'Enter') {
      const text = fast ? this.#chars : '';
      this.#chars = '';
      if (text.length < SCAN_MIN_LENGTH) return;
      // The Enter ends a code: it must not also press the button the last tap left focused.
      e.preventDefault();
      this.#onScan(text);
      return;
    }
    if (e.key.length !== 1) return;
    if (!fast) this.#chars = '';
    if (this.#chars.length < SCAN_MAX_LENGTH) this.#chars += e.key;
    // A scanner's space or characters must not scroll the page or press a focused button.
    if (this.#chars.length > 1) e.preventDefault();
  };
}
