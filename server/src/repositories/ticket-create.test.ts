// Issuing writes a ticket without reading it back: the record `create` makes must be the row as stored, a
// ticket is known to be on no journey without a query once it is newer than every ticket on one, and the
// walk-in issued last (which keeps arrivals from going back) is known without a query, as SQL would say.
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

  it('knows the walk-in issued last as SQL does, through writes undone, booked tickets and moved arrivals', async () => {
    const writes = new WriteQueue(db);
    const fromSql = () => {
      const row = db.prepare('SELECT day, arrival_at FROM tickets WHERE not_before IS NULL ORDER BY rowid DESC LIMIT 1').get() as { day: string; arrival_at: number } | undefined;
      return row && { day: row.day, arrivalAt: row.arrival_at };
    };
    expect(tickets.lastIssued()).toBeUndefined();
    await writes.run(() => tickets.create(ticket(1)));
    expect(tickets.lastIssued()).toEqual({ day: '2026-03-02', arrivalAt: 1_001 });
    // Written, then undone by its own write failing, and by a batch whose later write fails.
    await expect(
      writes.run(() => {
        tickets.create(ticket(2, { arrivalAt: 5_000 }));
        expect(tickets.lastIssued()).toEqual({ day: '2026-03-02', arrivalAt: 5_000 });
        throw new Error('refused after the row was written');
      }),
    ).rejects.toThrow('refused');
    expect(tickets.lastIssued()).toEqual(fromSql());
    expect(tickets.lastIssued()).toEqual({ day: '2026-03-02', arrivalAt: 1_001 });
    // A booked ticket stands at its slot, not as the last walk-in.
    const booked = await writes.run(() => tickets.create(ticket(3, { arrivalAt: 9_000, notBefore: 8_000 })));
    expect(tickets.lastIssued()).toEqual(fromSql());
    const walkIn = await writes.run(() => tickets.create(ticket(4)));
    expect(tickets.lastIssued()).toEqual({ day: '2026-03-02', arrivalAt: 1_004 });
    // A returning no-show's place moves its arrival: the answer follows the row.
    await writes.run(() => tickets.update(walkIn.rowid, 'waiting', { arrivalAt: 7_000 }));
    expect(tickets.lastIssued()).toEqual(fromSql());
    expect(tickets.lastIssued()).toEqual({ day: '2026-03-02', arrivalAt: 7_000 });
    expect(booked.notBefore).toBe(8_000);
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
