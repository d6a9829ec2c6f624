import { describe, expect, it } from 'vitest';
import type { PublicTicket, QueueMoved, QueuePace, TicketEvent } from '@foleni/shared';
import { applyMove, applyOwn, applyPace, modelFrom } from './position.js';

const SERVICE = 's-l';
const mine: PublicTicket = {
  id: 't-mine',
  label: 'L004',
  day: '2026-01-05',
  serviceId: SERVICE,
  service: { code: 'L', name: { en: 'Driving licence', sw: 'Leseni' } },
  status: 'waiting',
  prioritised: false,
  lang: 'sw',
  issuedAt: '2026-01-05T08:00:00.000Z',
  calledAt: null,
  position: 4,
  estimatedWaitMinutes: 15,
  counter: null,
  feedbackGiven: false,
  trackUrl: 'http://x/t/t-mine',
};

function move(change: QueueMoved['change'], place: number, waiting: number, serviceId = SERVICE): QueueMoved {
  return { seq: 1, at: '2026-01-05T09:00:00.000Z', serviceId, change, place, waiting, minutesEach: 5 };
}

function own(change: TicketEvent['change'], tracked: PublicTicket): TicketEvent {
  return {
    seq: 1,
    at: '2026-01-05T09:00:00.000Z',
    change,
    ticket: { label: tracked.label, day: tracked.day, serviceId: tracked.serviceId, status: tracked.status, prioritised: false, lang: 'sw', counter: tracked.counter, callCount: 1 },
    before: null,
    waiting: { [tracked.serviceId]: 6 },
    tracked,
  };
}

describe('tracker place in line', () => {
  it('moves up when someone ahead leaves the line, and re-estimates the wait', () => {
    const m = applyMove(modelFrom(mine, 8), move('left', 0, 7));
    expect(m.ticket.position).toBe(3);
    expect(m.ticket.estimatedWaitMinutes).toBe(10);
    expect(m.waiting).toBe(7);
    // Out of order, but still ahead of us.
    expect(applyMove(modelFrom(mine, 8), move('left', 2, 7)).ticket.position).toBe(3);
  });

  it('stays put when someone behind leaves or joins, moves back when someone joins at or ahead of its place', () => {
    const m = modelFrom(mine, 8);
    expect(applyMove(m, move('left', 4, 7)).ticket.position).toBe(4);
    expect(applyMove(m, move('joined', 4, 9)).ticket.position).toBe(4);
    // A priority arrival (or a transfer in, or a requeue) takes a place ahead of ours.
    expect(applyMove(m, move('joined', 3, 9)).ticket.position).toBe(5);
    expect(applyMove(m, move('joined', 0, 9)).ticket.position).toBe(5);
  });

  it('starts a wait from nobody ahead: the server says how long each person takes', () => {
    const next = modelFrom({ ...mine, position: 1, estimatedWaitMinutes: 0 }, 1);
    const after = applyMove(next, { ...move('joined', 0, 2), minutesEach: 7.5 });
    expect(after.ticket.position).toBe(2);
    expect(after.ticket.estimatedWaitMinutes).toBe(8);
  });

  it('only counts the waiting count for another line, or while not waiting', () => {
    const m = modelFrom(mine, 8);
    expect(applyMove(m, move('left', 0, 3, 's-b'))).toBe(m);
    const called = modelFrom({ ...mine, status: 'called', position: null, estimatedWaitMinutes: null }, 8);
    const after = applyMove(called, move('left', 0, 7));
    expect(after.ticket.position).toBeNull();
    expect(after.waiting).toBe(7);
  });

  it('takes its own ticket from its own events, and alerts when it is called or recalled', () => {
    const m = modelFrom({ ...mine, position: 1, estimatedWaitMinutes: 0 }, 1);
    const counter = { id: 'c9', name: 'Counter 9', zone: 'main' };
    const called = applyOwn(m, own('called', { ...mine, status: 'called', position: null, estimatedWaitMinutes: null, counter }));
    expect(called.alert).toBe(true);
    expect(called.model.ticket.counter?.name).toBe('Counter 9');
    expect(called.model.waiting).toBe(6);
    expect(applyOwn(called.model, own('recalled', called.model.ticket)).alert).toBe(true);
    const missed = applyOwn(called.model, own('no_show', { ...called.model.ticket, status: 'no_show', counter: null }));
    expect(missed.alert).toBe(false);
    // Back in the line: the server's place for it, as it stood at that change.
    const requeued = applyOwn(missed.model, own('requeued', { ...mine, position: 3, estimatedWaitMinutes: 10 }));
    expect(requeued.model.ticket.position).toBe(3);
    expect(requeued.alert).toBe(false);
  });

  it('promises no wait while no counter serves its line, and gets one when a counter opens', () => {
    const pace = (openCounters: number, serviceId = SERVICE): QueuePace => ({ seq: 2, at: '2026-01-05T09:00:00.000Z', serviceId, openCounters, minutesEach: 2.5 });
    const closed = modelFrom({ ...mine, estimatedWaitMinutes: null }, 8);
    // People moving in a line nobody serves change the place, not the unknown wait.
    const moved = applyMove(closed, move('left', 0, 7));
    expect(moved.ticket).toMatchObject({ position: 3, estimatedWaitMinutes: null });
    const opened = applyPace(moved, pace(1));
    expect(opened.ticket).toMatchObject({ position: 3, estimatedWaitMinutes: 5 });
    expect(applyMove(opened, move('left', 0, 6)).ticket.estimatedWaitMinutes).toBe(5);
    expect(applyPace(opened, pace(0)).ticket.estimatedWaitMinutes).toBeNull();
    // Another line's counters, or a ticket no longer waiting, are left alone.
    expect(applyPace(moved, pace(1, 's-b'))).toBe(moved);
    const called = modelFrom({ ...mine, status: 'called', position: null, estimatedWaitMinutes: null }, 8);
    expect(applyPace(called, pace(1))).toBe(called);
  });

  it('ignores an event that is not about its own ticket', () => {
    const m = modelFrom(mine, 8);
    const e = own('called', { ...mine, id: 't-other', status: 'called' });
    expect(applyOwn(m, e).model).toBe(m);
    expect(applyOwn(m, { ...e, tracked: undefined }).alert).toBe(false);
  });
});
