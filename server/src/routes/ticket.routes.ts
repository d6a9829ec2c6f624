// Tickets: issuing (kiosks and staff), the public view by id, every lifecycle step, feedback, reprint.
import { createHash, timingSafeEqual } from 'node:crypto';
import { FEEDBACK_DAYS, maskPhone } from '@foleni/shared';
import type { Operations } from '@foleni/shared';
import type { AppContext } from '../app-context.js';
import type { StaffActor } from '../auth/actor.js';
import { actorUserId } from '../auth/actor.js';
import { AppError, badRequest, conflict, notFound } from '../errors.js';
import type { Call, HandlersOf } from '../http/operations.js';
import { withStatus } from '../http/operations.js';
import type { QueueService } from '../queue/queue.service.js';
import { requirePhone } from '../sms/sms.service.js';
import type { TicketRecord } from '../repositories/ticket.repository.js';

type TicketOperation =
  | 'issueTicket'
  | 'getTicket'
  | 'recallTicket'
  | 'startTicket'
  | 'completeTicket'
  | 'noShowTicket'
  | 'requeueTicket'
  | 'cancelTicket'
  | 'transferTicket'
  | 'reprintTicket'
  | 'giveFeedback'
  | 'addFeedbackComment';

export function ticketHandlers(ctx: AppContext): HandlersOf<TicketOperation> {
  /** A lifecycle step: the same call shape and answer for each. */
  const step =
    (run: (queue: QueueService, id: string, actor: StaffActor) => Promise<TicketRecord>) =>
    async ({ params, actor }: Call<Operations['recallTicket']>) => ({ ticket: ctx.views.ticket(await run(ctx.queue, params.ticketId, actor)) });

  return {
    async issueTicket({ body, header: idempotencyKey, actor }) {
      const kiosk = actor.kind === 'device' ? actor.device : null;
      if (!kiosk && body.source === 'kiosk') throw badRequest('invalid-body', 'Only a kiosk issues tickets as source "kiosk".');
      // Checked before anything is written: a bad number issues nothing.
      const phone = body.phone === undefined ? null : requirePhone(body.phone);
      const { ticket, created, print } = await ctx.queue.issue({
        serviceId: 'serviceId' in body ? body.serviceId : '',
        journeyId: 'journeyId' in body ? body.journeyId : null,
        priority: body.priority ?? 'none',
        lang: body.lang,
        source: kiosk ? 'kiosk' : (body.source ?? 'staff'),
        deviceId: kiosk?.id ?? null,
        // Who issued it: the key is theirs, so the same key from another caller never finds their ticket.
        issuedBy: kiosk ? null : actorUserId(actor),
        idempotencyKey,
        // A kiosk's ticket prints there; its job is stored in the ticket's own commit.
        printOn: kiosk,
        phone,
      });
      // A new ticket's number is the one just checked; a repeated request's is the one kept with the ticket.
      const masked = created ? phone && maskPhone(phone) : ctx.sms.maskedPhoneOf(ticket);
      const answer = { ticket: ctx.views.issuedTicket(ticket), print, ...(masked ? { phone: masked } : {}) };
      return created ? answer : withStatus(200, answer);
    },

    getTicket({ params }) {
      return { ticket: ctx.views.publicTicket(requireTicket(ctx, params.ticketId)) };
    },

    recallTicket: step((q, id, actor) => q.recall(id, actor)),
    startTicket: step((q, id, actor) => q.start(id, actor)),
    completeTicket: step((q, id, actor) => q.complete(id, actor)),
    noShowTicket: step((q, id, actor) => q.noShow(id, actor)),
    requeueTicket: step((q, id, actor) => q.requeue(id, actor)),
    cancelTicket: step((q, id, actor) => q.cancel(id, actor)),

    async transferTicket({ params, body, actor }) {
      return { ticket: ctx.views.ticket(await ctx.queue.transfer(params.ticketId, body.serviceId, body.note, actor)) };
    },

    reprintTicket({ params, actor }) {
      const ticket = requireTicket(ctx, params.ticketId);
      return { print: ctx.printing.reprint(ticket, ctx.views.ticket(ticket), actor, ctx.clock.now()) };
    },

    async giveFeedback({ params, body }) {
      await ctx.writes.run(() => {
        const ticket = requireTicket(ctx, params.ticketId);
        requireFeedbackKey(ticket, body.key);
        if (ticket.status !== 'done') throw conflict('not-done', 'Feedback opens once the visit is complete.');
        requireFeedbackOpen(ticket, ctx.clock.now());
        if (ctx.repos.feedback.exists(ticket.rowid)) throw conflict('feedback-given', 'Feedback for this ticket was already given. Thank you!');
        // Only a caller neither signed in nor paired gets here (who: citizen): the ticket's own page.
        ctx.repos.feedback.insert(ticket.rowid, body.rating, body.comment || null, ctx.clock.now(), 'tracker');
      });
      return { ok: true };
    },

    // A rating takes one tap; a comment may follow it, once.
    async addFeedbackComment({ params, body }) {
      await ctx.writes.run(() => {
        const ticket = requireTicket(ctx, params.ticketId);
        requireFeedbackKey(ticket, body.key);
        requireFeedbackOpen(ticket, ctx.clock.now());
        const given = ctx.repos.feedback.get(ticket.rowid);
        if (!given) throw conflict('no-rating', 'Rate the visit first; a comment can follow the rating.');
        if (given.comment !== null || !ctx.repos.feedback.addComment(ticket.rowid, body.comment)) {
          throw conflict('comment-given', 'A comment for this ticket was already given. Thank you!');
        }
      });
      return { ok: true };
    },
  };
}

function requireTicket(ctx: AppContext, id: string): TicketRecord {
  const ticket = ctx.repos.tickets.byId(id);
  if (!ticket) throw notFound('ticket');
  return ticket;
}

/**
 * Only the holder of the citizen's tracking link may rate: every clerk sees ticket ids, so the id alone proves
 * nothing. Tickets from before migration 0012 have no key and are taken on their id, as they always were.
 */
export function requireFeedbackKey(ticket: TicketRecord, key: string | undefined): void {
  if (ticket.feedbackKey === null) return;
  // Compared as digests: equal lengths for timingSafeEqual, and no timing tells how much of a guess was right.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  if (key !== undefined && timingSafeEqual(digest(key), digest(ticket.feedbackKey))) return;
  throw new AppError(403, 'feedback-key', 'Feedback needs the link from your ticket: scan the QR code printed on it, or open the link the kiosk showed, then rate the visit there.');
}

const FEEDBACK_OPEN_MS = FEEDBACK_DAYS * 24 * 60 * 60_000;

function requireFeedbackOpen(ticket: TicketRecord, now: number): void {
  if (ticket.doneAt !== null && now - ticket.doneAt > FEEDBACK_OPEN_MS) {
    throw conflict('feedback-closed', `Feedback for ${ticket.label} closed ${FEEDBACK_DAYS} days after the visit.`);
  }
}
