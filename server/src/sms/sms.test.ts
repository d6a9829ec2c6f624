// SMS end to end: a real centre on port 0 sending through a fake Africa's Talking (a process of its own that
// speaks the real API): each message at its moment and in the ticket's language, the outbox's order and
// single sending across an outage, delivery reports, refusals of bad numbers, and the number nowhere it
// must not be.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { connectSocket, startTestCentre } from '../testing/index.js';
import type { TestCentre, TestSocket } from '../testing/index.js';
import { FakeAfricasTalking } from '../testing/sms-fakes.js';

const API_KEY = 'at-secret-key-5f2c9d';
const CALLBACK_KEY = 'callback-key-3b8e0a71c2d94f56';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SMS through Africa’s Talking', () => {
  let c: TestCentre;
  let at: FakeAfricasTalking;
  let clerk: string;
  let manager: string;
  let admin: string;
  const logLines: string[] = [];
  const sockets: TestSocket[] = [];
  const ticketCount = () => c.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number;
  const issue = async (code: string, phone: string | undefined, lang: 'en' | 'sw' = 'en', auth?: string) => {
    const res = await c.api('POST', '/tickets', { auth: auth ?? c.kioskToken, body: { serviceId: c.serviceId(code), lang, ...(phone ? { phone } : {}) } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { ticket: { id: string; label: string }; phone?: string };
  };
  const textsTo = (e164: string) => at.received.filter((m) => m.to === e164).map((m) => m.text);

  beforeAll(async () => {
    at = await FakeAfricasTalking.start();
    c = await startTestCentre({
      ui: false,
      log: createLogger('debug', (line) => logLines.push(line)),
      sms: { gateway: { kind: 'africastalking', url: at.url, username: 'sandbox', apiKey: API_KEY, from: 'HUDUMA', callbackKey: CALLBACK_KEY }, backoffMs: { first: 100, max: 400 }, sendTimeoutMs: 2_000 },
    });
    clerk = await c.login('kiprop');
    manager = await c.login('manager');
    admin = await c.login('admin', 'admin-password-1');
    for (const auth of [{ token: manager }, { token: c.displayToken }]) sockets.push(connectSocket(c.url, auth));
    // Counter 9 serves L then S; the clerk opens it.
    expect((await c.api('POST', `/counters/${c.counterId('Counter 9')}/open`, { auth: clerk })).status).toBe(200);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await c.close();
    await at.close();
  });

  it('texts the issued message in the ticket’s language, with the documented request shape', async () => {
    const before = at.received.length;
    const { ticket, phone } = await issue('L', '0712 345 601', 'sw');
    expect(phone).toBe('+2547•••••601');
    const [sent] = (await at.waitFor(before + 1)).slice(before);
    expect(sent!.to).toBe('+254712345601');
    expect(sent!.text).toBe(`Huduma Centre GPO, Nairobi: Tiketi ${ticket.label}. Wewe ndiye unayefuata. Fuatilia: ${c.url}/t/${ticket.id}`);
    const req = at.requests.at(-1)!;
    expect(req).toMatchObject({ username: 'sandbox', apiKey: API_KEY, accept: 'application/json', from: 'HUDUMA' });
    expect(req.contentType).toContain('application/x-www-form-urlencoded');
  });

  it('refuses bad numbers with 400 invalid-phone and issues nothing', async () => {
    const count = ticketCount();
    for (const phone of ['07123abc78', '0712', '020 2222222', '7'.repeat(200), '+255712345678']) {
      const res = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('L'), phone } });
      expect(res.status, phone).toBe(400);
      expect(res.body.error.code, phone).toBe('invalid-phone');
    }
    expect(ticketCount()).toBe(count);
  });

  it('texts "near" when N are ahead, then "called" with the counter; never "near" after the call', async () => {
    // Start from an empty line: call whoever waits.
    const counter = c.counterId('Counter 9');
    const callAndFinish = async () => {
      const called = await c.api('POST', `/counters/${counter}/call-next`, { auth: clerk });
      if (called.status === 204) return null;
      await c.api('POST', `/tickets/${called.body.ticket.id}/start`, { auth: clerk });
      await c.api('POST', `/tickets/${called.body.ticket.id}/complete`, { auth: clerk });
      return called.body.ticket.label as string;
    };
    while ((await callAndFinish()) !== null);
    for (let i = 0; i < 4; i++) await issue('S', undefined);
    const before = at.received.length;
    const mine = await issue('S', '0712 345 602');
    await at.waitFor(before + 1);
    expect(textsTo('+254712345602')).toEqual([expect.stringContaining(`Ticket ${mine.ticket.label}. 4 people ahead of you. Wait about`)]);
    // L is ahead of S at counter 9, and nobody waits for L now: each call takes one S ticket.
    await callAndFinish();
    await at.waitFor(before + 2);
    expect(textsTo('+254712345602')[1]).toBe(`Huduma Centre GPO, Nairobi: ${mine.ticket.label}, your turn is near: 3 people ahead of you. Please come back to the waiting area.`);
    await callAndFinish();
    await callAndFinish();
    await callAndFinish();
    const called = await c.api('POST', `/counters/${counter}/call-next`, { auth: clerk });
    expect(called.body.ticket.label).toBe(mine.ticket.label);
    await at.waitFor(before + 3);
    await pause(300);
    expect(textsTo('+254712345602')).toHaveLength(3);
    expect(textsTo('+254712345602')[2]).toBe(`Huduma Centre GPO, Nairobi: ${mine.ticket.label}, it is your turn: please go to Counter 9 now.`);

    // Transferred: the new line's name, in the ticket's language.
    await c.api('POST', `/tickets/${mine.ticket.id}/start`, { auth: clerk });
    await c.api('POST', `/tickets/${mine.ticket.id}/transfer`, { auth: clerk, body: { serviceId: c.serviceId('P') } });
    await at.waitFor(before + 4);
    expect(textsTo('+254712345602')[3]).toBe(`Huduma Centre GPO, Nairobi: ${mine.ticket.label} is now in the line for Payments and enquiries. Please wait to be called.`);
  });

  it('drops what a call makes stale, and sends the rest once, in order, after an outage', async () => {
    const counter = c.counterId('Counter 9');
    await at.down();
    // While the gateway refuses connections, six tickets queue their "issued" message.
    const early = await issue('L', '0712 345 610', 'sw');
    const queued: { ticket: { id: string; label: string } }[] = [];
    for (let i = 0; i < 5; i++) queued.push(await issue('L', `0712 345 62${i}`, i % 2 ? 'sw' : 'en'));
    // The first is called out of order: its "issued" is news too late and is dropped; the fourth moves up to
    // 3 ahead and gets a "near"; then it is called too, before "near" could go: both dropped, "called" queued.
    expect((await c.api('POST', `/counters/${counter}/call`, { auth: clerk, body: { ticketId: early.ticket.id } })).status).toBe(200);
    const rows = () => c.db.prepare("SELECT o.kind, o.status FROM sms_outbox o JOIN tickets t ON t.rowid = o.ticket_rowid WHERE t.id = ? ORDER BY o.id").all(queued[3]!.ticket.id);
    // The sender keeps retrying the refusing gateway: a message may be 'sending' for the moment of a try.
    await expect.poll(rows, { timeout: 5_000 }).toEqual([{ kind: 'issued', status: 'queued' }, { kind: 'near', status: 'queued' }]);
    await c.api('POST', `/tickets/${early.ticket.id}/no-show`, { auth: clerk });
    expect((await c.api('POST', `/counters/${counter}/call`, { auth: clerk, body: { ticketId: queued[3]!.ticket.id } })).status).toBe(200);
    // One being tried when the call came is marked dropped as that try ends.
    await expect.poll(rows, { timeout: 5_000 }).toEqual([{ kind: 'issued', status: 'dropped' }, { kind: 'near', status: 'dropped' }, { kind: 'called', status: 'queued' }]);
    // The gateway stays down a while: the sender backs off and tries again.
    await pause(1_500);
    const overview = await c.api('GET', '/sms', { auth: manager });
    expect(overview.body.gateway).toMatchObject({ kind: 'africastalking', state: 'failing' });
    expect(overview.body.gateway.lastError).toContain('unreachable');
    expect(JSON.stringify(overview.body)).not.toContain(API_KEY);
    const before = at.received.length;
    await at.up();
    await at.waitFor(before + 6, 15_000);
    await pause(500);
    const after = at.received.slice(before);
    // Each message once, in the order queued. The first ticket's "called" went stale too: it was marked a
    // no-show before the gateway came back. The fifth moved up to 3 ahead when the fourth was called.
    expect(after.map((m) => m.to)).toEqual(['+254712345620', '+254712345621', '+254712345622', '+254712345624', '+254712345623', '+254712345624']);
    expect(after[4]!.text).toContain(`${queued[3]!.ticket.label}, ni zamu yako: tafadhali nenda dirisha 9 sasa`);
    expect(after[5]!.text).toContain(`${queued[4]!.ticket.label}, your turn is near: 3 people ahead of you`);
    expect(after.some((m) => m.text.includes(early.ticket.label))).toBe(false);
    expect((await c.api('GET', '/sms', { auth: manager })).body.gateway.state).toBe('ok');
    await c.api('POST', `/tickets/${queued[3]!.ticket.id}/no-show`, { auth: clerk });
  });

  it('claims queued messages together, and does not send one dropped while another was with the gateway', async () => {
    const counter = c.counterId('Counter 9');
    await at.down();
    const first = await issue('S', '0712 345 630');
    const second = await issue('S', '0712 345 631');
    await expect.poll(async () => (await c.api('GET', '/sms', { auth: manager })).body.gateway.state).toBe('failing');
    const issuedOf = (id: string) =>
      c.db.prepare("SELECT o.status FROM sms_outbox o JOIN tickets t ON t.rowid = o.ticket_rowid WHERE t.id = ? AND o.kind = 'issued'").pluck().get(id);
    // The gateway comes back but holds the first message: both were claimed in one commit before it went.
    await at.mode('hold');
    const before = at.received.length;
    await at.up();
    await at.waitFor(before + 1, 10_000);
    expect(issuedOf(second.ticket.id)).toBe('sending');
    // The second ticket is called meanwhile: its "issued" is news too late, dropped though it was claimed.
    expect((await c.api('POST', `/counters/${counter}/call`, { auth: clerk, body: { ticketId: second.ticket.id } })).status).toBe(200);
    await at.release();
    await at.waitFor(before + 2, 10_000);
    await pause(500);
    const after = at.received.slice(before);
    expect(after.map((m) => m.to)).toEqual(['+254712345630', '+254712345631']);
    expect(after[0]!.text).toContain(first.ticket.label);
    expect(after[1]!.text).toContain(`${second.ticket.label}, it is your turn`);
    expect(issuedOf(first.ticket.id)).toBe('sent');
    expect(issuedOf(second.ticket.id)).toBe('dropped');
    await c.api('POST', `/tickets/${second.ticket.id}/no-show`, { auth: clerk });
  });

  it('takes delivery reports as Africa’s Talking posts them; counts today’s messages', async () => {
    const m = c.db.prepare("SELECT gateway_id FROM sms_outbox WHERE status = 'sent' AND gateway_id IS NOT NULL ORDER BY id LIMIT 2").pluck().all() as string[];
    await at.deliver(`${c.url}/api/v1/sms/delivery?key=${CALLBACK_KEY}`, m[0]!, 'Success');
    await at.deliver(`${c.url}/api/v1/sms/delivery?key=${CALLBACK_KEY}`, m[1]!, 'Failed');
    const overview = await c.api('GET', '/sms', { auth: manager });
    expect(overview.body.today).toMatchObject({ delivered: 1, failed: 1 });
    const list = await c.api('GET', '/sms/messages', { auth: manager });
    expect(list.body.items.length).toBeGreaterThan(5);
    expect(list.body.items[0].phone).toMatch(/^\+2547•••••\d{3}$/);
  });

  it('refuses a delivery report without the URL’s key with 403, changes nothing, and logs it once a minute at most', async () => {
    const statuses = () => c.db.prepare('SELECT id, status, error FROM sms_outbox ORDER BY id').all();
    const sent = c.db.prepare("SELECT gateway_id FROM sms_outbox WHERE status = 'sent' AND gateway_id IS NOT NULL ORDER BY id LIMIT 1").pluck().get() as string;
    const before = statuses();
    const refusalsLogged = () => logLines.filter((l) => l.includes('delivery report refused')).length;
    const logged = refusalsLogged();
    const post = (query: string) =>
      fetch(`${c.url}/api/v1/sms/delivery${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ id: sent, status: 'Failed', failureReason: 'UserInBlacklist', phoneNumber: '+254700000000' }).toString(),
      });
    for (const query of ['', '?key=', '?key=wrong-key-0000000000', `?key=${CALLBACK_KEY}x`, `?key=${CALLBACK_KEY.slice(0, -1)}`, `?KEY=${CALLBACK_KEY}`]) {
      const res = await post(query);
      expect(res.status, query).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
    // The fake gateway's own report without the key is refused as well.
    await at.deliver(`${c.url}/api/v1/sms/delivery`, sent, 'Failed');
    expect(statuses()).toEqual(before);
    // Seven refusals, one log line (the key itself never in it).
    expect(refusalsLogged()).toBe(logged + 1);
    expect(logLines.join('\n')).not.toContain(CALLBACK_KEY);
    // The right key still works.
    expect((await post(`?key=${CALLBACK_KEY}`)).status).toBe(200);
    expect(c.db.prepare('SELECT status FROM sms_outbox WHERE gateway_id = ?').pluck().get(sent)).toBe('failed');
  });

  it('"ready to collect" once per ticket, numbers added by staff, settings and a test message', async () => {
    const t = await issue('P', undefined, 'en', clerk);
    expect((await c.api('POST', `/tickets/${t.ticket.id}/ready`, { auth: clerk })).body.error.code).toBe('no-phone');
    const bad = await c.api('POST', `/tickets/${t.ticket.id}/phone`, { auth: clerk, body: { phone: 'O712345678' } });
    expect(bad.status).toBe(400);
    const set = await c.api('POST', `/tickets/${t.ticket.id}/phone`, { auth: clerk, body: { phone: '+254 110 345 630' } });
    expect(set.body).toEqual({ phone: '+2541•••••630' });
    const before = at.received.length;
    const ready = await c.api('POST', `/tickets/${t.ticket.id}/ready`, { auth: clerk });
    expect(ready.status).toBe(201);
    expect(ready.body.message).toMatchObject({ kind: 'ready', phone: '+2541•••••630', status: 'queued' });
    expect((await c.api('POST', `/tickets/${t.ticket.id}/ready`, { auth: clerk })).body.error.code).toBe('already-sent');
    await at.waitFor(before + 1);
    expect(at.received.at(-1)).toEqual({ to: '+254110345630', text: `Huduma Centre GPO, Nairobi: Your document is ready to collect. Bring ticket ${t.ticket.label} or your ID.` });

    const settings = await c.api('PATCH', '/admin/sms', { auth: admin, body: { nearAhead: 5, kinds: ['called', 'ready'] } });
    expect(settings.body.settings).toEqual({ nearAhead: 5, kinds: ['called', 'ready'] });
    const quiet = await issue('P', '0712 345 640');
    await pause(300);
    expect(textsTo('+254712345640')).toEqual([]);
    expect(quiet.phone).toBe('+2547•••••640');
    const test = await c.api('POST', '/admin/sms/test', { auth: admin, body: { phone: '0712345650', lang: 'sw' } });
    expect(test.status).toBe(201);
    await at.waitFor(at.received.length + 1);
    expect(textsTo('+254712345650')).toEqual(['Huduma Centre GPO, Nairobi: Huu ni ujumbe wa majaribio wa SMS za foleni.']);
    await c.api('PATCH', '/admin/sms', { auth: admin, body: { nearAhead: 3, kinds: ['issued', 'near', 'called', 'transferred', 'reminder', 'ready'] } });
  });

  it('never shows a number in a push, the public ticket, an export, a report or a log line', async () => {
    const digits = /712\s?345\s?6|110\s?345\s?6|0712345|254712|254110/;
    const anyTicket = c.db.prepare('SELECT t.id FROM ticket_phones p JOIN tickets t ON t.rowid = p.ticket_rowid LIMIT 1').pluck().get() as string;
    const tracker = connectSocket(c.url, { ticketId: anyTicket });
    await tracker.next('queue:snapshot');
    tracker.close();
    const day = (await c.api('GET', '/stats/live', { auth: manager })).body.day as string;
    const texts = [
      JSON.stringify(sockets.flatMap((s) => s.received)),
      JSON.stringify(tracker.received),
      JSON.stringify((await c.api('GET', `/tickets/${anyTicket}`)).body),
      JSON.stringify((await c.api('GET', '/queue', { auth: clerk })).body),
      JSON.stringify((await c.api('GET', '/stats/live', { auth: manager })).body),
      (await c.api('GET', `/stats/events?day=${day}`, { auth: manager })).body as string,
      (await c.api('GET', `/stats/report?from=${day}&to=${day}&groupBy=service&format=csv`, { auth: manager })).body as string,
      logLines.join('\n'),
    ];
    expect(sockets[0]!.received.length).toBeGreaterThan(10);
    expect(logLines.some((l) => l.includes('sms: sent'))).toBe(true);
    for (const text of texts) expect(text).not.toMatch(digits);
  });

  it('erases numbers when the day closes and drops what was still to send', async () => {
    const numbers = () => c.db.prepare('SELECT COUNT(*) FROM ticket_phones').pluck().get() as number;
    expect(numbers()).toBeGreaterThan(0);
    // As at the next day's first look: everything of today is "an earlier day".
    c.db.prepare("UPDATE tickets SET day = '2000-01-01'").run();
    c.db.prepare("UPDATE sms_outbox SET day = '2000-01-01'").run();
    const erased = c.app.ctx.sms.repo.eraseBefore('2000-01-02', Date.now());
    expect(erased).toBeGreaterThan(0);
    expect(numbers()).toBe(0);
    expect(c.db.prepare('SELECT COUNT(*) FROM sms_outbox WHERE phone IS NOT NULL').pluck().get()).toBe(0);
  });
});
