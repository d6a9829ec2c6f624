// SMS: a number on a ticket, "ready to collect", today's messages and the gateway's state, the admin's
// settings and test message; and Africa's Talking's delivery reports (a form: see http/same-origin.ts).
import type { AppContext } from '../app-context.js';
import type { HandlersOf } from '../http/operations.js';

type SmsOperation = 'smsDelivery' | 'setTicketPhone' | 'readyToCollect' | 'smsOverview' | 'smsMessages' | 'updateSmsSettings' | 'sendTestSms';

export function smsHandlers(ctx: AppContext): HandlersOf<SmsOperation> {
  return {
    // Always 200 for a well-formed report with the right key (the gateway would only post it again); 403 and
    // nothing changed without it. The number it carries is neither kept nor logged.
    async smsDelivery({ query, body }) {
      const known = await ctx.sms.deliveryReport(query.key, body.id, body.status, body.failureReason ?? null);
      if (!known) ctx.log.info('sms: delivery report for no message of ours', { status: body.status });
      return { ok: true as const };
    },
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
