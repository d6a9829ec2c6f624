// kill -9 and the SMS outbox: a real server process texting through a fake Africa's Talking (a process of
// its own, which outlives every server) is killed while the gateway holds a message, and at random moments
// while kiosks issue tickets with numbers. Counted at the fake: no message ever arrives twice, and every
// message the server committed before a kill is sent after the restart (unless it was mid-send).
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeAfricasTalking } from '../../src/testing/sms-fakes.js';
import { seeded } from './lib/load.js';
import { call, ServerProcess } from './lib/server-process.js';

const SEED = Number(process.env.FOLENI_CRASH_SEED ?? Date.now() % 1_000_000);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`kill -9 while texting (seed ${SEED})`, () => {
  const random = seeded(SEED);
  let at: FakeAfricasTalking;
  let server: ServerProcess;
  afterAll(async () => {
    await server?.kill();
    await at?.close();
    if (server) rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('never sends a message twice, and loses none it committed that was not mid-send', async () => {
    at = await FakeAfricasTalking.start();
    server = await ServerProcess.create();
    const env = {
      FOLENI_SMS_GATEWAY: 'africastalking',
      FOLENI_SMS_AT_URL: at.url,
      FOLENI_SMS_AT_USERNAME: 'sandbox',
      FOLENI_SMS_AT_API_KEY: 'crash-test-key',
      FOLENI_SMS_CALLBACK_KEY: 'crash-test-callback-key-7d41',
      FOLENI_SMS_BACKOFF_MS: '100',
    };
    const start = async () => {
      server.spawn(env);
      await server.healthy();
    };
    await start();
    const { kiosk } = await server.pairScreens();
    const services = (await call<{ items: { id: string; code: string }[] }>(server.url, 'GET', '/services')).body.items;
    const serviceId = services.find((s) => s.code === 'K')!.id;
    let n = 0;
    const issue = () => call<{ ticket: { id: string } }>(server.url, 'POST', '/tickets', kiosk, { serviceId, phone: `0712 ${String(100000 + n++).slice(-6)}` });

    // 1. Killed while the gateway holds the message (it has it; the answer never comes back).
    await at.mode('hold');
    expect((await issue()).status).toBe(201);
    await at.waitFor(1);
    await server.kill();
    await at.mode('ok');
    await start();
    // 2. Killed at random moments while tickets are issued and their messages sent.
    for (let round = 0; round < 4; round++) {
      const issuing = (async () => {
        for (let i = 0; i < 40; i++) if ((await issue()).status === 0) break;
      })();
      // At least a few tickets into the round (a loaded machine issues slowly), then at a random moment.
      const from = n;
      while (n < from + 4) await pause(10);
      await pause(random() * 400);
      await server.kill();
      await issuing;
      await start();
    }
    // Let the last server send what is queued.
    const db = () => new Database(join(server.dataDir, 'foleni.db'), { readonly: true });
    for (let i = 0; i < 100; i++) {
      const d = db();
      const pending = d.prepare("SELECT COUNT(*) FROM sms_outbox WHERE status IN ('queued', 'sending')").pluck().get() as number;
      d.close();
      if (pending === 0) break;
      await pause(100);
    }
    await pause(300);

    const texts = at.received.map((m) => m.text);
    const twice = texts.filter((t, i) => texts.indexOf(t) !== i);
    expect(twice).toEqual([]);
    const d = db();
    const rows = d.prepare('SELECT text, status, uncertain FROM sms_outbox ORDER BY id').all() as { text: string; status: string; uncertain: number }[];
    d.close();
    // The held message was settled as sent (uncertain) and never sent again.
    expect(rows[0]).toMatchObject({ status: 'sent', uncertain: 1 });
    expect(texts.filter((t) => t === rows[0]!.text)).toHaveLength(1);
    // Every message committed was sent exactly once, except those caught mid-send (uncertain), each at most once.
    for (const r of rows) {
      expect(r.status === 'sent' || r.status === 'delivered', `${r.status}: ${r.text}`).toBe(true);
      if (!r.uncertain) expect(texts.filter((t) => t === r.text), r.text).toHaveLength(1);
    }
    expect(rows.length).toBeGreaterThanOrEqual(13);
  }, 180_000);
});
