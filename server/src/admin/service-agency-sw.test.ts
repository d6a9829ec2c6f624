// A service's agency has an optional Kiswahili name beside the one the centre writes: the admin sets,
// changes and clears it (audited), every service list carries it, a bad value is refused in the form's
// words, and the demo centre gives every agency one. Migration 0008 leaves services made before it NULL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBefore } from '../db/migration-fixtures.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

describe('agency in Kiswahili', () => {
  let c: TestCentre;
  let admin: string;
  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
    admin = await c.login('admin');
  });
  afterAll(() => c.close());

  const name = { en: 'County permits', sw: 'Vibali vya kaunti' };
  const lastAudit = async () => (await c.api('GET', '/admin/audit', { auth: admin })).body.items[0];
  const publicService = async (code: string) => ((await c.api('GET', '/services')).body.items as { code: string; agency: string; agencySw: string | null }[]).find((s) => s.code === code);

  it('is created with the service when given, audited, and listed by GET /services and the admin', async () => {
    const res = await c.api('POST', '/admin/services', { auth: admin, body: { code: 'Q', name, agency: 'Nairobi County', agencySw: '  Kaunti ya Nairobi ' } });
    expect(res.status).toBe(201);
    expect(res.body.service).toMatchObject({ code: 'Q', agency: 'Nairobi County', agencySw: 'Kaunti ya Nairobi' });
    expect(await lastAudit()).toMatchObject({ action: 'create', entity: 'services', entityId: res.body.service.id, data: { agency: 'Nairobi County', agencySw: 'Kaunti ya Nairobi' } });
    expect(await publicService('Q')).toMatchObject({ agency: 'Nairobi County', agencySw: 'Kaunti ya Nairobi' });
    const listed = (await c.api('GET', '/admin/services', { auth: admin })).body.items.find((s: { code: string }) => s.code === 'Q');
    expect(listed.agencySw).toBe('Kaunti ya Nairobi');
  });

  it('is null when left out, and is then set, kept by other changes, and cleared, each change audited', async () => {
    const res = await c.api('POST', '/admin/services', { auth: admin, body: { code: 'W', name, agency: 'Immigration' } });
    expect(res.status).toBe(201);
    expect(res.body.service.agencySw).toBeNull();
    expect(await publicService('W')).toMatchObject({ agency: 'Immigration', agencySw: null });
    const id = res.body.service.id as string;

    const set = await c.api('PATCH', `/admin/services/${id}`, { auth: admin, body: { agencySw: 'Idara ya Uhamiaji' } });
    expect(set.status).toBe(200);
    expect(set.body.service).toMatchObject({ agency: 'Immigration', agencySw: 'Idara ya Uhamiaji' });
    expect((await lastAudit()).data).toEqual({ changed: { agencySw: { from: null, to: 'Idara ya Uhamiaji' } } });

    // A change of another field keeps it.
    expect((await c.api('PATCH', `/admin/services/${id}`, { auth: admin, body: { agency: 'Department of Immigration' } })).body.service.agencySw).toBe('Idara ya Uhamiaji');
    expect(await publicService('W')).toMatchObject({ agency: 'Department of Immigration', agencySw: 'Idara ya Uhamiaji' });

    const cleared = await c.api('PATCH', `/admin/services/${id}`, { auth: admin, body: { agencySw: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.body.service.agencySw).toBeNull();
    expect((await lastAudit()).data).toEqual({ changed: { agencySw: { from: 'Idara ya Uhamiaji', to: null } } });
    expect(await publicService('W')).toMatchObject({ agencySw: null });
    expect(c.app.ctx.repos.services.get(id)?.agencySw).toBeNull();
  });

  it('refuses a value too long, empty or not text, on create and on change, in the form’s words', async () => {
    const id = c.serviceId('B');
    const before = (await c.api('GET', '/admin/services', { auth: admin })).body;
    const cases: [unknown, string][] = [
      ['x'.repeat(81), 'Agency (Kiswahili) has at most 80 characters.'],
      ['   ', 'Agency (Kiswahili) cannot be empty.'],
      [42, 'Agency (Kiswahili) must be text.'],
      [{ sw: 'Usajili' }, 'Agency (Kiswahili) must be text.'],
    ];
    for (const [agencySw, message] of cases) {
      const created = await c.api('POST', '/admin/services', { auth: admin, body: { code: 'Z', name, agency: 'County', agencySw } });
      expect(created.status, message).toBe(400);
      expect(created.body.error, message).toEqual({ code: 'invalid-body', message, details: [{ path: 'agencySw', message }] });
      const changed = await c.api('PATCH', `/admin/services/${id}`, { auth: admin, body: { agencySw } });
      expect(changed.status, message).toBe(400);
      expect(changed.body.error.message).toBe(message);
    }
    expect((await c.api('GET', '/admin/services', { auth: admin })).body).toEqual(before);
  });

  it('is in the OpenAPI document, optional on create, and in the service answers', async () => {
    const doc = (await c.api('GET', '/openapi.json')).body;
    const create = doc.paths['/admin/services'].post.requestBody.content['application/json'].schema;
    expect(create.properties.agencySw).toMatchObject({ anyOf: [{ type: 'string', maxLength: 80 }, { type: 'null' }] });
    expect(create.required).not.toContain('agencySw');
    const listed = doc.paths['/services'].get.responses['200'].content['application/json'].schema.properties.items.items;
    expect(listed.required).toContain('agencySw');
  });

  it('is given by the demo centre to every agency it seeds', async () => {
    const services = (await c.api('GET', '/admin/services', { auth: admin })).body.items as { code: string; agency: string; agencySw: string | null }[];
    const demo = services.filter((s) => !['Q', 'W'].includes(s.code));
    expect(demo.length).toBeGreaterThanOrEqual(12);
    for (const s of demo) expect(s.agencySw, s.code).toMatch(/\S/);
    expect(demo.find((s) => s.code === 'B')).toMatchObject({ agency: 'Civil Registration', agencySw: 'Usajili wa Vizazi na Vifo' });
    // Acronyms stay.
    expect(demo.find((s) => s.code === 'S')?.agencySw).toMatch(/^HELB\b/);
  });
});

describe('migration 0008 on services made before it', () => {
  it('adds agency_sw as NULL and leaves the rest of each row as it was', () => {
    const old = databaseBefore('0008');
    try {
      const { db } = old;
      db.prepare("INSERT INTO services (id, code, name_en, name_sw, agency, created_at) VALUES ('svc_b', 'B', 'Birth certificate', 'Cheti cha kuzaliwa', 'Civil Registration', 1)").run();
      const before = db.prepare('SELECT * FROM services').all();

      expect(old.upgrade().some((f) => f.startsWith('0008-'))).toBe(true);
      const after = db.prepare('SELECT * FROM services').all() as Record<string, unknown>[];
      expect(after.map((r) => r.agency_sw)).toEqual([null]);
      // Columns of later migrations (0013's booking settings) are left aside: only 0008's change is checked.
      const asBefore = after.map(({ agency_sw: _, ...rest }) => Object.fromEntries(Object.entries(rest).filter(([k]) => !k.startsWith('booking_'))));
      expect(asBefore).toEqual(before);
    } finally {
      old.dispose();
    }
  });
});
