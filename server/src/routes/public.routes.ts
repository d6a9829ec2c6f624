// What anyone may read: health, the centre, the services with their queues.
import type { AppContext } from '../app-context.js';
import type { HandlersOf } from '../http/operations.js';
import { publicCentre } from '../queue/centre.service.js';
import { VERSION } from '../version.js';

export function publicHandlers(ctx: AppContext): HandlersOf<'health' | 'getCentre' | 'listServices'> {
  return {
    health: () => ({ ok: true, version: VERSION }),

    getCentre: () => ({ centre: publicCentre(ctx.centre.get()) }),

    listServices: () => ({ items: ctx.views.services(true) }),
  };
}
