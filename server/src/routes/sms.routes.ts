// SMS: a number on a ticket, "ready to collect", today's messages and the gateway's state, the admin's
// settings and test message; and Africa's Talking's delivery reports, which come as a form (see below).
import express from 'express';
import type { Router } from 'express';
import type { AppContext } from '../app-context.js';
import type { HandlersOf } from '../http/operations.js';

type SmsOperation = 'setTicketPhone' | 'readyToCollect' | 'smsOverview' | 'smsMessages' | 'updateSmsSettings' | 'sendTestSms';

export function smsHandlers(ctx: AppContext): HandlersOf<SmsOperation> {
  return {
    async setTicketPhone({ params, body }) {
      return { phone: await ctx.sms.setPhone(params.ticketId, body.phone) };
    },
    async readyToCollect({ params }) {
      return { message: await ctx.sms.readyToCollect(params.ticketId) };
    },
    smsOverview() {
      return ctx.sms.overview();
    },
    smsMessages() {
      return { items: ctx.sms.messagesToday() };
    },
    async updateSmsSettings({ body }) {
      return { settings: await ctx.sms.updateSettings(body) };
    },
    async sendTestSms({ body }) {
      return { message: await ctx.sms.test(body.phone, body.lang ?? 'en') };
    },
  };
}

/**
 * POST /api/v1/sms/delivery: Africa's Talking posts each delivery report form-encoded (`id`, `status`,
 * `phoneNumber`, `failureReason`…), which the JSON-only API router refuses, so it is mounted on its own before
 * it. Always 200 (the gateway would only post again); the number it carries is neither stored nor logged.
 */
export function smsDeliveryRouter(ctx: AppContext): Router {
  const router = express.Router();
  router.post('/', express.urlencoded({ extended: false, limit: '8kb' }), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const id = typeof body.id === 'string' ? body.id.slice(0, 200) : '';
    const status = typeof body.status === 'string' ? body.status.slice(0, 40) : '';
    const reason = typeof body.failureReason === 'string' ? body.failureReason.slice(0, 120) : null;
    const known = id && status ? await ctx.sms.deliveryReport(id, status, reason) : false;
    if (!known) ctx.log.info('sms: delivery report for no message of ours', { status });
    res.json({ ok: true });
  });
  return router;
}
