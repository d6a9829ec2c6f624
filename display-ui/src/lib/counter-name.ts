// Counters are usually named "Counter 5": screens print the word in the reader's language and the number
// large, the same way the spoken announcement reads it (callAnnouncement in @foleni/shared).

/** "Counter 5" → "5", "Dirisha 5" → "5"; a name that is not of that form is kept whole. */
export function counterNumber(name: string): string {
  return name.replace(/^(counter|dirisha)\s*/i, '') || name;
}

/** Whether the name is the usual "Counter N" form, so a translated "Counter"/"Dirisha" word can go with it. */
export function isNumberedCounter(name: string): boolean {
  return counterNumber(name) !== name;
}
