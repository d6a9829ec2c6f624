// Appointments in SQL: column mapping and queries only. Rules live in appointment.service.ts.
import type { AppointmentChannel, AppointmentStatus, Lang } from '@foleni/shared';
import type { Statements } from '../repositories/statements.js';

export interface AppointmentRecord {
  rowid: number;
  id: string;
  reference: string;
  serviceId: string;
  day: string;
  slotStart: number;
  slotEnd: number;
  status: AppointmentStatus;
  channel: AppointmentChannel;
  name: string | null;
  /** E.164; never leaves the server unmasked. */
  phone: string | null;
  externalRef: string | null;
  /** The citizen's language: reminders and the checked-in ticket speak it. */
  lang: Lang;
  deviceId: string | null;
  userId: string | null;
  ticketRowid: number | null;
  createdAt: number;
  checkedInAt: number | null;
  cancelledAt: number | null;
}

interface Row {
  rowid: number;
  id: string;
  reference: string;
  service_id: string;
  day: string;
  slot_start: number;
  slot_end: number;
  status: AppointmentStatus;
  channel: AppointmentChannel;
  name: string | null;
  phone: string | null;
  external_ref: string | null;
  lang: Lang;
  device_id: string | null;
  user_id: string | null;
  ticket_rowid: number | null;
  created_at: number;
  checked_in_at: number | null;
  cancelled_at: number | null;
}

const toRecord = (r: Row): AppointmentRecord => ({
  rowid: r.rowid,
  id: r.id,
  reference: r.reference,
  serviceId: r.service_id,
  day: r.day,
  slotStart: r.slot_start,
  slotEnd: r.slot_end,
  status: r.status,
  channel: r.channel,
  name: r.name,
  phone: r.phone,
  externalRef: r.external_ref,
  lang: r.lang,
  deviceId: r.device_id,
  userId: r.user_id,
  ticketRowid: r.ticket_rowid,
  createdAt: r.created_at,
  checkedInAt: r.checked_in_at,
  cancelledAt: r.cancelled_at,
});

export type NewAppointment = Omit<AppointmentRecord, 'rowid' | 'status' | 'ticketRowid' | 'checkedInAt' | 'cancelledAt'>;

export interface SplitTicket {
  source: string;
  status: string;
  issuedAt: number;
  arrivalAt: number;
  firstCalledAt: number | null;
  /** A booked ticket: called by this, its booking was honoured (slot start + slot length + grace). */
  honourBy: number | null;
}

/** Bookings that hold a place in their slot: all but cancelled ones (a no-show frees nothing afterwards). */
const HOLDS_PLACE = "status <> 'cancelled'";

export class AppointmentRepository {
  constructor(private readonly q: Statements) {}

  insert(a: NewAppointment): AppointmentRecord {
    const row = this.q.first<Row>(
      `INSERT INTO appointments (id, reference, service_id, day, slot_start, slot_end, channel, name, phone, external_ref,
         lang, device_id, user_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      a.id,
      a.reference,
      a.serviceId,
      a.day,
      a.slotStart,
      a.slotEnd,
      a.channel,
      a.name,
      a.phone,
      a.externalRef,
      a.lang,
      a.deviceId,
      a.userId,
      a.createdAt,
    );
    return toRecord(row!);
  }

  /** The open booking with this reference, else the latest closed one. */
  byReference(reference: string): AppointmentRecord | undefined {
    const row = this.q.first<Row>(
      `SELECT * FROM appointments WHERE reference = ? ORDER BY status IN ('booked', 'checked_in') DESC, rowid DESC LIMIT 1`,
      reference,
    );
    return row && toRecord(row);
  }

  byExternalRef(externalRef: string): AppointmentRecord | undefined {
    const row = this.q.first<Row>('SELECT * FROM appointments WHERE external_ref = ?', externalRef);
    return row && toRecord(row);
  }

  byTicket(ticketRowid: number): AppointmentRecord | undefined {
    const row = this.q.first<Row>('SELECT * FROM appointments WHERE ticket_rowid = ?', ticketRowid);
    return row && toRecord(row);
  }

  referenceOpen(reference: string): boolean {
    return this.q.get("SELECT 1 FROM appointments WHERE reference = ? AND status IN ('booked', 'checked_in')").pluck().get(reference) === 1;
  }

  /** Places taken in one slot. */
  taken(serviceId: string, slotStart: number): number {
    return this.q.get(`SELECT COUNT(*) FROM appointments WHERE service_id = ? AND slot_start = ? AND ${HOLDS_PLACE}`).pluck().get(serviceId, slotStart) as number;
  }

  /** Places taken per slot start in [from, to): read from the (service_id, slot_start) index alone. */
  takenBetween(serviceId: string, from: number, to: number): Map<number, number> {
    const rows = this.q.all<{ slot_start: number; n: number }>(
      `SELECT slot_start, COUNT(*) AS n FROM appointments WHERE service_id = ? AND slot_start >= ? AND slot_start < ? AND ${HOLDS_PLACE}
       GROUP BY slot_start`,
      serviceId,
      from,
      to,
    );
    return new Map(rows.map((r) => [r.slot_start, r.n]));
  }

  onDay(day: string): AppointmentRecord[] {
    return this.q.all<Row>('SELECT * FROM appointments WHERE day = ? ORDER BY slot_start, rowid', day).map(toRecord);
  }

  setStatus(rowid: number, from: readonly AppointmentStatus[], status: AppointmentStatus, at: number): boolean {
    const stamp = status === 'cancelled' ? ', cancelled_at = ?' : '';
    const sql = `UPDATE appointments SET status = ?${stamp} WHERE rowid = ? AND status IN (${from.map(() => '?').join(', ')})`;
    const params = status === 'cancelled' ? [status, at, rowid, ...from] : [status, rowid, ...from];
    return this.q.run(sql, ...params).changes === 1;
  }

  /** Checks a booking in with its ticket, in the language the citizen checked in in. */
  checkIn(rowid: number, ticketRowid: number, at: number, lang: Lang): boolean {
    return (
      this.q.run("UPDATE appointments SET status = 'checked_in', ticket_rowid = ?, checked_in_at = ?, lang = ? WHERE rowid = ? AND status = 'booked'", ticketRowid, at, lang, rowid)
        .changes === 1
    );
  }

  /** Bookings still waiting for their citizen whose slot started before `before` (the sweep checks each grace). */
  bookedBefore(before: number): AppointmentRecord[] {
    return this.q.all<Row>("SELECT * FROM appointments WHERE status = 'booked' AND slot_start < ? ORDER BY slot_start", before).map(toRecord);
  }

  /**
   * Bookings still booked, with a phone, whose slot starts in (after, before): those a reminder may be due
   * for, each with the reminders the SMS outbox already holds (subjects `b:<id>:<when>`, kind `reminder`).
   */
  remindable(after: number, before: number): (AppointmentRecord & { reminded: string[] })[] {
    return this.q
      .all<Row & { reminded: string | null }>(
        `SELECT a.*, (SELECT group_concat(substr(o.subject, length(a.id) + 4)) FROM sms_outbox o
           WHERE o.kind = 'reminder' AND o.subject IN ('b:' || a.id || ':day-before', 'b:' || a.id || ':two-hours')) AS reminded
         FROM appointments a WHERE a.status = 'booked' AND a.phone IS NOT NULL AND a.slot_start > ? AND a.slot_start < ?`,
        after,
        before,
      )
      .map((r) => ({ ...toRecord(r), reminded: r.reminded ? r.reminded.split(',') : [] }));
  }

  /** Checked-in bookings whose ticket is done: served. */
  markServed(): number {
    return this.q.run(
      `UPDATE appointments SET status = 'served' WHERE status = 'checked_in'
         AND ticket_rowid IN (SELECT rowid FROM tickets WHERE status = 'done')`,
    ).changes;
  }

  /** The tickets of a range of days, with what the walk-in/booked split needs. */
  ticketsForSplit(from: string, to: string): SplitTicket[] {
    return this.q
      .all<{ source: string; status: string; issued_at: number; arrival_at: number; first_called_at: number | null; honour_by: number | null }>(
        `SELECT t.source, t.status, t.issued_at, t.arrival_at, t.first_called_at,
           a.slot_start + (a.slot_end - a.slot_start) + s.booking_grace_minutes * 60000 AS honour_by
         FROM tickets t LEFT JOIN appointments a ON a.ticket_rowid = t.rowid LEFT JOIN services s ON s.id = a.service_id
         WHERE t.day BETWEEN ? AND ?`,
        from,
        to,
      )
      .map((r) => ({ source: r.source, status: r.status, issuedAt: r.issued_at, arrivalAt: r.arrival_at, firstCalledAt: r.first_called_at, honourBy: r.honour_by }));
  }

  /** Bookings of a range of days never checked in: no-shows, and those still booked past their slot's grace. */
  noShowsBetween(from: string, to: string, now: number): number {
    return this.q
      .get(
        `SELECT COUNT(*) FROM appointments a JOIN services s ON s.id = a.service_id WHERE a.day BETWEEN ? AND ?
           AND (a.status = 'no_show' OR (a.status = 'booked' AND a.slot_start + s.booking_grace_minutes * 60000 < ?))`,
      )
      .pluck()
      .get(from, to, now) as number;
  }

  get(rowid: number): AppointmentRecord | undefined {
    const row = this.q.first<Row>('SELECT * FROM appointments WHERE rowid = ?', rowid);
    return row && toRecord(row);
  }
}
