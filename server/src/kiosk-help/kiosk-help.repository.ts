// SQL of kiosk help requests (table kiosk_help): made, answered, and the ones staff should still see.
import type { Statements } from '../repositories/statements.js';

export interface HelpRecord {
  id: string;
  deviceId: string;
  kioskName: string;
  askedAt: number;
  answeredAt: number | null;
  answeredBy: { id: string; name: string } | null;
}

interface Row {
  id: string;
  device_id: string;
  kiosk_name: string | null;
  asked_at: number;
  answered_at: number | null;
  answered_by: string | null;
  answered_by_name: string | null;
}

const SELECT = `SELECT h.id, h.device_id, d.name AS kiosk_name, h.asked_at, h.answered_at, h.answered_by, h.answered_by_name
  FROM kiosk_help h LEFT JOIN devices d ON d.id = h.device_id`;

const toRecord = (r: Row): HelpRecord => ({
  id: r.id,
  deviceId: r.device_id,
  kioskName: r.kiosk_name ?? r.device_id,
  askedAt: r.asked_at,
  answeredAt: r.answered_at,
  answeredBy: r.answered_by ? { id: r.answered_by, name: r.answered_by_name ?? '' } : null,
});

export class KioskHelpRepository {
  constructor(private readonly q: Statements) {}

  get(id: string): HelpRecord | undefined {
    const row = this.q.first<Row>(`${SELECT} WHERE h.id = ?`, id);
    return row && toRecord(row);
  }

  /** The kiosk's latest unanswered request asked since `since`, if any. */
  openOf(deviceId: string, since: number): HelpRecord | undefined {
    const row = this.q.first<Row>(`${SELECT} WHERE h.device_id = ? AND h.answered_at IS NULL AND h.asked_at >= ? ORDER BY h.asked_at DESC LIMIT 1`, deviceId, since);
    return row && toRecord(row);
  }

  add(id: string, deviceId: string, at: number): void {
    this.q.run('INSERT INTO kiosk_help (id, device_id, asked_at) VALUES (?, ?, ?)', id, deviceId, at);
  }

  /** Records the first answer only; false when the request was already answered. */
  answer(id: string, user: { id: string; name: string }, at: number): boolean {
    const r = this.q.run('UPDATE kiosk_help SET answered_at = ?, answered_by = ?, answered_by_name = ? WHERE id = ? AND answered_at IS NULL', at, user.id, user.name, id);
    return r.changes > 0;
  }

  /** Unanswered ones asked since `openSince`, and those answered since `answeredSince`, oldest first. */
  shown(openSince: number, answeredSince: number): HelpRecord[] {
    return this.q
      .all<Row>(`${SELECT} WHERE h.asked_at >= ? AND (h.answered_at IS NULL OR h.answered_at >= ?) ORDER BY h.asked_at`, openSince, answeredSince)
      .map(toRecord);
  }
}
