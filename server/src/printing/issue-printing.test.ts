// A kiosk ticket and its print job share one commit: a committed issue prints exactly once, a rolled-back
// one leaves no job and never prints. A real centre, a real SQLite file and a fake network printer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrintEvent } from '@foleni/shared';
import { FakePrinter } from '../../../scripts/src/fake-printer/fake-printer.js';
import type { DeviceRecord } from '../repositories/device.repository.js';
import { connectSocket, startTestCentre } from '../testing/index.js';
import type { TestCentre, TestSocket } from '../testing/index.js';

describe('issuing a kiosk ticket with its print job', () => {
  let printer: FakePrinter;
  let c: TestCentre;
  let kiosk: TestSocket;
  let device: DeviceRecord;
  const printEvents: PrintEvent[] = [];
  const count = (table: string) => c.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;

  beforeAll(async () => {
    printer = new FakePrinter();
    await printer.start();
    c = await startTestCentre({ ui: false, printerUrl: printer.url, printing: { statusPollMs: 0, timeouts: { connectMs: 500, statusReplyMs: 300, jobReplyMs: 800 } } });
    device = c.app.ctx.repos.devices.list().find((d) => d.kind === 'kiosk')!;
    kiosk = connectSocket(c.url, { token: c.kioskToken });
    kiosk.on('print:updated', (e) => printEvents.push(e));
    await kiosk.snapshot();
    // A write whose commit fails takes its whole batch with it, as a full disk or an I/O error would: a row
    // breaking a deferred foreign key passes its own statement and fails only at COMMIT.
    c.db.exec('CREATE TABLE test_parent (id INTEGER PRIMARY KEY); CREATE TABLE test_child (parent INTEGER REFERENCES test_parent (id) DEFERRABLE INITIALLY DEFERRED)');
  });
  afterAll(async () => {
    kiosk.disconnect();
    await c.close();
    await printer.stop();
  });

  const settled = async () => {
    await c.app.ctx.printing.whenIdle();
    // Long enough for a stray job to reach the printer and its update the socket.
    await new Promise((r) => setTimeout(r, 300));
  };

  it('stores the job in the ticket’s commit and prints it exactly once', async () => {
    const res = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('B') } });
    expect(res.status).toBe(201);
    const { ticket, print } = res.body as { ticket: { id: string; label: string }; print: { jobId: string; status: string } };
    expect(print.status).toBe('queued');
    const row = c.db.prepare('SELECT j.kind, t.id AS ticket FROM print_jobs j JOIN tickets t ON t.rowid = j.ticket_rowid WHERE j.id = ?').get(Number(print.jobId));
    expect(row).toEqual({ kind: 'ticket', ticket: ticket.id });
    await expect.poll(() => printEvents.find((e) => e.jobId === print.jobId && e.status === 'done'), { timeout: 8000 }).toBeDefined();
    await settled();
    expect(printer.jobs.filter((j) => j.text.includes(ticket.label))).toHaveLength(1);
    expect(printEvents.filter((e) => e.jobId === print.jobId).map((e) => e.status)).toEqual(['queued', 'printing', 'done']);
    // The kiosk sent the same tap again: the same ticket and its job, and nothing printed twice.
    const tap = { auth: c.kioskToken, body: { serviceId: c.serviceId('B') }, headers: { 'idempotency-key': 'tap-once-0001' } };
    const first = await c.api('POST', '/tickets', tap);
    expect(first.status).toBe(201);
    const again = await c.api('POST', '/tickets', tap);
    expect(again.status).toBe(200);
    expect(again.body.print.jobId).toBe(first.body.print.jobId);
    await settled();
    expect(printer.jobs.filter((j) => j.text.includes(first.body.ticket.label))).toHaveLength(1);
  });

  it('leaves no ticket and no job when the issue rolls back, and never prints it', async () => {
    await settled();
    const before = { tickets: count('tickets'), jobs: count('print_jobs'), printed: printer.jobs.length, events: printEvents.length };
    const { queue, writes } = c.app.ctx;
    // Same turn of the event loop: one batch, one commit, which fails.
    const issued = queue.issue({ serviceId: c.serviceId('B'), source: 'kiosk', deviceId: device.id, idempotencyKey: null, printOn: device });
    const broken = writes.run(() => c.db.prepare('INSERT INTO test_child (parent) VALUES (42)').run());
    await expect(issued).rejects.toThrow(/FOREIGN KEY/);
    await expect(broken).rejects.toThrow(/FOREIGN KEY/);
    await settled();
    expect({ tickets: count('tickets'), jobs: count('print_jobs'), printed: printer.jobs.length, events: printEvents.length }).toEqual(before);

    // The next issue, committed, prints once: nothing of the rolled-back job comes out with it.
    const { ticket, print } = await queue.issue({ serviceId: c.serviceId('B'), source: 'kiosk', deviceId: device.id, idempotencyKey: null, printOn: device });
    expect(print.status).toBe('queued');
    await expect.poll(() => printEvents.find((e) => e.jobId === print.jobId && e.status === 'done'), { timeout: 8000 }).toBeDefined();
    await settled();
    expect(printer.jobs.length).toBe(before.printed + 1);
    expect(printer.jobs.at(-1)!.text).toContain(ticket.label);
    expect(count('print_jobs')).toBe(before.jobs + 1);
  });
});
