// Splitting a list of choices into screens of equal size.

export interface Pages {
  /** Choices on each page (the last may hold fewer). */
  perPage: number;
  /** At least 1, even for no choices: there is always a page to show. */
  count: number;
}

/** `fit` is how many choices one screen holds (at least one is always shown). */
export function pagesFor(total: number, fit: number): Pages {
  const perPage = Math.max(1, Math.floor(fit));
  return { perPage, count: Math.max(1, Math.ceil(total / perPage)) };
}
