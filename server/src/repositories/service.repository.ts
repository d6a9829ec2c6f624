// Services: what a citizen can come for. Deleted services stay as rows (old tickets point at them).
import type { Service } from '@foleni/shared';
import { CachedValue } from '../db/cached.js';
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
  booking_enabled: number;
  booking_slot_minutes: number;
  booking_per_slot: number;
  booking_early_minutes: number;
  booking_grace_minutes: number;
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
  booking: {
    enabled: r.booking_enabled === 1,
    slotMinutes: r.booking_slot_minutes,
    perSlot: r.booking_per_slot,
    earlyMinutes: r.booking_early_minutes,
    graceMinutes: r.booking_grace_minutes,
  },
});

const bookingColumns = ({ booking: b }: Service): number[] => [b.enabled ? 1 : 0, b.slotMinutes, b.perSlot, b.earlyMinutes, b.graceMinutes];

export class ServiceRepository {
  /** Every service by id (deleted ones too), read whole: each ticket issued and each ticket view asks for its service. */
  private readonly all: CachedValue<Map<string, { service: Service; deleted: boolean }>>;

  constructor(private readonly q: Statements) {
    this.all = new CachedValue(
      q.db,
      () =>
        new Map(
          q
            .all<ServiceRow & { deleted_at: number | null }>('SELECT * FROM services')
            .map((r) => [r.id, { service: toService(r), deleted: r.deleted_at !== null }]),
        ),
    );
  }

  list(): Service[] {
    return this.q
      .all<ServiceRow>('SELECT * FROM services WHERE deleted_at IS NULL ORDER BY display_order, code')
      .map(toService);
  }

  get(id: string): Service | undefined {
    const hit = this.all.get().get(id);
    return hit && !hit.deleted ? { ...hit.service } : undefined;
  }

  /** Also finds deleted services, for old tickets and reports. */
  getAny(id: string): Service | undefined {
    const hit = this.all.get().get(id);
    return hit && { ...hit.service };
  }

  byCode(code: string): Service | undefined {
    const row = this.q.first<ServiceRow>('SELECT * FROM services WHERE code = ? AND deleted_at IS NULL', code);
    return row && toService(row);
  }

  nextOrder(): number {
    return (this.q.first<{ n: number | null }>('SELECT MAX(display_order) AS n FROM services')?.n ?? 0) + 10;
  }

  insert(s: Service, now: number): void {
    this.all.drop();
    this.q.run(
      `INSERT INTO services (id, code, name_en, name_sw, agency, agency_sw, sla_minutes, service_minutes, active, display_order, created_at,
         booking_enabled, booking_slot_minutes, booking_per_slot, booking_early_minutes, booking_grace_minutes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      ...bookingColumns(s),
    );
  }

  update(s: Service): void {
    this.all.drop();
    this.q.run(
      `UPDATE services SET code = ?, name_en = ?, name_sw = ?, agency = ?, agency_sw = ?, sla_minutes = ?,
         service_minutes = ?, active = ?, display_order = ?, booking_enabled = ?, booking_slot_minutes = ?,
         booking_per_slot = ?, booking_early_minutes = ?, booking_grace_minutes = ? WHERE id = ?`,
      s.code,
      s.name.en,
      s.name.sw,
      s.agency,
      s.agencySw,
      s.slaMinutes,
      s.serviceMinutes,
      s.active ? 1 : 0,
      s.order,
      ...bookingColumns(s),
      s.id,
    );
  }

  markDeleted(id: string, now: number): void {
    this.all.drop();
    this.q.run('UPDATE services SET deleted_at = ?, active = 0 WHERE id = ?', now, id);
  }
}
