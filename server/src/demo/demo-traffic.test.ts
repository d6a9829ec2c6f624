// Demo traffic: simulated citizens take kiosk tickets through the real queue (screens hear of them), never
// call anyone, stop when told and when the server stops, and say in the log that they are demo traffic.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock.js';
import { runServer } from '../run-server.js';
import { connectSocket, startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';
import { demoEnv } from './demo-test-env.js';
import { startDemoTraffic } from './demo-traffic.js';

const until = async (what: string, ok: () => boolean, timeoutMs = 20_000) => {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('demo traffic', () => {
  let c: TestCentre | undefined;
  afterEach(async () => {
    await c?.close();
    c = undefined;
    vi.restoreAllMocks();
  });

  it('issues kiosk tickets the display sees, calls nobody, and stops when told', async () => {
    c = await startTestCentre({ ui: false });
    const display = connectSocket(c.url, { token: c.displayToken });
    await display.snapshot();
    const traffic = startDemoTraffic(c.app.ctx, { minIntervalMs: 5, maxIntervalMs: 20 });
    const first = await display.next('ticket:issued');
    expect(first.ticket.label).toMatch(/^[A-Z]\d{3}$/);
    await until('three tickets', () => traffic.issued >= 3);
    await traffic.stop();
    const issued = traffic.issued;

    const db = c.db;
    const kiosk = c.app.ctx.repos.devices.list().find((d) => d.kind === 'kiosk')!;
    const rows = db.prepare('SELECT source, device_id, status, counter_id FROM tickets').all() as { source: string; device_id: string; status: string; counter_id: string | null }[];
    expect(rows).toHaveLength(issued);
    for (const r of rows) expect(r).toEqual({ source: 'kiosk', device_id: kiosk.id, status: 'waiting', counter_id: null });
    expect(db.prepare("SELECT DISTINCT type FROM events").pluck().all()).toEqual(['ticket.issued']);

    // Stopped means stopped: many intervals later, nothing more.
    await new Promise((r) => setTimeout(r, 200));
    expect(db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(issued);
    display.close();
  });

  it('lets nobody new in while the hall is full', async () => {
    c = await startTestCentre({ ui: false });
    const traffic = startDemoTraffic(c.app.ctx, { minIntervalMs: 1, maxIntervalMs: 3, maxWaiting: 4 });
    await until('four waiting', () => traffic.issued >= 4);
    // Many more arrivals' worth of time: the hall stays at four.
    await new Promise((r) => setTimeout(r, 150));
    await traffic.stop();
    expect(traffic.issued).toBe(4);
  });

  it('keeps the kiosk closed at night once the admin has the kiosks keep the opening hours', async () => {
    // 20:00 in Nairobi: the demo centre's kiosk is open at any hour until the admin says otherwise.
    c = await startTestCentre({ ui: false, clock: new ManualClock(Date.parse('2026-03-02T17:00:00Z')) });
    const admin = await c.login('admin');
    expect((await c.api('GET', '/centre')).body.centre.openingHours.kiosksOnlyWhenOpen).toBe(false);
    const keepHours = (on: boolean) => c!.api('PATCH', '/admin/centre', { auth: admin, body: { openingHours: { kiosksOnlyWhenOpen: on } } });
    expect((await keepHours(true)).status).toBe(200);
    const traffic = startDemoTraffic(c.app.ctx, { minIntervalMs: 1, maxIntervalMs: 3 });
    // Many arrivals' worth of time: nobody gets a ticket.
    await new Promise((r) => setTimeout(r, 150));
    expect(traffic.issued).toBe(0);
    expect((await keepHours(false)).status).toBe(200);
    await until('a ticket once the kiosk may issue at night', () => traffic.issued >= 1);
    await traffic.stop();
  });

  it('runs in a demo started with FOLENI_DEMO_TRAFFIC=1, logged as demo traffic, and ends with the server', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'foleni-traffic-'));
    const logged: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logged.push(String(chunk));
      return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    });
    const count = () => {
      const db = new Database(join(dataDir, 'foleni.db'), { readonly: true });
      try {
        return db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number;
      } finally {
        db.close();
      }
    };
    try {
      const server = await runServer(await demoEnv(dataDir, { FOLENI_DEMO_TRAFFIC: '1', FOLENI_LOG_LEVEL: 'info' }), { demoTraffic: { minIntervalMs: 5, maxIntervalMs: 15 } });
      await until('two tickets', () => (server.app.ctx.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number) >= 2);
      await server.close();
      const atClose = count();
      await new Promise((r) => setTimeout(r, 150));
      expect(count()).toBe(atClose);

      const traffic = logged.flatMap((l) => l.split('\n')).filter((l) => l.includes('"demo":"traffic"')).map((l) => JSON.parse(l) as { msg: string; ticket?: string });
      expect(traffic[0]!.msg).toMatch(/^demo traffic: a simulated citizen takes a ticket every/);
      const tickets = traffic.filter((l) => l.ticket);
      expect(tickets.length).toBe(atClose);
      for (const l of tickets) expect(l.msg).toBe('demo traffic: a simulated citizen took a ticket');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
