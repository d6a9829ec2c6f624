// Reconnects: three hundred screens (staff, displays, phone trackers) on the shared LiveConnection, all
// dropped at once while the queue keeps moving, then the whole server restarted under them. Each one, once
// it is back, must hold exactly what the server would show it now (from a fresh snapshot for its audience),
// and the gapless ones must be at the server's latest seq.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueMoved, QueueSnapshot, TicketEvent, CounterEvent } from '@foleni/shared';
import { LiveConnection, onTicketEvents } from '@foleni/shared/client';
import type { Audience } from '../../src/realtime/gateway.js';
import { startTestCentre } from '../../src/testing/index.js';
import type { TestCentre } from '../../src/testing/index.js';

const OPEN = new Set(['waiting', 'called', 'serving', 'no_show']);
const CLERKS = ['wanjiru', 'otieno', 'achieng', 'kiprop'] as const;
const PER_KIND = 100;

/** What a screen shows, reduced to what can be compared. */
interface View {
  tickets: Map<string, string>;
  counters: Map<string, string>;
  waiting: Map<string, number>;
  own: { label: string; serviceId: string; status: string } | null;
}

const emptyView = (): View => ({ tickets: new Map(), counters: new Map(), waiting: new Map(), own: null });

function fromSnapshot(s: QueueSnapshot): View {
  const v = emptyView();
  if (s.kind === 'staff') {
    for (const t of s.tickets) v.tickets.set(t.id, t.status);
    for (const c of s.counters) v.counters.set(c.id, c.status);
    for (const x of s.services) v.waiting.set(x.id, x.waiting);
  } else if (s.kind === 'display') {
    for (const c of s.counters) v.counters.set(c.id, c.status);
    for (const x of s.services) v.waiting.set(x.id, x.waiting);
  } else if (s.kind === 'tracker') {
    v.own = { label: s.ticket.label, serviceId: s.ticket.serviceId, status: s.ticket.status };
    v.waiting.set(s.ticket.serviceId, s.waiting);
  }
  return v;
}

class Screen {
  view = emptyView();
  synced = false;
  readonly live: LiveConnection;

  constructor(
    url: string,
    readonly auth: { token?: string; ticketId?: string },
    readonly audience: Audience,
  ) {
    this.live = new LiveConnection(
      { url, auth, gapless: audience.kind !== 'tracker' },
      {
        snapshot: (s) => {
          this.view = fromSnapshot(s);
          this.synced = true;
        },
        events: {
          'counter:updated': (e) => this.onCounter(e),
          'queue:moved': (e) => this.onMoved(e),
          ...onTicketEvents((e) => this.onTicket(e)),
        },
        state: (state) => {
          if (state !== 'online') this.synced = false;
        },
      },
    );
  }

  private onCounter(e: CounterEvent): void {
    if (this.audience.kind !== 'tracker') this.view.counters.set(e.counter.id, e.counter.status);
  }

  private onMoved(e: QueueMoved): void {
    // Trackers hear of other tickets only as anonymous moves of their own line.
    const v = this.view;
    if (v.own && e.serviceId === v.own.serviceId) v.waiting.set(e.serviceId, e.waiting);
  }

  private onTicket(e: TicketEvent): void {
    const v = this.view;
    if (this.audience.kind === 'tracker') {
      if (v.own && e.ticket.label === v.own.label) v.own = { ...v.own, status: e.ticket.status, serviceId: e.ticket.serviceId };
      if (v.own && e.waiting[v.own.serviceId] !== undefined) v.waiting.set(v.own.serviceId, e.waiting[v.own.serviceId]!);
      return;
    }
    for (const [serviceId, n] of Object.entries(e.waiting)) v.waiting.set(serviceId, n);
    if (this.audience.kind === 'staff' && e.full) {
      // Staff screens list today's open tickets and no-shows, as their snapshot does.
      if (OPEN.has(e.full.status)) v.tickets.set(e.full.id, e.full.status);
      else v.tickets.delete(e.full.id);
    }
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('hundreds of screens dropped and reconnected at once', () => {
  let c: TestCentre;
  const screens: Screen[] = [];
  const tokens: Record<string, string> = {};
  const counters: string[] = [];

  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
    tokens.manager = await c.login('manager');
    for (const [i, name] of CLERKS.entries()) {
      tokens[name] = await c.login(name);
      counters.push(c.counterId(String(i + 1)));
      await c.api('POST', `/counters/${counters[i]}/open`, { auth: tokens[name], body: {} });
    }
  });
  afterAll(async () => {
    for (const s of screens) s.live.close();
    const { dataDir } = c;
    await c.close();
    // A centre restarted on its folder does not remove the folder itself.
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Issues, calls, serves and skips for a while, as a busy centre does. */
  async function busy(ms: number): Promise<void> {
    const until = Date.now() + ms;
    const codes = ['A', 'B', 'H', 'K'];
    let n = 0;
    while (Date.now() < until) {
      n++;
      const work: Promise<unknown>[] = [c.api('POST', '/tickets', { auth: tokens.manager, body: { serviceId: c.serviceId(codes[n % codes.length]!) } })];
      const clerk = CLERKS[n % CLERKS.length]!;
      const counter = counters[n % counters.length]!;
      work.push(
        c.api('POST', `/counters/${counter}/call-next`, { auth: tokens[clerk], body: {} }).then(async (called) => {
          if (called.status !== 200) {
            // Still with someone: finish them.
            const current = c.app.ctx.repos.tickets.heldBy(counter);
            if (current) await c.api('POST', `/tickets/${current.id}/${n % 3 === 0 ? 'no-show' : 'start'}`, { auth: tokens[clerk], body: {} });
            if (current && n % 3 !== 0) await c.api('POST', `/tickets/${current.id}/complete`, { auth: tokens[clerk], body: {} });
          }
        }),
      );
      await Promise.all(work);
    }
  }

  /** Waits until every screen is back with a snapshot and, where every change reaches it, at the latest seq. */
  async function allCaughtUp(timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const seq = c.app.gateway.currentSeq();
      const behind = screens.filter((s) => !s.synced || (s.audience.kind !== 'tracker' && s.live.lastSeq !== seq));
      if (behind.length === 0) return;
      if (Date.now() > until) throw new Error(`${behind.length} screens not caught up (server seq ${seq}; e.g. ${behind[0]!.audience.kind} at ${behind[0]!.live.lastSeq}, synced ${behind[0]!.synced})`);
      await pause(50);
    }
  }

  function expectEveryScreenOnTheServersState(): void {
    const wrong: string[] = [];
    for (const s of screens) {
      const snapshot = c.app.gateway.snapshotFor(s.audience);
      if (!snapshot) throw new Error(`no snapshot for ${s.audience.kind}`);
      const expected = fromSnapshot(snapshot);
      const same = (a: Map<string, unknown>, b: Map<string, unknown>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
      // A tracker follows its service's queue only while its own ticket is still in it.
      const followsQueue = s.audience.kind !== 'tracker' || (expected.own !== null && OPEN.has(expected.own.status));
      const problems = [
        !same(s.view.tickets, expected.tickets) && 'tickets',
        !same(s.view.counters, expected.counters) && 'counters',
        followsQueue && !same(s.view.waiting, expected.waiting) && `waiting ${JSON.stringify([...s.view.waiting])} vs ${JSON.stringify([...expected.waiting])}`,
        JSON.stringify(s.view.own) !== JSON.stringify(expected.own) && `own ticket ${JSON.stringify(s.view.own)} vs ${JSON.stringify(expected.own)}`,
      ].filter(Boolean);
      if (problems.length) wrong.push(`${s.audience.kind}: ${problems.join(', ')}`);
    }
    expect(wrong.slice(0, 5), `${wrong.length} of ${screens.length} screens differ from the server`).toEqual([]);
  }

  it('all end on the server’s state after a drop, and after a restart, while the queue moves', async () => {
    for (let i = 0; i < 150; i++) await c.api('POST', '/tickets', { auth: tokens.manager, body: { serviceId: c.serviceId(['A', 'B', 'H', 'K'][i % 4]!) } });
    const display = c.app.ctx.repos.devices.list().find((d) => d.kind === 'display')!;
    const waiting = c.db.prepare("SELECT id FROM tickets WHERE status = 'waiting' ORDER BY rowid DESC LIMIT ?").pluck().all(PER_KIND) as string[];
    const staffNames = ['manager', ...CLERKS] as const;
    for (let i = 0; i < PER_KIND; i++) {
      const name = staffNames[i % staffNames.length]!;
      const user = c.app.ctx.repos.users.byUsername(name)!;
      screens.push(
        new Screen(c.url, { token: tokens[name]! }, { kind: 'staff', actor: { kind: 'user', id: user.id, username: user.username, displayName: user.displayName, role: user.role } }),
        new Screen(c.url, { token: c.displayToken }, { kind: 'display', deviceId: display.id, zone: display.zone }),
        new Screen(c.url, { ticketId: waiting[i]! }, { kind: 'tracker', ticketId: waiting[i]! }),
      );
    }
    await allCaughtUp();
    expectEveryScreenOnTheServersState();

    // 1. Every connection dropped at once (half at the transport, half closed by the server) mid-traffic.
    const traffic = busy(2500);
    await pause(300);
    let i = 0;
    for (const socket of c.app.gateway.io.sockets.sockets.values()) {
      if (i++ % 2 === 0) socket.conn.close();
      else socket.disconnect(true);
    }
    await traffic;
    await allCaughtUp();
    expectEveryScreenOnTheServersState();

    // 2. The server restarts on the same database and address; the queue moves while screens come back.
    const { dataDir } = c;
    const port = Number(new URL(c.url).port);
    await c.close({ keepData: true });
    await pause(500);
    c = await startTestCentre({ ui: false, dataDir, port });
    await busy(2000);
    await allCaughtUp();
    expectEveryScreenOnTheServersState();
  }, 90_000);
});
