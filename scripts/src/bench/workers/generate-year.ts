// Fills a seeded Foleni database with a year of history: about `tickets` tickets over `days` days ending
// today (the centre's time zone), each with the event log a real day would leave (issued, called,
// started, completed; or a no-show, a cancellation, an expiry), and today's queue still open.
// Deterministic (seeded), with the demo history's morning peak (server/src/demo/past-days.ts), and fast: one
// transaction per day, the plain indexes rebuilt at the end.
// Usage: generate-year.ts <dbFile> <tickets> <days>; reports { type: 'done', data: {...} } over IPC.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { ticketLabel } from '@foleni/shared';
import { arrivalTimes, centreTime, seededRandom, weightedPicker } from '@foleni/server/demo/past-days.js';

const [file, ticketsArg, daysArg] = process.argv.slice(2);
const total = Number(ticketsArg ?? 2_000_000);
const dayCount = Number(daysArg ?? 365);
const db = new Database(file!);
// No journal while filling: if this process dies, the bench starts over from a new database anyway.
db.pragma('journal_mode = OFF');
db.pragma('locking_mode = EXCLUSIVE');
db.pragma('synchronous = OFF');
db.pragma('cache_size = -400000');

// Seeded (the same database every run), with the demo history's helpers for random, centre time and arrivals.
const rand = seededRandom(0x5eed);
const between = (lo: number, hi: number) => lo + (hi - lo) * rand();
const minutes = (m: number) => Math.round(m * 60_000);

// Every day gets the weekday hours of a Monday: the figures need a busy day each day, not the centre's week.
const centre = db.prepare("SELECT c.timezone, h.opens, h.closes FROM centre c JOIN centre_hours h ON h.weekday = 'mon' WHERE c.id = 1").get() as {
  timezone: string;
  opens: string;
  closes: string;
};
const services = db.prepare('SELECT id, code, sla_minutes FROM services WHERE deleted_at IS NULL ORDER BY display_order, code').all() as { id: string; code: string; sla_minutes: number }[];
const counters = db.prepare('SELECT id FROM counters WHERE deleted_at IS NULL').all() as { id: string }[];
const links = db.prepare('SELECT counter_id, service_id FROM counter_services').all() as { counter_id: string; service_id: string }[];
const clerks = (db.prepare("SELECT id FROM users WHERE role = 'clerk'").all() as { id: string }[]).map((u) => u.id);
const kiosk = (db.prepare("SELECT id FROM devices WHERE kind = 'kiosk' LIMIT 1").get() as { id: string } | undefined)?.id ?? null;
const countersOf = new Map<string, string[]>();
for (const l of links) countersOf.set(l.service_id, [...(countersOf.get(l.service_id) ?? []), l.counter_id]);
// Some services are far busier than others.
const pickService = weightedPicker(services, (_, i) => 1 / (i + 1.5), rand);
const { dayOf, localTime } = centreTime(centre.timezone);

// Plain indexes are rebuilt once at the end: inserting into them row by row is most of the cost.
const plainIndexes = (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('tickets', 'events') AND sql NOT LIKE '%UNIQUE%' AND sql NOT LIKE '%WHERE%'").all() as { name: string; sql: string }[]);
for (const i of plainIndexes) db.exec(`DROP INDEX ${i.name}`);

const insertTicket = db.prepare(`INSERT INTO tickets (id, day, service_id, number, label, priority, lang, source, status, counter_id, clerk_id,
  device_id, issued_at, arrival_at, first_called_at, called_at, serving_at, done_at, call_count) VALUES
  (@id, @day, @service, @number, @label, @priority, @lang, @source, @status, @counter, @clerk, @device, @issued, @issued, @called, @called, @serving, @done, @calls)`);
const insertEvent = db.prepare('INSERT INTO events (at, day, type, ticket_rowid, service_id, counter_id, user_id, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
const setNumber = db.prepare('INSERT INTO ticket_numbers (day, code, last_number) VALUES (?, ?, ?) ON CONFLICT (day, code) DO UPDATE SET last_number = excluded.last_number');

const now = Date.now();
const today = dayOf(now);
const days: string[] = [];
for (let d = dayCount - 1; d >= 0; d--) days.push(dayOf(now - d * 86_400_000));
const perDay = Math.round(total / days.length);
const ids = (n: number) => {
  const bytes = randomBytes(16 * n);
  return Array.from({ length: n }, (_, i) => bytes.subarray(i * 16, i * 16 + 16).toString('base64url'));
};

interface Pending {
  at: number;
  type: string;
  rowid: number;
  service: string;
  counter: string | null;
  user: string | null;
  data: string;
}

let tickets = 0;
let events = 0;
const started = performance.now();
const fillDay = db.transaction((day: string) => {
  const isToday = day === today;
  const opens = localTime(day, centre.opens);
  const closes = isToday ? Math.min(localTime(day, centre.closes), now - 60_000) : localTime(day, centre.closes);
  const from = isToday ? Math.min(opens, closes - 8 * 3_600_000) : opens;
  const n = isToday ? Math.round(perDay * 0.6) : perDay;
  const issuedTimes = arrivalTimes(rand, n, from, closes);
  const numbers = new Map<string, number>();
  const idList = ids(n);
  const log: Pending[] = [];
  issuedTimes.forEach((issued, i) => {
    const s = pickService();
    const number = (numbers.get(s.code) ?? 0) + 1;
    numbers.set(s.code, number);
    const counter = (() => {
      const list = countersOf.get(s.id) ?? counters.map((c) => c.id);
      return list[Math.floor(rand() * list.length)]!;
    })();
    const clerk = clerks[Math.floor(rand() * clerks.length)] ?? null;
    const r = rand();
    // Today, the last hour's tickets are still waiting.
    const open = isToday && issued > now - 3_600_000 && r < 0.8;
    const status = open ? 'waiting' : r < 0.85 ? 'done' : r < 0.91 ? 'no_show' : r < 0.95 ? 'cancelled' : isToday ? 'done' : 'expired';
    // A no-show can come back the same day; at the day's close it expires, as the server does.
    const stored = status === 'no_show' && !isToday ? 'expired' : status;
    const called = status === 'done' || status === 'no_show' ? issued + minutes(between(1, 45) * (rand() < 0.2 ? 2 : 1)) : null;
    const serving = status === 'done' && called ? called + minutes(between(0.3, 2.5)) : null;
    const done = serving ? serving + minutes(between(2, 12)) : status === 'no_show' && called ? called + minutes(3) : status === 'cancelled' ? issued + minutes(between(5, 60)) : null;
    const priority = rand() < 0.06 ? (['pwd', 'elderly', 'pregnant'] as const)[Math.floor(rand() * 3)]! : 'none';
    const source = rand() < 0.85 ? 'kiosk' : 'staff';
    const row = insertTicket.run({
      id: idList[i]!,
      day,
      service: s.id,
      number,
      label: ticketLabel(s.code, number),
      priority,
      lang: rand() < 0.4 ? 'sw' : 'en',
      source,
      status: stored,
      counter: called ? counter : null,
      clerk: called ? clerk : null,
      device: source === 'kiosk' ? kiosk : null,
      issued,
      called,
      serving,
      done,
      calls: called ? 1 : 0,
    });
    const rowid = Number(row.lastInsertRowid);
    tickets++;
    const ev = (at: number, type: string, c: string | null, user: string | null, data: object) =>
      log.push({ at, type, rowid, service: s.id, counter: c, user, data: JSON.stringify(data) });
    ev(issued, 'ticket.issued', null, null, { status: 'waiting', priority, source });
    if (called) ev(called, 'ticket.called', counter, clerk, { status: 'called' });
    if (serving) ev(serving, 'ticket.started', counter, clerk, { status: 'serving' });
    if (status === 'done' && done) ev(done, 'ticket.completed', counter, clerk, { status: 'done' });
    if (status === 'no_show' && done) ev(done, 'ticket.no_show', counter, clerk, { status: 'no_show' });
    if (status === 'cancelled' && done) ev(done, 'ticket.cancelled', null, null, { status: 'cancelled' });
    if (status === 'expired' || (status === 'no_show' && !isToday)) ev(localTime(day, '23:59'), 'ticket.expired', null, null, { status: 'expired' });
  });
  // The log is in time order, as the server would have written it.
  log.sort((a, b) => a.at - b.at);
  for (const e of log) insertEvent.run(e.at, day, e.type, e.rowid, e.service, e.counter, e.user, e.data);
  events += log.length;
  for (const [code, last] of numbers) setNumber.run(day, code, last);
});

for (const day of days) fillDay(day);
for (const i of plainIndexes) db.exec(i.sql);
db.exec('ANALYZE');
db.pragma('locking_mode = NORMAL');
db.pragma('journal_mode = WAL');
db.close();
process.send!({ type: 'done', data: { tickets, events, days: days.length, from: days[0], to: today, sec: (performance.now() - started) / 1000 } });
