// Reprints belong to whoever has the citizen in front of them: the clerk of the counter that holds (or last
// held) the ticket, a manager, or the kiosk that issued it a few minutes ago; a ticket prints again at most
// REPRINT_LIMIT times, managers included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_REPRINT_MINUTES, REPRINT_LIMIT } from '@foleni/shared';
import { ManualClock } from '../clock.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

describe('who may reprint a ticket, and how often', () => {
  const clock = new ManualClock(Date.parse('2026-03-02T10:00:00+03:00'));
  let c: TestCentre;
  let wanjiru: string;
  let otieno: string;
  let manager: string;
  let counter1 = '';
  let other = '';

  const issue = async (): Promise<string> => {
    const res = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('A') } });
    expect(res.status).toBe(201);
    return res.body.ticket.id as string;
  };
  const reprint = (id: string, auth: string) => c.api('POST', `/tickets/${id}/reprint`, { auth });
  const reprints = (id: string) =>
    c.db.prepare("SELECT COUNT(*) FROM print_jobs j JOIN tickets t ON t.rowid = j.ticket_rowid WHERE t.id = ? AND j.kind = 'reprint'").pluck().get(id);

  beforeAll(async () => {
    c = await startTestCentre({ ui: false, clock });
    [wanjiru, otieno, manager] = await Promise.all([c.login('wanjiru'), c.login('otieno'), c.login('manager')]);
    counter1 = c.counterId('1');
    const counters = (await c.api('GET', '/counters', { auth: wanjiru })).body.items as { id: string; serviceIds: string[] }[];
    other = counters.find((k) => k.id !== counter1 && k.serviceIds.includes(c.serviceId('A')))!.id;
    expect((await c.api('POST', `/counters/${counter1}/open`, { auth: wanjiru })).status).toBe(200);
    expect((await c.api('POST', `/counters/${other}/open`, { auth: otieno })).status).toBe(200);
  });
  afterAll(() => c?.close());

  it("is the holding counter's clerk's, before and after serving, and not another counter's", async () => {
    const id = await issue();
    // Waiting: no counter has had it yet.
    const waiting = await reprint(id, otieno);
    expect(waiting.status).toBe(403);
    expect(waiting.body.error.code).toBe('not-your-ticket');

    expect((await c.api('POST', `/counters/${counter1}/call`, { auth: wanjiru, body: { ticketId: id } })).status).toBe(200);
    const refused = await reprint(id, otieno);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'not-your-ticket', details: { counter: { id: counter1 } } });
    expect(refused.body.error.message).toMatch(/Counter 1/);
    expect((await reprint(id, wanjiru)).status).toBe(200);

    await c.api('POST', `/tickets/${id}/start`, { auth: wanjiru });
    await c.api('POST', `/tickets/${id}/complete`, { auth: wanjiru });
    // Done: it stays counter 1's, whose clerk may give the citizen a fresh copy on the way out.
    expect((await reprint(id, wanjiru)).status).toBe(200);
    expect((await reprint(id, otieno)).status).toBe(403);
    expect(reprints(id)).toBe(2);
  });

  it('follows a transferred ticket: the counter that sent it on may reprint it while it waits', async () => {
    const id = await issue();
    await c.api('POST', `/counters/${counter1}/call`, { auth: wanjiru, body: { ticketId: id } });
    const sent = await c.api('POST', `/tickets/${id}/transfer`, { auth: wanjiru, body: { serviceId: c.serviceId('B') } });
    expect(sent.status).toBe(200);
    expect((await reprint(id, wanjiru)).status).toBe(200);
    expect((await reprint(id, otieno)).status).toBe(403);
  });

  it('lets the issuing kiosk reprint for a few minutes, never a display, and a manager any time', async () => {
    const id = await issue();
    expect((await reprint(id, c.displayToken)).status).toBe(403);
    clock.advanceMinutes(KIOSK_REPRINT_MINUTES - 1);
    expect((await reprint(id, c.kioskToken)).status).toBe(200);
    clock.advanceMinutes(2);
    const late = await reprint(id, c.kioskToken);
    expect(late.status).toBe(403);
    expect(late.body.error.code).toBe('not-your-kiosk');
    expect((await reprint(id, manager)).status).toBe(200);
    expect(reprints(id)).toBe(2);
  });

  it(`stops at ${REPRINT_LIMIT} reprints, for managers too`, async () => {
    const id = await issue();
    for (let i = 0; i < REPRINT_LIMIT; i++) expect((await reprint(id, i % 2 ? manager : c.kioskToken)).status).toBe(200);
    for (const auth of [c.kioskToken, manager]) {
      const more = await reprint(id, auth);
      expect(more.status).toBe(409);
      expect(more.body.error.code).toBe('reprint-limit');
    }
    expect(reprints(id)).toBe(REPRINT_LIMIT);
  });
});
