// /api/v1/me: what the signed-in clerk needs about their own day.
import { Router } from 'express';
import type { AppContext } from '../app-context.js';

export function meRoutes(_ctx: AppContext): Router {
  const r = Router();
  return r;
}
