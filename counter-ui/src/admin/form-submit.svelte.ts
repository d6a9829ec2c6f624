// What a settings form does when it is sent: no page reload, the submit button off while the server
// answers, and the server's refusal as a sentence the admin can act on.
import { errorText } from '../manage/error-text.js';

export class FormSubmit {
  busy = $state(false);
  error = $state('');
  readonly #send: () => Promise<void>;

  constructor(send: () => Promise<void>) {
    this.#send = send;
  }

  /** The form's `onsubmit`; an arrow, so it can be passed as it is. */
  submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    this.busy = true;
    this.error = '';
    try {
      await this.#send();
    } catch (e) {
      this.error = errorText(e);
    } finally {
      this.busy = false;
    }
  };
}
