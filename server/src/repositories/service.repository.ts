// Services: what a citizen can come for. Deleted services stay as rows (old tickets point at them).
import type { Service } from '@foleni/shared';
import type { Statements } from './statements.js';

interface ServiceRow {
  id: string;
  code: string;
  name_en: string;
  name_sw: string;
  agency: string;
  agency_sw: string | null;
  sla_minutes: number;
  service_minutes: number;
  active: number;
  display_order: number;
}

const toService = (r: ServiceRow): Service => ({
  id: r.id,
  code: r.code,
  name: { en: r.name_en, sw: r.name_sw },
  agency: r.agency,
  agencySw: r.agency_sw,
  slaMinutes: r.sla_minutes,
  serviceMinutes: r.service_minutes,
  active: r.active === 1,
  order: r.display_order,
});

export class ServiceRepository {
  /**
   * Every service by id (deleted ones too), read once: each ticket view asks for its service. Filled only
   * outside a transaction and dropped by every write here, so a write rolled back never leaves it wrong;
   * `warm()` fills it again once a write is committed, so the writes that follow (issuing) find it.
   */
  private cache: Map<string, { service: Service; deleted: boolean }> | undefined;

  constructor(private readonly q: Statements) {}

  /** Fills the cache now, if outside a transaction (call after a committed write to services). */
  warm(): void {
    if (!this.q.db.inTransaction) this.cached('');
  }

  private cached(id: string): { service: Service; deleted: boolean } | undefined | null {
    // Inside a transaction the cache is read but never filled: if it exists it holds the committed rows and
    // no write of this transaction dropped it yet, so it is what the transaction sees too.
    if (this.q.db.inTransaction) return this.cache ? this.cache.get(id) : null;
    this.cache ??= new Map(
      this.q
        .all<ServiceRow & { deleted_at: number | null }>('SELECT * FROM services')
        .map((r) => [r.id, { service: toService(r), deleted: r.deleted_at !== null }]),
    );
    return this.cache.get(id);
  }

  list(): Service[] {
    return this.q
      .all<ServiceRow>('SELECT * FROM services WHERE deleted_at IS NULL ORDER BY display_order, code')
      .map(toService);
  }

  get(id: string): Service | undefined {
    const hit = this.cached(id);
    if (hit !== null) return hit && !hit.deleted ? { ...hit.service } : undefined;
    const row = this.q.first<ServiceRow>('SELECT * FROM services WHERE id = ? AND deleted_at IS NULL', id);
    return row && toService(row);
  }

  /** Also finds deleted services, for old tickets and reports. */
  getAny(id: string): Service | undefined {
    const hit = this.cached(id);
    if (hit !== null) return hit ? { ...hit.service } : undefined;
    const row = this.q.first<ServiceRow>('SELECT * FROM services WHERE id = ?', id);
    return row && toService(row);
  }

  byCode(code: string): Service | undefined {
    const row = this.q.first<ServiceRow>('SELECT * FROM services WHERE code = ? AND deleted_at IS NULL', code);
    return row && toService(row);
  }

  nextOrder(): number {
    return (this.q.first<{ n: number | null }>('SELECT MAX(display_order) AS n FROM services')?.n ?? 0) + 10;
  }

  insert(s: Service, now: number): void {
    this.cache = undefined;
    this.q.run(
      `INSERT INTO services (id, code, name_en, name_sw, agency, agency_sw, sla_minutes, service_minutes, active, display_order, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      s.id,
      s.code,
      s.name.en,
      s.name.sw,
      s.agency,
      s.agencySw,
      s.slaMinutes,
      s.serviceMinutes,
      s.active ? 1 : 0,
      s.order,
      now,
    );
  }

  update(s: Service): void {
    this.cache = undefined;
    this.q.run(
      `UPDATE services SET code = ?, name_en = ?, name_sw = ?, agency = ?, agency_sw = ?, sla_minutes = ?,
         service_minutes = ?, active = ?, display_order = ? WHERE id = ?`,
      s.code,
      s.name.en,
      s.name.sw,
      s.agency,
      s.agencySw,
      s.slaMinutes,
      s.serviceMinutes,
      s.active ? 1 : 0,
      s.order,
      s.id,
    );
  }

  markDeleted(id: string, now: number): void {
    this.cache = undefined;
    this.q.run('UPDATE services SET deleted_at = ?, active = 0 WHERE id = ?', now, id);
  }
}
