// Who changed what in the centre's configuration, and when.
import type { Statements } from './statements.js';

export interface AuditEntry {
  id: number;
  at: number;
  userId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  data: unknown;
}

export class AuditRepository {
  constructor(private readonly q: Statements) {}

  append(e: Omit<AuditEntry, 'id'>): void {
    this.q.run(
      'INSERT INTO audit_log (at, user_id, action, entity, entity_id, data) VALUES (?, ?, ?, ?, ?, ?)',
      e.at,
      e.userId,
      e.action,
      e.entity,
      e.entityId,
      e.data === undefined ? null : JSON.stringify(e.data),
    );
  }

  recent(limit: number, before?: number): AuditEntry[] {
    const rows = this.q.all<{ id: number; at: number; user_id: string | null; action: string; entity: string; entity_id: string | null; data: string | null }>(
      'SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?',
      before ?? Number.MAX_SAFE_INTEGER,
      limit,
    );
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      data: r.data ? (JSON.parse(r.data) as unknown) : null,
    }));
  }
}
