// Attendance from the event log: each minute of a counter's day falls in exactly one of open-serving,
// open-idle or paused-by-reason, for the counter and for the clerk who held it; nothing is counted overnight.
import { describe, expect, it } from 'vitest';
import type { AttendanceEvent } from '../repositories/desk.repository.js';
import { attendance, attendanceCsv } from './attendance.js';

const T0 = Date.parse('2026-03-02T08:00:00+03:00');
const min = (m: number) => T0 + m * 60_000;
const ev = (m: number, type: string, data: Record<string, unknown> | null = null, counterId = 'c1', day = '2026-03-02'): AttendanceEvent => ({
  at: min(m),
  day,
  type,
  counterId,
  userId: null,
  data,
});
const names = { counters: new Map([['c1', 'Counter 1'], ['c2', 'Counter 2']]), clerks: new Map([['u1', 'Wanjiru'], ['u2', 'Otieno']]) };

describe('attendance', () => {
  it('splits a day into serving, idle and paused by reason, per counter and per clerk', () => {
    const events = [
      ev(0, 'counter.open', { clerkId: 'u1' }),
      ev(10, 'ticket.called'),
      ev(25, 'ticket.completed'),
      ev(30, 'counter.paused', { clerkId: 'u1', reason: 'tea' }),
      ev(50, 'counter.open', { clerkId: 'u1' }),
      ev(60, 'ticket.called'),
      ev(70, 'ticket.transferred'),
      ev(80, 'counter.paused', { clerkId: 'u1' }),
      ev(90, 'counter.closed', { clerkId: null }),
    ];
    const a = attendance(events, names, min(200), '2026-03-02');
    const expected = { signedInMinutes: 90, openMinutes: 60, servingMinutes: 25, idleMinutes: 35, pausedMinutes: 30, pausedByReason: { tea: 20, none: 10 } };
    expect(a.counters).toEqual([{ id: 'c1', name: 'Counter 1', ...expected }]);
    expect(a.clerks).toEqual([{ id: 'u1', name: 'Wanjiru', ...expected }]);
  });

  it('counts an open counter up to now today, and up to its last event on a past day (not overnight)', () => {
    const past = [ev(0, 'counter.open', { clerkId: 'u2' }, 'c2', '2026-03-01'), ev(30, 'ticket.called', null, 'c2', '2026-03-01')];
    // Left open; the next morning the day closes it.
    const next = ev(24 * 60, 'counter.closed', { clerkId: null }, 'c2', '2026-03-02');
    const a = attendance([...past, next], names, min(24 * 60 + 5), '2026-03-02');
    expect(a.counters[0]).toMatchObject({ openMinutes: 30, servingMinutes: 0, idleMinutes: 30 });
    const today = attendance([ev(0, 'counter.open', { clerkId: 'u2' }, 'c2')], names, min(45), '2026-03-02');
    expect(today.clerks[0]).toMatchObject({ name: 'Otieno', openMinutes: 45 });
  });

  it('writes a CSV row per clerk and per counter, with a column per reason', () => {
    const a = attendance([ev(0, 'counter.paused', { clerkId: 'u1', reason: 'lunch' }), ev(60, 'counter.closed', { clerkId: null })], names, min(60), '2026-03-02');
    const csv = attendanceCsv(a, ['tea', 'lunch']);
    const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe('kind,id,name,signed_in_min,open_min,serving_min,idle_min,paused_min,paused_tea_min,paused_lunch_min');
    expect(lines.slice(1)).toEqual(['clerk,u1,Wanjiru,60,0,0,0,60,0,60', 'counter,c1,Counter 1,60,0,0,0,60,0,60']);
  });
});
