import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

describe('tickets and counters over HTTP', () => {
  let c: TestCentre;
  let clerk: string;
  let counter: string;
  const ticketCount = () => c.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number;

  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
    clerk = await c.login('wanjiru');
    counter = c.counterId('4'); // serves H then N
    expect((await c.api('POST', `/counters/${counter}/open`, { auth: clerk })).status).toBe(200);
  });
  afterAll(() => c.close());

  it('answers health, centre and services to anyone', async () => {
    expect((await c.api('GET', '/health')).body).toEqual({ ok: true, version: expect.any(String) });
    const centre = await c.api('GET', '/centre');
    expect(centre.body.centre).toMatchObject({ name: 'Huduma Centre GPO, Nairobi', timezone: 'Africa/Nairobi', languages: ['en', 'sw'] });
    const services = await c.api('GET', '/services');
    expect(services.body.items).toHaveLength(12);
    expect(services.body.items[0]).toMatchObject({ code: 'A', name: { en: 'National ID card', sw: 'Kitambulisho cha Taifa' }, waiting: 0, estimatedWaitMinutes: 0 });
  });

  it('issues a ticket from a kiosk, once per idempotency key, and shows it to whoever holds the id', async () => {
    const body = { serviceId: c.serviceId('H'), priority: 'elderly', lang: 'sw' };
    const headers = { 'idempotency-key': 'kiosk-tap-0001' };
    const first = await c.api('POST', '/tickets', { auth: c.kioskToken, body, headers });
    expect(first.status).toBe(201);
    expect(first.body.ticket).toMatchObject({ label: 'H001', status: 'waiting', priority: 'elderly', lang: 'sw', source: 'kiosk', position: 1, estimatedWaitMinutes: 0 });
    // The kiosk shows the citizen's own link: with the key that lets its holder rate the visit.
    expect(first.body.ticket.trackUrl).toMatch(new RegExp(`^${c.url}/t/${first.body.ticket.id}#k=[A-Za-z0-9_-]{22}$`));
    expect(first.body.print).toMatchObject({ status: 'preview' });
    const retry = await c.api('POST', '/tickets', { auth: c.kioskToken, body, headers });
    expect(retry.status).toBe(200);
    expect(retry.body.ticket.id).toBe(first.body.ticket.id);
    expect(retry.body.ticket.trackUrl).toBe(first.body.ticket.trackUrl);

    const pub = await c.api('GET', `/tickets/${first.body.ticket.id}`);
    expect(pub.status).toBe(200);
    expect(pub.body.ticket).toMatchObject({ label: 'H001', status: 'waiting', position: 1, service: { code: 'H' }, counter: null, feedbackGiven: false });
    // Whoever holds the id sees the link without the key.
    expect(pub.body.ticket.trackUrl).toBe(`${c.url}/t/${first.body.ticket.id}`);
    expect(pub.body.ticket).not.toHaveProperty('clerkId');
    expect(pub.body.ticket).not.toHaveProperty('source');
    // That it has priority, not why (a tracker link is easily shared), and no centre-wide row number.
    expect(pub.body.ticket.prioritised).toBe(true);
    expect(pub.body.ticket).not.toHaveProperty('priority');
    expect(pub.body.ticket).not.toHaveProperty('rank');
    expect(JSON.stringify(pub.body)).not.toContain('elderly');
  });

  it('calls, recalls, serves and completes; 204 when nobody waits', async () => {
    const issued = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('N') } });
    expect(issued.body.ticket.source).toBe('staff');
    const first = await c.api('POST', `/counters/${counter}/call-next`, { auth: clerk });
    expect(first.body.ticket).toMatchObject({ label: 'H001', status: 'called', counterId: counter });
    const pub = await c.api('GET', `/tickets/${first.body.ticket.id}`);
    expect(pub.body.ticket.counter).toEqual({ id: counter, name: 'Counter 4', zone: 'main' });
    expect((await c.api('POST', `/tickets/${first.body.ticket.id}/recall`, { auth: clerk })).body.ticket.callCount).toBe(2);
    expect((await c.api('POST', `/tickets/${first.body.ticket.id}/start`, { auth: clerk })).body.ticket.status).toBe('serving');
    expect((await c.api('POST', `/tickets/${first.body.ticket.id}/complete`, { auth: clerk })).body.ticket.status).toBe('done');
    const second = await c.api('POST', `/counters/${counter}/call-next`, { auth: clerk });
    expect(second.body.ticket.label).toBe('N001');
    expect((await c.api('POST', `/tickets/${second.body.ticket.id}/no-show`, { auth: clerk })).body.ticket.status).toBe('no_show');
    const none = await c.api('POST', `/counters/${counter}/call-next`, { auth: clerk });
    expect(none.status).toBe(204);
    expect(none.body).toBeNull();
  });

  it('takes feedback once, and only after the visit', async () => {
    const t = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('H') } });
    // The key from the citizen's link, which the issuer's answer carries (#k=…).
    const key = new URL(t.body.ticket.trackUrl as string).hash.slice('#k='.length);
    const early = await c.api('POST', `/tickets/${t.body.ticket.id}/feedback`, { body: { rating: 5, key } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('not-done');
    await c.api('POST', `/counters/${counter}/call`, { auth: clerk, body: { ticketId: t.body.ticket.id } });
    await c.api('POST', `/tickets/${t.body.ticket.id}/start`, { auth: clerk });
    await c.api('POST', `/tickets/${t.body.ticket.id}/complete`, { auth: clerk });
    expect((await c.api('POST', `/tickets/${t.body.ticket.id}/feedback`, { body: { rating: 4, comment: 'Haraka sana', key } })).status).toBe(201);
    const again = await c.api('POST', `/tickets/${t.body.ticket.id}/feedback`, { body: { rating: 1, key } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('feedback-given');
    expect((await c.api('GET', `/tickets/${t.body.ticket.id}`)).body.ticket.feedbackGiven).toBe(true);
  });

  it('lists the queue per service in routing order, for staff only', async () => {
    const a = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('G') } });
    const b = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('G'), priority: 'pwd' } });
    const queue = await c.api('GET', '/queue', { auth: clerk });
    const g = queue.body.items.find((i: { code: string }) => i.code === 'G');
    expect(g.tickets.map((t: { id: string }) => t.id)).toEqual([b.body.ticket.id, a.body.ticket.id]);
    expect((await c.api('GET', '/queue')).status).toBe(401);
    expect((await c.api('GET', '/queue', { auth: c.displayToken })).status).toBe(403);
  });

  describe('bad input changes nothing', () => {
    const cases: [string, string, unknown, number, string][] = [
      ['unknown field', '/tickets', { serviceId: 'svc_x', colour: 'red' }, 400, 'invalid-body'],
      ['missing service', '/tickets', { priority: 'pwd' }, 400, 'invalid-body'],
      ['bad priority', '/tickets', { serviceId: 'svc_x', priority: 'vip' }, 400, 'invalid-body'],
      ['bad language', '/tickets', { serviceId: 'svc_x', lang: 'fr' }, 400, 'invalid-body'],
      ['an array', '/tickets', [1, 2], 400, 'invalid-body'],
      ['unknown service', '/tickets', { serviceId: 'svc_doesnotexist' }, 404, 'not-found'],
    ];
    for (const [name, path, body, status, code] of cases) {
      it(`refuses ${name}`, async () => {
        const before = ticketCount();
        const res = await c.api('POST', path, { auth: clerk, body });
        expect(res.status).toBe(status);
        expect(res.body.error.code).toBe(code);
        expect(res.body.error.message).toEqual(expect.any(String));
        expect(ticketCount()).toBe(before);
      });
    }

    it('refuses malformed JSON, a bad idempotency key and oversized bodies', async () => {
      const before = ticketCount();
      expect((await c.api('POST', '/tickets', { auth: clerk, body: '{"serviceId":' })).body.error.code).toBe('invalid-json');
      const badKey = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('A') }, headers: { 'idempotency-key': 'x' } });
      expect(badKey.status).toBe(400);
      expect(badKey.body.error.code).toBe('invalid-idempotency-key');
      const huge = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: 'x'.repeat(100_000) } });
      expect(huge.status).toBe(413);
      expect(ticketCount()).toBe(before);
    });

    it('answers 404 for unknown ids and 400 for malformed ones', async () => {
      expect((await c.api('GET', '/tickets/doesNotExist123')).status).toBe(404);
      expect((await c.api('GET', '/tickets/not%20an%20id')).body.error.code).toBe('invalid-ticket-id');
      expect((await c.api('POST', '/counters/ctr_nope/open', { auth: clerk })).status).toBe(404);
      expect((await c.api('POST', '/tickets/nope/start', { auth: clerk })).status).toBe(404);
    });

    it('refuses a step that does not fit, saying why', async () => {
      const t = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('H') } });
      const res = await c.api('POST', `/tickets/${t.body.ticket.id}/complete`, { auth: clerk });
      expect(res.status).toBe(409);
      expect(res.body.error).toEqual({ code: 'wrong-state', message: expect.stringContaining(`${t.body.ticket.label} is waiting`) });
      expect(c.app.ctx.repos.tickets.byId(t.body.ticket.id)!.status).toBe('waiting');
      await c.api('POST', `/tickets/${t.body.ticket.id}/cancel`, { auth: clerk });
    });
  });

  it('sets security headers and serves an OpenAPI document built from the schemas', async () => {
    // The API's JSON: nothing in it runs, is framed or kept.
    const res = await fetch(`${c.url}/api/v1/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-powered-by')).toBeNull();
    const unknown = await fetch(`${c.url}/api/v2/tickets`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    // The screens' pages: helmet's full set, for plain http on a LAN.
    const page = await fetch(`${c.url}/kiosk`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('strict-transport-security')).toBeNull();
    expect(page.headers.get('x-powered-by')).toBeNull();
    const doc = (await c.api('GET', '/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    const issue = doc.paths['/tickets'].post;
    // A ticket for a service, or for a journey: two bodies, the same priorities.
    const bodies = issue.requestBody.content['application/json'].schema.anyOf as { properties: Record<string, { enum?: string[] }> }[];
    expect(bodies.map((b) => Object.keys(b.properties)[0])).toEqual(['serviceId', 'journeyId']);
    for (const b of bodies) expect(b.properties.priority!.enum).toEqual(['none', 'pwd', 'elderly', 'pregnant', 'other']);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/counters/{counterId}/call-next', '/admin/devices', '/tickets/{ticketId}/transfer']));
  });
  it("refuses an idempotency key sent with another request, rather than answering with another's ticket", async () => {
    const body = { serviceId: c.serviceId('N') };
    const headers = { 'idempotency-key': 'kiosk-tap-0002' };
    const first = await c.api('POST', '/tickets', { auth: c.kioskToken, body, headers });
    expect(first.status).toBe(201);
    const count = ticketCount();
    for (const [auth, other] of [
      [c.kioskToken, { serviceId: c.serviceId('H') }],
      [c.kioskToken, { ...body, priority: 'pwd' }],
      [clerk, body],
    ] as const) {
      const reused = await c.api('POST', '/tickets', { auth, body: other, headers });
      expect(reused.status).toBe(409);
      expect(reused.body.error.code).toBe('idempotency-key-reused');
      expect(JSON.stringify(reused.body)).not.toContain(first.body.ticket.id);
    }
    expect(ticketCount()).toBe(count);
    const retry = await c.api('POST', '/tickets', { auth: c.kioskToken, body, headers });
    expect(retry.status).toBe(200);
    expect(retry.body.ticket.label).toBe(first.body.ticket.label);
  });

  it("keeps a staff user's idempotency key theirs: another clerk or a kiosk sending it gets 409, never that ticket", async () => {
    const body = { serviceId: c.serviceId('N') };
    const headers = { 'idempotency-key': 'desk-tap-0001' };
    const first = await c.api('POST', '/tickets', { auth: clerk, body, headers });
    expect(first.status).toBe(201);
    const id = first.body.ticket.id as string;
    const retry = await c.api('POST', '/tickets', { auth: clerk, body, headers });
    expect(retry.status).toBe(200);
    expect(retry.body.ticket.id).toBe(id);

    // The ticket names who issued it, and so does its event.
    const wanjiru = (await c.api('GET', '/auth/me', { auth: clerk })).body.user.id as string;
    expect(c.db.prepare('SELECT issued_by FROM tickets WHERE id = ?').pluck().get(id)).toBe(wanjiru);
    const issued = c.db
      .prepare("SELECT e.user_id FROM events e JOIN tickets t ON t.rowid = e.ticket_rowid WHERE t.id = ? AND e.type = 'ticket.issued'")
      .pluck()
      .all(id);
    expect(issued).toEqual([wanjiru]);

    const written = () =>
      ['tickets', 'ticket_numbers', 'events'].map((t) => c.db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number).join(',');
    const before = written();
    for (const auth of [await c.login('otieno'), await c.login('manager'), c.kioskToken]) {
      const reused = await c.api('POST', '/tickets', { auth, body, headers });
      expect(reused.status).toBe(409);
      expect(reused.body.error.code).toBe('idempotency-key-reused');
      expect(JSON.stringify(reused.body)).not.toContain(id);
    }
    expect(written()).toBe(before);
    // Still the first clerk's ticket, for the first clerk.
    expect((await c.api('POST', '/tickets', { auth: clerk, body, headers })).body.ticket.id).toBe(id);
  });

  it('records no issuing user on a kiosk ticket', async () => {
    const res = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('A') } });
    expect(res.status).toBe(201);
    const row = c.db.prepare('SELECT issued_by, device_id FROM tickets WHERE id = ?').get(res.body.ticket.id) as { issued_by: string | null; device_id: string | null };
    expect(row.issued_by).toBeNull();
    expect(row.device_id).toEqual(expect.any(String));
  });
});
