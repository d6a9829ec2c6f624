// Attendance: how each clerk's and each counter's time went (signed in, open, serving, idle, paused by
// reason), read from the event log's counter and ticket events. docs/architecture.md, "Front desk, fair
// no-shows, breaks".
import type { AttendanceRow } from '@foleni/shared';
import type { AttendanceEvent } from '../repositories/desk.repository.js';
import { toCsv } from '../reports/csv.js';

interface CounterState {
  status: 'closed' | 'open' | 'paused';
  clerkId: string | null;
  reason: string | null;
  holding: boolean;
  /** Time counted up to here. */
  mark: number;
  day: string;
  /** The counter's latest event on `day`: a counter left open past its day counts up to there, not overnight. */
  lastAt: number;
}

interface Tally {
  open: number;
  serving: number;
  paused: number;
  byReason: Map<string, number>;
}

const RELEASES = new Set(['ticket.completed', 'ticket.no_show', 'ticket.requeued', 'ticket.cancelled', 'ticket.transferred', 'ticket.expired']);

const minutes = (ms: number) => Math.round(ms / 6000) / 10;

/**
 * `now` and `today` end the intervals still running today; those of past days end at the counter's last
 * event of that day (a counter forgotten open overnight is not counted as open all night).
 */
export function attendance(
  events: readonly AttendanceEvent[],
  names: { counters: ReadonlyMap<string, string>; clerks: ReadonlyMap<string, string> },
  now: number,
  today: string,
): { clerks: AttendanceRow[]; counters: AttendanceRow[] } {
  const states = new Map<string, CounterState>();
  const byCounter = new Map<string, Tally>();
  const byClerk = new Map<string, Tally>();
  const tally = (m: Map<string, Tally>, id: string) => {
    let t = m.get(id);
    if (!t) m.set(id, (t = { open: 0, serving: 0, paused: 0, byReason: new Map() }));
    return t;
  };

  const count = (counterId: string, s: CounterState, until: number) => {
    const ms = Math.max(0, until - s.mark);
    s.mark = Math.max(s.mark, until);
    if (ms === 0 || s.status === 'closed') return;
    const tallies = [tally(byCounter, counterId), ...(s.clerkId ? [tally(byClerk, s.clerkId)] : [])];
    for (const t of tallies) {
      if (s.status === 'open') {
        t.open += ms;
        if (s.holding) t.serving += ms;
      } else {
        t.paused += ms;
        const key = s.reason ?? 'none';
        t.byReason.set(key, (t.byReason.get(key) ?? 0) + ms);
      }
    }
  };

  for (const e of events) {
    let s = states.get(e.counterId);
    if (!s) states.set(e.counterId, (s = { status: 'closed', clerkId: null, reason: null, holding: false, mark: e.at, day: e.day, lastAt: e.at }));
    if (e.day !== s.day) {
      count(e.counterId, s, s.lastAt);
      s.mark = e.at;
      s.day = e.day;
    }
    count(e.counterId, s, e.at);
    s.lastAt = e.at;
    if (e.type.startsWith('counter.')) {
      s.status = e.type === 'counter.open' ? 'open' : e.type === 'counter.paused' ? 'paused' : 'closed';
      const clerkId = e.data?.clerkId;
      s.clerkId = typeof clerkId === 'string' ? clerkId : null;
      const reason = e.data?.reason;
      s.reason = s.status === 'paused' && typeof reason === 'string' ? reason : null;
      if (s.status === 'closed') s.holding = false;
    } else if (e.type === 'ticket.called') {
      s.holding = true;
    } else if (RELEASES.has(e.type)) {
      s.holding = false;
    }
  }
  for (const [counterId, s] of states) count(counterId, s, s.day === today ? Math.max(now, s.lastAt) : s.lastAt);

  const rows = (m: Map<string, Tally>, nameOf: ReadonlyMap<string, string>): AttendanceRow[] =>
    [...m]
      .map(([id, t]) => ({
        id,
        name: nameOf.get(id) ?? id,
        signedInMinutes: minutes(t.open + t.paused),
        openMinutes: minutes(t.open),
        servingMinutes: minutes(t.serving),
        idleMinutes: minutes(t.open - t.serving),
        pausedMinutes: minutes(t.paused),
        pausedByReason: Object.fromEntries([...t.byReason].map(([k, ms]) => [k, minutes(ms)])),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  return { clerks: rows(byClerk, names.clerks), counters: rows(byCounter, names.counters) };
}

/** The CSV download: one row per clerk, then per counter; one paused column per reason key. */
export function attendanceCsv(a: { clerks: AttendanceRow[]; counters: AttendanceRow[] }, reasons: readonly string[]): string {
  const keys = [...new Set([...reasons, ...[...a.clerks, ...a.counters].flatMap((r) => Object.keys(r.pausedByReason))])];
  const header = ['kind', 'id', 'name', 'signed_in_min', 'open_min', 'serving_min', 'idle_min', 'paused_min', ...keys.map((k) => `paused_${k}_min`)];
  const line = (kind: string, r: AttendanceRow) => [kind, r.id, r.name, r.signedInMinutes, r.openMinutes, r.servingMinutes, r.idleMinutes, r.pausedMinutes, ...keys.map((k) => r.pausedByReason[k] ?? 0)];
  return toCsv(header, [...a.clerks.map((r) => line('clerk', r)), ...a.counters.map((r) => line('counter', r))]);
}
