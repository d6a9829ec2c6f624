// /api/v1/admin/backup: a consistent copy of the database while the centre runs.
import { Router } from 'express';
import type { AppContext } from '../app-context.js';

export function backupRoutes(_ctx: AppContext): Router {
  const r = Router();
  return r;
}
