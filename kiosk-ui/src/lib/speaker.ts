// The kiosk's voice for "Read aloud / Soma kwa sauti": the browser's own speech engine with the voices
// installed on the kiosk (the displays' choice of voice, pickVoice in @foleni/shared), never a voice from the
// internet. What is said last matters: a new sentence cuts the one still being read.
import { pickVoice } from '@foleni/shared';
import type { Lang } from '@foleni/shared';

/** Says `text` in `lang`; false when this kiosk has no speech engine or no local voice for the language. */
export function say(text: string, lang: Lang): boolean {
  const speech = globalThis.speechSynthesis as SpeechSynthesis | undefined;
  if (!speech) return false;
  const voice = pickVoice(speech.getVoices(), lang);
  if (!voice) return false;
  speech.cancel();
  const u = new SpeechSynthesisUtterance(text);
  u.voice = voice;
  u.lang = voice.lang;
  u.rate = 0.9;
  speech.speak(u);
  return true;
}

/** Stops whatever is being read (reading aloud was turned off). */
export function hush(): void {
  (globalThis.speechSynthesis as SpeechSynthesis | undefined)?.cancel();
}

/**
 * What a button says, as a screen reader would name it: its aria-label, else its visible text without the
 * parts hidden from assistive technology (a service's ticket letter), each part a phrase of its own.
 */
export function spokenName(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return label;
  const parts: string[] = [];
  const walk = (node: Node): void => {
    if (node instanceof Element && node.getAttribute('aria-hidden') === 'true') return;
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent?.trim();
      if (text) parts.push(text);
      return;
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(el);
  // "2 waiting · about 12 min": the dot is for the eye; a voice pauses at a comma.
  return parts.join('. ').replace(/\s*·\s*/g, ', ');
}
