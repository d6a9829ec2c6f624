// /api/v1/desk/* and the staff's day (issue #18): the front desk issues, finds, reprints, cancels and moves
// tickets for citizens; the manager's no-show rules and the admin's pause reasons; "I am on my way" from the
// tracker; paused counters and attendance for the manager. docs/architecture.md, "Front desk, fair no-shows,
// breaks".
import { ticketLabel } from '@foleni/shared';
import type { DeskSettings, OnMyWay } from '@foleni/shared';
import type { AppContext } from '../app-context.js';
import type { StaffActor } from '../auth/actor.js';
import { hasRole } from '../auth/actor.js';
import { iso } from '../clock.js';
import { AppError, conflict, notFound } from '../errors.js';
import type { HandlersOf } from '../http/operations.js';
import type { DeviceRecord } from '../repositories/device.repository.js';
import type { TicketRecord } from '../repositories/ticket.repository.js';
import { attendance, attendanceCsv } from '../stats/attendance.js';
import { requirePhone } from '../sms/sms.service.js';
import { requireFeedbackKey } from './ticket.routes.js';

type DeskOperation =
  | 'deskSettings'
  | 'updateDeskSettings'
  | 'deskPrinters'
  | 'deskIssue'
  | 'deskFind'
  | 'deskReprint'
  | 'deskCancel'
  | 'deskMove'
  | 'onMyWay'
  | 'onMyWayToday'
  | 'counterPauses'
  | 'attendance'
  | 'pauseCounter';

/** Who hears of "on my way" taps: the gateway, wired in app.ts once it exists. */
export class DeskPush {
  private listeners: ((e: OnMyWay) => void)[] = [];
  on(fn: (e: OnMyWay) => void): void {
    this.listeners.push(fn);
  }
  onMyWay(e: OnMyWay): void {
    for (const fn of this.listeners) fn(e);
  }
}

/** "a3", "A 3", "a003" → "A003": what a citizen reads out, as the ticket prints it. */
export function normaliseLabel(text: string): string | null {
  const m = /^([a-z]+)\s*-?\s*(\d{1,4})$/i.exec(text.trim());
  return m ? ticketLabel(m[1]!.toUpperCase(), Number(m[2])) : null;
}

export function deskHandlers(ctx: AppContext, push: DeskPush): HandlersOf<DeskOperation> {
  /** A kiosk with a printer, active: the only devices the desk may print on. */
  const printerOf = (id: string): DeviceRecord => {
    const d = ctx.repos.devices.get(id);
    if (!d || d.kind !== 'kiosk') throw notFound('device');
    if (d.status !== 'active' || !d.printer) throw conflict('printer-unavailable', `${d.name} has no printer the desk can use now: choose another, or show the ticket on screen.`);
    return d;
  };
  const todays = (id: string): TicketRecord => {
    const t = ctx.repos.tickets.byId(id);
    if (!t) throw notFound('ticket');
    if (t.day !== ctx.centre.today()) throw conflict('ticket-expired', `${t.label} was issued on ${t.day}.`);
    return t;
  };
  /** The desk acts on tickets no counter holds, whatever the clerk's own counter serves (QueueService.requireMayAct). */
  const atDesk = (actor: StaffActor): StaffActor => ({ ...actor, atDesk: true });

  return {
    deskSettings() {
      return { settings: ctx.repos.desk.settings() };
    },

    async updateDeskSettings({ body, actor }) {
      if (body.pauseReasons && !hasRole(actor, 'admin')) throw new AppError(403, 'admin-only', 'Only an admin changes the list of pause reasons.');
      const settings = await ctx.writes.run((): DeskSettings => {
        const now = ctx.clock.now();
        if (body.noShow) {
          const noShow = { ...ctx.repos.desk.settings().noShow, ...body.noShow };
          ctx.repos.desk.setNoShow(noShow);
          ctx.repos.audit.append({ at: now, userId: actor.id, action: 'update', entity: 'no-show-rules', entityId: null, data: noShow });
        }
        if (body.pauseReasons) {
          ctx.repos.desk.setPauseReasons(body.pauseReasons);
          ctx.repos.audit.append({ at: now, userId: actor.id, action: 'update', entity: 'pause-reasons', entityId: null, data: body.pauseReasons });
        }
        return ctx.repos.desk.settings();
      });
      return { settings };
    },

    deskPrinters() {
      const items = ctx.repos.devices
        .list()
        .filter((d) => d.kind === 'kiosk' && d.status === 'active' && d.printer)
        .map((d) => ({ id: d.id, name: d.name, printerStatus: d.printerStatus }));
      return { items };
    },

    async deskIssue({ body, actor }) {
      const device = body.printerId ? printerOf(body.printerId) : null;
      // Checked before anything is written: a bad number issues nothing.
      const phone = body.phone === undefined || body.phone.trim() === '' ? null : requirePhone(body.phone);
      const { ticket, print } = await ctx.queue.issue({
        serviceId: body.serviceId,
        priority: body.priority ?? 'none',
        ...(body.lang ? { lang: body.lang } : {}),
        source: 'staff',
        deviceId: null,
        issuedBy: actor.id,
        idempotencyKey: null,
        printOn: device,
        phone,
      });
      const masked = phone ? ctx.sms.maskedPhoneOf(ticket) : null;
      return { ticket: ctx.views.issuedTicket(ticket), print, ...(masked ? { phone: masked } : {}) };
    },

    deskFind({ query }) {
      const label = normaliseLabel(query.label);
      const id = label ? ctx.repos.desk.ticketIdByLabel(ctx.centre.today(), label) : undefined;
      const ticket = id ? ctx.repos.tickets.byId(id) : undefined;
      return { items: ticket ? [{ ticket: ctx.views.issuedTicket(ticket), print: ctx.printing.lastFor(ticket) }] : [] };
    },

    deskReprint({ params, body }) {
      const ticket = todays(params.ticketId);
      const device =
        body.printerId !== undefined
          ? printerOf(body.printerId)
          : (ticket.deviceId ? ctx.repos.devices.get(ticket.deviceId) : undefined) ?? ctx.repos.devices.list().find((d) => d.kind === 'kiosk' && d.status === 'active' && d.printer);
      if (!device?.printer) return { print: { jobId: null, status: 'failed' as const, error: 'No kiosk has a printer set up.' } };
      return { print: ctx.printing.reprintOn(ticket, ctx.views.ticket(ticket), device) };
    },

    async deskCancel({ params, actor }) {
      todays(params.ticketId);
      return { ticket: ctx.views.ticket(await ctx.queue.cancel(params.ticketId, atDesk(actor))) };
    },

    async deskMove({ params, body, actor }) {
      todays(params.ticketId);
      return { ticket: ctx.views.ticket(await ctx.queue.transfer(params.ticketId, body.serviceId, body.note, atDesk(actor))) };
    },

    async onMyWay({ params, body }) {
      const event = await ctx.writes.run((): OnMyWay => {
        const ticket = ctx.repos.tickets.byId(params.ticketId);
        if (!ticket) throw notFound('ticket');
        // Its status first: the id alone already shows it (GET /tickets/{id}); the key guards the write.
        if (ticket.status !== 'called') throw conflict('not-called', `${ticket.label} is not called now.`);
        requireFeedbackKey(ticket, body.key);
        const at = ctx.clock.now();
        ctx.repos.desk.markOnMyWay(ticket.rowid, at);
        return { ticketId: ticket.id, label: ticket.label, at: iso(at) };
      });
      push.onMyWay(event);
      return { ok: true };
    },

    onMyWayToday() {
      return { items: ctx.repos.desk.onMyWay(ctx.centre.today()).map((w) => ({ ...w, at: iso(w.at) })) };
    },

    counterPauses() {
      const reasons = new Map(ctx.repos.desk.settings().pauseReasons.map((r) => [r.id, r]));
      const items = ctx.repos.counters
        .list()
        .filter((c) => c.status === 'paused')
        .map((c) => {
          const pause = ctx.repos.desk.lastPause(c.id);
          const reason = pause?.reason ?? null;
          return {
            counterId: c.id,
            counterName: c.name,
            clerkName: c.clerkName ?? null,
            reason,
            since: iso(pause?.at ?? ctx.clock.now()),
            limitMinutes: (reason ? reasons.get(reason)?.limitMinutes : null) ?? null,
          };
        });
      return { items };
    },

    attendance({ query, res }) {
      ctx.stats.reports.checkRange(query.from, query.to);
      const names = ctx.repos.stats.names();
      const result = attendance(ctx.repos.desk.attendanceEvents(query.from, query.to), { counters: names.counters, clerks: names.users }, ctx.clock.now(), ctx.centre.today());
      if (query.format !== 'csv') return { from: query.from, to: query.to, ...result };
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="foleni-attendance-${query.from}-${query.to}.csv"`);
      res.send(attendanceCsv(result, ctx.repos.desk.settings().pauseReasons.map((r) => r.id)));
      return undefined;
    },

    /** Pausing names a reason from the admin's list (or none, as older screens pause). */
    async pauseCounter({ params, body, actor }) {
      if (body.reason !== undefined && !ctx.repos.desk.settings().pauseReasons.some((r) => r.id === body.reason)) {
        throw new AppError(400, 'unknown-pause-reason', `"${body.reason}" is not one of the pause reasons in Settings.`);
      }
      return { counter: ctx.views.counter(await ctx.queue.pauseCounter(params.counterId, actor, body.reason)) };
    },
  };
}
