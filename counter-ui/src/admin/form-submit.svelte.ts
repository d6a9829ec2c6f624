// What a settings form does when it is sent: no page reload, the submit button off while the server
// answers, and the refusal as a sentence the admin can act on, with each field's own words where the
// server names the field (`error.details`).
import { ApiError } from '@foleni/shared/client';
import { errorText } from '../manage/error-text.js';

/** Thrown by a form's own check before anything is sent; its message is shown as it is. */
export class FormRefusal extends Error {
  constructor(
    message: string,
    /** The field it is about, by the body's path ("serviceIds"). */
    readonly path?: string,
  ) {
    super(message);
    this.name = 'FormRefusal';
  }
}

/** The refusal's message for each field it names, by the body's dotted path ("openingHours.closes"). */
export function fieldErrors(e: unknown): Record<string, string> {
  if (e instanceof FormRefusal) return e.path ? { [e.path]: e.message } : {};
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return {};
  const out: Record<string, string> = {};
  for (const d of e.details as unknown[]) {
    if (typeof d !== 'object' || d === null) continue;
    const { path, message } = d as { path?: unknown; message?: unknown };
    if (typeof path === 'string' && typeof message === 'string') out[path] = out[path] ? `${out[path]} ${message}` : message;
  }
  return out;
}

/** A failure as the sentence to show: the form's own refusal as written, the server's through `errorText`. */
export const refusalText = (e: unknown): string => (e instanceof FormRefusal ? e.message : errorText(e));

export class FormSubmit {
  busy = $state(false);
  error = $state('');
  /** The refusal's words by field (see `fieldErrors`), for the form to show beside each. */
  fields = $state<Record<string, string>>({});
  readonly #send: () => Promise<void>;

  constructor(send: () => Promise<void>) {
    this.#send = send;
  }

  /** The form's `onsubmit`; an arrow, so it can be passed as it is. */
  submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    this.busy = true;
    this.error = '';
    this.fields = {};
    try {
      await this.#send();
    } catch (e) {
      this.error = refusalText(e);
      this.fields = fieldErrors(e);
    } finally {
      this.busy = false;
    }
  };
}
