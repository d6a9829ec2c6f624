// Stopping in seconds, and keeping every promise while doing it. Kiosks keep asking for tickets while the
// server closes: each answer is either a ticket committed with its print job (printed, or failed at the
// next start so staff reprint it) or a 503 `shutting-down` with no ticket behind it, never a ticket promised
// and lost. The 2,000-screen stop of a real process is in scripts/src/stop-in-seconds.test.ts.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FakePrinter } from '../../../scripts/src/fake-printer/fake-printer.js';
import { startTestCentre } from '../../src/testing/index.js';
import type { TestCentre } from '../../src/testing/index.js';

type Outcome = { key: string; status: number; code?: string; ticketId?: string; printStatus?: string } | { key: string; status: 'no-answer' };

describe('a kiosk ticket racing the shutdown', () => {
  const printer = new FakePrinter();
  let c: TestCentre | undefined;
  let dataDir = '';
  afterAll(async () => {
    await c?.close();
    await printer.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('is committed with its print job, or refused before anything is promised', async () => {
    await printer.start();
    const first = await startTestCentre({ ui: false, printerUrl: printer.url, printing: { statusPollMs: 0, retry: { attempts: 2, backoffMs: 20 } } });
    dataDir = first.dataDir;
    const kiosk = first.kioskToken;
    const service = first.serviceId('B');

    const outcomes: Outcome[] = [];
    let stopping = false;
    let n = 0;
    // Eight kiosks tapping as fast as the server answers, until a refusal or a dropped answer tells them it is gone.
    const kiosks = Array.from({ length: 8 }, async (_, k) => {
      for (;;) {
        const key = `race-${k}-${n++}`;
        try {
          const res = await first.api('POST', '/tickets', { auth: kiosk, body: { serviceId: service }, headers: { 'idempotency-key': key } });
          outcomes.push({ key, status: res.status, code: res.body?.error?.code, ticketId: res.body?.ticket?.id, printStatus: res.body?.print?.status });
          if (res.status !== 201) return;
        } catch {
          outcomes.push({ key, status: 'no-answer' });
          return;
        }
        if (stopping && outcomes.length > 400) return;
      }
    });
    while (outcomes.filter((o) => o.status === 201).length < 40) await new Promise((r) => setTimeout(r, 5));
    stopping = true;
    const t0 = performance.now();
    await first.app.close();
    const closeMs = performance.now() - t0;
    await Promise.all(kiosks);
    expect(closeMs).toBeLessThan(5000);

    const issued = outcomes.filter((o): o is Extract<Outcome, { ticketId?: string }> => o.status === 201);
    const refused = outcomes.filter((o) => o.status !== 201);
    expect(issued.length).toBeGreaterThanOrEqual(40);
    // Every kiosk was stopped by the shutdown, not by anything else.
    expect(refused).toHaveLength(8);
    for (const o of refused) {
      if (o.status !== 'no-answer') expect(o).toMatchObject({ status: 503, code: 'shutting-down' });
    }

    const db = first.db;
    const ticketOf = db.prepare('SELECT rowid, id FROM tickets WHERE idempotency_key = ?');
    const jobsOf = db.prepare('SELECT status FROM print_jobs WHERE ticket_rowid = ?').pluck();
    for (const o of issued) {
      const row = ticketOf.get(o.key) as { rowid: number; id: string } | undefined;
      expect(row?.id).toBe(o.ticketId);
      expect(o.printStatus).toBe('queued');
      // The fake printer answers at once: every promised ticket is on paper before the server lets go.
      expect(jobsOf.all(row!.rowid)).toEqual(['done']);
    }
    for (const o of refused) {
      const row = ticketOf.get(o.key) as { rowid: number } | undefined;
      // Refused: nothing behind it. No answer (the connection closed as it was handled): all of it or nothing.
      if (o.status === 503) expect(row).toBeUndefined();
      else if (row) expect(jobsOf.all(row.rowid)).toHaveLength(1);
    }
    const printedLabels = new Set(printer.jobs.map((j) => j.text.split('\n').find((l) => /^\s*B\d{3,}\s*$/.test(l))?.trim()));
    const labels = db.prepare("SELECT label FROM tickets WHERE idempotency_key LIKE 'race-%'").pluck().all() as string[];
    for (const label of labels) expect(printedLabels).toContain(label);
    first.db.close();

    // The next server on the same data finds no job left open, and the kiosk's retry of a refused tap gets one ticket.
    c = await startTestCentre({ ui: false, dataDir, printerUrl: printer.url, printing: { statusPollMs: 0 } });
    expect(c.db.prepare("SELECT COUNT(*) FROM print_jobs WHERE status IN ('queued', 'printing')").pluck().get()).toBe(0);
    const retry = refused[0]!;
    const again = await c.api('POST', '/tickets', { auth: kiosk, body: { serviceId: service }, headers: { 'idempotency-key': retry.key } });
    expect([200, 201]).toContain(again.status);
  }, 60_000);
});
