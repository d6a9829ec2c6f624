// What a phone tracker hears: its own ticket in full, and of everyone else in its line only that someone
// left or joined and where. Real Socket.IO clients on the shared LiveConnection follow a busy morning (plain
// and priority arrivals, calls, a transfer, a no-show and its requeue, a cancel, writes landing in one batch);
// every payload each one receives is checked for other tickets' details, and after each step every tracker's
// place in line, worked out from those events alone, must be the server's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueMoved, QueueSnapshot, TicketEvent } from '@foleni/shared';
import { connectSocket, startTestCentre } from '../testing/index.js';
import type { TestCentre, TestSocket } from '../testing/index.js';

interface Issued {
  id: string;
  label: string;
}

const OPEN = new Set(['waiting', 'called', 'serving', 'no_show']);
const MOVE_KEYS = ['at', 'change', 'minutesEach', 'place', 'seq', 'serviceId', 'waiting'];

/** A tracker reduced to what its screen shows, kept by the rule the phone uses (and LiveConnection's seq order). */
class Tracker {
  readonly socket: TestSocket;
  serviceId = '';
  status = '';
  ahead: number | null = null;
  waiting = 0;
  estimate: number | null = null;
  synced = false;
  private seq = -1;

  constructor(
    url: string,
    readonly ticket: Issued,
  ) {
    this.socket = connectSocket(url, { ticketId: ticket.id });
    this.socket.onAny((event: string, payload: { seq: number }) => {
      if (event === 'queue:snapshot') return this.fromSnapshot(payload as unknown as QueueSnapshot);
      if (!this.synced || payload.seq <= this.seq) return;
      this.seq = payload.seq;
      if (event === 'queue:moved') this.move(payload as unknown as QueueMoved);
      else if (event.startsWith('ticket:')) this.own(payload as unknown as TicketEvent);
    });
  }

  get received() {
    return this.socket.received;
  }

  private fromSnapshot(s: QueueSnapshot): void {
    if (s.kind !== 'tracker') return;
    this.serviceId = s.ticket.serviceId;
    this.status = s.ticket.status;
    this.ahead = s.ticket.position === null ? null : s.ticket.position - 1;
    this.estimate = s.ticket.estimatedWaitMinutes;
    this.waiting = s.waiting;
    this.seq = s.seq;
    this.synced = true;
  }

  private own(e: TicketEvent): void {
    const t = e.tracked!;
    this.serviceId = t.serviceId;
    this.status = t.status;
    this.ahead = t.position === null ? null : t.position - 1;
    this.estimate = t.estimatedWaitMinutes;
    this.waiting = e.waiting[t.serviceId] ?? this.waiting;
  }

  private move(e: QueueMoved): void {
    if (e.serviceId !== this.serviceId) return;
    this.waiting = e.waiting;
    if (this.ahead === null) return;
    if (e.change === 'left' && e.place < this.ahead) this.ahead--;
    else if (e.change === 'joined' && e.place <= this.ahead) this.ahead++;
    this.estimate = Math.round(this.ahead * e.minutesEach);
  }
}

describe('phone trackers', () => {
  let c: TestCentre;
  let clerk: string;
  const trackers: Tracker[] = [];
  const tickets: Issued[] = [];

  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
    clerk = await c.login('wanjiru');
    await c.api('POST', `/counters/${c.counterId('1')}/open`, { auth: clerk });
  });
  afterAll(async () => {
    for (const t of trackers) t.socket.disconnect();
    await c.close();
  });

  async function issue(code: string, priority?: string): Promise<Issued> {
    const res = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId(code), ...(priority ? { priority } : {}) } });
    expect(res.status).toBe(201);
    const t = { id: res.body.ticket.id as string, label: res.body.ticket.label as string };
    tickets.push(t);
    return t;
  }

  async function follow(t: Issued): Promise<void> {
    const tracker = new Tracker(c.url, t);
    trackers.push(tracker);
    await expect.poll(() => tracker.synced).toBe(true);
  }

  async function act(path: string, body: Record<string, unknown> = {}): Promise<{ id: string; label: string }> {
    const res = await c.api('POST', path, { auth: clerk, body });
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body.ticket;
  }

  /** Each tracker's place, wait and line length as the server gives them now. */
  async function serverViews(): Promise<string[]> {
    const services = (await c.api('GET', '/services')).body.items as { id: string; waiting: number }[];
    const waiting = new Map(services.map((s) => [s.id, s.waiting]));
    return Promise.all(
      trackers.map(async (tr) => {
        const t = (await c.api('GET', `/tickets/${tr.ticket.id}`)).body.ticket;
        return view(tr.ticket.label, t.status, t.position === null ? null : t.position - 1, waiting.get(t.serviceId)!, t.estimatedWaitMinutes);
      }),
    );
  }
  const trackerViews = () => trackers.map((tr) => view(tr.ticket.label, tr.status, tr.ahead, tr.waiting, tr.estimate));
  // A ticket out of the queue (done, cancelled) stops following its line's length.
  const view = (label: string, status: string, ahead: number | null, waiting: number, estimate: number | null) =>
    `${label}: ${status} ahead ${ahead ?? '-'}${OPEN.has(status) ? ` of ${waiting}` : ''} wait ${estimate}`;

  async function expectTrackersRight(): Promise<void> {
    const expected = await serverViews();
    await expect.poll(trackerViews, { timeout: 5000 }).toEqual(expected);
  }

  /** Nothing a tracker received names, or describes, another ticket. */
  function expectNothingAboutOthers(): void {
    for (const tr of trackers) {
      const others = tickets.filter((t) => t.id !== tr.ticket.id);
      for (const { event, payload } of tr.received) {
        const text = JSON.stringify(payload);
        // Its own ticket as its holder needs it: whether it has priority, not why, and no routing key (whose
        // tie-break is a centre-wide row number).
        expect(text, `${tr.ticket.label} got ${event} with a priority reason or a rank`).not.toMatch(/"(priority|rank)":/);
        for (const o of others) {
          expect(text, `${tr.ticket.label} got ${event} naming ${o.label}`).not.toContain(o.id);
          expect(text, `${tr.ticket.label} got ${event} naming ${o.label}`).not.toContain(`"${o.label}"`);
        }
        if (event === 'queue:moved') {
          // Only a place and counts: no label, id, priority, language or counter.
          expect(Object.keys(payload as object).sort()).toEqual(MOVE_KEYS);
        } else if (event.startsWith('ticket:')) {
          const e = payload as TicketEvent;
          expect(e.tracked?.id, `${tr.ticket.label} got ${event} of another ticket`).toBe(tr.ticket.id);
          expect(e.ticket.label).toBe(tr.ticket.label);
          expect(e.full).toBeUndefined();
        } else if (event === 'queue:snapshot') {
          expect((payload as QueueSnapshot).kind).toBe('tracker');
        } else {
          expect(event).toBe('centre:updated');
        }
      }
    }
  }

  it('keeps every place in line right from anonymous moves, and never tells a tracker about another ticket', { timeout: 60_000 }, async () => {
    for (let i = 0; i < 4; i++) await follow(await issue('A'));
    for (let i = 0; i < 2; i++) await follow(await issue('B'));
    await expectTrackersRight();

    // Someone behind everyone, then a priority arrival that goes ahead of every plain ticket.
    await follow(await issue('A'));
    const elderly = await issue('A', 'elderly');
    await follow(elderly);
    await expectTrackersRight();
    expect(trackers.find((t) => t.ticket.id === elderly.id)!.ahead).toBe(0);

    // Counter 1 calls the priority ticket, serves it and sends it to B, where its early arrival puts it first.
    expect((await act(`/counters/${c.counterId('1')}/call-next`)).id).toBe(elderly.id);
    await expectTrackersRight();
    await act(`/tickets/${elderly.id}/start`);
    await act(`/tickets/${elderly.id}/transfer`, { serviceId: c.serviceId('B'), note: 'needs a birth certificate too' });
    await expectTrackersRight();
    expect(trackers.find((t) => t.ticket.id === elderly.id)).toMatchObject({ status: 'waiting', ahead: 0, waiting: 3 });

    // The next is called and does not come; later put back in line at the place they had.
    const missed = await act(`/counters/${c.counterId('1')}/call-next`);
    await act(`/tickets/${missed.id}/no-show`);
    await expectTrackersRight();
    await act(`/tickets/${missed.id}/requeue`);
    await expectTrackersRight();

    // Someone in the middle of A's line gives up.
    await act(`/tickets/${tickets[2]!.id}/cancel`);
    await expectTrackersRight();

    // Several writes in one commit (queued in the same tick, so one batch): each push must say where the
    // line stood at its own change, not where the whole batch left it.
    const q = c.app.ctx.queue;
    const actor = c.app.ctx.auth.resolve(clerk);
    const issueNow = (code: string, priority?: 'pwd' | 'pregnant' | 'elderly') =>
      q.issue({ serviceId: c.serviceId(code), ...(priority ? { priority } : {}), source: 'staff', deviceId: null, idempotencyKey: null }).then(({ ticket }) => {
        tickets.push({ id: ticket.id, label: ticket.label });
        return ticket;
      });
    const burst = await Promise.all([issueNow('A', 'pwd'), issueNow('A'), q.callNext(c.counterId('1'), actor), issueNow('B', 'pregnant'), q.cancel(tickets[1]!.id, actor)]);
    await expectTrackersRight();
    for (const t of [burst[0], burst[1], burst[3]]) await follow({ id: t.id, label: t.label });
    await Promise.all([issueNow('A'), q.cancel(tickets[3]!.id, actor), issueNow('A', 'elderly'), q.cancel(burst[0].id, actor), issueNow('B')]);
    await expectTrackersRight();

    expectNothingAboutOthers();
    // And they did hear their lines move.
    expect(trackers.slice(0, 6).every((t) => t.received.some((r) => r.event === 'queue:moved'))).toBe(true);
  });
});
