// What the settings list pages (services, counters, staff, kiosks and displays) share: the list as the
// server has it, which one the form edits, and what the last change did (a note) or why it failed.
import { errorText } from '../manage/error-text.js';
import { changes } from './changes.svelte.js';

export class EditableList<T> {
  items = $state.raw<T[]>([]);
  /** False until the first answer, so that "nothing yet" is not said while the list is on its way. */
  loaded = $state(false);
  editing = $state<T | 'new' | null>(null);
  error = $state('');
  note = $state('');
  readonly #fetch: () => Promise<T[]>;

  constructor(fetch: () => Promise<T[]>) {
    this.#fetch = fetch;
  }

  async load(): Promise<void> {
    try {
      this.items = await this.#fetch();
      this.loaded = true;
    } catch (e) {
      this.error = errorText(e);
    }
  }

  /** Opens the form on a new one or on one in the list; the last note no longer applies. */
  edit(item: T | 'new'): void {
    this.editing = item;
    this.note = '';
  }

  /** The form was accepted: close it, say so, and look again (the setup guide too). */
  saved(note: string): void {
    this.note = note;
    this.editing = null;
    void this.load();
    changes.saved();
  }

  /** A change made from a row (delete, deactivate, revoke…); `run` answers with the note to show. */
  async act(run: () => Promise<string>): Promise<void> {
    this.error = '';
    try {
      this.note = await run();
      await this.load();
      changes.saved();
    } catch (e) {
      this.error = errorText(e);
    }
  }
}
