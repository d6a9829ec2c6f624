// Managers' figures.
import { Router } from 'express';
import type { AppContext } from '../app-context.js';
import { requireRole } from '../http/auth.middleware.js';

export function statsRoutes(ctx: AppContext): Router {
  const r = Router();
  r.use(requireRole('manager'));
  r.get('/live', (_req, res) => {
    res.json(ctx.stats.live());
  });
  return r;
}
