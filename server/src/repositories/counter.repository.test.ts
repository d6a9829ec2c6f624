// Each kiosk ticket asks, inside its transaction, whether some counter serves its service: a Set lookup in
// memory, not a query, unless that very transaction changed the counters.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BOOKING } from '@foleni/shared';
import type { Service } from '@foleni/shared';
import type { Db } from '../db/db.js';
import { openDb } from '../db/db.js';
import { WriteQueue } from '../db/write-queue.js';
import { CounterRepository } from './counter.repository.js';
import { ServiceRepository } from './service.repository.js';
import { Statements } from './statements.js';

const service = (id: string, code: string, order: number): Service => ({
  id,
  code,
  name: { en: code, sw: code },
  agency: 'NRB',
  agencySw: null,
  slaMinutes: 20,
  serviceMinutes: 5,
  active: true,
  order,
  booking: DEFAULT_BOOKING,
});

describe('which services counters serve', () => {
  let dir: string;
  let db: Db;
  let writes: WriteQueue;
  let counters: CounterRepository;
  /** Queries that read which services are served. */
  let servedQueries: () => number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'foleni-counters-'));
    db = openDb({ file: join(dir, 'c.db') });
    writes = new WriteQueue(db);
    const q = new Statements(db);
    const services = new ServiceRepository(q);
    services.insert(service('svc_a', 'A', 10), 1);
    services.insert(service('svc_b', 'B', 20), 1);
    counters = new CounterRepository(q);
    counters.insert({ id: 'ctr_1', name: '1', zone: 'main', active: true, serviceIds: ['svc_a'] }, 1);
    const get = vi.spyOn(q, 'get');
    servedQueries = () => get.mock.calls.filter(([sql]) => sql.includes('SELECT DISTINCT cs.service_id')).length;
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is answered from memory inside a ticket’s transaction', async () => {
    expect(counters.serves('svc_a')).toBe(true);
    expect(servedQueries()).toBe(1);
    const answers = await Promise.all([
      writes.run(() => [counters.serves('svc_a'), counters.serves('svc_b')]),
      writes.run(() => counters.serves('svc_a')),
    ]);
    expect(answers).toEqual([[true, false], true]);
    expect(servedQueries()).toBe(1);
  });

  it('is answered from memory in the batch after one that changed the counters', async () => {
    expect(counters.serves('svc_b')).toBe(false);
    await writes.run(() => counters.setServices('ctr_1', ['svc_a', 'svc_b']));
    const after = servedQueries();
    expect(await writes.run(() => counters.serves('svc_b'))).toBe(true);
    expect(servedQueries()).toBe(after);
  });

  it('follows a change made earlier in the same transaction, and forgets it when that change rolls back', async () => {
    expect(counters.serves('svc_b')).toBe(false);
    const results = await Promise.allSettled([
      writes.run(() => {
        counters.setServices('ctr_1', ['svc_a', 'svc_b']);
        expect(counters.serves('svc_b')).toBe(true);
        throw new Error('refused');
      }),
      writes.run(() => counters.serves('svc_b')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(results[1]).toEqual({ status: 'fulfilled', value: false });
    expect(counters.serves('svc_b')).toBe(false);
    // One read inside the write that changed the counters; the rest from memory.
    expect(servedQueries()).toBe(2);
  });
});
