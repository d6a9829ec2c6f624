// The front desk and the staff's day over HTTP, on a real centre with the migration's no-show rules: when a
// no-show is refused and where a returning one goes, who may change the rules, the desk's issue/find/
// reprint/cancel/move, "on my way", pauses with reasons and the attendance they make.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

describe('front desk, fair no-shows and breaks', () => {
  const clock = new ManualClock(Date.parse('2026-03-02T10:00:00+03:00'));
  let c: TestCentre;
  let wanjiru: string;
  let otieno: string;
  let kiprop: string;
  let manager: string;
  let admin: string;
  let counter1 = '';

  const issue = async (code = 'A', body: Record<string, unknown> = {}) => {
    const res = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId(code), ...body } });
    expect(res.status).toBe(201);
    return res.body.ticket as { id: string; label: string; trackUrl: string };
  };
  const position = async (id: string) => (await c.api('GET', `/tickets/${id}`)).body.ticket.position as number;

  beforeAll(async () => {
    c = await startTestCentre({ ui: false, clock, noShowRules: 'centre' });
    [wanjiru, otieno, kiprop, manager, admin] = (await Promise.all(['wanjiru', 'otieno', 'kiprop', 'manager', 'admin'].map((u) => c.login(u)))) as [string, string, string, string, string];
    counter1 = c.counterId('1');
    expect((await c.api('POST', `/counters/${counter1}/open`, { auth: wanjiru })).status).toBe(200);
  });
  afterAll(() => c?.close());

  it('starts with the default rules and reasons', async () => {
    const { settings } = (await c.api('GET', '/desk/settings', { auth: wanjiru })).body;
    expect(settings.noShow).toEqual({ minSecondsSinceCall: 120, minRecalls: 2, returnPlace: 'behind_first', returnBehind: 3 });
    expect(settings.pauseReasons.map((r: { id: string }) => r.id)).toEqual(['tea', 'lunch', 'meeting', 'system-down', 'other']);
    expect(settings.pauseReasons[0]).toMatchObject({ limitMinutes: 20, name: { en: 'Tea break' } });
  });

  it('refuses a no-show before the minimum time, takes it after two minutes or two recalls', async () => {
    const a = await issue();
    expect((await c.api('POST', `/counters/${counter1}/call`, { auth: wanjiru, body: { ticketId: a.id } })).status).toBe(200);
    clock.advance(90_000);
    const early = await c.api('POST', `/tickets/${a.id}/no-show`, { auth: wanjiru });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'no-show-too-soon', details: { waitSeconds: 30, recallsNeeded: 2 } });
    // A manager is held to the same rule.
    expect((await c.api('POST', `/tickets/${a.id}/no-show`, { auth: manager })).status).toBe(409);
    clock.advance(30_000);
    expect((await c.api('POST', `/tickets/${a.id}/no-show`, { auth: wanjiru })).status).toBe(200);

    const b = await issue();
    await c.api('POST', `/counters/${counter1}/call`, { auth: wanjiru, body: { ticketId: b.id } });
    await c.api('POST', `/tickets/${b.id}/recall`, { auth: wanjiru });
    expect((await c.api('POST', `/tickets/${b.id}/no-show`, { auth: wanjiru })).status).toBe(409);
    await c.api('POST', `/tickets/${b.id}/recall`, { auth: wanjiru });
    expect((await c.api('POST', `/tickets/${b.id}/no-show`, { auth: wanjiru })).status).toBe(200);
    // Back in line now, by the default rule: behind the first three of the A line... which is empty: first.
    expect((await c.api('POST', `/tickets/${a.id}/requeue`, { auth: wanjiru })).status).toBe(200);
    expect(await position(a.id)).toBe(1);
    await c.api('POST', `/tickets/${a.id}/cancel`, { auth: wanjiru });
    await c.api('POST', `/tickets/${b.id}/cancel`, { auth: wanjiru });
  });

  const noShowFirst = async () => {
    const first = await issue('D');
    const others = [];
    for (let i = 0; i < 5; i++) {
      // A minute apart, as citizens come (issued in one millisecond, no rule could seat anyone between them).
      clock.advance(60_000);
      others.push(await issue('D'));
    }
    await c.api('POST', `/counters/${counter1}/call`, { auth: wanjiru, body: { ticketId: first.id } });
    clock.advance(120_000);
    expect((await c.api('POST', `/tickets/${first.id}/no-show`, { auth: wanjiru })).status).toBe(200);
    return { first, others };
  };
  const clearLine = async (ids: string[]) => {
    for (const id of ids) await c.api('POST', `/tickets/${id}/cancel`, { auth: manager });
  };

  it('puts a returning no-show where the manager set: behind the first 3, the end, or its old place', async () => {
    let { first, others } = await noShowFirst();
    expect((await c.api('POST', `/tickets/${first.id}/requeue`, { auth: wanjiru })).status).toBe(200);
    expect(await position(first.id)).toBe(4);
    expect(await position(others[3]!.id)).toBe(5);
    await clearLine([first.id, ...others.map((o) => o.id)]);

    expect((await c.api('PATCH', '/desk/settings', { auth: manager, body: { noShow: { returnPlace: 'end' } } })).status).toBe(200);
    ({ first, others } = await noShowFirst());
    await c.api('POST', `/tickets/${first.id}/requeue`, { auth: wanjiru });
    expect(await position(first.id)).toBe(6);
    await clearLine([first.id, ...others.map((o) => o.id)]);

    expect((await c.api('PATCH', '/desk/settings', { auth: manager, body: { noShow: { returnPlace: 'old_place' } } })).status).toBe(200);
    ({ first, others } = await noShowFirst());
    await c.api('POST', `/tickets/${first.id}/requeue`, { auth: wanjiru });
    expect(await position(first.id)).toBe(1);
    await clearLine([first.id, ...others.map((o) => o.id)]);
    await c.api('PATCH', '/desk/settings', { auth: manager, body: { noShow: { returnPlace: 'behind_first' } } });
  });

  it('lets the manager set no-show rules and only the admin the pause reasons', async () => {
    expect((await c.api('PATCH', '/desk/settings', { auth: wanjiru, body: { noShow: { minSecondsSinceCall: 60 } } })).status).toBe(403);
    const reasons = [{ id: 'tea', name: { en: 'Tea', sw: 'Chai' }, limitMinutes: 15 }];
    const refused = await c.api('PATCH', '/desk/settings', { auth: manager, body: { pauseReasons: reasons } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('admin-only');
    const bad = await c.api('PATCH', '/desk/settings', { auth: admin, body: { pauseReasons: [...reasons, ...reasons] } });
    expect(bad.status).toBe(400);
    const { settings } = (await c.api('GET', '/desk/settings', { auth: admin })).body;
    expect((await c.api('PATCH', '/desk/settings', { auth: admin, body: { pauseReasons: settings.pauseReasons } })).status).toBe(200);
  });

  it('issues at the desk on a chosen kiosk printer, finds, reprints, moves and cancels, for a clerk with no counter', async () => {
    const printers = (await c.api('GET', '/desk/printers', { auth: otieno })).body.items;
    expect(printers).toHaveLength(1);
    const issued = await c.api('POST', '/desk/tickets', { auth: otieno, body: { serviceId: c.serviceId('A'), priority: 'elderly', lang: 'sw', printerId: printers[0].id } });
    expect(issued.status).toBe(201);
    expect(issued.body.ticket).toMatchObject({ priority: 'elderly', lang: 'sw', source: 'staff' });
    expect(issued.body.print.jobId).not.toBeNull();
    const onScreen = await c.api('POST', '/desk/tickets', { auth: otieno, body: { serviceId: c.serviceId('A') } });
    expect(onScreen.body.print.status).toBe('none');
    expect(onScreen.body.ticket.trackUrl).toMatch(/#k=/);

    const label = issued.body.ticket.label as string;
    const found = (await c.api('GET', `/desk/tickets?label=${encodeURIComponent(label.toLowerCase().replace(/^([a-z])0+/, '$1'))}`, { auth: otieno })).body.items;
    expect(found.map((f: { ticket: { id: string } }) => f.ticket.id)).toEqual([issued.body.ticket.id]);
    expect((await c.api('GET', '/desk/tickets?label=Z999', { auth: otieno })).body.items).toEqual([]);

    const reprint = await c.api('POST', `/desk/tickets/${issued.body.ticket.id}/reprint`, { auth: otieno, body: { printerId: printers[0].id } });
    expect(reprint.status).toBe(200);
    expect(reprint.body.print.jobId).not.toBeNull();

    // Otieno holds no counter: the desk lets him move and cancel tickets nobody holds.
    const moved = await c.api('POST', `/desk/tickets/${issued.body.ticket.id}/move`, { auth: otieno, body: { serviceId: c.serviceId('B'), note: 'needs a birth certificate' } });
    expect(moved.status).toBe(200);
    expect(moved.body.ticket).toMatchObject({ status: 'waiting', serviceId: c.serviceId('B') });
    expect(moved.body.ticket.journey.at(-1)).toMatchObject({ serviceId: c.serviceId('A'), note: 'needs a birth certificate' });
    expect((await c.api('POST', `/tickets/${onScreen.body.ticket.id}/cancel`, { auth: otieno })).status).toBe(403);
    const cancelled = await c.api('POST', `/desk/tickets/${onScreen.body.ticket.id}/cancel`, { auth: otieno, body: { note: 'left' } });
    expect(cancelled.body.ticket.status).toBe('cancelled');
    await c.api('POST', `/desk/tickets/${issued.body.ticket.id}/cancel`, { auth: otieno, body: {} });
    // Kiosks, displays and the anonymous have no desk.
    expect((await c.api('POST', '/desk/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('A') } })).status).toBe(403);
    expect((await c.api('GET', '/desk/tickets?label=A001')).status).toBe(401);
  });

  it('takes a mobile number for SMS at the desk: masked back, kept for the ticket; a bad one issues nothing', async () => {
    const tickets = () => c.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number;
    const before = tickets();
    for (const phone of ['07123abc78', '0712', '020 2222222', '7'.repeat(200)]) {
      const res = await c.api('POST', '/desk/tickets', { auth: otieno, body: { serviceId: c.serviceId('A'), phone } });
      expect(res.status, phone).toBe(400);
      expect(res.body.error.code, phone).toBe('invalid-phone');
    }
    expect(tickets()).toBe(before);
    const issued = await c.api('POST', '/desk/tickets', { auth: otieno, body: { serviceId: c.serviceId('A'), lang: 'sw', phone: '0712 345 901' } });
    expect(issued.status).toBe(201);
    expect(issued.body.phone).toBe('+2547•••••901');
    expect(JSON.stringify(issued.body)).not.toContain('712345901');
    const rowid = c.db.prepare('SELECT rowid FROM tickets WHERE id = ?').pluck().get(issued.body.ticket.id);
    expect(c.db.prepare('SELECT phone FROM ticket_phones WHERE ticket_rowid = ?').pluck().get(rowid)).toBe('+254712345901');
    expect(c.db.prepare("SELECT kind, lang FROM sms_outbox WHERE ticket_rowid = ?").all(rowid)).toEqual([{ kind: 'issued', lang: 'sw' }]);
    const none = await c.api('POST', '/desk/tickets', { auth: otieno, body: { serviceId: c.serviceId('A') } });
    expect(none.body).not.toHaveProperty('phone');
    for (const id of [issued.body.ticket.id, none.body.ticket.id]) await c.api('POST', `/desk/tickets/${id}/cancel`, { auth: otieno, body: {} });
  });

  it('tells the clerk a called citizen is on the way, with the key of their link only', async () => {
    const t = await issue();
    const key = new URL(t.trackUrl).hash.replace('#k=', '');
    expect((await c.api('POST', `/tickets/${t.id}/on-my-way`, { body: { key } })).status).toBe(409);
    await c.api('POST', `/counters/${counter1}/call`, { auth: wanjiru, body: { ticketId: t.id } });
    expect((await c.api('POST', `/tickets/${t.id}/on-my-way`, { body: { key: 'wrong' } })).status).toBe(403);
    expect((await c.api('POST', `/tickets/${t.id}/on-my-way`, { auth: wanjiru, body: { key } })).status).toBe(403);
    expect((await c.api('POST', `/tickets/${t.id}/on-my-way`, { body: { key } })).status).toBe(200);
    expect((await c.api('GET', '/desk/on-my-way', { auth: wanjiru })).body.items).toMatchObject([{ ticketId: t.id, label: t.label }]);
    await c.api('POST', `/tickets/${t.id}/start`, { auth: wanjiru });
    await c.api('POST', `/tickets/${t.id}/complete`, { auth: wanjiru });
    expect((await c.api('GET', '/desk/on-my-way', { auth: wanjiru })).body.items).toEqual([]);
  });

  it('keeps a pause reason: the dashboard lists it with its limit, attendance counts it', async () => {
    const counter9 = c.counterId('9');
    expect((await c.api('POST', `/counters/${counter9}/open`, { auth: kiprop })).status).toBe(200);
    clock.advance(10 * 60_000);
    expect((await c.api('POST', `/counters/${counter9}/pause`, { auth: kiprop, body: { reason: 'nap' } })).status).toBe(400);
    expect((await c.api('POST', `/counters/${counter9}/pause`, { auth: kiprop, body: { reason: 'lunch' } })).status).toBe(200);
    const pausedAt = clock.now();
    clock.advance(45 * 60_000);
    expect((await c.api('GET', '/stats/pauses', { auth: kiprop })).status).toBe(403);
    const pauses = (await c.api('GET', '/stats/pauses', { auth: manager })).body.items;
    expect(pauses).toEqual([{ counterId: counter9, counterName: 'Counter 9', clerkName: 'Kiprop Cheruiyot', reason: 'lunch', since: new Date(pausedAt).toISOString(), limitMinutes: 60 }]);
    await c.api('POST', `/counters/${counter9}/open`, { auth: kiprop });
    clock.advance(5 * 60_000);
    await c.api('POST', `/counters/${counter9}/close`, { auth: kiprop });

    const day = '2026-03-02';
    const report = await c.api('GET', `/stats/attendance?from=${day}&to=${day}`, { auth: manager });
    expect(report.status).toBe(200);
    const row = report.body.clerks.find((r: { name: string }) => r.name === 'Kiprop Cheruiyot');
    expect(row).toMatchObject({ signedInMinutes: 60, openMinutes: 15, servingMinutes: 0, idleMinutes: 15, pausedMinutes: 45, pausedByReason: { lunch: 45 } });
    expect(report.body.counters.find((r: { id: string }) => r.id === counter9)).toMatchObject({ pausedByReason: { lunch: 45 } });
    const csv = await c.api('GET', `/stats/attendance?from=${day}&to=${day}&format=csv`, { auth: manager });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.body).toContain('paused_lunch_min');
    expect(csv.body).toMatch(/clerk,[^,]+,Kiprop Cheruiyot,60,15,0,15,45,0,45/);
  });
});
