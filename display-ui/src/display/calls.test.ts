import { describe, expect, it } from 'vitest';
import type { CallEntry, TicketEvent, TicketStatus } from '@foleni/shared';
import { applyTicketEvent, applyWaiting, missedCalls, servicePages, SHOWN_CALLS, zoneCalls } from './calls.js';

const counter = (name: string, zone = 'main') => ({ id: `c-${name}`, name: `Counter ${name}`, zone });
let seq = 0;
function event(change: TicketEvent['change'], label: string, status: TicketStatus, counterName: string | null, zone = 'main', at = new Date(1_000_000 + seq * 1000).toISOString()): TicketEvent {
  seq++;
  return {
    seq,
    at,
    change,
    ticket: {
      label,
      day: '2026-01-05',
      serviceId: 's-a',
      status,
      prioritised: false,
      lang: 'en',
      counter: counterName ? counter(counterName, zone) : null,
      rank: [seq, seq],
      callCount: change === 'recalled' ? 2 : 1,
    },
    before: null,
    waiting: { 's-a': 3 },
  };
}

describe('display calls', () => {
  it('puts a call of its zone on top and announces it; a recall moves the ticket back to the top', () => {
    let calls: CallEntry[] = [];
    for (const [label, c] of [['A001', '1'], ['A002', '2'], ['A003', '3']] as const) {
      const r = applyTicketEvent(calls, event('called', label, 'called', c), 'main');
      expect(r.announce?.label).toBe(label);
      calls = r.calls;
    }
    expect(calls.map((c) => c.label)).toEqual(['A003', 'A002', 'A001']);
    const recall = applyTicketEvent(calls, event('recalled', 'A001', 'called', '1'), 'main');
    expect(recall.calls.map((c) => c.label)).toEqual(['A001', 'A003', 'A002']);
    expect(recall.announce?.recall).toBe(true);
  });

  it('ignores calls at counters of other zones, and drops a ticket that went back to a queue', () => {
    const first = applyTicketEvent([], event('called', 'B001', 'called', '1'), 'main');
    const other = applyTicketEvent(first.calls, event('called', 'B002', 'called', 'X', 'annex'), 'main');
    expect(other.announce).toBeNull();
    expect(other.calls.map((c) => c.label)).toEqual(['B001']);
    const served = applyTicketEvent(other.calls, event('completed', 'B001', 'done', '1'), 'main');
    expect(served.calls.map((c) => c.label)).toEqual(['B001']);
    const requeued = applyTicketEvent(served.calls, event('requeued', 'B001', 'waiting', null), 'main');
    expect(requeued.calls).toEqual([]);
  });

  it('keeps only the last few calls', () => {
    let calls: CallEntry[] = [];
    for (let i = 1; i <= SHOWN_CALLS + 3; i++) calls = applyTicketEvent(calls, event('called', `A${i}`, 'called', '1'), 'main').calls;
    expect(calls).toHaveLength(SHOWN_CALLS);
    expect(calls[0]!.label).toBe(`A${SHOWN_CALLS + 3}`);
  });

  it('filters the snapshot to its zone and updates waiting counts', () => {
    const at = new Date().toISOString();
    const mk = (label: string, zone: string): CallEntry => ({ label, serviceId: 's', counter: counter('1', zone), at, lang: 'en', recall: false });
    expect(zoneCalls({ zone: 'main', recentCalls: [mk('A1', 'annex'), mk('A2', 'main')] }).map((c) => c.label)).toEqual(['A2']);
    const services = applyWaiting([{ id: 's-a', waiting: 1 }, { id: 's-b', waiting: 2 }] as never, { 's-a': 5 });
    expect(services.map((s) => s.waiting)).toEqual([5, 2]);
  });

  it('finds the fresh calls a resync brought that this screen never heard, oldest first', () => {
    const now = Date.parse('2026-01-05T10:00:00Z');
    const mk = (label: string, secondsAgo: number): CallEntry => ({
      label,
      serviceId: 's',
      counter: counter('1'),
      at: new Date(now - secondsAgo * 1000).toISOString(),
      lang: 'en',
      recall: false,
    });
    const before = [mk('A1', 100)];
    const after = [mk('A4', 5), mk('A3', 30), mk('A2', 90), mk('A1', 100)];
    expect(missedCalls(before, after, new Date(now).toISOString()).map((c) => c.label)).toEqual(['A3', 'A4']);
  });
});

describe('waiting strip pages', () => {
  const services = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `s${i}`, active: i !== 3, order: n - i }));

  it('splits the active services, in display order, into even pages of at most six', () => {
    expect(servicePages(services(5)).map((p) => p.length)).toEqual([4]);
    expect(servicePages(services(8)).map((p) => p.length)).toEqual([4, 3]);
    expect(servicePages(services(13)).map((p) => p.length)).toEqual([6, 6]);
    expect(servicePages(services(14)).map((p) => p.length)).toEqual([5, 5, 3]);
    expect(servicePages(services(8)).flat().map((s) => s.id)).toEqual(['s7', 's6', 's5', 's4', 's2', 's1', 's0']);
    expect(servicePages([])).toEqual([]);
  });
});
