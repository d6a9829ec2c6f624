// What anyone may read: health, the centre, the services with their queues. And the staff's queue view.
import { Router } from 'express';
import type { AppContext } from '../app-context.js';
import { staff } from '../http/auth.middleware.js';
import { publicCentre } from '../queue/centre.service.js';
import { VERSION } from '../version.js';

export function publicRoutes(ctx: AppContext): Router {
  const r = Router();

  r.get('/health', (_req, res) => {
    res.json({ ok: true, version: VERSION });
  });

  r.get('/centre', (_req, res) => {
    res.json({ centre: publicCentre(ctx.centre.get()) });
  });

  r.get('/services', (_req, res) => {
    res.json({ items: ctx.views.services(true) });
  });

  r.get('/queue', (req, res) => {
    staff(req);
    const tickets = ctx.views.openTickets().filter((t) => t.status === 'waiting');
    const items = ctx.repos.services.list().map((s) => ({
      serviceId: s.id,
      code: s.code,
      tickets: tickets.filter((t) => t.serviceId === s.id),
    }));
    res.json({ items });
  });

  return r;
}
