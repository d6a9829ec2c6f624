// How a citizen who cannot read the screen uses it with "Read aloud" on: the first touch on a choice reads
// it ("National ID card, 2 waiting, about 12 minutes. Touch again to choose."), a second touch on the same
// choice within a few seconds chooses it. With a keyboard (or a kiosk's keypad), moving onto a choice reads
// it and Enter chooses it. Every choice of every screen works this way without knowing about it: the touch is
// caught before it reaches the button (docs/architecture.md, "Kiosk help and accessibility").
import { spokenName } from './speaker.js';

/** How long after the first touch a second one chooses. */
export const CHOOSE_WITHIN_MS = 5000;

/** Choices this applies to: the buttons of the screen itself (the header and the help bar act at once). */
const CHOICES = 'main button';

export interface ReadAloudHooks {
  /** Reads a choice aloud, followed by "touch again to choose" when `touched`. */
  read(name: string, touched: boolean): void;
  now?: () => number;
}

/** Starts catching touches and focus moves; returns the function that stops it. */
export function readChoicesAloud(hooks: ReadAloudHooks): () => void {
  const now = hooks.now ?? (() => Date.now());
  let armed: { el: Element; until: number; byKey: boolean } | null = null;
  const choiceOf = (e: Event): HTMLButtonElement | null => {
    const el = e.target instanceof Element ? e.target.closest(CHOICES) : null;
    return el instanceof HTMLButtonElement && !el.disabled ? el : null;
  };

  const onClick = (e: MouseEvent): void => {
    const el = choiceOf(e);
    if (!el) return;
    // A click with no pointer behind it (detail 0) is Enter or Space on the focused choice, already read.
    const keyboard = e.detail === 0;
    if (armed?.el === el && (keyboard ? armed.byKey : now() < armed.until)) {
      armed = null;
      return;
    }
    e.preventDefault();
    e.stopImmediatePropagation();
    armed = { el, until: now() + CHOOSE_WITHIN_MS, byKey: false };
    hooks.read(spokenName(el), true);
  };

  const onFocus = (e: FocusEvent): void => {
    const el = choiceOf(e);
    // A tap focuses the button too; only a keyboard's move (focus-visible) is read here.
    if (!el || !el.matches(':focus-visible')) return;
    armed = { el, until: now() + CHOOSE_WITHIN_MS, byKey: true };
    hooks.read(spokenName(el), false);
  };

  window.addEventListener('click', onClick, { capture: true });
  window.addEventListener('focusin', onFocus, { capture: true });
  return () => {
    window.removeEventListener('click', onClick, { capture: true });
    window.removeEventListener('focusin', onFocus, { capture: true });
  };
}
