// /api/v1/me: what the signed-in clerk needs about their own day.
import { Router } from 'express';
import type { AppContext } from '../app-context.js';
import { staff } from '../http/auth.middleware.js';

export function meRoutes(ctx: AppContext): Router {
  const r = Router();

  /** Today's figures for the signed-in user: served, average service time, no-shows, transfers. */
  r.get('/today', (req, res) => {
    const me = staff(req);
    const day = ctx.centre.today();
    res.json({ day, ...ctx.repos.clerkStats.day(me.id, day) });
  });

  /**
   * The routing settings a counter screen needs to list its waiting customers in the order Call next takes
   * them (ticket ranks already include the priority head start; the counter's preference bonus does not).
   */
  r.get('/routing', (req, res) => {
    staff(req);
    const c = ctx.centre.get();
    res.json({ priorityHeadStartMinutes: c.priorityHeadStartMinutes, preferenceBonusMinutes: c.preferenceBonusMinutes });
  });

  return r;
}
