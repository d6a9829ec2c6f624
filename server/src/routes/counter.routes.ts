// Counters: status changes and calls, by the clerk signed in there (or a manager).
import { Router } from 'express';
import type { Request } from 'express';
import { CallTicketBody, EmptyBody, Id } from '@foleni/shared';
import type { AppContext } from '../app-context.js';
import { notFound } from '../errors.js';
import { staff } from '../http/auth.middleware.js';
import { parse } from '../http/validate.js';

export function counterRoutes(ctx: AppContext): Router {
  const r = Router();
  const counterParam = (req: Request): string => parse(Id, req.params.id, 'counter id') as string;

  r.get('/', (req, res) => {
    staff(req);
    res.json({ items: ctx.views.counters() });
  });

  r.get('/:id', (req, res) => {
    staff(req);
    const counter = ctx.repos.counters.get(counterParam(req));
    if (!counter) throw notFound('counter');
    res.json({ counter: ctx.views.counter(counter) });
  });

  const statusChange = (action: 'openCounter' | 'pauseCounter' | 'closeCounter') => async (req: Request, res: import('express').Response) => {
    const actor = staff(req);
    parse(EmptyBody, req.body);
    const counter = await ctx.queue[action](counterParam(req), actor);
    res.json({ counter: ctx.views.counter(counter) });
  };
  r.post('/:id/open', statusChange('openCounter'));
  r.post('/:id/pause', statusChange('pauseCounter'));
  r.post('/:id/close', statusChange('closeCounter'));

  r.post('/:id/call-next', async (req, res) => {
    const actor = staff(req);
    parse(EmptyBody, req.body);
    const ticket = await ctx.queue.callNext(counterParam(req), actor);
    if (!ticket) {
      res.status(204).end();
      return;
    }
    res.json({ ticket: ctx.views.ticket(ticket) });
  });

  r.post('/:id/call', async (req, res) => {
    const actor = staff(req);
    const id = counterParam(req);
    const body = parse(CallTicketBody, req.body);
    const ticket = await ctx.queue.callTicket(id, body.ticketId, actor);
    res.json({ ticket: ctx.views.ticket(ticket) });
  });

  return r;
}
