// Each screen ignores taps for a moment after it appears. A double tap (or a shaky finger) on a button that
// changes the screen would otherwise press whatever sits under the finger on the next one: a priority
// button after a service, "Finish" after "No, thank you". Nobody reads a new screen and taps it this fast.
import type { Attachment } from 'svelte/attachments';

export const SETTLE_MS = 400;

/**
 * For the element that holds the screens: `{@attach settleTaps(screenName)}`. Each new screen name runs it
 * again. While settling, the element takes no pointer events (App.svelte's style), so a tap falls through to the
 * background and presses nothing; the button does not even look pressed.
 */
export function settleTaps(screen: string): Attachment<HTMLElement> {
  return (node) => {
    node.dataset.settling = screen;
    const timer = setTimeout(() => delete node.dataset.settling, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      delete node.dataset.settling;
    };
  };
}
