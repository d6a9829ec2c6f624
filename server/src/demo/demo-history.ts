// Eight weeks of past days for the demo centre, so the manager's reports and charts show real figures on
// the first start. Each day is lived by the queue engine itself: a QueueService on a clock this module moves
// through the day's simulated times takes every step (issue, open, call-next, recall, start, complete,
// no-show, transfer, cancel, pause, close) by its own rules, routing and event format. What is simulated
// here is only the people: who comes when and for what, how long each takes, lunch breaks, no-shows,
// transfers, people who give up. Each day is then closed by the real day close (which expires what is
// still open), and the days are summarised by the code that summarises days for reports.
import { hoursOn } from '@foleni/shared';
import type { Lang, OpeningWeek, Priority } from '@foleni/shared';
import type { AppContext } from '../app-context.js';
import type { StaffActor } from '../auth/actor.js';
import { dayOf, ManualClock } from '../clock.js';
import type { Db } from '../db/db.js';
import { WriteQueue } from '../db/write-queue.js';
import type { Tx } from '../db/write-queue.js';
import { CentreService } from '../queue/centre.service.js';
import { QueueService } from '../queue/queue.service.js';
import type { Repositories } from '../repositories/index.js';
import { DEMO_STAFF_PASSWORD } from './demo-centre.js';
import { arrivalTimes, centreTime, drawCitizen, normal, seededRandom, weightedPicker } from './past-days.js';

/** Clerks of the other shift: with the five demo clerks, one for each of the ten counters. */
export const HISTORY_CLERKS: readonly (readonly [string, string])[] = [
  ['njeri', 'Njeri Wambui'],
  ['omondi', 'Omondi Ochieng'],
  ['chebet', 'Chebet Jepkosgei'],
  ['mutua', 'Mutua Musyoka'],
  ['halima', 'Halima Abdi'],
];

/** How many of the day's citizens come for each demo service (other services: 4). */
export const SERVICE_WEIGHTS: Record<string, number> = { A: 18, B: 10, D: 3, H: 14, N: 7, K: 9, G: 8, R: 5, L: 8, S: 5, Y: 3, P: 10 };
/** Sunday … Saturday: Mondays are the busiest, Saturdays half as busy, Sundays closed (a day lives only if the centre's week opens it too). */
const WEEKDAY_LOAD = [0, 1.3, 1.08, 1, 1, 1.08, 0.6];
const BASE_TICKETS = 520;
const MINUTE = 60_000;

// ---- the engine the past is lived by ----

/**
 * The write queue of the past days: a write runs the moment it is asked for, inside the day's transaction,
 * instead of at the next turn of the event loop, so awaiting the engine's answer to each step costs no turn.
 * Nothing else writes meanwhile, and a step the engine refuses throws and undoes the day (at the first
 * start, the whole setup), so a write needs no savepoint of its own (with one, seeding took ~15% longer).
 */
class WritesAtOnce extends WriteQueue {
  override run<T>(fn: (tx: Tx) => T): Promise<T> {
    const after: (() => void)[] = [];
    try {
      const value = fn({ afterCommit: (f) => after.push(f), onRollback: () => undefined });
      for (const f of after) f();
      return Promise.resolve(value);
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

/** The queue engine on a clock of its own, for days gone by. */
export interface PastEngine {
  queue: QueueService;
  clock: ManualClock;
  repos: Repositories;
}

export function pastEngine(ctx: Pick<AppContext, 'db' | 'repos'>, startAt: number): PastEngine {
  const clock = new ManualClock(startAt);
  const writes = new WritesAtOnce(ctx.db);
  return { queue: new QueueService(ctx.repos, writes, clock, new CentreService(ctx.repos, clock)), clock, repos: ctx.repos };
}

// ---- one day, lived ----

export interface DemoPlace {
  timezone: string;
  /** The centre's week: each day is lived within its own hours (the demo's Saturday is a half day). */
  week: OpeningWeek;
  services: { id: string; code: string; serviceMinutes: number }[];
  /** Counters in order, each with its services in order of preference and the clerk who works there. */
  counters: { id: string; serviceIds: string[]; clerk: StaffActor }[];
  manager: StaffActor;
  kioskId: string | null;
  /** A journey for some citizens (about one in sixteen), else null; drawn from its own random sequence. */
  pickJourney?: () => string | null;
}

/** What a clerk knows of her counter: whether she is at it, with someone, or about to press call-next. */
interface Desk {
  id: string;
  serviceIds: string[];
  clerk: StaffActor;
  status: 'open' | 'paused' | 'closed';
  busy: boolean;
  /** Going to press call-next at this moment already (so she is woken once). */
  calling: boolean;
  lunchAt: number;
  lunched: boolean;
}

type Happening =
  | { at: number; kind: 'arrive'; serviceId: string; journeyId: string | null; priority: Priority; lang: Lang; kiosk: boolean; givesUpAfter: number | null }
  | { at: number; kind: 'open' | 'free' | 'closing'; desk: Desk }
  | { at: number; kind: 'start' | 'recall' | 'no-show' | 'complete' | 'transfer'; desk: Desk; ticketId: string }
  | { at: number; kind: 'give-up'; ticketId: string };

/** Happenings by time, then in the order they were planned (a binary heap). */
class Agenda {
  private heap: { h: Happening; n: number }[] = [];
  private n = 0;
  push(h: Happening): void {
    const heap = this.heap;
    heap.push({ h, n: this.n++ });
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  }
  pop(): Happening | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        let m = i;
        if (l < heap.length && this.less(heap[l]!, heap[m]!)) m = l;
        if (l + 1 < heap.length && this.less(heap[l + 1]!, heap[m]!)) m = l + 1;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top?.h;
  }
  private less(a: { h: Happening; n: number }, b: { h: Happening; n: number }): boolean {
    return a.h.at < b.h.at || (a.h.at === b.h.at && a.n < b.n);
  }
}

/**
 * Lives one opening day through the engine, its clock set to each happening's time: citizens take tickets,
 * clerks open, call the next (the engine chooses whom), serve, break for lunch and close. Returns how many
 * tickets were issued. What is still open at the end is left to the day close.
 */
export async function liveDay(engine: PastEngine, place: DemoPlace, day: string, rand: () => number): Promise<number> {
  const { queue, clock, repos } = engine;
  const time = centreTime(place.timezone);
  const between = (lo: number, hi: number) => lo + (hi - lo) * rand();
  const pickService = weightedPicker(place.services, (s) => SERVICE_WEIGHTS[s.code] ?? 4, rand);
  const minutesOf = new Map(place.services.map((s) => [s.id, s.serviceMinutes]));
  const hours = hoursOn(place.week, day);
  if (!hours) return 0;
  const opens = time.localTime(day, hours.opens);
  const closes = time.localTime(day, hours.closes);
  // Nobody is called more than an hour and a quarter after closing: who is left then expires at the day close.
  const lastCall = closes + 75 * MINUTE;
  const agenda = new Agenda();

  const load = (WEEKDAY_LOAD[time.weekday(day)] ?? 1) * between(0.88, 1.12);
  const n = Math.max(300, Math.min(900, Math.round(BASE_TICKETS * load)));
  for (const at of arrivalTimes(rand, n, opens, closes)) {
    agenda.push({
      at,
      kind: 'arrive',
      serviceId: pickService().id,
      journeyId: place.pickJourney?.() ?? null,
      ...drawCitizen(rand),
      kiosk: rand() < 0.9,
      givesUpAfter: rand() < 0.03 ? between(20, 75) * MINUTE : null,
    });
  }
  const desks: Desk[] = place.counters.map((c) => ({
    ...c,
    status: 'closed',
    busy: false,
    calling: false,
    // Lunch in turns between 12:15 and 13:45 (a service with one counter waits longer meanwhile); a half
    // day has none.
    lunchAt: time.localTime(day, '12:15') + Math.floor(rand() * 7) * 15 * MINUTE,
    lunched: closes - opens < 6 * 60 * MINUTE,
  }));
  for (const d of desks) {
    agenda.push({ at: opens - Math.round(between(0, 8) * MINUTE), kind: 'open', desk: d });
    agenda.push({ at: closes, kind: 'closing', desk: d });
  }
  // Someone came for a service: the idle clerk who serves it first (by her counter's preference) looks up.
  const wake = (serviceId: string, at: number) => {
    let best: Desk | undefined;
    let bestRank = Infinity;
    for (const d of desks) {
      const rank = d.serviceIds.indexOf(serviceId);
      if (d.status === 'open' && !d.busy && !d.calling && rank >= 0 && rank < bestRank) [best, bestRank] = [d, rank];
    }
    if (best) {
      best.calling = true;
      agenda.push({ at, kind: 'free', desk: best });
    }
  };
  const close = async (d: Desk) => {
    await queue.closeCounter(d.id, d.clerk);
    d.status = 'closed';
  };

  let issued = 0;
  for (let h = agenda.pop(); h; h = agenda.pop()) {
    clock.set(h.at);
    switch (h.kind) {
      case 'arrive': {
        const kiosk = h.kiosk && place.kioskId !== null;
        const { ticket } = await queue.issue({
          serviceId: h.serviceId,
          journeyId: h.journeyId,
          priority: h.priority,
          lang: h.lang,
          source: kiosk ? 'kiosk' : 'staff',
          deviceId: kiosk ? place.kioskId : null,
          issuedBy: kiosk ? null : place.manager.id,
          idempotencyKey: null,
        });
        issued++;
        if (h.givesUpAfter !== null) agenda.push({ at: h.at + Math.round(h.givesUpAfter), kind: 'give-up', ticketId: ticket.id });
        wake(ticket.serviceId, h.at);
        break;
      }
      case 'give-up':
        // The manager takes the ticket of someone who left off the queue, if nobody called it meanwhile.
        if (repos.tickets.byId(h.ticketId)?.status === 'waiting') await queue.cancel(h.ticketId, place.manager);
        break;
      case 'open':
        await queue.openCounter(h.desk.id, h.desk.clerk);
        h.desk.status = 'open';
        h.desk.calling = true;
        agenda.push({ at: h.at, kind: 'free', desk: h.desk });
        break;
      case 'closing': {
        const d = h.desk;
        if (d.status !== 'closed' && !d.busy && !d.calling) await close(d);
        break;
      }
      case 'free': {
        const d = h.desk;
        d.calling = false;
        d.busy = false;
        if (d.status !== 'open') break;
        if (!d.lunched && h.at >= d.lunchAt && h.at < closes) {
          d.lunched = true;
          await queue.pauseCounter(d.id, d.clerk, 'lunch');
          d.status = 'paused';
          agenda.push({ at: h.at + Math.round(between(35, 50) * MINUTE), kind: 'open', desk: d });
          break;
        }
        const next = h.at < lastCall ? await queue.callNext(d.id, d.clerk) : null;
        if (!next) {
          if (h.at >= closes) await close(d);
          break;
        }
        d.busy = true;
        if (rand() < 0.04) {
          // Nobody comes: called again, then marked as a no-show.
          agenda.push({ at: h.at + Math.round(between(1, 2) * MINUTE), kind: 'recall', desk: d, ticketId: next.id });
          agenda.push({ at: h.at + Math.round(between(3, 4) * MINUTE), kind: 'no-show', desk: d, ticketId: next.id });
        } else {
          const walkUp = Math.round(between(0.3, 1.5) * MINUTE);
          const service = Math.round(Math.max(1, (minutesOf.get(next.serviceId) ?? 5) * Math.exp(normal(rand, -0.15, 0.4))) * MINUTE);
          agenda.push({ at: h.at + walkUp, kind: 'start', desk: d, ticketId: next.id });
          agenda.push({ at: h.at + walkUp + service, kind: rand() < 0.025 ? 'transfer' : 'complete', desk: d, ticketId: next.id });
        }
        break;
      }
      case 'recall':
        await queue.recall(h.ticketId, h.desk.clerk);
        break;
      case 'start':
        await queue.start(h.ticketId, h.desk.clerk);
        break;
      case 'no-show':
        await queue.noShow(h.ticketId, h.desk.clerk);
        agenda.push({ at: h.at, kind: 'free', desk: h.desk });
        break;
      case 'complete': {
        const after = await queue.complete(h.ticketId, h.desk.clerk);
        agenda.push({ at: h.at, kind: 'free', desk: h.desk });
        // A journey's next step: the citizen walks over to that line by themselves.
        if (after.status === 'waiting') wake(after.serviceId, h.at);
        break;
      }
      case 'transfer': {
        // Sent on to another service (a birth certificate before the ID card, say), keeping the place in line.
        const from = repos.tickets.byId(h.ticketId)!.serviceId;
        let to = pickService().id;
        while (to === from) to = pickService().id;
        await queue.transfer(h.ticketId, to, 'Sent on for another document', h.desk.clerk);
        agenda.push({ at: h.at, kind: 'free', desk: h.desk });
        wake(to, h.at);
        break;
      }
    }
  }
  return issued;
}

// ---- the demo's past weeks ----

export interface DemoHistoryOptions {
  /** Weeks of past days, ending yesterday (default 8). */
  weeks?: number;
  /** The instant "today" is taken from (default the app's clock). */
  now?: number;
  seed?: number;
}

export interface DemoHistoryResult {
  /** false when the centre already had tickets: history is made for a new centre only. */
  seeded: boolean;
  days: number;
  tickets: number;
  events: number;
  ms: number;
}

/** The demo centre as its past days need it; creates the other shift's clerks if they are not there. */
export async function demoPlace(ctx: AppContext): Promise<DemoPlace> {
  await Promise.all(
    HISTORY_CLERKS.filter(([username]) => !ctx.repos.users.byUsername(username)).map(([username, displayName]) =>
      ctx.admin.createUser({ username, password: DEMO_STAFF_PASSWORD, displayName, role: 'clerk', active: true }, null),
    ),
  );
  const users = ctx.repos.users.list().filter((u) => u.active);
  const actor = (u: (typeof users)[number]): StaffActor => ({ kind: 'user', id: u.id, username: u.username, displayName: u.displayName, role: u.role });
  const clerks = users.filter((u) => u.role === 'clerk').map(actor);
  const manager = users.find((u) => u.role === 'manager') ?? users.find((u) => u.role === 'admin');
  if (!manager) throw new Error('the demo centre has no manager');
  if (clerks.length === 0) throw new Error('the demo centre has no clerks');
  const centre = ctx.centre.get();
  return {
    timezone: centre.timezone,
    week: centre.openingHours,
    services: ctx.repos.services.list().filter((s) => s.active),
    // A clerk sits at one counter: with more counters than clerks, the last ones stay closed.
    counters: ctx.repos.counters
      .list()
      .filter((c) => c.active)
      // The services as callNext reads them.
      .map((c) => ({ id: c.id, serviceIds: ctx.repos.counters.get(c.id)!.serviceIds }))
      .filter((c) => c.serviceIds.length > 0)
      .slice(0, clerks.length)
      .map((c, i) => ({ ...c, clerk: clerks[i]! })),
    manager: actor(manager),
    kioskId: ctx.repos.devices.list().find((d) => d.kind === 'kiosk' && d.status === 'active')?.id ?? null,
    pickJourney: journeyPicker(ctx.repos.journeys.list().filter((j) => j.active).map((j) => j.id)),
  };
}

/** One citizen in sixteen comes for a journey, on a random sequence of its own: the other draws stay as they were. */
function journeyPicker(ids: string[]): (() => string | null) | undefined {
  if (ids.length === 0) return undefined;
  const rand = seededRandom(0x10a2e7);
  return () => (rand() < 1 / 16 ? ids[Math.floor(rand() * ids.length)]! : null);
}

/** The past days of the weeks before `today` that the centre opens on (Monday to Saturday, not holidays). */
export function pastDays(place: Pick<DemoPlace, 'timezone' | 'week'>, today: string, weeks: number): string[] {
  const time = centreTime(place.timezone);
  const days: string[] = [];
  for (let d = weeks * 7; d >= 1; d--) {
    const day = time.addDays(today, -d);
    if ((WEEKDAY_LOAD[time.weekday(day)] ?? 0) > 0 && hoursOn(place.week, day)) days.push(day);
  }
  return days;
}

const COMMENTS: readonly (readonly [number, string])[] = [
  [5, 'Quick and friendly, thank you.'],
  [5, 'Huduma nzuri sana, asanteni.'],
  [4, 'Good service, the screen told me where to go.'],
  [4, 'Nimehudumiwa vizuri.'],
  [3, 'The wait for the ID was long.'],
  [2, 'Foleni ilikuwa ndefu sana leo.'],
  [1, 'I waited and my number was skipped.'],
];
const RATINGS = [5, 5, 5, 5, 4, 4, 4, 3, 3, 2, 1] as const;

/**
 * About one in eight served citizens rates the visit on the phone a few minutes later; some write a word.
 * The row is the one POST /tickets/:id/feedback writes (once, for a ticket that is done).
 */
function rateSome(repos: Repositories, day: string, rand: () => number): void {
  for (const t of repos.tickets.doneOn(day)) {
    if (rand() >= 0.12) continue;
    const rating = RATINGS[Math.floor(rand() * RATINGS.length)]!;
    const said = rand() < 0.25 ? COMMENTS.filter(([r]) => r === rating) : [];
    const comment = said.length ? said[Math.floor(rand() * said.length)]![1] : null;
    repos.feedback.insert(t.rowid, rating, comment, t.doneAt + Math.round((2 + rand() * 20) * MINUTE), 'demo');
  }
}

/**
 * Runs `body` in one SQLite transaction unless one is open already (the first start's setup is one). The
 * body must await nothing but the past engine, whose writes are done before their promise is: no other
 * write can run inside the transaction meanwhile.
 */
async function inOneTransaction<T>(db: Db, body: () => Promise<T>): Promise<T> {
  if (db.inTransaction) return body();
  db.exec('BEGIN IMMEDIATE');
  try {
    const value = await body();
    db.exec('COMMIT');
    return value;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Fills a new demo centre (seedDemoCentre first) with its past weeks. Does nothing if the centre already
 * has tickets. Run it before the centre takes requests (at the first start).
 */
export async function seedDemoHistory(ctx: AppContext, opts: DemoHistoryOptions = {}): Promise<DemoHistoryResult> {
  const started = performance.now();
  if (ctx.repos.tickets.lastIssued() !== undefined) return { seeded: false, days: 0, tickets: 0, events: 0, ms: 0 };
  const place = await demoPlace(ctx);
  const now = opts.now ?? ctx.clock.now();
  const days = pastDays(place, dayOf(now, place.timezone), opts.weeks ?? 8);
  const rand = seededRandom(opts.seed ?? 0x0f01e1);
  // Its own sequence, so the ratings change none of the days.
  const feedbackRand = seededRandom((opts.seed ?? 0x0f01e1) ^ 0xfeed);
  const time = centreTime(place.timezone);
  const engine = pastEngine(ctx, days.length ? time.localTime(days[0]!, '00:00') : now);
  const firstSeq = ctx.repos.events.lastSeq();
  let tickets = 0;
  for (const day of days) {
    await inOneTransaction(ctx.db, async () => {
      tickets += await liveDay(engine, place, day, rand);
      rateSome(ctx.repos, day, feedbackRand);
      // A running server closes a day just after midnight: what is still open (a no-show who never came
      // back, someone still waiting at the last call) expires, on the day it was issued.
      engine.clock.set(Math.min(time.localTime(time.addDays(day, 1), '00:01'), now));
      await engine.queue.closeDay();
    });
    // Let the rest of the process breathe between days.
    await new Promise((resolve) => setImmediate(resolve));
  }
  ctx.stats.reports.build(days);
  return { seeded: true, days: days.length, tickets, events: ctx.repos.events.lastSeq() - firstSeq, ms: Math.round(performance.now() - started) };
}
