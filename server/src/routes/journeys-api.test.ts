import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

describe('journeys over HTTP', () => {
  let c: TestCentre;
  let admin: string;
  let clerk: string;
  let manager: string;
  let good: { code: string; name: { en: string; sw: string }; steps: string[] };
  const count = (table: string) => c.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;

  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
    admin = await c.login('admin');
    clerk = await c.login('wanjiru');
    manager = await c.login('manager');
    good = { code: 'BIZ', name: { en: 'Business name', sw: 'Jina la biashara' }, steps: [c.serviceId('K'), c.serviceId('R'), c.serviceId('P')] };
  });
  afterAll(() => c.close());

  it('refuses bad journeys with 4xx in the error shape, and changes nothing', async () => {
    const inactive = await c.api('POST', '/admin/services', { auth: admin, body: { code: 'Z', name: { en: 'Old desk', sw: 'Dawati la zamani' }, agency: 'Huduma Kenya', active: false } });
    expect(inactive.status).toBe(201);
    const before = { journeys: count('journeys'), steps: count('journey_steps'), audit: count('audit_log') };
    const [k, r] = [c.serviceId('K'), c.serviceId('R')];
    const bad: [string, unknown, number, string][] = [
      ['one step', { ...good, steps: [k] }, 400, 'invalid-body'],
      ['no steps', { ...good, steps: [] }, 400, 'invalid-body'],
      ['an unknown service', { ...good, steps: [k, 'svc_nothing'] }, 400, 'unknown-service'],
      ['an inactive service', { ...good, steps: [k, inactive.body.service.id] }, 400, 'service-inactive'],
      ['the same service twice in a row', { ...good, steps: [k, r, r] }, 400, 'invalid-body'],
      ['40 steps', { ...good, steps: Array.from({ length: 40 }, (_, i) => (i % 2 ? k : r)) }, 400, 'invalid-body'],
      ['no Kiswahili name', { ...good, name: { en: 'Business name' } }, 400, 'invalid-body'],
      ['a bad code', { ...good, code: 'biz name' }, 400, 'invalid-body'],
    ];
    for (const [why, body, status, code] of bad) {
      const res = await c.api('POST', '/admin/journeys', { auth: admin, body });
      expect({ why, status: res.status, code: res.body?.error?.code }).toEqual({ why, status, code });
      expect(typeof res.body.error.message).toBe('string');
    }
    // The refusal says which field, in the form's words.
    const twice = await c.api('POST', '/admin/journeys', { auth: admin, body: { ...good, steps: [k, r, r] } });
    expect(twice.body.error.message).toMatch(/twice in a row/);
    const one = await c.api('POST', '/admin/journeys', { auth: admin, body: { ...good, steps: [k] } });
    expect(one.body.error.message).toMatch(/at least 2 steps/);
    expect({ journeys: count('journeys'), steps: count('journey_steps'), audit: count('audit_log') }).toEqual(before);
    expect((await c.api('GET', '/journeys')).body.items.map((j: { code: string }) => j.code)).not.toContain('BIZ');
  });

  it('creates, lists, changes and deactivates a journey, each change audited; a bad change changes nothing', async () => {
    const created = await c.api('POST', '/admin/journeys', { auth: admin, body: good });
    expect(created.status).toBe(201);
    const id = created.body.journey.id;
    expect(created.body.journey).toMatchObject({ code: 'BIZ', steps: good.steps, active: true });
    expect((await c.api('POST', '/admin/journeys', { auth: admin, body: good })).body.error.code).toBe('journey-code-taken');

    const listed = await c.api('GET', '/journeys');
    expect(listed.status).toBe(200);
    const biz = listed.body.items.find((j: { id: string }) => j.id === id);
    expect(biz).toMatchObject({ served: true, stepServices: [{ code: 'K' }, { code: 'R' }, { code: 'P' }] });

    const bad = await c.api('PATCH', `/admin/journeys/${id}`, { auth: admin, body: { steps: [good.steps[0]] } });
    expect(bad.status).toBe(400);
    expect((await c.api('GET', `/admin/journeys/${id}`, { auth: admin })).body.journey.steps).toEqual(good.steps);

    const changed = await c.api('PATCH', `/admin/journeys/${id}`, { auth: admin, body: { steps: good.steps.slice(1), name: { en: 'Business name registration', sw: 'Usajili wa jina la biashara' } } });
    expect(changed.status).toBe(200);
    expect(changed.body.journey.steps).toEqual(good.steps.slice(1));
    const off = await c.api('DELETE', `/admin/journeys/${id}`, { auth: admin });
    expect(off.body.journey.active).toBe(false);
    expect((await c.api('GET', '/journeys')).body.items.map((j: { id: string }) => j.id)).not.toContain(id);
    expect((await c.api('GET', '/admin/journeys', { auth: admin })).body.items.map((j: { id: string }) => j.id)).toContain(id);

    const audit = await c.api('GET', '/admin/audit', { auth: admin });
    const mine = audit.body.items.filter((e: { entity: string; entityId: string }) => e.entity === 'journeys' && e.entityId === id);
    expect(mine.map((e: { action: string }) => e.action)).toEqual(['deactivate', 'update', 'create']);
    expect(mine[1].data.changed.steps).toEqual({ from: good.steps, to: good.steps.slice(1) });
  });

  it('lets only admins manage journeys, anyone list them, and only counter staff move a ticket between steps', async () => {
    const journeys = count('journeys');
    const who = { nobody: undefined, kiosk: c.kioskToken, display: c.displayToken, clerk, manager };
    for (const [name, auth] of Object.entries(who)) {
      const res = await c.api('POST', '/admin/journeys', { ...(auth ? { auth } : {}), body: { ...good, code: 'ROLE' } });
      expect({ name, status: res.status }).toEqual({ name, status: auth ? 403 : 401 });
      expect((await c.api('GET', '/admin/journeys', auth ? { auth } : {})).status).toBe(auth ? 403 : 401);
      expect((await c.api('GET', '/journeys', auth ? { auth } : {})).status).toBe(200);
    }
    expect(count('journeys')).toBe(journeys);
    const t = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('A') } });
    for (const auth of [undefined, c.kioskToken, c.displayToken]) {
      const res = await c.api('POST', `/tickets/${t.body.ticket.id}/journey-step`, { ...(auth ? { auth } : {}), body: { step: 2 } });
      expect(res.status).toBe(auth ? 403 : 401);
      const end = await c.api('POST', `/tickets/${t.body.ticket.id}/end-journey`, { ...(auth ? { auth } : {}), body: { note: 'done' } });
      expect(end.status).toBe(auth ? 403 : 401);
    }
  });

  it('issues one journey ticket at the kiosk and by staff, in the first step’s line, with its step', async () => {
    const created = await c.api('POST', '/admin/journeys', { auth: admin, body: { ...good, code: 'BIZ2' } });
    const journeyId = created.body.journey.id;
    const issued = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { journeyId, lang: 'sw' }, headers: { 'idempotency-key': 'journey-tap-0001' } });
    expect(issued.status).toBe(201);
    expect(issued.body.ticket).toMatchObject({ serviceId: c.serviceId('K'), status: 'waiting', onJourney: { id: journeyId, step: 1, of: 3, ended: null } });
    expect(issued.body.ticket.onJourney.steps.map((s: { name: { sw: string } }) => s.name.sw)).toEqual(['PIN ya KRA na marejesho ya kodi', 'Usajili wa jina la biashara', 'Malipo na maswali']);
    const again = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { journeyId, lang: 'sw' }, headers: { 'idempotency-key': 'journey-tap-0001' } });
    expect(again.status).toBe(200);
    expect(again.body.ticket.id).toBe(issued.body.ticket.id);
    const pub = await c.api('GET', `/tickets/${issued.body.ticket.id}`);
    expect(pub.body.ticket.journey).toMatchObject({ id: journeyId, step: 1, of: 3 });
    const staff = await c.api('POST', '/tickets', { auth: clerk, body: { journeyId } });
    expect(staff.status).toBe(201);
    expect(staff.body.ticket.onJourney).toMatchObject({ step: 1, of: 3 });
    expect((await c.api('POST', '/tickets', { auth: clerk, body: { journeyId, serviceId: c.serviceId('A') } })).status).toBe(400);
    expect((await c.api('POST', '/tickets', { auth: clerk, body: {} })).status).toBe(400);
    expect((await c.api('POST', '/tickets', { auth: clerk, body: { journeyId: 'jny_nothing' } })).status).toBe(404);
    // A walk-in says it is on no journey.
    const walkIn = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('A') } });
    expect(walkIn.body.ticket.onJourney).toBeNull();
  });
});
