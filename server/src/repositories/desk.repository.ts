// The front desk's rows: the no-show rules and pause reasons (one settings row), "on my way" taps, and the
// event-log reads that no-show rules, pauses and attendance need. SQL only.
import type { DeskSettings, NoShowRules, PauseReason, ReturnPlace } from '@foleni/shared';
import { CachedValue } from '../db/cached.js';
import type { Statements } from './statements.js';

interface SettingsRow {
  no_show_min_seconds: number;
  no_show_min_recalls: number;
  return_place: ReturnPlace;
  return_behind: number;
  pause_reasons: string;
}

/** One event of the log as attendance reads it. */
export interface AttendanceEvent {
  at: number;
  day: string;
  type: string;
  counterId: string;
  userId: string | null;
  data: Record<string, unknown> | null;
}

export class DeskRepository {
  /** Read on every no-show and requeue: kept in memory under the one rule for read caches (db/cached.ts). */
  private readonly cached: CachedValue<DeskSettings>;

  constructor(private readonly q: Statements) {
    this.cached = new CachedValue(q.db, () => {
      const r = this.q.first<SettingsRow>('SELECT no_show_min_seconds, no_show_min_recalls, return_place, return_behind, pause_reasons FROM desk_settings WHERE id = 1')!;
      return {
        noShow: { minSecondsSinceCall: r.no_show_min_seconds, minRecalls: r.no_show_min_recalls, returnPlace: r.return_place, returnBehind: r.return_behind },
        pauseReasons: JSON.parse(r.pause_reasons) as PauseReason[],
      };
    });
  }

  settings(): DeskSettings {
    return this.cached.get();
  }

  setNoShow(rules: NoShowRules): void {
    this.q.run(
      'UPDATE desk_settings SET no_show_min_seconds = ?, no_show_min_recalls = ?, return_place = ?, return_behind = ? WHERE id = 1',
      rules.minSecondsSinceCall,
      rules.minRecalls,
      rules.returnPlace,
      rules.returnBehind,
    );
    this.cached.drop();
  }

  setPauseReasons(reasons: PauseReason[]): void {
    this.q.run('UPDATE desk_settings SET pause_reasons = ? WHERE id = 1', JSON.stringify(reasons));
    this.cached.drop();
  }

  /** Recalls of a ticket since `since` (its first call at the line it is in now). */
  recallsSince(ticketRowid: number, since: number): number {
    return this.q
      .get("SELECT COUNT(*) FROM events WHERE ticket_rowid = ? AND type = 'ticket.recalled' AND at >= ?")
      .pluck()
      .get(ticketRowid, since) as number;
  }

  /** The id of the day's ticket with this label (labels are unique within a day). */
  ticketIdByLabel(day: string, label: string): string | undefined {
    return this.q.get('SELECT id FROM tickets WHERE day = ? AND label = ?').pluck().get(day, label) as string | undefined;
  }

  markOnMyWay(ticketRowid: number, at: number): void {
    this.q.run('INSERT INTO ticket_on_my_way (ticket_rowid, at) VALUES (?, ?) ON CONFLICT (ticket_rowid) DO UPDATE SET at = excluded.at', ticketRowid, at);
  }

  /** Today's called tickets whose citizen said, since their latest call, that they are on the way. */
  onMyWay(day: string): { ticketId: string; label: string; at: number }[] {
    return this.q.all<{ ticketId: string; label: string; at: number }>(
      `SELECT t.id AS ticketId, t.label, w.at FROM ticket_on_my_way w JOIN tickets t ON t.rowid = w.ticket_rowid
       WHERE t.day = ? AND t.status = 'called' AND w.at >= t.called_at ORDER BY w.at`,
      day,
    );
  }

  /** The latest `counter.paused` event of a counter: when and why. */
  lastPause(counterId: string): { at: number; reason: string | null } | undefined {
    const row = this.q.first<{ at: number; data: string | null }>(
      "SELECT at, data FROM events WHERE counter_id = ? AND type = 'counter.paused' ORDER BY seq DESC LIMIT 1",
      counterId,
    );
    if (!row) return undefined;
    const data = row.data ? (JSON.parse(row.data) as { reason?: unknown }) : {};
    return { at: row.at, reason: typeof data.reason === 'string' ? data.reason : null };
  }

  /** Counter and ticket events at counters over a range of days, in order: what attendance is made of. */
  attendanceEvents(from: string, to: string): AttendanceEvent[] {
    const rows = this.q.all<{ at: number; day: string; type: string; counter_id: string; user_id: string | null; data: string | null }>(
      `SELECT at, day, type, counter_id, user_id, data FROM events
       WHERE day BETWEEN ? AND ? AND counter_id IS NOT NULL
         AND type IN ('counter.open', 'counter.paused', 'counter.closed', 'ticket.called', 'ticket.completed', 'ticket.no_show',
                      'ticket.requeued', 'ticket.cancelled', 'ticket.transferred', 'ticket.expired')
       ORDER BY seq`,
      from,
      to,
    );
    return rows.map((r) => ({ at: r.at, day: r.day, type: r.type, counterId: r.counter_id, userId: r.user_id, data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : null }));
  }
}
