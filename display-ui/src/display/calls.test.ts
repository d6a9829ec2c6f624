import { describe, expect, it } from 'vitest';
import type { CallEntry, TicketEvent, TicketStatus } from '@foleni/shared';
import { afterCounterChange, applyTicketEvent, applyWaiting, missedCalls, nowShowing, recentCalls, servicePages, SHOWN_CALLS, zoneCalls } from './calls.js';

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

  it("clears a closed counter's calls, live and in a snapshot", () => {
    let calls = applyTicketEvent([], event('called', 'A003', 'called', '1'), 'main').calls;
    calls = applyTicketEvent(calls, event('called', 'A004', 'called', '2'), 'main').calls;
    calls = applyTicketEvent(calls, event('completed', 'A003', 'done', '1'), 'main').calls;
    expect(afterCounterChange(calls, { id: 'c-1', status: 'paused' }).map((c) => c.label)).toEqual(['A004', 'A003']);
    expect(afterCounterChange(calls, { id: 'c-1', status: 'closed' }).map((c) => c.label)).toEqual(['A004']);
    const closed = [{ id: 'c-1', name: 'Counter 1', zone: 'main', status: 'closed' as const }];
    expect(zoneCalls({ zone: 'main', counters: closed, recentCalls: calls }).map((c) => c.label)).toEqual(['A004']);
  });

  it('shows a transferred ticket\'s first call at its new counter as a call, not "Called again"', () => {
    const e = event('called', 'B007', 'called', '3');
    // Called once at its first service, then sent on: the count says 2, the call is its first here.
    const moved = { ...e, ticket: { ...e.ticket, callCount: 2 } };
    expect(applyTicketEvent([], moved, 'main').announce?.recall).toBe(false);
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
    expect(zoneCalls({ zone: 'main', counters: [], recentCalls: [mk('A1', 'annex'), mk('A2', 'main')] }).map((c) => c.label)).toEqual(['A2']);
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

describe('the big panel and the list beside it', () => {
  const at = new Date(1_000_000).toISOString();
  const mk = (label: string, counterName = '1', recall = false): CallEntry => ({ label, serviceId: 's', counter: counter(counterName), at, lang: 'en', recall });
  const labels = (calls: readonly CallEntry[]) => calls.map((c) => c.label);

  it('shows the call on stage, not the newest; the list shows every other call at once, newest first', () => {
    // A004 was called, then H002 0.3 s later: A004 is still being announced.
    const calls = [mk('H002', '4'), mk('A004', '2'), mk('A003')];
    const shown = nowShowing(calls, calls[1]!, ['H002']);
    expect(shown?.label).toBe('A004');
    expect(labels(recentCalls(calls, shown))).toEqual(['H002', 'A003']);
    // H002's turn.
    const next = nowShowing(calls, calls[0]!, []);
    expect(next?.label).toBe('H002');
    expect(labels(recentCalls(calls, next))).toEqual(['A004', 'A003']);
  });

  it('shows the call as it was announced until its recall has its own turn', () => {
    const first = mk('A001');
    const calls = [mk('A001', '1', true), mk('B001')];
    expect(nowShowing(calls, first, ['A001'])).toBe(first);
    expect(labels(recentCalls(calls, first))).toEqual(['B001']);
  });

  it('with nothing on stage, shows the newest call that is not waiting its turn, or none', () => {
    const calls = [mk('C001'), mk('B001'), mk('A001')];
    expect(nowShowing(calls, null, [])?.label).toBe('C001');
    expect(nowShowing(calls, null, ['C001'])?.label).toBe('B001');
    expect(nowShowing(calls.slice(0, 1), null, ['C001'])).toBeNull();
    expect(nowShowing([], null, [])).toBeNull();
  });

  it('lists no more calls than fit beside the panel', () => {
    const calls = Array.from({ length: SHOWN_CALLS }, (_, i) => mk(`A${i}`));
    expect(recentCalls(calls, calls[0]!)).toHaveLength(SHOWN_CALLS - 1);
    expect(recentCalls(calls, null)).toHaveLength(SHOWN_CALLS - 1);
  });
});

describe('waiting strip pages', () => {
  const services = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `s${i}`, active: i !== 3, order: n - i }));

  it('splits the active services, in display order, into even pages of at most six', () => {
    expect(servicePages(services(5)).map((p) => p.length)).toEqual([4]);
    expect(servicePages(services(8)).map((p) => p.length)).toEqual([4, 3]);
    expect(servicePages(services(13)).map((p) => p.length)).toEqual([6, 6]);
    // Thirteen: three pages, none left half empty.
    expect(servicePages(services(14)).map((p) => p.length)).toEqual([5, 4, 4]);
    expect(servicePages(services(17)).map((p) => p.length)).toEqual([6, 5, 5]);
    expect(servicePages(services(14)).flat()).toHaveLength(13);
    expect(servicePages(services(8)).flat().map((s) => s.id)).toEqual(['s7', 's6', 's5', 's4', 's2', 's1', 's0']);
    expect(servicePages([])).toEqual([]);
  });
});
