// /api/v1/me: what the signed-in clerk needs about their own day.
import type { AppContext } from '../app-context.js';
import type { HandlersOf } from '../http/operations.js';

export function meHandlers(ctx: AppContext): HandlersOf<'myDay' | 'myRouting'> {
  return {
    /** Today's figures for the signed-in user: served, average service time, no-shows, transfers. */
    myDay({ actor }) {
      const day = ctx.centre.today();
      return { day, ...ctx.repos.clerkStats.day(actor.id, day) };
    },

    /**
     * The routing settings a counter screen needs to list its waiting customers in the order Call next takes
     * them (ticket ranks already include the priority head start; the counter's preference bonus does not).
     */
    myRouting() {
      const c = ctx.centre.get();
      return { priorityHeadStartMinutes: c.priorityHeadStartMinutes, preferenceBonusMinutes: c.preferenceBonusMinutes };
    },
  };
}
