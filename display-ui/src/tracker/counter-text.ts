// A counter as a citizen reads it: "Counter 5" / "Dirisha 5", or the counter's own name when it has one.
import { tCommon } from '@foleni/shared';
import type { CounterRef, Lang } from '@foleni/shared';
import { counterNumber, isNumberedCounter } from '../lib/counter-name.js';

export function counterText(lang: Lang, counter: Pick<CounterRef, 'name'>): string {
  return isNumberedCounter(counter.name) ? tCommon(lang, 'counter.label', { name: counterNumber(counter.name) }) : counter.name;
}

/** The counter inside a sentence: "Counter 5" in English, "dirisha namba 5" in Kiswahili ("nenda dirisha namba 5"). */
export function counterInSentence(lang: Lang, counter: Pick<CounterRef, 'name'>): string {
  return lang === 'sw' && isNumberedCounter(counter.name) ? `dirisha namba ${counterNumber(counter.name)}` : counterText(lang, counter);
}
