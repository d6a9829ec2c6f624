// A real centre feeding the real head office: tickets issued at the centre reach HQ's figures, and when the
// link is cut for a while (a proxy between them refuses connections) the centre keeps issuing, then catches
// up by itself with nothing missing or doubled.
import { createServer, connect } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';
import { startTestHq } from './testing/hq-test-env.js';
import type { TestHq } from './testing/hq-test-env.js';

/** A TCP proxy to head office that can be cut and restored, as a centre's uplink is. */
async function uplink(target: string): Promise<{ url: string; cut(): void; restore(): void; close(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  let up = true;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (!up) return client.destroy();
    const hq = connect(Number(port), hostname);
    for (const s of [client, hq]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(hq).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut() {
      up = false;
      for (const s of open) s.destroy();
    },
    restore() {
      up = true;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface CentreItem {
  code: string;
  lastSeq: number;
  today: { issued: number; served: number };
}

describe('a centre feeding head office', () => {
  let hq: TestHq;
  let link: Awaited<ReturnType<typeof uplink>>;
  let centre: TestCentre;

  beforeAll(async () => {
    hq = await startTestHq('pglite');
    const key = await hq.registerCentre('NRB-GPO');
    link = await uplink(hq.url);
    // The centre lives the same morning as head office's clock.
    centre = await startTestCentre({ ui: false, clock: hq.clock, hq: { url: link.url, key }, hqFeed: { pollMs: 50, timeoutMs: 2000, backoff: { firstMs: 50, maxMs: 200 } } });
  }, 120_000);
  afterAll(async () => {
    await centre?.close();
    await link?.close();
    await hq?.close();
  });

  const issue = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const r = await centre.api('POST', '/tickets', { auth: centre.kioskToken, body: { serviceId: centre.serviceId('A') } });
      expect(r.status).toBe(201);
    }
  };
  const centreLog = () => centre.db.prepare('SELECT MAX(seq) FROM events').pluck().get() as number;
  const atHq = async () => (await hq.call<{ items: CentreItem[] }>('GET', '/centres', { token: hq.adminToken })).body.items.find((c) => c.code === 'NRB-GPO')!;

  it("puts the centre's tickets in head office's figures", async () => {
    await issue(3);
    await expect.poll(async () => (await atHq()).lastSeq, { timeout: 20_000 }).toBe(centreLog());
    expect((await atHq()).today.issued).toBe(3);
  });

  it('keeps issuing while the link is cut, then catches up with nothing missing or doubled', async () => {
    link.cut();
    await issue(5);
    const cutAt = (await atHq()).lastSeq;
    expect(cutAt).toBeLessThan(centreLog());
    // The admin sees the link down, in words, and how far head office has the log.
    const admin = await centre.login('admin');
    await expect.poll(async () => (await centre.api('GET', '/admin/hq-feed', { auth: admin })).body.state, { timeout: 10_000 }).toBe('retrying');
    const status = (await centre.api('GET', '/admin/hq-feed', { auth: admin })).body;
    expect(status).toMatchObject({ sentUpToSeq: cutAt, latestSeq: centreLog() });
    expect(status.lastError).toEqual(expect.any(String));
    link.restore();
    await expect.poll(async () => (await atHq()).lastSeq, { timeout: 30_000 }).toBe(centreLog());
    expect((await atHq()).today.issued).toBe(8);
    const [row] = await hq.sql.query<{ n: number; distinct_seqs: number }>('SELECT count(*)::int AS n, count(DISTINCT seq)::int AS distinct_seqs FROM events');
    expect(row).toEqual({ n: centreLog(), distinct_seqs: centreLog() });
  });
});
