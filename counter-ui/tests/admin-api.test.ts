// The settings API behind /admin: every endpoint refuses a bad body with 400 and changes nothing; the safe
// rules hold (a service with tickets today is deactivated, not deleted; a code used today is not reused).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';

describe('settings API validation', () => {
  let c: TestCentre;
  let admin: string;
  let serviceId: string;
  let counterId: string;
  let userId: string;
  let kioskId: string;
  let displayId: string;

  /** Everything the admin can see, to compare before and after refused requests. */
  const everything = async () => {
    const get = async (path: string) => (await c.api('GET', path, { auth: admin })).body;
    return {
      services: await get('/admin/services'),
      counters: await get('/admin/counters'),
      users: await get('/admin/users'),
      devices: (await get('/admin/devices')).items.map((d: Record<string, unknown>) => ({ ...d, connected: undefined, lastSeenAt: undefined })),
      centre: await get('/admin/centre'),
      audit: await get('/admin/audit'),
    };
  };

  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
    admin = await c.login('admin');
    serviceId = c.serviceId('A');
    counterId = c.counterId('1');
    userId = c.app.ctx.repos.users.byUsername('wanjiru')!.id;
    const devices = (await c.api('GET', '/admin/devices', { auth: admin })).body.items as { id: string; kind: string }[];
    kioskId = devices.find((d) => d.kind === 'kiosk')!.id;
    displayId = devices.find((d) => d.kind === 'display')!.id;
  });
  afterAll(async () => {
    await c?.close();
  });

  const name = { en: 'Land rates', sw: 'Kodi ya ardhi' };
  // Built when the test runs: the ids are known only after beforeAll.
  const cases = (): [method: string, path: () => string, body: unknown, code: string][] => [
    // services
    ['POST', () => '/admin/services', {}, 'invalid-body'],
    ['POST', () => '/admin/services', { code: 'q', name, agency: 'County' }, 'invalid-body'],
    ['POST', () => '/admin/services', { code: 'QRST', name, agency: 'County' }, 'invalid-body'],
    ['POST', () => '/admin/services', { code: 'Q', name: { en: 'Land rates' }, agency: 'County' }, 'invalid-body'],
    ['POST', () => '/admin/services', { code: 'Q', name: { en: 'Land rates', sw: ' ' }, agency: 'County' }, 'invalid-body'],
    ['POST', () => '/admin/services', { code: 'Q', name, agency: '' }, 'invalid-body'],
    ['POST', () => '/admin/services', { code: 'Q', name, agency: 'County', slaMinutes: 0 }, 'invalid-body'],
    ['POST', () => '/admin/services', { code: 'Q', name, agency: 'County', slaMinutes: 'ten' }, 'invalid-body'],
    ['POST', () => '/admin/services', { code: 'Q', name, agency: 'County', serviceMinutes: 1000 }, 'invalid-body'],
    ['POST', () => '/admin/services', { code: 'Q', name, agency: 'County', colour: 'red' }, 'invalid-body'],
    ['POST', () => '/admin/services', { code: 'A', name, agency: 'County' }, 'code-taken'],
    ['PATCH', () => `/admin/services/${serviceId}`, { code: 'abc' }, 'invalid-body'],
    ['PATCH', () => `/admin/services/${serviceId}`, { slaMinutes: -5 }, 'invalid-body'],
    ['PATCH', () => `/admin/services/${serviceId}`, { name: { en: 'Only English' } }, 'invalid-body'],
    ['PATCH', () => `/admin/services/${serviceId}`, { active: 'no' }, 'invalid-body'],
    ['PATCH', () => `/admin/services/${serviceId}`, { id: 'svc_other' }, 'invalid-body'],
    ['PATCH', () => '/admin/services/not%20an%20id', { slaMinutes: 10 }, 'invalid-id'],
    // counters
    ['POST', () => '/admin/counters', { name: '', serviceIds: [] }, 'invalid-body'],
    ['POST', () => '/admin/counters', { name: 'Counter 11', serviceIds: [serviceId, serviceId] }, 'invalid-body'],
    ['POST', () => '/admin/counters', { name: 'Counter 11', zone: 'hall/2', serviceIds: [] }, 'invalid-body'],
    ['POST', () => '/admin/counters', { name: 'Counter 11', serviceIds: serviceId }, 'invalid-body'],
    ['POST', () => '/admin/counters', { name: 'Counter 11', serviceIds: ['svc_nothing'] }, 'unknown-service'],
    ['PATCH', () => `/admin/counters/${counterId}`, { serviceIds: [serviceId, serviceId] }, 'invalid-body'],
    ['PATCH', () => `/admin/counters/${counterId}`, { zone: '' }, 'invalid-body'],
    ['PATCH', () => `/admin/counters/${counterId}`, { status: 'open' }, 'invalid-body'],
    // Two counters of one name would send a customer to the wrong one.
    ['POST', () => '/admin/counters', { name: 'Counter 2', serviceIds: [serviceId] }, 'counter-name-taken'],
    ['POST', () => '/admin/counters', { name: ' counter 2 ', serviceIds: [serviceId] }, 'counter-name-taken'],
    // A counter in use with no services: its clerk would never get anyone.
    ['POST', () => '/admin/counters', { name: 'Counter 11', serviceIds: [] }, 'invalid-body'],
    ['PATCH', () => `/admin/counters/${counterId}`, { serviceIds: [] }, 'invalid-body'],
    ['PATCH', () => `/admin/counters/${counterId}`, { name: 'Counter 2' }, 'counter-name-taken'],
    // users
    ['POST', () => '/admin/users', { username: 'njeri', password: 'short', displayName: 'Njeri', role: 'clerk' }, 'invalid-body'],
    ['POST', () => '/admin/users', { username: 'njeri wambui', password: 'long-enough', displayName: 'Njeri', role: 'clerk' }, 'invalid-body'],
    ['POST', () => '/admin/users', { username: 'njeri', password: 'long-enough', displayName: 'Njeri', role: 'boss' }, 'invalid-body'],
    ['POST', () => '/admin/users', { username: 'njeri', password: 'long-enough', role: 'clerk' }, 'invalid-body'],
    ['POST', () => '/admin/users', { username: 'wanjiru', password: 'long-enough', displayName: 'Another', role: 'clerk' }, 'username-taken'],
    ['PATCH', () => `/admin/users/${userId}`, { role: 'root' }, 'invalid-body'],
    ['PATCH', () => `/admin/users/${userId}`, { password: 'short' }, 'invalid-body'],
    ['PATCH', () => `/admin/users/${userId}`, { active: 'yes' }, 'invalid-body'],
    ['PATCH', () => `/admin/users/${userId}`, { username: 'renamed' }, 'invalid-body'],
    // kiosks and displays
    ['POST', () => '/admin/devices', { kind: 'tv', name: 'Hall TV' }, 'invalid-body'],
    ['POST', () => '/admin/devices', { kind: 'kiosk', name: '' }, 'invalid-body'],
    ['POST', () => '/admin/devices', { kind: 'kiosk', name: 'Kiosk 2', printer: { url: 'http://printer' } }, 'invalid-body'],
    ['POST', () => '/admin/devices', { kind: 'kiosk', name: 'Kiosk 2', printer: { url: 'preview', paperWidth: 70 } }, 'invalid-body'],
    ['POST', () => '/admin/devices', { kind: 'display', name: 'Hall TV', printer: { url: 'preview' } }, 'display-printer'],
    ['PATCH', () => `/admin/devices/${kioskId}`, { printer: { url: 'lpt1' } }, 'invalid-body'],
    ['PATCH', () => `/admin/devices/${kioskId}`, { rotateToken: 'yes' }, 'invalid-body'],
    ['PATCH', () => `/admin/devices/${displayId}`, { printer: { url: 'preview' } }, 'display-printer'],
    ['POST', () => `/admin/devices/${kioskId}/test-print`, { copies: 2 }, 'invalid-body'],
    // centre
    ['PATCH', () => '/admin/centre', { timezone: 'Mars/Olympus_Mons' }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { timezone: 'EAT' }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { languages: [] }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { languages: ['fr'] }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { openingHours: { mon: { opens: '8am', closes: '17:00' } } }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { openingHours: { tue: { opens: '99:99', closes: '17:00' } } }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { openingHours: { wed: { opens: '08:00', closes: '24:00' } } }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { openingHours: { thu: { opens: '17:00', closes: '08:00' } } }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { openingHours: { fri: { opens: '08:00', closes: '08:00' } } }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { openingHours: { sat: { opens: '09:00' } } }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { openingHours: { sunday: null } }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { openingHours: { opens: '08:00', closes: '17:00' } }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { openingHours: { closedDates: ['2026-02-30'] } }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { openingHours: { closedDates: ['25/12/2026'] } }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { openingHours: { closedDates: ['2026-12-25', '2026-12-25'] } }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { openingHours: { closedDates: '2026-12-25' } }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { languages: ['en', 'en'] }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { languages: ['sw', 'en', 'sw'] }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { notices: [{ en: 'Closed on Friday' }] }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { priorityHeadStartMinutes: 1000 }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { name: '' }, 'invalid-body'],
    ['PATCH', () => '/admin/centre', { theme: 'dark' }, 'invalid-body'],
    // stats
    ['POST', () => '/stats/rebuild', { from: '2025-01-02', to: '2025-01-01' }, 'invalid-range'],
    ['POST', () => '/stats/rebuild', { from: '2025-01-01' }, 'invalid-body'],
  ];

  it('refuses every bad body with 400 (or 409 for a taken name) and changes nothing', async () => {
    const before = await everything();
    for (const [method, path, body, code] of cases()) {
      const res = await c.api(method, path(), { auth: admin, body });
      const label = `${method} ${path()} ${JSON.stringify(body)}`;
      expect(res.body?.error?.code, label).toBe(code);
      expect(res.status, label).toBe(code.endsWith('-taken') ? 409 : 400);
      expect(res.body.error.message.length, label).toBeGreaterThan(10);
    }
    // Malformed JSON is refused by the body parser with the same error shape.
    const broken = await c.api('POST', '/admin/services', { auth: admin, body: '{"code": "Q",', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid-json');
    expect(await everything()).toEqual(before);
  });

  it('deactivates rather than deletes a service with tickets today, and never reuses a code used today', async () => {
    const created = await c.api('POST', '/admin/services', { auth: admin, body: { code: 'Q', name, agency: 'County' } });
    expect(created.status).toBe(201);
    const q = created.body.service.id;
    // No counter serves Q yet, so a kiosk would not offer it; a clerk may still issue one.
    expect((await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: q } })).body.error.code).toBe('service-not-served');
    expect((await c.api('POST', '/tickets', { auth: admin, body: { serviceId: q } })).body.ticket.label).toBe('Q001');
    const renamed = await c.api('PATCH', `/admin/services/${q}`, { auth: admin, body: { code: 'QA' } });
    expect(renamed.status).toBe(409);
    expect(renamed.body.error.code).toBe('code-in-use');
    const removed = await c.api('DELETE', `/admin/services/${q}`, { auth: admin });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ deleted: false, service: { id: q, code: 'Q', active: false } });
    // Off the kiosk, still in the settings, and today's ticket keeps its meaning.
    expect((await c.api('GET', '/services')).body.items.some((s: { id: string }) => s.id === q)).toBe(false);
    expect((await c.api('GET', `/admin/services/${q}`, { auth: admin })).body.service.active).toBe(false);

    // A service nobody used today is deleted; its code is free again.
    const spare = await c.api('POST', '/admin/services', { auth: admin, body: { code: 'Z', name, agency: 'County' } });
    expect((await c.api('DELETE', `/admin/services/${spare.body.service.id}`, { auth: admin })).body.deleted).toBe(true);
    expect((await c.api('POST', '/admin/services', { auth: admin, body: { code: 'Z', name, agency: 'County' } })).status).toBe(201);
  });

  it('says plainly what is wrong with opening hours and languages', async () => {
    const hours = await c.api('PATCH', '/admin/centre', { auth: admin, body: { openingHours: { mon: { opens: '17:00', closes: '08:00' } } } });
    expect(hours.body.error.message).toContain('Monday closes at (08:00) must be later than Monday opens at (17:00)');
    const bad = await c.api('PATCH', '/admin/centre', { auth: admin, body: { openingHours: { mon: { opens: '99:99', closes: '17:00' } } } });
    expect(bad.body.error.message).toContain('a time of day is HH:MM, from 00:00 to 23:59');
    const twice = await c.api('PATCH', '/admin/centre', { auth: admin, body: { languages: ['en', 'en'] } });
    expect(twice.body.error.message).toContain('A language is listed twice.');
    // A counter keeps its own name, even written another way.
    const own = await c.api('PATCH', `/admin/counters/${counterId}`, { auth: admin, body: { name: 'COUNTER 1' } });
    expect(own.status).toBe(200);
    expect((await c.api('PATCH', `/admin/counters/${counterId}`, { auth: admin, body: { name: 'Counter 1' } })).status).toBe(200);
    const ok = await c.api('PATCH', '/admin/centre', { auth: admin, body: { openingHours: { mon: { opens: '07:30', closes: '23:59' } }, languages: ['sw', 'en'] } });
    expect(ok.status).toBe(200);
    expect(ok.body.centre).toMatchObject({ openingHours: { mon: { opens: '07:30', closes: '23:59' } }, languages: ['sw', 'en'] });
  });

  it('takes a deleted service off the counters that served it, so they still save', async () => {
    const spare = await c.api('POST', '/admin/services', { auth: admin, body: { code: 'W', name, agency: 'County' } });
    const w = spare.body.service.id as string;
    const counter = await c.api('POST', '/admin/counters', { auth: admin, body: { name: 'Counter W', serviceIds: [w, serviceId] } });
    expect(counter.status).toBe(201);
    const id = counter.body.counter.id as string;
    expect((await c.api('DELETE', `/admin/services/${w}`, { auth: admin })).body.deleted).toBe(true);
    expect((await c.api('GET', `/admin/counters/${id}`, { auth: admin })).body.counter.serviceIds).toEqual([serviceId]);
    expect((await c.api('GET', '/counters', { auth: admin })).body.items.find((x: { id: string }) => x.id === id).serviceIds).toEqual([serviceId]);
    const saved = await c.api('PATCH', `/admin/counters/${id}`, { auth: admin, body: { zone: 'annex', serviceIds: [serviceId] } });
    expect(saved.status).toBe(200);
    // Recorded like every change: who took the service off which counter.
    const audit = (await c.api('GET', '/admin/audit', { auth: admin })).body.items as { action: string; entity: string; entityId: string; data: unknown }[];
    expect(audit.find((a) => a.entity === 'counters' && a.entityId === id && a.action === 'update' && JSON.stringify(a.data).includes(w))).toBeDefined();
  });

  it('keeps the last admin', async () => {
    const me = c.app.ctx.repos.users.byUsername('admin')!.id;
    for (const body of [{ role: 'manager' }, { active: false }]) {
      const res = await c.api('PATCH', `/admin/users/${me}`, { auth: admin, body });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('last-admin');
    }
  });
});
