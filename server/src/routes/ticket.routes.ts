// Tickets: issuing (kiosks and staff), the public view by id, every lifecycle step, feedback, reprint.
import { Router } from 'express';
import type { Request } from 'express';
import { FeedbackBody, FeedbackCommentBody, IdempotencyKey, Id, IssueTicketBody, TransferBody, EmptyBody } from '@foleni/shared';
import type { AppContext } from '../app-context.js';
import { badRequest, conflict, forbidden, notFound, unauthorized } from '../errors.js';
import { device, staff } from '../http/auth.middleware.js';
import { parse } from '../http/validate.js';
import type { QueueService } from '../queue/queue.service.js';
import type { Actor } from '../auth/actor.js';
import { actorUserId } from '../auth/actor.js';
import type { TicketRecord } from '../repositories/ticket.repository.js';

type Step = 'recall' | 'start' | 'complete' | 'noShow' | 'requeue' | 'cancel';
const STEPS: Record<string, Step> = {
  recall: 'recall',
  start: 'start',
  complete: 'complete',
  'no-show': 'noShow',
  requeue: 'requeue',
  cancel: 'cancel',
};

export function ticketRoutes(ctx: AppContext): Router {
  const r = Router();
  const ticketParam = (req: Request): string => parse(Id, req.params.id, 'ticket id') as string;

  r.post('/', ctx.limits.issue, async (req, res) => {
    const kiosk = device(req, 'kiosk');
    if (!kiosk && req.actor.kind !== 'user') {
      throw req.actor.kind === 'device' ? forbidden('Only a kiosk or staff may issue tickets.') : unauthorized('Pair this kiosk or sign in first.');
    }
    const body = parse(IssueTicketBody, req.body);
    if (!kiosk && body.source === 'kiosk') throw badRequest('invalid-body', 'Only a kiosk issues tickets as source "kiosk".');
    const keyHeader = req.get('idempotency-key');
    const idempotencyKey = keyHeader === undefined ? null : (parse(IdempotencyKey, keyHeader, 'idempotency-key') as string);
    const { ticket, created, print } = await ctx.queue.issue({
      serviceId: body.serviceId,
      priority: body.priority ?? 'none',
      lang: body.lang,
      source: kiosk ? 'kiosk' : (body.source ?? 'staff'),
      deviceId: kiosk?.device.id ?? null,
      // Who issued it: the key is theirs, so the same key from another caller never finds their ticket.
      issuedBy: kiosk ? null : actorUserId(req.actor),
      idempotencyKey,
      // A kiosk's ticket prints there; its job is stored in the ticket's own commit.
      printOn: kiosk?.device ?? null,
    });
    res.status(created ? 201 : 200).json({ ticket: ctx.views.ticket(ticket), print });
  });

  r.get('/:id', (req, res) => {
    const ticket = ctx.repos.tickets.byId(ticketParam(req));
    if (!ticket) throw notFound('ticket');
    res.json({ ticket: ctx.views.publicTicket(ticket) });
  });

  for (const [path, step] of Object.entries(STEPS)) {
    r.post(`/:id/${path}`, async (req, res) => {
      const actor = staff(req);
      parse(EmptyBody, req.body);
      const ticket = await runStep(ctx.queue, step, ticketParam(req), actor);
      res.json({ ticket: ctx.views.ticket(ticket) });
    });
  }

  r.post('/:id/transfer', async (req, res) => {
    const actor = staff(req);
    const id = ticketParam(req);
    const body = parse(TransferBody, req.body);
    const ticket = await ctx.queue.transfer(id, body.serviceId, body.note, actor);
    res.json({ ticket: ctx.views.ticket(ticket) });
  });

  r.post('/:id/reprint', (req, res) => {
    staff(req);
    parse(EmptyBody, req.body);
    const ticket = requireTicket(ctx, ticketParam(req));
    res.json({ print: ctx.printing.reprint(ticket, ctx.views.ticket(ticket)) });
  });

  r.post('/:id/feedback', async (req, res) => {
    const id = ticketParam(req);
    const body = parse(FeedbackBody, req.body);
    await ctx.writes.run(() => {
      const ticket = requireTicket(ctx, id);
      if (ticket.status !== 'done') throw conflict('not-done', 'Feedback opens once the visit is complete.');
      if (ctx.repos.feedback.exists(ticket.rowid)) throw conflict('feedback-given', 'Feedback for this ticket was already given. Thank you!');
      ctx.repos.feedback.insert(ticket.rowid, body.rating, body.comment || null, ctx.clock.now());
    });
    res.status(201).json({ ok: true });
  });

  // A rating takes one tap; a comment may follow it, once.
  r.patch('/:id/feedback', async (req, res) => {
    const id = ticketParam(req);
    const body = parse(FeedbackCommentBody, req.body);
    await ctx.writes.run(() => {
      const ticket = requireTicket(ctx, id);
      const given = ctx.repos.feedback.get(ticket.rowid);
      if (!given) throw conflict('no-rating', 'Rate the visit first; a comment can follow the rating.');
      if (given.comment !== null || !ctx.repos.feedback.addComment(ticket.rowid, body.comment)) {
        throw conflict('comment-given', 'A comment for this ticket was already given. Thank you!');
      }
    });
    res.json({ ok: true });
  });

  return r;
}

/** An unknown or inactive service is left to the queue's own answer (404, service-inactive). */
function requireTicket(ctx: AppContext, id: string): TicketRecord {
  const ticket = ctx.repos.tickets.byId(id);
  if (!ticket) throw notFound('ticket');
  return ticket;
}

function runStep(queue: QueueService, step: Step, id: string, actor: Actor): Promise<TicketRecord> {
  switch (step) {
    case 'recall':
      return queue.recall(id, actor);
    case 'start':
      return queue.start(id, actor);
    case 'complete':
      return queue.complete(id, actor);
    case 'noShow':
      return queue.noShow(id, actor);
    case 'requeue':
      return queue.requeue(id, actor);
    case 'cancel':
      return queue.cancel(id, actor);
  }
}
