// A view's answer to the latest question it asked: an answer (or an error) to an older question that comes
// back later is dropped, so a quick second "Show" is never overwritten by the slow first one.

export interface LatestAnswer<T> {
  /** The latest question's answer, once it has come. */
  readonly value: T | null;
  /** Why the latest question failed, or '' when it did not. */
  readonly error: string;
  /** Asks again; what an earlier question still in flight answers is ignored. */
  ask(question: () => Promise<T>): Promise<void>;
}

export function latestAnswer<T>(): LatestAnswer<T> {
  const state = $state<{ value: T | null; error: string }>({ value: null, error: '' });
  let asked = 0;
  return {
    get value() {
      return state.value;
    },
    get error() {
      return state.error;
    },
    async ask(question) {
      const mine = ++asked;
      try {
        const answer = await question();
        if (mine !== asked) return;
        state.value = answer;
        state.error = '';
      } catch (e) {
        if (mine !== asked) return;
        state.error = e instanceof Error ? e.message : String(e);
      }
    },
  };
}
