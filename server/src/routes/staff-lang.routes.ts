// The language a member of staff reads their pages in, kept with the account (migration 0020): the switch on
// any staff page sets it, and /auth/me gives it back on the next page load, on any computer.
import type { AppContext } from '../app-context.js';
import type { HandlersOf } from '../http/operations.js';

export function staffLangHandlers(ctx: AppContext): HandlersOf<'setMyLanguage'> {
  return {
    setMyLanguage({ body, actor }) {
      ctx.repos.users.setLang(actor.id, body.lang);
    },
  };
}
