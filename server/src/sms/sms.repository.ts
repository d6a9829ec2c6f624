// SMS tables (migration 0014): citizens' numbers beside their tickets, the outbox, the admin's settings.
// SQL and column mapping only.
import type { Lang, SmsKind, SmsSettings, SmsStatus } from '@foleni/shared';
import type { Statements } from '../repositories/statements.js';

export type OutboxKind = SmsKind | 'test';

export interface OutboxRecord {
  id: number;
  subject: string;
  kind: OutboxKind;
  ticketRowid: number | null;
  day: string;
  lang: Lang;
  phone: string | null;
  text: string;
  status: SmsStatus;
  attempts: number;
  attemptId: string | null;
  gatewayId: string | null;
  uncertain: boolean;
  error: string | null;
  createdAt: number;
  sentAt: number | null;
  /** The ticket's label, for staff lists. */
  ticketLabel: string | null;
}

interface OutboxRow {
  id: number;
  subject: string;
  kind: OutboxKind;
  ticket_rowid: number | null;
  day: string;
  lang: Lang;
  phone: string | null;
  text: string;
  status: SmsStatus;
  attempts: number;
  attempt_id: string | null;
  gateway_id: string | null;
  uncertain: number;
  error: string | null;
  created_at: number;
  sent_at: number | null;
  label: string | null;
}

const toRecord = (r: OutboxRow): OutboxRecord => ({
  id: r.id,
  subject: r.subject,
  kind: r.kind,
  ticketRowid: r.ticket_rowid,
  day: r.day,
  lang: r.lang,
  phone: r.phone,
  text: r.text,
  status: r.status,
  attempts: r.attempts,
  attemptId: r.attempt_id,
  gatewayId: r.gateway_id,
  uncertain: r.uncertain === 1,
  error: r.error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  ticketLabel: r.label,
});

const SELECT = `SELECT o.id, o.subject, o.kind, o.ticket_rowid, o.day, o.lang, o.phone, o.text, o.status, o.attempts, o.attempt_id,
  o.gateway_id, o.uncertain, o.error, o.created_at, o.sent_at, t.label
  FROM sms_outbox o LEFT JOIN tickets t ON t.rowid = o.ticket_rowid`;

/**
 * Dropping (reason, at): a queued message at once; one being handed to the gateway keeps its status and is only
 * stamped (done_at, its reason): if the gateway takes it, it went; if not, markNotSent drops it instead of
 * queueing it again.
 */
const DROP = `status = CASE status WHEN 'queued' THEN 'dropped' ELSE status END, error = ?, done_at = ?`;

/** A message claimed for sending: what the sender hands the gateway. `attempts` counts this one. */
export interface ClaimedMessage {
  id: number;
  kind: OutboxKind;
  phone: string | null;
  text: string;
  attempts: number;
  attemptId: string;
}

export interface NewMessage {
  subject: string;
  kind: OutboxKind;
  ticketRowid: number | null;
  day: string;
  lang: Lang;
  phone: string;
  text: string;
  at: number;
}

export class SmsRepository {
  constructor(private readonly q: Statements) {}

  // ---- numbers ----

  phoneOf(ticketRowid: number): { phone: string; nearDue: boolean } | undefined {
    const r = this.q.first<{ phone: string; near_due: number }>('SELECT phone, near_due FROM ticket_phones WHERE ticket_rowid = ?', ticketRowid);
    return r && { phone: r.phone, nearDue: r.near_due === 1 };
  }

  setPhone(ticketRowid: number, phone: string): void {
    this.q.run('INSERT INTO ticket_phones (ticket_rowid, phone) VALUES (?, ?) ON CONFLICT (ticket_rowid) DO UPDATE SET phone = excluded.phone', ticketRowid, phone);
  }

  nearDone(ticketRowid: number): void {
    this.q.run('UPDATE ticket_phones SET near_due = 0 WHERE ticket_rowid = ?', ticketRowid);
  }

  /**
   * Tickets waiting in a service's line that may still be owed "near". CROSS JOIN keeps SQLite on the small
   * partial index of numbers owed "near", rather than on every ticket of the day.
   */
  nearDueIn(day: string, serviceId: string): number[] {
    return this.q
      .get(
        `SELECT p.ticket_rowid FROM ticket_phones p CROSS JOIN tickets t ON t.rowid = p.ticket_rowid
         WHERE p.near_due = 1 AND t.status = 'waiting' AND t.service_id = ? AND t.day = ?`,
      )
      .pluck()
      .all(serviceId, day) as number[];
  }

  erasePhone(ticketRowid: number): void {
    this.q.run('DELETE FROM ticket_phones WHERE ticket_rowid = ?', ticketRowid);
  }

  /**
   * The day close: numbers of tickets of earlier days are erased, with those in their messages, and what was
   * still to send for those days is dropped. Returns how many numbers were erased.
   */
  eraseBefore(day: string, at: number): number {
    const erased = this.q.run('DELETE FROM ticket_phones WHERE ticket_rowid IN (SELECT rowid FROM tickets WHERE day < ?)', day).changes;
    this.q.run(`UPDATE sms_outbox SET status = 'dropped', error = 'the day closed', done_at = ? WHERE day < ? AND status = 'queued'`, at, day);
    this.q.run('UPDATE sms_outbox SET phone = NULL WHERE day < ? AND phone IS NOT NULL', day);
    return erased;
  }

  // ---- outbox ----

  /** Queues a message unless one of its kind exists for the subject; the new row's id, or null. */
  enqueue(m: NewMessage): number | null {
    const r = this.q.run(
      `INSERT INTO sms_outbox (subject, kind, ticket_rowid, day, lang, phone, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (subject, kind) DO NOTHING`,
      m.subject,
      m.kind,
      m.ticketRowid,
      m.day,
      m.lang,
      m.phone,
      m.text,
      m.at,
    );
    return r.changes === 1 ? Number(r.lastInsertRowid) : null;
  }

  /**
   * Drops the ticket's messages of these kinds still queued (a "near" once the ticket is called), those of its
   * journey's steps (subjects `t:<rowid>:leg:<n>`, read as a range of the unique index) included.
   */
  drop(ticketRowid: number, kinds: readonly OutboxKind[], reason: string, at: number): void {
    const subject = `t:${ticketRowid}`;
    for (const kind of kinds) {
      this.q.run(
        `UPDATE sms_outbox SET ${DROP} WHERE (subject = ? OR (subject >= ? AND subject < ?)) AND kind = ? AND status IN ('queued', 'sending')`,
        reason,
        at,
        subject,
        `${subject}:`,
        `${subject};`,
        kind,
      );
    }
  }

  /** Drops the queued messages of these subjects and kind (a booking's reminders). */
  dropSubjects(subjects: readonly string[], kind: OutboxKind, reason: string, at: number): void {
    for (const subject of subjects) {
      this.q.run(`UPDATE sms_outbox SET ${DROP} WHERE subject = ? AND kind = ? AND status IN ('queued', 'sending')`, reason, at, subject, kind);
    }
  }

  get(id: number): OutboxRecord | undefined {
    const r = this.q.first<OutboxRow>(`${SELECT} WHERE o.id = ?`, id);
    return r && toRecord(r);
  }

  /**
   * Where the sender starts looking: the oldest queued message of today or later, or past the newest message
   * when none is queued (ids only grow: the outbox is never deleted from). Reads only the rows of today and later.
   */
  firstQueuedId(today: string): number {
    const r = this.q.first<{ queued: number | null; last: number | null }>(
      `SELECT (SELECT MIN(id) FROM sms_outbox INDEXED BY sms_outbox_day WHERE day >= ? AND status = 'queued') AS queued, (SELECT MAX(id) FROM sms_outbox) AS last`,
      today,
    );
    return r?.queued ?? (r?.last ?? 0) + 1;
  }

  /**
   * Claims the oldest queued messages of today and later with an id from `fromId` on, at most `limit`, in one
   * statement: each is marked `sending` with the attempt id `<batchId>.<its id>`. Oldest first, the order they
   * are sent in. Read through the rowid from `fromId` (NOT INDEXED keeps SQLite off the day's index).
   */
  claimQueued(fromId: number, today: string, limit: number, batchId: string, gateway: string): ClaimedMessage[] {
    return this.q
      .all<ClaimedMessage>(
        `UPDATE sms_outbox SET status = 'sending', attempt_id = ? || '.' || id, attempts = attempts + 1, gateway = ?
         WHERE id IN (SELECT id FROM sms_outbox NOT INDEXED WHERE id >= ? AND status = 'queued' AND day >= ? ORDER BY id LIMIT ?)
         RETURNING id, kind, phone, text, attempts, attempt_id AS attemptId`,
        batchId,
        gateway,
        fromId,
        today,
        limit,
      )
      .sort((a, b) => a.id - b.id);
  }

  /**
   * Of these claimed messages, those still ours to send: claimed with their attempt and not dropped since (a
   * drop marks a claimed row done). One read for a batch.
   */
  stillClaimed(claims: readonly { id: number; attemptId: string }[]): Set<number> {
    const ids = this.q
      .get(
        `SELECT o.id FROM json_each(?) j JOIN sms_outbox o ON o.id = j.value ->> '$.id'
         WHERE o.attempt_id = j.value ->> '$.attemptId' AND o.status = 'sending' AND o.done_at IS NULL`,
      )
      .pluck()
      .all(JSON.stringify(claims.map(({ id, attemptId }) => ({ id, attemptId })))) as number[];
    return new Set(ids);
  }

  /** Claimed but never handed to the gateway: back in the queue as it was (or dropped, if a drop came meanwhile). */
  release(id: number, attemptId: string): void {
    this.q.run(
      `UPDATE sms_outbox SET status = CASE WHEN done_at IS NULL THEN 'queued' ELSE 'dropped' END, attempts = attempts - 1
       WHERE id = ? AND attempt_id = ? AND status = 'sending'`,
      id,
      attemptId,
    );
  }

  /** The gateway gave no answer once it had the message: counted as sent, uncertain, never sent again. */
  markUncertain(id: number, attemptId: string, error: string, at: number): void {
    this.q.run(
      `UPDATE sms_outbox SET status = 'sent', gateway_id = NULL, uncertain = 1, error = ?, sent_at = ? WHERE id = ? AND attempt_id = ? AND status = 'sending'`,
      error,
      at,
      id,
      attemptId,
    );
  }

  /** Those the gateway took, each with its gateway id (or null) and when: one statement for a batch. */
  markAllSent(sent: readonly { id: number; attemptId: string; gatewayId: string | null; at: number }[]): void {
    this.q.run(
      `UPDATE sms_outbox SET status = 'sent', gateway_id = j.value ->> '$.gatewayId', uncertain = 0, error = NULL, sent_at = j.value ->> '$.at'
       FROM json_each(?) j WHERE sms_outbox.id = j.value ->> '$.id' AND sms_outbox.attempt_id = j.value ->> '$.attemptId' AND sms_outbox.status = 'sending'`,
      JSON.stringify(sent),
    );
  }

  /** Nothing went: back in the queue, at its place (its id), for the next try; dropped if a drop came meanwhile. */
  markNotSent(id: number, attemptId: string, error: string): void {
    this.q.run(
      `UPDATE sms_outbox SET status = CASE WHEN done_at IS NULL THEN 'queued' ELSE 'dropped' END, error = CASE WHEN done_at IS NULL THEN ? ELSE error END
       WHERE id = ? AND attempt_id = ? AND status = 'sending'`,
      error,
      id,
      attemptId,
    );
  }

  markFailed(id: number, error: string, at: number, attemptId: string | null = null): void {
    this.q.run(
      `UPDATE sms_outbox SET status = 'failed', error = ?, done_at = ? WHERE id = ? AND (? IS NULL OR attempt_id = ?) AND status IN ('sending', 'sent', 'queued')`,
      error,
      at,
      id,
      attemptId,
      attemptId,
    );
  }

  /** A delivery report: by the gateway's id. */
  byGatewayId(gatewayId: string): OutboxRecord | undefined {
    const r = this.q.first<OutboxRow>(`${SELECT} WHERE o.gateway_id = ?`, gatewayId);
    return r && toRecord(r);
  }

  markDelivered(id: number, at: number): boolean {
    return this.q.run(`UPDATE sms_outbox SET status = 'delivered', done_at = ? WHERE id = ? AND status = 'sent'`, at, id).changes === 1;
  }

  /**
   * At start-up: a message left `sending` was being handed to the gateway when the server stopped. It may have
   * gone: it counts as sent, marked uncertain, and is never sent again.
   */
  settleInterrupted(): number {
    return this.q.run(`UPDATE sms_outbox SET status = 'sent', uncertain = 1, error = 'the server stopped while sending: it may not have gone' WHERE status = 'sending'`).changes;
  }

  countsOn(day: string): Record<SmsStatus, number> {
    const out: Record<SmsStatus, number> = { queued: 0, sending: 0, sent: 0, delivered: 0, failed: 0, dropped: 0 };
    for (const r of this.q.all<{ status: SmsStatus; n: number }>('SELECT status, COUNT(*) AS n FROM sms_outbox WHERE day = ? GROUP BY status', day)) out[r.status] = r.n;
    return out;
  }

  listOn(day: string, limit: number): OutboxRecord[] {
    return this.q.all<OutboxRow>(`${SELECT} WHERE o.day = ? ORDER BY o.id DESC LIMIT ?`, day, limit).map(toRecord);
  }

  // ---- settings ----

  settings(): SmsSettings {
    const r = this.q.first<{ near_ahead: number; kinds: string }>('SELECT near_ahead, kinds FROM sms_settings WHERE id = 1');
    return { nearAhead: r?.near_ahead ?? 3, kinds: r ? (JSON.parse(r.kinds) as SmsSettings['kinds']) : ['issued', 'near', 'called', 'transferred', 'reminder', 'ready'] };
  }

  saveSettings(s: SmsSettings): void {
    this.q.run('UPDATE sms_settings SET near_ahead = ?, kinds = ? WHERE id = 1', s.nearAhead, JSON.stringify(s.kinds));
  }
}
