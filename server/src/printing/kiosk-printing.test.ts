// End to end: a kiosk's ticket through the API to a fake network printer, and every printer failure
// leaving the citizen with a valid ticket and staff with a visible warning.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakePrinter } from '../../../scripts/src/fake-printer/fake-printer.js';
import type { DeviceEvent, PrintEvent } from '@foleni/shared';
import { connectSocket, startTestCentre } from '../testing/index.js';
import type { TestCentre, TestSocket } from '../testing/index.js';

describe('printing a kiosk ticket', () => {
  let printer: FakePrinter;
  let c: TestCentre;
  let kiosk: TestSocket;
  let manager: TestSocket;

  beforeAll(async () => {
    printer = new FakePrinter();
    await printer.start();
    c = await startTestCentre({
      ui: false,
      printerUrl: printer.url,
      printing: { statusPollMs: 0, retry: { attempts: 2, backoffMs: 20 }, timeouts: { connectMs: 500, statusReplyMs: 300, jobReplyMs: 800 } },
    });
    kiosk = connectSocket(c.url, { token: c.kioskToken });
    manager = connectSocket(c.url, { token: await c.login('manager') });
    await Promise.all([kiosk.snapshot(), manager.snapshot()]);
  });
  afterEach(() => printer.setMode('online'));
  afterAll(async () => {
    kiosk.disconnect();
    manager.disconnect();
    await c.close();
    await printer.stop();
  });

  const issue = async () => {
    const res = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('B'), lang: 'sw' } });
    expect(res.status).toBe(201);
    return res.body as { ticket: { id: string; label: string; trackUrl: string }; print: { jobId: string; status: string } };
  };
  const printOutcome = async (jobId: string): Promise<PrintEvent> => {
    for (;;) {
      const e = await kiosk.next('print:updated', 8000);
      if (e.jobId === jobId && (e.status === 'done' || e.status === 'failed')) return e;
    }
  };

  it('prints the label and a QR code of the tracking link, and tells the kiosk', async () => {
    const { ticket, print } = await issue();
    expect(print.status).toBe('queued');
    const outcome = await printOutcome(print.jobId);
    expect(outcome).toMatchObject({ status: 'done', label: ticket.label, error: null });
    const [job] = printer.jobs.slice(-1);
    expect(job!.text).toContain(ticket.label);
    expect(job!.text).toContain('Cheti cha kuzaliwa');
    expect(job!.qrCodes).toEqual([ticket.trackUrl]);
  });

  it('keeps the ticket valid and warns staff when the paper runs out; a reprint works once it is back', async () => {
    printer.setMode('paper_out');
    const { ticket, print } = await issue();
    const outcome = await printOutcome(print.jobId);
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatch(/paper out/);
    let status: DeviceEvent;
    do status = await manager.next('device:updated', 8000);
    while (status.device.printerStatus !== 'paper_out');
    expect(status.device.kind).toBe('kiosk');
    expect((await c.api('GET', `/tickets/${ticket.id}`)).body.ticket.status).toBe('waiting');

    printer.setMode('online');
    // The citizen is still at the kiosk: the kiosk that issued it may reprint its own recent ticket.
    const reprint = await c.api('POST', `/tickets/${ticket.id}/reprint`, { auth: c.kioskToken });
    expect(reprint.body.print.status).toBe('queued');
    expect((await printOutcome(reprint.body.print.jobId)).status).toBe('done');
    expect(printer.jobs.at(-1)!.text).toContain(ticket.label);
  });

  it('prints that no counter is open while none serves the line, and a reprint after the call says nothing of a wait', async () => {
    const { ticket, print } = await issue();
    expect((await printOutcome(print.jobId)).status).toBe('done');
    expect(printer.jobs.at(-1)!.text).toContain('Bado hakuna dirisha lililo wazi');

    const clerk = await c.login('wanjiru');
    const counters = (await c.api('GET', '/counters', { auth: clerk })).body.items as { id: string; serviceIds: string[] }[];
    const counter = counters.find((k) => k.serviceIds.includes(c.serviceId('B')))!;
    expect((await c.api('POST', `/counters/${counter.id}/open`, { auth: clerk })).status).toBe(200);
    expect((await c.api('POST', `/counters/${counter.id}/call`, { auth: clerk, body: { ticketId: ticket.id } })).status).toBe(200);
    const reprint = await c.api('POST', `/tickets/${ticket.id}/reprint`, { auth: clerk });
    expect((await printOutcome(reprint.body.print.jobId)).status).toBe('done');
    const text = printer.jobs.at(-1)!.text;
    expect(text).toContain(ticket.label);
    expect(text).not.toMatch(/dirisha lililo wazi|Watu mbele yako|unayefuata|Muda wa kusubiri/);
    await c.api('POST', `/counters/${counter.id}/close`, { auth: clerk });
  });

  // The other ways a printer lets a kiosk down, each end to end with a real ticket: the ticket stays valid,
  // the kiosk hears the job failed (it then shows the ticket on screen), and the manager's live figures list
  // it with a Reprint until a reprint comes out.
  for (const [mode, error] of [
    ['cover_open', /cover open/],
    ['silent', /no answer from printer/],
    ['ignores_gs_r', /check the ticket came out/],
  ] as const) {
    it(`keeps the ticket valid and lists it for a reprint when the printer is ${mode.replace(/_/g, ' ')}`, async () => {
      printer.setMode(mode);
      const { ticket, print } = await issue();
      const outcome = await printOutcome(print.jobId);
      expect(outcome).toMatchObject({ status: 'failed', label: ticket.label });
      expect(outcome.error).toMatch(error);
      expect((await c.api('GET', `/tickets/${ticket.id}`)).body.ticket.status).toBe('waiting');
      const manager = await c.login('manager');
      const listed = async () => ((await c.api('GET', '/stats/live', { auth: manager })).body.failedPrints as { ticketId: string; label: string }[]).map((f) => f.ticketId);
      expect(await listed()).toContain(ticket.id);

      printer.setMode('online');
      const reprint = await c.api('POST', `/tickets/${ticket.id}/reprint`, { auth: manager });
      expect((await printOutcome(reprint.body.print.jobId)).status).toBe('done');
      expect(await listed()).not.toContain(ticket.id);
    });
  }

  it('fails cleanly when the printer is switched off', async () => {
    await printer.stop();
    try {
      const { ticket, print } = await issue();
      const outcome = await printOutcome(print.jobId);
      expect(outcome.status).toBe('failed');
      expect(outcome.error).toMatch(/connect/);
      expect((await c.api('GET', `/tickets/${ticket.id}`)).status).toBe(200);
      const again = await c.api('POST', '/tickets', {
        auth: c.kioskToken,
        body: { serviceId: c.serviceId('B') },
      });
      expect(again.status).toBe(201);
    } finally {
      await printer.restart();
    }
  });
});
