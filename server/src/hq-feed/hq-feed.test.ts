// The live feed against a fake head office speaking the ingest contract over real HTTP: in order, in batches,
// through head office being away, slow, refusing or having lost events, and across a restart of the centre.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HqFeedStatus } from '@foleni/shared';
import { FakeHq } from '../testing/fake-hq.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre, TestCentreOptions } from '../testing/index.js';

const FAST = { pollMs: 20, timeoutMs: 2000, backoff: { firstMs: 40, maxMs: 200 } };

let hq: FakeHq | undefined;
const centres: TestCentre[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const c of centres.splice(0)) await c.close();
  await hq?.close();
  hq = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function centre(opts: TestCentreOptions = {}): Promise<TestCentre> {
  const c = await startTestCentre({ ui: false, hqFeed: FAST, ...(hq ? { hq: { url: hq.url, key: hq.key } } : {}), ...opts });
  centres.push(c);
  return c;
}

async function issue(c: TestCentre, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId(i % 2 ? 'A' : 'B') } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids.push(res.body.ticket.id as string);
  }
  return ids;
}

const lastSeq = (c: TestCentre) => c.db.prepare('SELECT MAX(seq) FROM events').pluck().get() as number;
const centreLog = (c: TestCentre) => c.db.prepare('SELECT seq, type FROM events ORDER BY seq').all() as { seq: number; type: string }[];

async function caughtUp(c: TestCentre, timeout = 10_000): Promise<void> {
  await vi.waitFor(() => expect(hq!.ackSeq).toBe(lastSeq(c)), { timeout, interval: 20 });
}

async function status(c: TestCentre): Promise<HqFeedStatus> {
  const res = await c.api<HqFeedStatus>('GET', '/admin/hq-feed', { auth: await c.login('admin') });
  expect(res.status).toBe(200);
  return res.body;
}

/** Head office holds the centre's whole log, each event once, as the centre wrote it. */
function expectWholeLog(c: TestCentre): void {
  const log = centreLog(c);
  expect([...hq!.events.keys()].sort((a, b) => a - b)).toEqual(log.map((e) => e.seq));
  expect(log.map((e) => hq!.events.get(e.seq)!.type)).toEqual(log.map((e) => e.type));
  expect(hq!.conflicts).toBe(0);
}

/** Every batch went on from what head office had acknowledged, except right after a refusal. */
function expectInOrder(): void {
  let acked = 0;
  for (const r of hq!.requests) {
    expect(r.fromSeq).toBe(acked + 1);
    if (r.firstSeq !== null) expect(r.firstSeq).toBe(r.fromSeq);
    if (r.status === 200) acked = r.ackSeq!;
    if (r.status === 409) acked = r.needSeq! - 1;
  }
}

describe('the head-office feed', () => {
  it('sends a working centre’s log to head office in order, and the admin sees it caught up', async () => {
    hq = await FakeHq.start();
    const c = await centre();
    const manager = await c.login('manager');
    await issue(c, 12);
    const called = await c.api('POST', `/counters/${c.counterId('1')}/open`, { auth: manager });
    expect(called.status).toBe(200);
    expect((await c.api('POST', `/counters/${c.counterId('1')}/call-next`, { auth: manager })).status).toBe(200);
    await caughtUp(c);
    expectWholeLog(c);
    expectInOrder();
    const line = hq.events.get(lastSeq(c))!;
    expect(line.type).toBe('ticket.called');
    expect(line.counterName).toMatch(/1/);

    const s = await status(c);
    expect(s).toMatchObject({ state: 'caught-up', hqUrl: hq.url, sentUpToSeq: lastSeq(c), latestSeq: lastSeq(c), lastError: null });
    expect(s.lastContactAt).not.toBeNull();
  });

  it('sends a backlog of any kind of event in batches of at most 5,000, every line as it is', async () => {
    hq = await FakeHq.start();
    hq.hold();
    const c = await centre();
    // Other features write their own kinds of event: the feed sends them all without knowing them.
    await c.app.ctx.writes.run(() => {
      for (let i = 0; i < 12_000; i++) c.app.ctx.repos.events.append({ at: Date.now(), day: '2026-01-05', type: i % 3 ? 'booking.made' : 'sms.sent', data: { n: i } });
    });
    hq.release();
    await caughtUp(c, 20_000);
    expectWholeLog(c);
    expectInOrder();
    expect(Math.max(...hq.requests.map((r) => r.count))).toBeLessThanOrEqual(5000);
    expect(hq.requests.filter((r) => r.count > 0).length).toBeGreaterThanOrEqual(3);
    const sms = [...hq.events.values()].find((e) => e.type === 'sms.sent')!;
    expect(sms.data).toEqual({ n: 0 });
  });

  it('keeps working while head office is away, says why, and catches up with nothing missing or doubled', async () => {
    hq = await FakeHq.start();
    const c = await centre();
    await issue(c, 5);
    await caughtUp(c);
    await hq.down();
    await issue(c, 10);
    await vi.waitFor(async () => {
      const s = await status(c);
      expect(s.state).toBe('retrying');
      expect(s.lastError).toMatch(/connection refused/);
      expect(s.sentUpToSeq).toBeLessThan(s.latestSeq);
    });
    await issue(c, 10);
    await hq.up();
    await caughtUp(c);
    expectWholeLog(c);
    expectInOrder();
    expect(hq.resent).toBe(0);
    await vi.waitFor(async () => expect((await status(c)).lastError).toBeNull());
  });

  it('never makes a request wait on head office: tickets are issued while head office holds its answer', async () => {
    hq = await FakeHq.start();
    hq.hold();
    const withFeed = await centre({ hqFeed: { ...FAST, timeoutMs: 120_000 } });
    const without = await centre({ hq: null });
    await issue(withFeed, 1);
    await vi.waitFor(() => expect(hq!.pending).toBe(1));

    const t0 = performance.now();
    await issue(without, 20);
    const off = performance.now() - t0;
    const t1 = performance.now();
    await issue(withFeed, 20);
    const on = performance.now() - t1;
    // Every ticket was answered while head office still held the feed's request.
    expect(hq.pending).toBe(1);
    expect(hq.requests).toHaveLength(0);
    // Loosely: the same work, nowhere near a head office that has not answered at all.
    expect(on).toBeLessThan(off * 5 + 1000);
    expect((await status(withFeed)).state).toBe('sending');

    hq.release();
    await caughtUp(withFeed);
    expectWholeLog(withFeed);
  });

  it('stops with the centre while head office still holds its answer, and the next start sends that batch again', async () => {
    hq = await FakeHq.start();
    hq.hold();
    const dataDir = mkdtempSync(join(tmpdir(), 'foleni-hq-feed-'));
    dirs.push(dataDir);
    const first = await startTestCentre({ ui: false, dataDir, hq: { url: hq.url, key: hq.key }, hqFeed: { ...FAST, timeoutMs: 120_000 } });
    const kioskToken = first.kioskToken;
    await issue(first, 3);
    await vi.waitFor(() => expect(hq!.pending).toBe(1));
    // Closing does not wait for head office: it resolves while the answer is still held.
    const closed = first.close({ keepData: true }).then(() => 'closed');
    expect(await Promise.race([closed, new Promise((resolve) => setTimeout(() => resolve('still waiting'), 8000))])).toBe('closed');
    await vi.waitFor(() => expect(hq!.pending).toBe(0));
    expect(hq.requests).toHaveLength(0);
    hq.release();

    const again = await centre({ dataDir });
    await issue({ ...again, kioskToken }, 1);
    await caughtUp(again);
    expect(hq.requests.find((r) => r.count > 0)!.fromSeq).toBe(1);
    expectWholeLog(again);
  });

  it('gives up on an answer that does not come in time, backs off, and sends again', async () => {
    hq = await FakeHq.start();
    hq.slow(1500);
    const c = await centre({ hqFeed: { ...FAST, timeoutMs: 300 } });
    await issue(c, 3);
    await vi.waitFor(async () => expect((await status(c)).lastError).toMatch(/did not answer within/), { timeout: 5000 });
    hq.slow(0);
    await caughtUp(c);
    expectWholeLog(c);
  });

  it('sends again from the seq head office asks for after a gap answer', async () => {
    hq = await FakeHq.start();
    const c = await centre();
    await issue(c, 8);
    await caughtUp(c);
    const lost = Math.floor(lastSeq(c) / 2);
    // Head office was restored from an older copy: it lost the later half of what it had acknowledged.
    hq.forgetFrom(lost);
    await issue(c, 2);
    await caughtUp(c);
    const gap = hq.requests.findIndex((r) => r.status === 409);
    expect(gap).toBeGreaterThan(0);
    expect(hq.requests[gap]!.needSeq).toBe(lost);
    expect(hq.requests[gap + 1]!.fromSeq).toBe(lost);
    expectWholeLog(c);
    expectInOrder();
  });

  it('backs off on refusals and server errors, and says a refused key in words', async () => {
    hq = await FakeHq.start('the-right-key');
    const c = await centre({ hq: { url: hq.url, key: 'a-wrong-key' } });
    await issue(c, 2);
    await vi.waitFor(async () => expect((await status(c)).lastError).toMatch(/refused this centre's key \(401\).*FOLENI_HQ_KEY/));
    expect(hq.events.size).toBe(0);
    const attempts = hq.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Backing off (40, 80, 160, then 200 ms), not retrying in a tight loop.
    expect(hq.requests.length - attempts).toBeLessThan(6);

    const other = await centre({ hq: { url: hq.url, key: 'the-right-key' } });
    hq.failNext(503, 503);
    await issue(other, 2);
    await caughtUp(other);
    expect(hq.requests.filter((r) => r.status === 503)).toHaveLength(2);
    expectWholeLog(other);
  });

  it('goes on after a restart from what head office acknowledged, not from the beginning', async () => {
    hq = await FakeHq.start();
    const dataDir = mkdtempSync(join(tmpdir(), 'foleni-hq-feed-'));
    dirs.push(dataDir);
    const first = await startTestCentre({ ui: false, dataDir, hq: { url: hq.url, key: hq.key }, hqFeed: FAST });
    const kioskToken = first.kioskToken;
    await issue(first, 6);
    await caughtUp(first);
    // The centre has the answer too (closing earlier would only mean sending the last batch again).
    await vi.waitFor(async () => expect((await status(first)).sentUpToSeq).toBe(lastSeq(first)));
    const acked = hq.ackSeq;
    await first.close({ keepData: true });
    const before = hq.requests.length;

    const again = await centre({ dataDir });
    // The kiosk paired before the restart keeps its token.
    await issue({ ...again, kioskToken }, 4);
    await caughtUp(again);
    const after = hq.requests.slice(before).filter((r) => r.count > 0);
    expect(after[0]!.fromSeq).toBe(acked + 1);
    expect(hq.resent).toBe(0);
    expectWholeLog(again);
    expect((await status(again)).sentUpToSeq).toBe(lastSeq(again));
  });

  it('is off without FOLENI_HQ_URL and FOLENI_HQ_KEY, and only the admin sees its state', async () => {
    const c = await centre({ hq: null });
    await issue(c, 1);
    expect(await status(c)).toMatchObject({ state: 'off', hqUrl: null, sentUpToSeq: 0, latestSeq: lastSeq(c) });
    expect((await c.api('GET', '/admin/hq-feed')).status).toBe(401);
    expect((await c.api('GET', '/admin/hq-feed', { auth: await c.login('manager') })).status).toBe(403);
    expect((await c.api('GET', '/admin/hq-feed', { auth: c.kioskToken })).status).toBe(403);
  });
});
