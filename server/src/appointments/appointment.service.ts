// Booked appointments (docs/architecture.md, "Appointments"): free slots, booking (idempotent on externalRef,
// never past a slot's capacity: every booking is decided inside one write of the WriteQueue, which runs one
// at a time), cancelling, check-in (a ticket issued by the queue engine, ranked at the slot's start), the
// no-show sweep, and the figures of the dashboard and reports.
import { randomInt } from 'node:crypto';
import { BookingReference, REFERENCE_ALPHABET, REFERENCE_LENGTH, dayIn, maskPhone, toKenyanMobile } from '@foleni/shared';
import type { Appointment, AppointmentChannel, ArrivalFigures, BookingFigures, CreateAppointmentBody, ImportResult, Lang, PrintResult, Service, Slot } from '@foleni/shared';
import type { Actor } from '../auth/actor.js';
import { actorUserId } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/db.js';
import type { WriteQueue } from '../db/write-queue.js';
import { AppError, badRequest, conflict, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { PrintingDevice } from '../printing/ticket-printing.js';
import type { Repositories } from '../repositories/index.js';
import { Statements } from '../repositories/statements.js';
import type { TicketRecord } from '../repositories/ticket.repository.js';
import type { CentreService } from '../queue/centre.service.js';
import type { IssuePrinting, QueueService } from '../queue/queue.service.js';
import { AppointmentRepository } from './appointment.repository.js';
import type { BookingSms } from './booking-reminders.js';
import { REMIND_AHEAD_MS, queueDueReminders } from './booking-reminders.js';
import type { AppointmentRecord } from './appointment.repository.js';
import { checkRow, emptyResult, importRows } from './appointment-import.js';
import type { CheckedRow, ImportRow } from './appointment-import.js';
import { daysFrom, slotAt, slotsOn } from './slot-grid.js';

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

export interface CheckInResult {
  ticket: TicketRecord;
  print: PrintResult;
  appointment: AppointmentRecord;
  /** false: the booking was checked in before, and this is its ticket. */
  created: boolean;
}

/** A new reference: 6 characters of the reference alphabet (22^6 ≈ 113 million). */
export function newReference(): string {
  let out = '';
  for (let i = 0; i < REFERENCE_LENGTH; i++) out += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return out;
}

/** What changed a booking, for the live push to staff (told after the commit). */
export type AppointmentChange = 'booked' | 'cancelled' | 'checked_in';
type ChangeListener = (change: AppointmentChange, a: AppointmentRecord) => void;

/** Raised inside a check-in's write when another check-in of the same booking won the race. */
class CheckedInMeanwhile extends Error {}

export class AppointmentService {
  readonly repo: AppointmentRepository;
  private readonly listeners: ChangeListener[] = [];

  constructor(
    db: Db,
    private readonly repos: Repositories,
    private readonly writes: WriteQueue,
    private readonly clock: Clock,
    private readonly centre: CentreService,
    private readonly queue: QueueService,
    private readonly printing: Pick<IssuePrinting, 'lastFor'>,
    /** The SMS outbox, for reminders; none, none are sent. */
    private readonly sms: BookingSms | null = null,
  ) {
    this.repo = new AppointmentRepository(new Statements(db));
  }

  /** Told after each commit that booked, cancelled or checked in a booking (the gateway pushes it to staff). */
  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  private changed(change: AppointmentChange, a: AppointmentRecord): void {
    for (const l of this.listeners) l(change, a);
  }

  // ---- reading ----

  /** The slots of `days` days from `day`, with their free places. */
  slots(serviceId: string, day: string, days: number): Slot[] {
    const service = this.bookable(serviceId);
    const { openingHours: week, timezone } = this.centre.get();
    const grid = daysFrom(day, days).flatMap((d) => slotsOn(week, d, service.booking, timezone));
    if (grid.length === 0) return [];
    const taken = this.repo.takenBetween(service.id, grid[0]!.start, grid[grid.length - 1]!.end);
    const now = this.clock.now();
    const capacity = service.booking.perSlot;
    return grid.map(({ start, end }) => {
      const booked = taken.get(start) ?? 0;
      // A slot already begun takes no more bookings: it is shown, with nothing available.
      const available = start <= now ? 0 : Math.max(0, capacity - booked);
      return { start: iso(start), end: iso(end), capacity, booked, available };
    });
  }

  /** A booking by its reference as typed (any case, spaces or dashes); 404 when there is none. */
  find(reference: string): AppointmentRecord {
    const parsed = BookingReference.safeParse(reference);
    const found = parsed.success ? this.repo.byReference(parsed.data) : undefined;
    if (!found) throw notFound('booking');
    return found;
  }

  list(day: string, opts: { serviceId?: string | undefined; phone?: string | undefined } = {}): AppointmentRecord[] {
    let all = this.repo.onDay(day);
    if (opts.serviceId) all = all.filter((a) => a.serviceId === opts.serviceId);
    if (opts.phone !== undefined) {
      const phone = toKenyanMobile(opts.phone);
      if (!phone) throw badRequest('invalid-phone', `${opts.phone} is not a Kenyan mobile number.`);
      all = all.filter((a) => a.phone === phone);
    }
    return all;
  }

  /**
   * A booking as the API shows it: phone masked; a booking past its grace reads as a no-show even before the
   * sweep has written it, and a checked-in one whose ticket is done reads as served.
   */
  view(a: AppointmentRecord): Appointment {
    const ticket = a.ticketRowid === null ? undefined : this.repos.tickets.byRowid(a.ticketRowid);
    return {
      id: a.id,
      reference: a.reference,
      serviceId: a.serviceId,
      slotStart: iso(a.slotStart),
      slotEnd: iso(a.slotEnd),
      status: this.statusNow(a, ticket),
      channel: a.channel,
      ...(a.name !== null ? { name: a.name } : {}),
      ...(a.phone !== null ? { phone: maskPhone(a.phone) } : {}),
      ...(a.externalRef !== null ? { externalRef: a.externalRef } : {}),
      lang: a.lang,
      ticketId: ticket?.id ?? null,
      day: a.day,
      createdAt: iso(a.createdAt),
      checkedInAt: a.checkedInAt === null ? null : iso(a.checkedInAt),
    };
  }

  private statusNow(a: AppointmentRecord, ticket: TicketRecord | undefined): Appointment['status'] {
    if (a.status === 'booked' && this.clock.now() > this.graceEnd(a)) return 'no_show';
    if (a.status === 'checked_in' && ticket?.status === 'done') return 'served';
    return a.status;
  }

  private graceEnd(a: AppointmentRecord): number {
    const service = this.repos.services.getAny(a.serviceId);
    return a.slotStart + (service?.booking.graceMinutes ?? 0) * MINUTE;
  }

  // ---- booking ----

  /** Books a place; `created` is false when the externalRef found the booking an earlier try made. */
  async create(body: CreateAppointmentBody, actor: Actor): Promise<{ appointment: AppointmentRecord; created: boolean }> {
    const result = await this.createInWrite(body, actor);
    if (result.created) this.changed('booked', result.appointment);
    return result;
  }

  private createInWrite(body: CreateAppointmentBody, actor: Actor): Promise<{ appointment: AppointmentRecord; created: boolean }> {
    const phone = body.phone === undefined ? null : toKenyanMobile(body.phone);
    if (body.phone !== undefined && !phone) {
      return Promise.reject(badRequest('invalid-phone', `${body.phone} is not a Kenyan mobile number: give one like 0712 345 678 or +254 712 345 678.`));
    }
    const device = actor.kind === 'device' ? actor.device : null;
    const channel: AppointmentChannel = body.channel ?? (device ? 'ehuduma' : 'staff');
    return this.writes.run(() => {
      const slotStart = Date.parse(body.slotStart);
      if (body.externalRef !== undefined) {
        const earlier = this.repo.byExternalRef(body.externalRef);
        if (earlier) {
          if (earlier.serviceId !== body.serviceId || earlier.slotStart !== slotStart) {
            throw conflict('external-ref-reused', `The externalRef ${body.externalRef} was used for another booking (${earlier.reference}).`);
          }
          return { appointment: earlier, created: false };
        }
      }
      const { service, slot } = this.requireSlot(body.serviceId, slotStart);
      return {
        appointment: this.book(service, slot, {
          channel,
          name: body.name ?? null,
          phone,
          externalRef: body.externalRef ?? null,
          lang: body.lang ?? this.firstLang(),
          deviceId: device?.id ?? null,
          userId: actorUserId(actor),
        }),
        created: true,
      };
    });
  }

  /** Inside a write: a place in the slot, if one is left. */
  private book(
    service: Service,
    slot: { start: number; end: number },
    who: Pick<AppointmentRecord, 'channel' | 'name' | 'phone' | 'externalRef' | 'lang' | 'deviceId' | 'userId'>,
    reference = this.freeReference(),
  ): AppointmentRecord {
    if (this.repo.taken(service.id, slot.start) >= service.booking.perSlot) {
      throw conflict('slot-full', `The ${this.timeText(slot.start)} slot of ${service.name.en} is full: choose another slot.`);
    }
    const { timezone } = this.centre.get();
    return this.repo.insert({
      id: newId('apt'),
      reference,
      serviceId: service.id,
      day: dayIn(slot.start, timezone),
      slotStart: slot.start,
      slotEnd: slot.end,
      ...who,
      createdAt: this.clock.now(),
    });
  }

  /** A booking's language when nobody said: the centre's first. */
  private firstLang(): Lang {
    return this.centre.get().languages[0] ?? 'en';
  }

  private freeReference(): string {
    for (;;) {
      const reference = newReference();
      if (!this.repo.referenceOpen(reference)) return reference;
    }
  }

  /** The service, if it takes bookings now (404 unknown, 409 booking-not-offered). */
  private bookable(serviceId: string): Service {
    const service = this.repos.services.get(serviceId);
    if (!service) throw notFound('service');
    if (!service.active || !service.booking.enabled) throw conflict('booking-not-offered', `${service.name.en} takes no bookings.`);
    return service;
  }

  /** A slot of the service's grid, still ahead (409 outside-hours otherwise). */
  private requireSlot(serviceId: string, slotStart: number): { service: Service; slot: { start: number; end: number } } {
    const service = this.bookable(serviceId);
    const { openingHours, timezone } = this.centre.get();
    const slot = slotAt(openingHours, slotStart, service.booking, timezone);
    if (!slot) {
      throw conflict('outside-hours', `${iso(slotStart)} is not the start of a slot of ${service.name.en}: slots of ${service.booking.slotMinutes} minutes run from opening to closing on open days.`);
    }
    if (slot.start <= this.clock.now()) throw conflict('outside-hours', `The ${this.timeText(slot.start)} slot has already begun: choose a later one.`);
    return { service, slot };
  }

  private timeText(ms: number): string {
    const { timezone } = this.centre.get();
    return `${dayIn(ms, timezone)} ${new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms)}`;
  }

  async cancel(reference: string): Promise<AppointmentRecord> {
    let cancelled = false;
    const a = await this.writes.run(() => {
      const a = this.find(reference);
      if (a.status === 'cancelled') return a;
      if (a.status === 'checked_in') throw conflict('appointment-checked-in', `${a.reference} is checked in: cancel its ticket instead.`);
      if (a.status !== 'booked' || this.clock.now() > this.graceEnd(a)) {
        throw conflict('appointment-closed', `${a.reference} is over (${this.statusNow(a, undefined).replace('_', '-')}): there is nothing to cancel.`);
      }
      this.repo.setStatus(a.rowid, ['booked'], 'cancelled', this.clock.now());
      this.sms?.dropBookingReminders(a.id, 'the booking was cancelled');
      cancelled = true;
      return this.repo.get(a.rowid)!;
    });
    if (cancelled) this.changed('cancelled', a);
    return a;
  }

  // ---- import ----

  /** Books the good rows of an admin's CSV (see appointment-import.ts), in one write. */
  importCsv(csv: string, actor: Actor): Promise<ImportResult> {
    let rows: ImportRow[];
    try {
      rows = importRows(csv);
    } catch (e) {
      return Promise.reject(e);
    }
    return this.writes.run(() => {
      const result = emptyResult();
      const { timezone } = this.centre.get();
      for (const r of rows) {
        const checked = checkRow(r, timezone);
        const refusal = typeof checked === 'string' ? checked : this.importOne(checked, actor);
        if (refusal === 'booked') result.booked++;
        else if (refusal === 'unchanged') result.unchanged++;
        else result.refused.push({ row: r.row, reason: refusal });
      }
      return result;
    });
  }

  /** Inside the import's write: one checked row booked, found already booked, or why not. */
  private importOne(row: CheckedRow, actor: Actor): 'booked' | 'unchanged' | string {
    const service = this.repos.services.byCode(row.code);
    if (!service) return `no service has the code ${row.code}`;
    const same = this.repo.byReference(row.reference);
    if (same && (same.status === 'booked' || same.status === 'checked_in' || same.serviceId === service.id)) {
      if (same.serviceId === service.id && same.slotStart === row.slotStart) return 'unchanged';
      if (same.status === 'booked' || same.status === 'checked_in') return `reference ${row.reference} is already another booking's`;
    }
    try {
      const { slot } = this.requireSlot(service.id, row.slotStart);
      this.book(service, slot, { channel: 'import', name: row.name, phone: row.phone, externalRef: null, lang: this.firstLang(), deviceId: null, userId: actorUserId(actor) }, row.reference);
      return 'booked';
    } catch (e) {
      if (e instanceof AppError) return e.message;
      throw e;
    }
  }

  // ---- check-in ----

  /**
   * Issues the booking's ticket: ranked at the slot's start and held until its early window opens. Checked in
   * before: its ticket again. Refused (nothing written) when cancelled, for another day, or past its grace.
   * `lang`, the language the citizen checked in in at the kiosk, becomes the booking's and its ticket's;
   * without it (staff), the booking's own.
   */
  async checkIn(reference: string, actor: Actor, printOn: PrintingDevice | null, lang?: Lang): Promise<CheckInResult> {
    const a = this.find(reference);
    const again = this.earlierCheckIn(a);
    if (again) return again;
    const service = this.repos.services.getAny(a.serviceId)!;
    if (a.status === 'cancelled') throw conflict('appointment-cancelled', `Booking ${a.reference} was cancelled: please take a walk-in ticket.`);
    const today = this.centre.today();
    if (a.day !== today) {
      throw new AppError(409, 'appointment-not-today', `Booking ${a.reference} is for ${this.timeText(a.slotStart)}, not today.`, { day: a.day, slotStart: iso(a.slotStart) });
    }
    if (a.status === 'no_show' || this.clock.now() > this.graceEnd(a)) {
      throw conflict('appointment-too-late', `Booking ${a.reference} was for ${this.timeText(a.slotStart)} and its time has passed: please take a walk-in ticket.`);
    }
    const device = actor.kind === 'device' ? actor.device : null;
    try {
      const { ticket, print } = await this.queue.issue({
        serviceId: service.id,
        priority: 'none',
        lang: lang ?? a.lang,
        source: 'appointment',
        deviceId: device?.id ?? null,
        issuedBy: actorUserId(actor),
        idempotencyKey: null,
        printOn,
        // The number given with the booking goes with its ticket: the call, and "ready to collect" later.
        phone: a.phone,
        booked: {
          slotStart: a.slotStart,
          notBefore: a.slotStart - service.booking.earlyMinutes * MINUTE,
          // In the ticket's own write: two check-ins at once make one ticket; the other is undone.
          checkIn: (ticket) => {
            if (!this.repo.checkIn(a.rowid, ticket.rowid, this.clock.now(), lang ?? a.lang)) throw new CheckedInMeanwhile();
            this.sms?.dropBookingReminders(a.id, 'the booking was checked in');
          },
        },
      });
      const appointment = this.repo.get(a.rowid)!;
      this.changed('checked_in', appointment);
      return { ticket, print, appointment, created: true };
    } catch (e) {
      if (!(e instanceof CheckedInMeanwhile)) throw e;
      const after = this.earlierCheckIn(this.repo.get(a.rowid)!);
      if (after) return after;
      throw conflict('appointment-moved', `Booking ${a.reference} changed meanwhile; try again.`);
    }
  }

  private earlierCheckIn(a: AppointmentRecord): CheckInResult | null {
    if (a.ticketRowid === null) return null;
    const ticket = this.repos.tickets.byRowid(a.ticketRowid)!;
    return { ticket, print: this.printing.lastFor(ticket), appointment: a, created: false };
  }

  // ---- the sweep ----

  /**
   * Bookings not checked in by the end of their grace become no-shows (their places stay taken: nothing is
   * freed after the fact), and checked-in ones whose ticket is done become served. Runs each minute, and
   * queues the SMS reminders then due (booking-reminders.ts), in the same write.
   */
  sweep(): Promise<number> {
    return this.writes.run((tx) => {
      const now = this.clock.now();
      let changed = this.repo.markServed();
      for (const a of this.repo.bookedBefore(now)) {
        if (now > this.graceEnd(a) && this.repo.setStatus(a.rowid, ['booked'], 'no_show', now)) {
          changed++;
          this.sms?.dropBookingReminders(a.id, 'the booking was missed');
        }
      }
      if (this.sms) {
        const { timezone } = this.centre.get();
        queueDueReminders(tx, this.sms, this.repo.remindable(now, now + REMIND_AHEAD_MS), now, {
          timezone,
          service: (id) => this.repos.services.getAny(id)?.name,
        });
      }
      return changed;
    });
  }

  // ---- figures ----

  /** Today's bookings per service, for the live dashboard. */
  figures(): Map<string, BookingFigures> {
    const now = this.clock.now();
    const out = new Map<string, BookingFigures>();
    for (const a of this.repo.onDay(this.centre.today())) {
      if (a.status === 'cancelled') continue;
      let f = out.get(a.serviceId);
      if (!f) out.set(a.serviceId, (f = { expected: 0, arrived: 0, served: 0, noShows: 0, nextHour: 0 }));
      const ticket = a.ticketRowid === null ? undefined : this.repos.tickets.byRowid(a.ticketRowid);
      const status = this.statusNow(a, ticket);
      f.expected++;
      if (status === 'checked_in' || status === 'served') f.arrived++;
      if (status === 'served') f.served++;
      if (status === 'no_show') f.noShows++;
      if (status === 'booked' && a.slotStart >= now && a.slotStart < now + 60 * MINUTE) f.nextHour++;
    }
    return out;
  }

  /**
   * Walk-ins and bookings side by side over a range of days. Read from the tickets themselves, so it is
   * given for ranges of up to MAX_SPLIT_DAYS days (a year's report stays fast without it).
   */
  arrivalSplit(from: string, to: string): { walkIn: ArrivalFigures; booked: ArrivalFigures } {
    const rows = this.repo.ticketsForSplit(from, to);
    const figures = (booked: boolean): ArrivalFigures => {
      const mine = rows.filter((r) => (r.source === 'appointment') === booked);
      const waits = mine
        .filter((r) => r.firstCalledAt !== null)
        // A booked ticket's wait runs from its slot (or its check-in, if later), as it was ranked.
        .map((r) => Math.ceil((r.firstCalledAt! - (booked ? Math.max(r.arrivalAt, r.issuedAt) : r.issuedAt)) / MINUTE))
        .map((m) => Math.max(0, m))
        .sort((a, b) => a - b);
      const honoured = booked ? mine.filter((r) => r.firstCalledAt !== null && r.honourBy !== null) : [];
      return {
        issued: mine.length,
        served: mine.filter((r) => r.status === 'done').length,
        noShows: mine.filter((r) => r.status === 'no_show').length,
        medianWaitMinutes: waits.length ? waits[Math.ceil(waits.length / 2) - 1]! : null,
        honouredShare: honoured.length ? honoured.filter((r) => r.firstCalledAt! <= r.honourBy!).length / honoured.length : null,
        bookingNoShows: booked ? this.repo.noShowsBetween(from, to, this.clock.now()) : 0,
      };
    };
    return { walkIn: figures(false), booked: figures(true) };
  }
}

/** Ranges longer than this get no walk-in/booked split in reports. */
export const MAX_SPLIT_DAYS = 92;
