import { describe, expect, it } from 'vitest';
import type { PublicTicket, TicketEvent, TicketStatus } from '@foleni/shared';
import { applyEvent, modelFrom } from './position.js';

const SERVICE = 's-l';
const DAY = '2026-01-05';
const mine: PublicTicket = {
  id: 't-mine',
  label: 'L004',
  day: '2026-01-05',
  serviceId: SERVICE,
  service: { code: 'L', name: { en: 'Driving licence', sw: 'Leseni' } },
  status: 'waiting',
  priority: 'none',
  lang: 'sw',
  issuedAt: '2026-01-05T08:00:00.000Z',
  calledAt: null,
  position: 4,
  estimatedWaitMinutes: 15,
  counter: null,
  rank: [4000, 4],
  feedbackGiven: false,
  trackUrl: 'http://x/t/t-mine',
};

function ev(
  change: TicketEvent['change'],
  label: string,
  rank: [number, number],
  status: TicketStatus,
  before: TicketEvent['before'],
  serviceId = SERVICE,
  day = DAY,
): TicketEvent {
  return {
    seq: 1,
    at: '2026-01-05T09:00:00.000Z',
    change,
    ticket: { label, day, serviceId, status, prioritised: false, lang: 'en', counter: status === 'called' ? { id: 'c9', name: 'Counter 9', zone: 'main' } : null, rank, callCount: 1 },
    before,
    waiting: { [serviceId]: 7 },
  };
}

describe('tracker place in line', () => {
  it('moves up when a ticket ahead leaves the queue, and scales the wait', () => {
    const r = applyEvent(modelFrom({ ...mine, day: DAY }, 8), ev('called', 'L001', [1000, 1], 'called', { serviceId: SERVICE, status: 'waiting' }));
    expect(r.model.ticket.position).toBe(3);
    expect(r.model.ticket.estimatedWaitMinutes).toBe(10);
    expect(r.model.waiting).toBe(7);
    expect(r.alert).toBe(false);
  });

  it('stays put when someone behind leaves or joins, moves back when someone joins ahead', () => {
    const m = modelFrom({ ...mine, day: DAY }, 8);
    expect(applyEvent(m, ev('cancelled', 'L009', [9000, 9], 'cancelled', { serviceId: SERVICE, status: 'waiting' })).model.ticket.position).toBe(4);
    expect(applyEvent(m, ev('issued', 'L010', [9500, 10], 'waiting', null)).model.ticket.position).toBe(4);
    // A priority arrival has an earlier effective arrival, so it goes ahead of us.
    expect(applyEvent(m, ev('issued', 'L011', [2500, 11], 'waiting', null)).model.ticket.position).toBe(5);
    // A transfer in from another service with an early arrival goes ahead too.
    const transfer = ev('transferred', 'B003', [3000, 3], 'waiting', { serviceId: 's-b', status: 'serving' });
    expect(applyEvent(m, transfer).model.ticket.position).toBe(5);
  });

  it('ignores other services and tickets that only change state while out of the queue', () => {
    const m = modelFrom({ ...mine, day: DAY }, 8);
    expect(applyEvent(m, ev('called', 'B001', [1, 1], 'called', { serviceId: 's-b', status: 'waiting' }, 's-b')).model.ticket.position).toBe(4);
    expect(applyEvent(m, ev('completed', 'L001', [1000, 1], 'done', { serviceId: SERVICE, status: 'serving' })).model.ticket.position).toBe(4);
  });

  it('alerts when our own ticket is called or recalled, and asks the server after a requeue', () => {
    const m = modelFrom({ ...mine, position: 1, estimatedWaitMinutes: 0, day: DAY }, 1);
    const called = applyEvent(m, ev('called', 'L004', [4000, 4], 'called', { serviceId: SERVICE, status: 'waiting' }));
    expect(called.alert).toBe(true);
    expect(called.model.ticket.status).toBe('called');
    expect(called.model.ticket.counter?.name).toBe('Counter 9');
    expect(called.model.ticket.position).toBeNull();
    const recalled = applyEvent(called.model, ev('recalled', 'L004', [4000, 4], 'called', { serviceId: SERVICE, status: 'called' }));
    expect(recalled.alert).toBe(true);
    const missed = applyEvent(recalled.model, ev('no_show', 'L004', [4000, 4], 'no_show', { serviceId: SERVICE, status: 'called' }));
    expect(missed.alert).toBe(false);
    const requeued = applyEvent(missed.model, ev('requeued', 'L004', [4000, 4], 'waiting', { serviceId: SERVICE, status: 'no_show' }));
    expect(requeued.refresh).toBe(true);
  });

  it("never takes another day's ticket with the same label for its own: yesterday's L004 does not ring today", () => {
    const yesterday = modelFrom({ ...mine, position: 1, estimatedWaitMinutes: 0, day: '2026-01-04' }, 1);
    const todays = applyEvent(yesterday, ev('called', 'L004', [4000, 4], 'called', { serviceId: SERVICE, status: 'waiting' }));
    expect(todays.alert).toBe(false);
    expect(todays.model.ticket.status).toBe('waiting');
    expect(todays.refresh).toBe(false);
    // Nor does another day's queue move our place.
    const m = modelFrom({ ...mine, day: DAY }, 8);
    const other = applyEvent(m, ev('called', 'L001', [1000, 1], 'called', { serviceId: SERVICE, status: 'waiting' }, SERVICE, '2026-01-04'));
    expect(other.model.ticket.position).toBe(4);
  });

  it('keeps its own priority reason: events only say whether a ticket has priority', () => {
    const m = modelFrom({ ...mine, priority: 'pregnant', position: 1, estimatedWaitMinutes: 0, day: DAY }, 1);
    const e = ev('called', 'L004', [4000, 4], 'called', { serviceId: SERVICE, status: 'waiting' });
    const called = applyEvent(m, { ...e, ticket: { ...e.ticket, prioritised: true } });
    expect(called.alert).toBe(true);
    expect(called.model.ticket.priority).toBe('pregnant');
  });
});
