// SMS: the outbox's rules. Told of every ticket change inside its transaction (a QueueMirror), it queues the
// message that change causes in the same commit, and drops those that no longer make sense; the sender
// (sms-sender.ts) sends them afterwards. Numbers are kept in ticket_phones and shown to staff masked only.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { maskPhone, toKenyanMobile } from '@foleni/shared';
import type { Lang, SmsMessage, SmsOverview, SmsSettings, Translated, UpdateSmsSettingsBody } from '@foleni/shared';
import type { Clock } from '../clock.js';
import type { Db } from '../db/db.js';
import type { Tx, WriteQueue } from '../db/write-queue.js';
import { badRequest, conflict, forbidden, notFound } from '../errors.js';
import type { Logger } from '../logger.js';
import type { CentreService } from '../queue/centre.service.js';
import type { IssueRequest, QueueMirror, TicketChangeKind, TicketChangeNotice } from '../queue/queue.service.js';
import type { QueueViews } from '../queue/queue.views.js';
import type { Repositories } from '../repositories/index.js';
import { Statements } from '../repositories/statements.js';
import type { TicketRecord } from '../repositories/ticket.repository.js';
import type { SmsGateway } from './gateways/gateway.js';
import { SmsSender } from './sms-sender.js';
import type { SmsConfig } from './sms-config.js';
import type { OutboxKind, OutboxRecord } from './sms.repository.js';
import { SmsRepository } from './sms.repository.js';
import type { SmsTextInput } from './sms-texts.js';
import { smsText } from './sms-texts.js';

/** The number as typed, made E.164, or 400 `invalid-phone`. */
export function requirePhone(text: string): string {
  const phone = toKenyanMobile(text);
  if (!phone) throw badRequest('invalid-phone', 'This is not a Kenyan mobile number: type one that starts 07 or 01 (or +254), such as 0712 345 678.');
  return phone;
}

/** What a change leaves pointless, still queued: once called, "near" and "issued" are news too late. */
const STALE_AFTER: Partial<Record<TicketChangeKind, readonly OutboxKind[]>> = {
  called: ['issued', 'near'],
  transferred: ['issued', 'near', 'called'],
  // The step before's message, if it has not gone yet: this one says where the ticket is now.
  stepped: ['called', 'transferred'],
  completed: ['issued', 'near', 'called', 'transferred'],
  no_show: ['issued', 'near', 'called', 'transferred'],
  cancelled: ['issued', 'near', 'called', 'transferred'],
  expired: ['issued', 'near', 'called', 'transferred', 'ready'],
};

export interface BookingReminder {
  /** The booking's id: with `when`, the reminder's key (one of each). */
  bookingId: string;
  reference: string;
  phone: string;
  lang: Lang;
  service: Translated;
  /** The slot's start, "HH:MM" in the centre's time. */
  time: string;
  when: 'day-before' | 'two-hours';
}

export interface SmsServiceDeps {
  db: Db;
  repos: Repositories;
  writes: WriteQueue;
  clock: Clock;
  centre: CentreService;
  views: QueueViews;
  log: Logger;
  gateway: SmsGateway;
  config: SmsConfig;
}

export class SmsService implements QueueMirror {
  readonly repo: SmsRepository;
  readonly sender: SmsSender;
  private settingsNow: SmsSettings;
  /** When a delivery report with a missing or wrong key was last logged: at most one line a minute. */
  private refusedReportLoggedAt = -Infinity;
  private refusedReportsSinceLogged = 0;

  constructor(private readonly d: SmsServiceDeps) {
    this.repo = new SmsRepository(new Statements(d.db));
    this.settingsNow = this.repo.settings();
    this.sender = new SmsSender({ repo: this.repo, writes: d.writes, clock: d.clock, centre: d.centre, log: d.log, gateway: d.gateway, backoffMs: d.config.backoffMs });
  }

  // ---- the queue's changes ----

  /** The ticket being issued now and its number, if it has one: its `issued` change follows at once. */
  private issuing: { rowid: number; phone: string } | null = null;

  ticketIssued(_tx: Tx, ticket: TicketRecord, req: IssueRequest): void {
    this.issuing = req.phone ? { rowid: ticket.rowid, phone: req.phone } : null;
    if (req.phone) this.repo.setPhone(ticket.rowid, req.phone);
  }

  ticketWritten(tx: Tx, change: TicketChangeKind, ticket: TicketRecord, before: TicketChangeNotice['before']): void {
    const left = before?.status === 'waiting' && (ticket.status !== 'waiting' || ticket.serviceId !== before.serviceId) ? before.serviceId : null;
    if (change !== 'issued' || ticket.status !== 'waiting') this.ownChange(tx, change, ticket);
    else this.issued(tx, ticket);
    // Someone left a line: those behind them moved up, and some may now be near.
    if (left) this.checkNear(tx, ticket.day, left);
  }

  private issued(tx: Tx, ticket: TicketRecord): void {
    // Most tickets have no number: known without asking the database.
    const own = this.issuing?.rowid === ticket.rowid ? this.issuing : null;
    this.issuing = null;
    if (!own) return;
    const ctx = this.d.views.context();
    const ahead = this.d.views.ahead(ticket, ctx);
    this.queue(tx, ticket, own.phone, { kind: 'issued', label: ticket.label, ahead, waitMinutes: ahead === null ? null : ctx.estimate(ticket.serviceId, ahead), trackUrl: this.d.views.trackUrl(ticket) });
    // Already near: the issued message says how many are ahead, a "near" would only repeat it.
    if (ahead !== null && ahead <= this.settingsNow.nearAhead) this.repo.nearDone(ticket.rowid);
  }

  private ownChange(tx: Tx, change: TicketChangeKind, ticket: TicketRecord): void {
    const stale = STALE_AFTER[change];
    if (stale) this.repo.drop(ticket.rowid, stale, `the ticket was ${change.replace('_', '-')}`, this.d.clock.now());
    if (change === 'expired') {
      this.repo.erasePhone(ticket.rowid);
      return;
    }
    if (change !== 'called' && change !== 'transferred' && change !== 'stepped') return;
    const own = this.repo.phoneOf(ticket.rowid);
    if (!own) return;
    if (change === 'stepped') this.stepped(tx, ticket, own.phone);
    else if (change === 'called') {
      if (own.nearDue) this.repo.nearDone(ticket.rowid);
      const counter = ticket.counterId ? this.d.repos.counters.get(ticket.counterId) : undefined;
      this.queue(tx, ticket, own.phone, { kind: 'called', label: ticket.label, counter: counter?.name ?? '' }, this.legOf(ticket));
    } else {
      const service = this.d.repos.services.getAny(ticket.serviceId);
      this.queue(tx, ticket, own.phone, { kind: 'transferred', label: ticket.label, service: service ? service.name[ticket.lang] : '' });
    }
  }

  /**
   * A journey ticket gone on to another step's line: "step 2 of 3, now in the line for …", with the
   * transferred kind (the admin's switch for "your line changed"). One per move: the subject names the leg,
   * so a journey of three steps sends two, and a ticket sent back a step hears of it again. Its call at the
   * next step's counter is texted again for the same reason.
   */
  private stepped(tx: Tx, ticket: TicketRecord, phone: string): void {
    const tj = this.d.repos.journeys.ofTicket(ticket.rowid);
    if (!tj) return;
    const service = this.d.repos.services.getAny(ticket.serviceId);
    const input = { kind: 'transferred', label: ticket.label, service: service ? service.name[ticket.lang] : '', step: { n: tj.step + 1, of: tj.steps.length } } as const;
    this.queue(tx, ticket, phone, input, this.legOf(ticket));
  }

  /** A journey ticket's messages are one of each kind per leg (its call at each step's counter): the subject's tail. */
  private legOf(ticket: TicketRecord): string {
    const tj = this.d.repos.journeys.ofTicket(ticket.rowid);
    return tj ? `:leg:${tj.legs.length}` : '';
  }

  private checkNear(tx: Tx, day: string, serviceId: string): void {
    if (!this.settingsNow.kinds.includes('near')) return;
    const due = this.repo.nearDueIn(day, serviceId);
    if (!due.length) return;
    const ctx = this.d.views.context();
    for (const rowid of due) {
      const t = this.d.repos.tickets.byRowid(rowid);
      const own = t && this.repo.phoneOf(rowid);
      if (!t || !own) continue;
      const ahead = this.d.views.ahead(t, ctx);
      if (ahead === null || ahead > this.settingsNow.nearAhead) continue;
      this.repo.nearDone(rowid);
      this.queue(tx, t, own.phone, { kind: 'near', label: t.label, ahead });
    }
  }

  /** Queues one message of a ticket, if its kind is on and the ticket has none of that kind yet. */
  private queue(tx: Tx, ticket: TicketRecord, phone: string, input: Exclude<SmsTextInput, { kind: 'reminder' | 'test' }>, subjectTail = ''): number | null {
    if (!this.settingsNow.kinds.includes(input.kind)) return null;
    const id = this.repo.enqueue({
      subject: `t:${ticket.rowid}${subjectTail}`,
      kind: input.kind,
      ticketRowid: ticket.rowid,
      day: ticket.day,
      lang: ticket.lang,
      phone,
      text: smsText(this.d.centre.get().name, input, ticket.lang),
      at: this.d.clock.now(),
    });
    if (id !== null) tx.afterCommit(() => this.sender.wake());
    return id;
  }

  // ---- staff and other features ----

  /** Adds or changes the number of a ticket of today (not cancelled or expired); answers it masked. */
  setPhone(ticketId: string, text: string): Promise<string> {
    const phone = requirePhone(text);
    return this.d.writes.run(() => {
      const ticket = this.requireTicket(ticketId);
      if (ticket.day !== this.d.centre.today() || ticket.status === 'cancelled' || ticket.status === 'expired') {
        throw conflict('ticket-closed', `${ticket.label} is ${ticket.day === this.d.centre.today() ? ticket.status : `of ${ticket.day}`}: its number can no longer be changed.`);
      }
      this.repo.setPhone(ticket.rowid, phone);
      return maskPhone(phone);
    });
  }

  /** The number of a ticket, masked, or null. */
  maskedPhoneOf(ticket: TicketRecord): string | null {
    const own = this.repo.phoneOf(ticket.rowid);
    return own ? maskPhone(own.phone) : null;
  }

  /** "Your document is ready to collect": a staff button, once per ticket. */
  readyToCollect(ticketId: string): Promise<SmsMessage> {
    return this.d.writes.run((tx) => {
      const ticket = this.requireTicket(ticketId);
      const own = this.repo.phoneOf(ticket.rowid);
      if (!own) throw conflict('no-phone', `${ticket.label} has no mobile number: add one first (numbers are erased when the day closes).`);
      if (!this.settingsNow.kinds.includes('ready')) throw conflict('sms-kind-off', 'The admin has turned "ready to collect" messages off (Settings → SMS).');
      const id = this.queue(tx, ticket, own.phone, { kind: 'ready', label: ticket.label });
      if (id === null) throw conflict('already-sent', `${ticket.label} was already told that the document is ready.`);
      return this.message(this.repo.get(id)!);
    });
  }

  /**
   * For bookings: queues a reminder of a booking, in the booking's own write (`tx`), once per booking and
   * `when`. Returns false when that reminder was queued before or reminders are off.
   */
  queueBookingReminder(tx: Tx, r: BookingReminder): boolean {
    if (!this.settingsNow.kinds.includes('reminder')) return false;
    const phone = toKenyanMobile(r.phone);
    if (!phone) return false;
    const id = this.repo.enqueue({
      subject: `b:${r.bookingId}:${r.when}`,
      kind: 'reminder',
      ticketRowid: null,
      day: this.d.centre.today(),
      lang: r.lang,
      phone,
      text: smsText(this.d.centre.get().name, { kind: 'reminder', reference: r.reference, service: r.service[r.lang], when: r.when, time: r.time }, r.lang),
      at: this.d.clock.now(),
    });
    if (id !== null) tx.afterCommit(() => this.sender.wake());
    return id !== null;
  }

  /** Drops a booking's reminders still queued (a reminder sent stays sent): the booking is over or checked in. */
  dropBookingReminders(bookingId: string, reason: string): void {
    this.repo.dropSubjects([`b:${bookingId}:day-before`, `b:${bookingId}:two-hours`], 'reminder', reason, this.d.clock.now());
  }

  /** The admin's test message to a number, through the gateway in use. */
  test(text: string, lang: Lang): Promise<SmsMessage> {
    const phone = requirePhone(text);
    return this.d.writes.run((tx) => {
      const id = this.repo.enqueue({
        subject: `test:${randomBytes(6).toString('hex')}`,
        kind: 'test',
        ticketRowid: null,
        day: this.d.centre.today(),
        lang,
        phone,
        text: smsText(this.d.centre.get().name, { kind: 'test' }, lang),
        at: this.d.clock.now(),
      })!;
      tx.afterCommit(() => this.sender.wake());
      return this.message(this.repo.get(id)!);
    });
  }

  settings(): SmsSettings {
    return this.settingsNow;
  }

  updateSettings(body: UpdateSmsSettingsBody): Promise<SmsSettings> {
    return this.d.writes.run((tx) => {
      const before = this.settingsNow;
      const next: SmsSettings = { nearAhead: body.nearAhead ?? before.nearAhead, kinds: body.kinds ? [...new Set(body.kinds)] : before.kinds };
      this.repo.saveSettings(next);
      this.settingsNow = next;
      tx.onRollback(() => (this.settingsNow = before));
      return next;
    });
  }

  overview(): SmsOverview {
    const c = this.repo.countsOn(this.d.centre.today());
    return {
      gateway: this.sender.gatewayState(),
      settings: this.settingsNow,
      today: { queued: c.queued + c.sending, sent: c.sent + c.delivered, delivered: c.delivered, failed: c.failed, dropped: c.dropped },
    };
  }

  messagesToday(limit = 200): SmsMessage[] {
    return this.repo.listOn(this.d.centre.today(), limit).map((m) => this.message(m));
  }

  /**
   * A delivery report (Africa's Talking posts `id` and `status`): Success → delivered; Failed or Rejected →
   * failed; anything else (Sent, Buffered, Submitted) is on its way. False when no message has that id.
   */
  deliveryReport(key: string | undefined, gatewayId: string, status: string, reason: string | null): Promise<boolean> {
    this.checkCallbackKey(key);
    return this.d.writes.run(() => {
      const m = this.repo.byGatewayId(gatewayId);
      if (!m) return false;
      const at = this.d.clock.now();
      if (status === 'Success') this.repo.markDelivered(m.id, at);
      else if (status === 'Failed' || status === 'Rejected') this.repo.markFailed(m.id, `the network reported ${status}${reason ? `: ${reason}` : ''}`, at);
      return true;
    });
  }

  /**
   * Africa's Talking does not sign its callbacks: the secret in the URL registered in their dashboard
   * (`?key=`, FOLENI_SMS_CALLBACK_KEY) is all that tells their reports from anyone's. Compared in constant
   * time (both sides hashed first, so their lengths tell nothing either); with no Africa's Talking gateway in
   * use no report is taken. A refusal is logged at most once a minute, so a flood cannot fill the log.
   */
  private checkCallbackKey(key: string | undefined): void {
    const gateway = this.d.config.gateway;
    const digest = (s: string) => createHash('sha256').update(s).digest();
    if (gateway.kind === 'africastalking' && key !== undefined && timingSafeEqual(digest(key), digest(gateway.callbackKey))) return;
    this.refusedReportsSinceLogged++;
    const now = this.d.clock.now();
    if (now - this.refusedReportLoggedAt >= 60_000) {
      this.d.log.warn('sms: delivery report refused: missing or wrong key in its URL', {
        why: gateway.kind === 'africastalking' ? (key === undefined ? 'no key' : 'wrong key') : `the gateway is ${gateway.kind}`,
        refusedSinceLastLine: this.refusedReportsSinceLogged,
      });
      this.refusedReportLoggedAt = now;
      this.refusedReportsSinceLogged = 0;
    }
    throw forbidden('A delivery report must carry the key of the URL registered at Africa’s Talking.');
  }

  message(m: OutboxRecord): SmsMessage {
    return {
      id: m.id,
      kind: m.kind,
      status: m.status,
      uncertain: m.uncertain,
      ticketLabel: m.ticketLabel,
      lang: m.lang,
      phone: m.phone === null ? null : maskPhone(m.phone),
      text: m.text,
      attempts: m.attempts,
      error: m.error,
      createdAt: new Date(m.createdAt).toISOString(),
      sentAt: m.sentAt === null ? null : new Date(m.sentAt).toISOString(),
    };
  }

  private requireTicket(id: string): TicketRecord {
    const ticket = this.d.repos.tickets.byId(id);
    if (!ticket) throw notFound('ticket');
    return ticket;
  }
}

