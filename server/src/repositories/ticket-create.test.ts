// Issuing writes a ticket without reading it back: the record `create` makes must be the row as stored, and
// a ticket is known to be on no journey without a query once it is newer than every ticket on one.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BOOKING } from '@foleni/shared';
import type { Db } from '../db/db.js';
import { openDb } from '../db/db.js';
import { WriteQueue } from '../db/write-queue.js';
import { JourneyRepository } from './journey.repository.js';
import { ServiceRepository } from './service.repository.js';
import { Statements } from './statements.js';
import { TicketRepository } from './ticket.repository.js';
import type { NewTicket } from './ticket.repository.js';

const ticket = (n: number, extra: Partial<NewTicket> = {}): NewTicket => ({
  id: `t${n}`,
  day: '2026-03-02',
  serviceId: 'svc_a',
  number: n,
  label: `A${String(n).padStart(3, '0')}`,
  priority: 'none',
  lang: 'en',
  source: 'staff',
  deviceId: null,
  issuedAt: 1_000 + n,
  feedbackKey: `key${n}`,
  idempotencyKey: null,
  ...extra,
});

describe('writing a new ticket', () => {
  let dir: string;
  let db: Db;
  let q: Statements;
  let tickets: TicketRepository;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'foleni-ticket-create-'));
    db = openDb({ file: join(dir, 't.db') });
    q = new Statements(db);
    new ServiceRepository(q).insert(
      { id: 'svc_a', code: 'A', name: { en: 'A', sw: 'A' }, agency: 'NRB', agencySw: null, slaMinutes: 20, serviceMinutes: 5, active: true, order: 10, booking: DEFAULT_BOOKING },
      1,
    );
    tickets = new TicketRepository(q);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns the row as it was stored, for a plain ticket and for one with every optional field', () => {
    const plain = tickets.create(ticket(1));
    expect(plain).toEqual(tickets.byRowid(plain.rowid));
    const full = tickets.create(ticket(2, { priority: 'elderly', lang: 'sw', arrivalAt: 900, idempotencyKey: 'tap-2', notBefore: 5_000 }));
    expect(full).toEqual(tickets.byRowid(full.rowid));
    expect(full).toMatchObject({ status: 'waiting', arrivalAt: 900, queuedAt: 1_002, notBefore: 5_000, journey: [], callCount: 0 });
  });

  it('finds a ticket on no journey without SQL once it is newer than every journey ticket, and finds those that are', async () => {
    const journeys = new JourneyRepository(q);
    const writes = new WriteQueue(db);
    db.prepare("INSERT INTO journeys (id, code, name_en, name_sw, active, display_order, created_at, updated_at) VALUES ('j1', 'J', 'J', 'J', 1, 10, 1, 1)").run();
    const first = tickets.create(ticket(1));
    expect(journeys.ofTicket(first.rowid)).toBeUndefined();
    // Joined inside a write, as issuing does: read at once in that write, then after its commit.
    const second = await writes.run(() => {
      const t = tickets.create(ticket(2));
      journeys.startTicket({ ticketRowid: t.rowid, journeyId: 'j1', day: t.day, steps: ['svc_a'], step: 0, legs: [], ended: null, endedAt: null, note: null });
      expect(journeys.ofTicket(t.rowid)?.journeyId).toBe('j1');
      return t;
    });
    expect(journeys.ofTicket(second.rowid)?.journeyId).toBe('j1');
    const third = tickets.create(ticket(3));
    const lookups = vi.spyOn(q, 'first');
    expect(journeys.ofTicket(third.rowid)).toBeUndefined();
    expect(journeys.ofTicket(first.rowid)).toBeUndefined();
    // Only the older ticket was asked of SQL.
    expect(lookups.mock.calls.filter(([sql]) => sql.includes('FROM ticket_journeys'))).toHaveLength(1);
  });
});
