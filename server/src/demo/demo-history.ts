// Eight weeks of past days for the demo centre, so the manager's reports and charts show real figures on
// the first start. Each day is simulated (who comes when and for what, how long each takes, lunch breaks,
// no-shows, transfers, people who give up) with the queue's own routing rule, then written as the queue
// writes a day: the same ticket rows, the same events in the same order (global seq), the same ticket
// numbers and counter steps. Writing a day directly takes milliseconds where living it through the
// QueueService takes seconds; demo-history.test.ts replays simulated days through the real QueueService
// and checks that both leave exactly the same rows. Each day is then closed by the real day close (which
// expires what is still open) and summarised by the code that summarises days for reports.
import type { CounterStatus, Lang, Priority, TicketSource } from '@foleni/shared';
import { ticketLabel } from '@foleni/shared';
import type { AppContext } from '../app-context.js';
import type { StaffActor } from '../auth/actor.js';
import { dayOf, iso, ManualClock } from '../clock.js';
import { newTicketId } from '../ids.js';
import { CentreService } from '../queue/centre.service.js';
import { QueueService } from '../queue/queue.service.js';
import type { Repositories } from '../repositories/index.js';
import type { TicketRecord } from '../repositories/ticket.repository.js';
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
/** Sunday … Saturday: Mondays are the busiest, Saturdays half as busy, Sundays closed. */
const WEEKDAY_LOAD = [0, 1.3, 1.08, 1, 1, 1.08, 0.6];
const BASE_TICKETS = 520;
const MINUTE = 60_000;

// ---- one simulated day ----

/** A ticket's life as the simulation ends it (the row the queue would leave). */
export type SimTicket = Pick<
  TicketRecord,
  'serviceId' | 'priority' | 'lang' | 'source' | 'deviceId' | 'issuedAt' | 'status' | 'counterId' | 'clerkId' | 'firstCalledAt' | 'calledAt' | 'servingAt' | 'doneAt' | 'callCount' | 'journey' | 'queuedAt' | 'lineCalledAt'
>;

/** One step of the day, in order: what a clerk, the kiosk or the manager did, and the event the queue logs for it. */
export type SimStep = {
  at: number;
  event: { type: string; ticket: number | null; serviceId: string | null; counterId: string | null; userId: string | null; data: Record<string, unknown> };
} & (
  | { op: 'issue'; ticket: number }
  | { op: 'open' | 'pause' | 'close'; counterId: string; userId: string }
  | { op: 'call'; ticket: number; counterId: string; userId: string }
  | { op: 'recall' | 'start' | 'complete' | 'no-show'; ticket: number; userId: string }
  | { op: 'transfer'; ticket: number; to: string; note: string; userId: string }
  | { op: 'cancel'; ticket: number; userId: string }
);

export interface SimDay {
  day: string;
  tickets: SimTicket[];
  steps: SimStep[];
}

export interface DemoPlace {
  timezone: string;
  opens: string;
  closes: string;
  headStartMs: number;
  preferenceBonusMs: number;
  services: { id: string; code: string; serviceMinutes: number; slaMinutes: number }[];
  /** Counters in order, each with its services in order of preference. */
  counters: { id: string; serviceIds: string[] }[];
  /** Clerk user ids: the i-th works at the i-th counter. */
  clerks: string[];
  managerId: string;
  kioskId: string | null;
}

interface Counter {
  id: string;
  serviceIds: string[];
  clerk: string;
  status: CounterStatus;
  busy: boolean;
  /** Asked for its next customer at this moment already (so it is woken once). */
  calling: boolean;
  lunchAt: number;
  lunched: boolean;
}

type Happening =
  | { at: number; kind: 'arrive'; serviceId: string; priority: Priority; lang: Lang; kiosk: boolean; givesUpAfter: number | null }
  | { at: number; kind: 'open' | 'free' | 'closing'; counter: Counter }
  | { at: number; kind: 'start' | 'recall' | 'no-show' | 'complete' | 'transfer'; counter: Counter; ticket: number }
  | { at: number; kind: 'give-up'; ticket: number };

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
 * Lives one day of the centre in memory. Counters call by DESIGN.md's rule (earliest effective arrival =
 * arrival − priority head start − preference bonus, then issue order), as QueueService.callNext does.
 */
export function simulateDay(place: DemoPlace, day: string, rand: () => number): SimDay {
  const time = centreTime(place.timezone);
  const between = (lo: number, hi: number) => lo + (hi - lo) * rand();
  const pickService = weightedPicker(place.services, (s) => SERVICE_WEIGHTS[s.code] ?? 4, rand);
  const minutesOf = new Map(place.services.map((s) => [s.id, s.serviceMinutes]));
  // Each ticket keeps the target in force when it was issued, as the queue records it.
  const slaMinutes = new Map(place.services.map((s) => [s.id, s.slaMinutes]));
  const opens = time.localTime(day, place.opens);
  const closes = time.localTime(day, place.closes);
  // Nobody is called more than an hour and a quarter after closing: who is left then expires at the day close.
  const lastCall = closes + 75 * MINUTE;
  const tickets: SimTicket[] = [];
  const steps: SimStep[] = [];
  const agenda = new Agenda();

  const load = (WEEKDAY_LOAD[time.weekday(day)] ?? 1) * between(0.88, 1.12);
  const n = Math.max(300, Math.min(900, Math.round(BASE_TICKETS * load)));
  for (const at of arrivalTimes(rand, n, opens, closes)) {
    agenda.push({
      at,
      kind: 'arrive',
      serviceId: pickService().id,
      ...drawCitizen(rand),
      kiosk: rand() < 0.9,
      givesUpAfter: rand() < 0.03 ? between(20, 75) * MINUTE : null,
    });
  }
  const counters: Counter[] = place.counters.map((c, i) => ({
    id: c.id,
    serviceIds: c.serviceIds,
    clerk: place.clerks[i % place.clerks.length]!,
    status: 'closed',
    busy: false,
    calling: false,
    // Lunch in turns between 12:15 and 13:45 (a service with one counter waits longer meanwhile).
    lunchAt: time.localTime(day, '12:15') + Math.floor(rand() * 7) * 15 * MINUTE,
    lunched: false,
  }));
  for (const c of counters) {
    agenda.push({ at: opens - Math.round(between(0, 8) * MINUTE), kind: 'open', counter: c });
    agenda.push({ at: closes, kind: 'closing', counter: c });
  }

  const ticketStep = (at: number, t: number, type: string, userId: string | null, counterBefore: string | null, data: Record<string, unknown>) => {
    const s = tickets[t]!;
    return { at, event: { type, ticket: t, serviceId: s.serviceId, counterId: s.counterId ?? counterBefore, userId, data } };
  };
  const counterStep = (at: number, c: Counter, op: 'open' | 'pause' | 'close', status: CounterStatus, clerkId: string | null) => {
    steps.push({ at, op, counterId: c.id, userId: c.clerk, event: { type: `counter.${status}`, ticket: null, serviceId: null, counterId: c.id, userId: c.clerk, data: { clerkId, from: c.status } } });
    c.status = status;
  };
  const wake = (serviceId: string, at: number) => {
    let best: Counter | undefined;
    let bestRank = Infinity;
    for (const c of counters) {
      const rank = c.serviceIds.indexOf(serviceId);
      if (c.status === 'open' && !c.busy && !c.calling && rank >= 0 && rank < bestRank) [best, bestRank] = [c, rank];
    }
    if (best) {
      best.calling = true;
      agenda.push({ at, kind: 'free', counter: best });
    }
  };
  // Who waits, per service, in routing order without the counter's preference bonus: [key, ticket].
  const lines = new Map<string, [number, number][]>(place.services.map((s) => [s.id, []]));
  const keyOf = (t: number) => tickets[t]!.issuedAt - (tickets[t]!.priority === 'none' ? 0 : place.headStartMs);
  const joinLine = (t: number) => {
    const line = lines.get(tickets[t]!.serviceId)!;
    const key = keyOf(t);
    let i = line.length;
    while (i > 0 && (line[i - 1]![0] > key || (line[i - 1]![0] === key && line[i - 1]![1] > t))) i--;
    line.splice(i, 0, [key, t]);
  };
  const leaveLine = (t: number) => {
    const line = lines.get(tickets[t]!.serviceId)!;
    line.splice(line.findIndex(([, x]) => x === t), 1);
  };
  const nextFor = (c: Counter): number | undefined => {
    let best: [number, number] | undefined;
    const k = c.serviceIds.length;
    c.serviceIds.forEach((serviceId, rank) => {
      const head = lines.get(serviceId)?.[0];
      if (!head) return;
      const key = head[0] - (k - 1 - rank) * place.preferenceBonusMs;
      if (!best || key < best[0] || (key === best[0] && head[1] < best[1])) best = [key, head[1]];
    });
    return best?.[1];
  };

  for (let h = agenda.pop(); h; h = agenda.pop()) {
    const at = h.at;
    switch (h.kind) {
      case 'arrive': {
        const t = tickets.length;
        const source: TicketSource = h.kiosk && place.kioskId ? 'kiosk' : 'staff';
        tickets.push({
          serviceId: h.serviceId,
          priority: h.priority,
          lang: h.lang,
          source,
          deviceId: source === 'kiosk' ? place.kioskId : null,
          issuedAt: at,
          status: 'waiting',
          counterId: null,
          clerkId: null,
          firstCalledAt: null,
          calledAt: null,
          servingAt: null,
          doneAt: null,
          callCount: 0,
          journey: [],
          queuedAt: at,
          lineCalledAt: null,
        });
        joinLine(t);
        steps.push({
          op: 'issue',
          ticket: t,
          ...ticketStep(at, t, 'ticket.issued', null, null, { status: 'waiting', priority: h.priority, source, slaMinutes: slaMinutes.get(h.serviceId)! }),
        });
        if (h.givesUpAfter !== null) agenda.push({ at: at + Math.round(h.givesUpAfter), kind: 'give-up', ticket: t });
        wake(h.serviceId, at);
        break;
      }
      case 'give-up': {
        const s = tickets[h.ticket]!;
        if (s.status !== 'waiting') break;
        // The manager takes the ticket of someone who left off the queue.
        leaveLine(h.ticket);
        Object.assign(s, { status: 'cancelled', doneAt: at });
        steps.push({ op: 'cancel', ticket: h.ticket, userId: place.managerId, ...ticketStep(at, h.ticket, 'ticket.cancelled', place.managerId, null, { status: 'cancelled' }) });
        break;
      }
      case 'open':
        counterStep(at, h.counter, 'open', 'open', h.counter.clerk);
        h.counter.calling = true;
        agenda.push({ at, kind: 'free', counter: h.counter });
        break;
      case 'closing':
        if (h.counter.status !== 'closed' && !h.counter.busy && !h.counter.calling) counterStep(at, h.counter, 'close', 'closed', null);
        break;
      case 'free': {
        const c = h.counter;
        c.calling = false;
        c.busy = false;
        if (c.status !== 'open') break;
        if (!c.lunched && at >= c.lunchAt && at < closes) {
          c.lunched = true;
          counterStep(at, c, 'pause', 'paused', c.clerk);
          agenda.push({ at: at + Math.round(between(35, 50) * MINUTE), kind: 'open', counter: c });
          break;
        }
        const t = at < lastCall ? nextFor(c) : undefined;
        if (t === undefined) {
          if (at >= closes) counterStep(at, c, 'close', 'closed', null);
          break;
        }
        const s = tickets[t]!;
        leaveLine(t);
        Object.assign(s, { status: 'called', counterId: c.id, clerkId: c.clerk, calledAt: at, firstCalledAt: s.firstCalledAt ?? at, lineCalledAt: s.lineCalledAt ?? at, callCount: s.callCount + 1 });
        steps.push({ op: 'call', ticket: t, counterId: c.id, userId: c.clerk, ...ticketStep(at, t, 'ticket.called', c.clerk, null, { status: 'called' }) });
        c.busy = true;
        if (rand() < 0.04) {
          // Nobody comes: called again, then marked as a no-show.
          agenda.push({ at: at + Math.round(between(1, 2) * MINUTE), kind: 'recall', counter: c, ticket: t });
          agenda.push({ at: at + Math.round(between(3, 4) * MINUTE), kind: 'no-show', counter: c, ticket: t });
        } else {
          const walkUp = Math.round(between(0.3, 1.5) * MINUTE);
          const service = Math.round(Math.max(1, (minutesOf.get(s.serviceId) ?? 5) * Math.exp(normal(rand, -0.15, 0.4))) * MINUTE);
          agenda.push({ at: at + walkUp, kind: 'start', counter: c, ticket: t });
          agenda.push({ at: at + walkUp + service, kind: rand() < 0.025 ? 'transfer' : 'complete', counter: c, ticket: t });
        }
        break;
      }
      case 'recall': {
        const s = tickets[h.ticket]!;
        Object.assign(s, { calledAt: at, callCount: s.callCount + 1 });
        steps.push({ op: 'recall', ticket: h.ticket, userId: h.counter.clerk, ...ticketStep(at, h.ticket, 'ticket.recalled', h.counter.clerk, null, { status: 'called' }) });
        break;
      }
      case 'start':
        Object.assign(tickets[h.ticket]!, { status: 'serving', servingAt: at });
        steps.push({ op: 'start', ticket: h.ticket, userId: h.counter.clerk, ...ticketStep(at, h.ticket, 'ticket.started', h.counter.clerk, null, { status: 'serving' }) });
        break;
      case 'no-show':
        Object.assign(tickets[h.ticket]!, { status: 'no_show', doneAt: at });
        steps.push({ op: 'no-show', ticket: h.ticket, userId: h.counter.clerk, ...ticketStep(at, h.ticket, 'ticket.no_show', h.counter.clerk, null, { status: 'no_show' }) });
        agenda.push({ at, kind: 'free', counter: h.counter });
        break;
      case 'complete':
        Object.assign(tickets[h.ticket]!, { status: 'done', doneAt: at });
        steps.push({ op: 'complete', ticket: h.ticket, userId: h.counter.clerk, ...ticketStep(at, h.ticket, 'ticket.completed', h.counter.clerk, null, { status: 'done' }) });
        agenda.push({ at, kind: 'free', counter: h.counter });
        break;
      case 'transfer': {
        // Sent on to another service (a birth certificate before the ID card, say), keeping the place in line.
        const s = tickets[h.ticket]!;
        let to = pickService().id;
        while (to === s.serviceId) to = pickService().id;
        const from = s.serviceId;
        const note = 'Sent on for another document';
        Object.assign(s, {
          status: 'waiting',
          serviceId: to,
          counterId: null,
          clerkId: null,
          calledAt: null,
          servingAt: null,
          journey: [...s.journey, { serviceId: from, at: iso(at), counterId: h.counter.id, note }],
          queuedAt: at,
          lineCalledAt: null,
        });
        joinLine(h.ticket);
        steps.push({ op: 'transfer', ticket: h.ticket, to, note, userId: h.counter.clerk, ...ticketStep(at, h.ticket, 'ticket.transferred', h.counter.clerk, h.counter.id, { status: 'waiting', from, to, note }) });
        agenda.push({ at, kind: 'free', counter: h.counter });
        wake(to, at);
        break;
      }
    }
  }
  return { day, tickets, steps };
}

// ---- writing a day ----

/**
 * Writes a simulated day as the queue would have: the ticket rows with their numbers, then the day's
 * events in order, and the counters' status. Call inside one write (a transaction).
 */
export function writeDay(repos: Repositories, place: DemoPlace, sim: SimDay): void {
  const codes = new Map(place.services.map((s) => [s.id, s.code]));
  const rowids = sim.tickets.map((t) => {
    // A transferred ticket was numbered for the service it was issued for.
    const issuedFor = t.journey[0]?.serviceId ?? t.serviceId;
    const code = codes.get(issuedFor)!;
    const number = repos.tickets.takeNumber(sim.day, code);
    const rowid = repos.tickets.insert({
      id: newTicketId(t.issuedAt),
      day: sim.day,
      serviceId: issuedFor,
      number,
      label: ticketLabel(code, number),
      priority: t.priority,
      lang: t.lang,
      source: t.source,
      deviceId: t.deviceId,
      issuedAt: t.issuedAt,
      idempotencyKey: null,
    });
    if (t.status !== 'waiting' || t.journey.length > 0) {
      const { serviceId, status, counterId, clerkId, firstCalledAt, calledAt, servingAt, doneAt, callCount, journey, queuedAt, lineCalledAt } = t;
      repos.tickets.update(rowid, 'waiting', { serviceId, status, counterId, clerkId, firstCalledAt, calledAt, servingAt, doneAt, callCount, journey, queuedAt, lineCalledAt });
    }
    return rowid;
  });
  for (const s of sim.steps) {
    if (s.op === 'open' || s.op === 'pause' || s.op === 'close') {
      repos.counters.setStatus(s.counterId, s.op === 'open' ? 'open' : s.op === 'pause' ? 'paused' : 'closed', (s.event.data.clerkId as string | null) ?? null);
    }
    const e = s.event;
    repos.events.append({
      at: s.at,
      // A ticket's events belong to its day; a counter's to the day it happened on.
      day: e.ticket === null ? dayOf(s.at, place.timezone) : sim.day,
      type: e.type,
      ticketRowid: e.ticket === null ? null : rowids[e.ticket]!,
      serviceId: e.serviceId,
      counterId: e.counterId,
      userId: e.userId,
      data: e.data,
    });
  }
}

/**
 * Lives a simulated day through the real QueueService on a clock set to each step's time: what
 * writeDay's rows are checked against. Counters call with callNext; the ticket it answers must be the one
 * the simulation called, or the simulation's routing has drifted from the queue's.
 */
export async function replayDay(queue: QueueService, clock: ManualClock, actors: Map<string, StaffActor>, sim: SimDay): Promise<void> {
  const ids: string[] = [];
  const actor = (id: string) => actors.get(id)!;
  for (const s of sim.steps) {
    clock.set(s.at);
    switch (s.op) {
      case 'issue': {
        const t = sim.tickets[s.ticket]!;
        const issuedFor = t.journey[0]?.serviceId ?? t.serviceId;
        const { ticket } = await queue.issue({ serviceId: issuedFor, priority: t.priority, lang: t.lang, source: t.source, deviceId: t.deviceId, idempotencyKey: null });
        ids[s.ticket] = ticket.id;
        break;
      }
      case 'open':
        await queue.openCounter(s.counterId, actor(s.userId));
        break;
      case 'pause':
        await queue.pauseCounter(s.counterId, actor(s.userId));
        break;
      case 'close':
        await queue.closeCounter(s.counterId, actor(s.userId));
        break;
      case 'call': {
        const called = await queue.callNext(s.counterId, actor(s.userId));
        if (called?.id !== ids[s.ticket]) throw new Error(`routing drifted: the queue called ${called?.label ?? 'nobody'} where the simulation called ticket #${s.ticket}`);
        break;
      }
      case 'recall':
        await queue.recall(ids[s.ticket]!, actor(s.userId));
        break;
      case 'start':
        await queue.start(ids[s.ticket]!, actor(s.userId));
        break;
      case 'complete':
        await queue.complete(ids[s.ticket]!, actor(s.userId));
        break;
      case 'no-show':
        await queue.noShow(ids[s.ticket]!, actor(s.userId));
        break;
      case 'transfer':
        await queue.transfer(ids[s.ticket]!, s.to, s.note, actor(s.userId));
        break;
      case 'cancel':
        await queue.cancel(ids[s.ticket]!, actor(s.userId));
        break;
    }
  }
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

/** The demo centre as the simulation needs it; creates the other shift's clerks if they are not there. */
export async function demoPlace(ctx: AppContext): Promise<{ place: DemoPlace; actors: Map<string, StaffActor> }> {
  await Promise.all(
    HISTORY_CLERKS.filter(([username]) => !ctx.repos.users.byUsername(username)).map(([username, displayName]) =>
      ctx.admin.createUser({ username, password: DEMO_STAFF_PASSWORD, displayName, role: 'clerk', active: true }, null),
    ),
  );
  const users = ctx.repos.users.list().filter((u) => u.active);
  const actors = new Map<string, StaffActor>(users.map((u) => [u.id, { kind: 'user', id: u.id, username: u.username, displayName: u.displayName, role: u.role }]));
  const manager = users.find((u) => u.role === 'manager') ?? users.find((u) => u.role === 'admin');
  if (!manager) throw new Error('the demo centre has no manager');
  const centre = ctx.centre.get();
  return {
    actors,
    place: {
      timezone: centre.timezone,
      opens: centre.openingHours.opens,
      closes: centre.openingHours.closes,
      headStartMs: centre.priorityHeadStartMinutes * MINUTE,
      preferenceBonusMs: centre.preferenceBonusMinutes * MINUTE,
      services: ctx.repos.services.list().filter((s) => s.active),
      counters: ctx.repos.counters
        .list()
        .filter((c) => c.active)
        // The services as callNext reads them.
        .map((c) => ({ id: c.id, serviceIds: ctx.repos.counters.get(c.id)!.serviceIds }))
        .filter((c) => c.serviceIds.length > 0),
      clerks: users.filter((u) => u.role === 'clerk').map((u) => u.id),
      managerId: manager.id,
      kioskId: ctx.repos.devices.list().find((d) => d.kind === 'kiosk' && d.status === 'active')?.id ?? null,
    },
  };
}

/** The past days (Monday to Saturday) of the weeks before `today`. */
export function pastDays(timezone: string, today: string, weeks: number): string[] {
  const time = centreTime(timezone);
  const days: string[] = [];
  for (let d = weeks * 7; d >= 1; d--) {
    const day = time.addDays(today, -d);
    if ((WEEKDAY_LOAD[time.weekday(day)] ?? 0) > 0) days.push(day);
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

/** About one in eight served citizens rates the visit on the phone a few minutes later; some write a word. */
function rateSome(repos: Repositories, day: string, rand: () => number): void {
  for (const t of repos.tickets.doneOn(day)) {
    if (rand() >= 0.12) continue;
    const rating = RATINGS[Math.floor(rand() * RATINGS.length)]!;
    const said = rand() < 0.25 ? COMMENTS.filter(([r]) => r === rating) : [];
    const comment = said.length ? said[Math.floor(rand() * said.length)]![1] : null;
    repos.feedback.insert(t.rowid, rating, comment, t.doneAt + Math.round((2 + rand() * 20) * MINUTE));
  }
}

/**
 * Fills a new demo centre (seedDemoCentre first) with its past weeks. Does nothing if the centre already
 * has tickets. Run it before the centre takes requests (at the first start).
 */
export async function seedDemoHistory(ctx: AppContext, opts: DemoHistoryOptions = {}): Promise<DemoHistoryResult> {
  const started = performance.now();
  if (ctx.repos.tickets.lastIssued() !== undefined) return { seeded: false, days: 0, tickets: 0, events: 0, ms: 0 };
  const { place } = await demoPlace(ctx);
  const now = opts.now ?? ctx.clock.now();
  const days = pastDays(place.timezone, dayOf(now, place.timezone), opts.weeks ?? 8);
  const rand = seededRandom(opts.seed ?? 0x0f01e1);
  // Its own sequence, so the ratings change none of the days.
  const feedbackRand = seededRandom((opts.seed ?? 0x0f01e1) ^ 0xfeed);
  const time = centreTime(place.timezone);
  // The day close is the real one, on a clock that follows the days.
  const clock = new ManualClock(now);
  const dayClose = new QueueService(ctx.repos, ctx.writes, clock, new CentreService(ctx.repos, clock));
  const firstSeq = ctx.repos.events.lastSeq();
  let tickets = 0;
  for (const day of days) {
    const sim = simulateDay(place, day, rand);
    tickets += sim.tickets.length;
    await ctx.writes.run(() => {
      writeDay(ctx.repos, place, sim);
      rateSome(ctx.repos, day, feedbackRand);
    });
    // A running server closes a day just after midnight: what is still open (a no-show who never came
    // back, someone still waiting at the last call) expires.
    clock.set(Math.min(time.localTime(time.addDays(day, 1), '00:01'), now));
    await dayClose.closeDay();
  }
  ctx.stats.reports.build(days);
  return { seeded: true, days: days.length, tickets, events: ctx.repos.events.lastSeq() - firstSeq, ms: Math.round(performance.now() - started) };
}
