// Counters (service points) and the services each serves, in order of preference.
import type { CounterStatus } from '@foleni/shared';
import { CachedValue } from '../db/cached.js';
import type { Statements } from './statements.js';

export interface CounterRecord {
  id: string;
  name: string;
  zone: string;
  status: CounterStatus;
  clerkId: string | null;
  clerkName: string | null;
  active: boolean;
  serviceIds: string[];
}

interface CounterRow {
  id: string;
  name: string;
  zone: string;
  status: CounterStatus;
  clerk_id: string | null;
  clerk_name: string | null;
  active: number;
}

/** A counter's services, without deleted ones (links a deletion left behind before deletions removed them). */
const LINKS = 'FROM counter_services cs JOIN services s ON s.id = cs.service_id WHERE s.deleted_at IS NULL';

const SELECT = `SELECT c.id, c.name, c.zone, c.status, c.clerk_id, u.display_name AS clerk_name, c.active
  FROM counters c LEFT JOIN users u ON u.id = c.clerk_id WHERE c.deleted_at IS NULL`;

export class CounterRepository {
  // Read by every ticket view and every kiosk ticket; they change only through the writes below, which drop them.
  /** Open counters per service. */
  private readonly openCounts: CachedValue<Map<string, number>>;
  /** Services some counter in use is assigned to. */
  private readonly served: CachedValue<Set<string>>;

  constructor(private readonly q: Statements) {
    this.openCounts = new CachedValue(q.db, () => {
      const rows = q.all<{ service_id: string; n: number }>(
        `SELECT cs.service_id, COUNT(*) AS n FROM counter_services cs JOIN counters c ON c.id = cs.counter_id
         WHERE c.status = 'open' AND c.active = 1 AND c.deleted_at IS NULL GROUP BY cs.service_id`,
      );
      return new Map(rows.map((r) => [r.service_id, r.n]));
    });
    // Deleting a service takes it off every counter first (through setServices), so this follows the
    // service's deletion although it is dropped only by counter writes.
    this.served = new CachedValue(q.db, () => {
      const ids = q
        .get(`SELECT DISTINCT cs.service_id ${LINKS} AND cs.counter_id IN (SELECT id FROM counters WHERE active = 1 AND deleted_at IS NULL)`)
        .pluck()
        .all() as string[];
      return new Set(ids);
    });
  }

  private withServices(rows: CounterRow[]): CounterRecord[] {
    const links = this.q.all<{ counter_id: string; service_id: string }>(
      `SELECT cs.counter_id, cs.service_id ${LINKS} ORDER BY cs.counter_id, cs.rank`,
    );
    const byCounter = new Map<string, string[]>();
    for (const l of links) {
      const list = byCounter.get(l.counter_id) ?? [];
      list.push(l.service_id);
      byCounter.set(l.counter_id, list);
    }
    return rows.map((r) => ({ ...toRecord(r), serviceIds: byCounter.get(r.id) ?? [] }));
  }

  list(): CounterRecord[] {
    return this.withServices(this.q.all<CounterRow>(`${SELECT} ORDER BY c.display_order, c.name`));
  }

  get(id: string): CounterRecord | undefined {
    const row = this.q.first<CounterRow>(`${SELECT} AND c.id = ?`, id);
    if (!row) return undefined;
    const serviceIds = this.q
      .get(`SELECT cs.service_id ${LINKS} AND cs.counter_id = ? ORDER BY cs.rank`)
      .pluck()
      .all(id) as string[];
    return { ...toRecord(row), serviceIds };
  }

  heldBy(userId: string): CounterRecord | undefined {
    const id = this.q.get('SELECT id FROM counters WHERE clerk_id = ? AND deleted_at IS NULL').pluck().get(userId) as
      | string
      | undefined;
    return id ? this.get(id) : undefined;
  }

  /** Open counters serving a service: the divisor of the wait estimate. A counter switched off serves nobody. */
  openCountsByService(): Map<string, number> {
    return new Map(this.openCounts.get());
  }

  /**
   * Whether some counter in use is assigned to the service, open or not: kiosks offer only those (a centre
   * opens its counters through the day, but a service no counter has would give tickets nobody can call).
   */
  serves(serviceId: string): boolean {
    return this.served.get().has(serviceId);
  }

  private changed(): void {
    this.openCounts.drop();
    this.served.drop();
  }

  setStatus(id: string, status: CounterStatus, clerkId: string | null): void {
    this.changed();
    this.q.run('UPDATE counters SET status = ?, clerk_id = ? WHERE id = ?', status, clerkId, id);
  }

  insert(c: { id: string; name: string; zone: string; active: boolean; serviceIds: string[] }, now: number): void {
    this.changed();
    const order = (this.q.first<{ n: number | null }>('SELECT MAX(display_order) AS n FROM counters')?.n ?? 0) + 10;
    this.q.run(
      'INSERT INTO counters (id, name, zone, active, display_order, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      c.id,
      c.name,
      c.zone,
      c.active ? 1 : 0,
      order,
      now,
    );
    this.setServices(c.id, c.serviceIds);
  }

  update(c: { id: string; name: string; zone: string; active: boolean }): void {
    this.changed();
    this.q.run('UPDATE counters SET name = ?, zone = ?, active = ? WHERE id = ?', c.name, c.zone, c.active ? 1 : 0, c.id);
  }

  setServices(counterId: string, serviceIds: string[]): void {
    this.changed();
    this.q.run('DELETE FROM counter_services WHERE counter_id = ?', counterId);
    serviceIds.forEach((serviceId, rank) =>
      this.q.run('INSERT INTO counter_services (counter_id, service_id, rank) VALUES (?, ?, ?)', counterId, serviceId, rank),
    );
  }

  markDeleted(id: string, now: number): void {
    this.changed();
    this.q.run("UPDATE counters SET deleted_at = ?, active = 0, status = 'closed', clerk_id = NULL WHERE id = ?", now, id);
  }
}

function toRecord(r: CounterRow): Omit<CounterRecord, 'serviceIds'> {
  return {
    id: r.id,
    name: r.name,
    zone: r.zone,
    status: r.status,
    clerkId: r.clerk_id,
    clerkName: r.clerk_name,
    active: r.active === 1,
  };
}
