// What anyone may read: health, the centre, the services with their queues.
import type { AppContext } from '../app-context.js';
import type { HandlersOf } from '../http/operations.js';
import { VERSION } from '../version.js';

export function publicHandlers(ctx: AppContext): HandlersOf<'health' | 'getCentre' | 'listServices'> {
  return {
    health: () => ({ ok: true, version: VERSION }),

    getCentre() {
      const c = ctx.centre.get();
      return {
        centre: { code: c.code, name: c.name, timezone: c.timezone, languages: c.languages, openingHours: c.openingHours, notices: c.notices },
      };
    },

    listServices: () => ({ items: ctx.views.services(true) }),
  };
}
