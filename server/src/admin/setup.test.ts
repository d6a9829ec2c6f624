// Copying a centre's setup: the demo centre's file loads into an empty centre, which then issues and calls for
// the same services with the staff signing in with the one-time passwords of the answer; a broken file is
// refused whole and changes nothing; a centre with tickets refuses; no password hash or token leaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CentreSetup } from '@foleni/shared';
import { startTestCentre, type TestCentre } from '../testing/index.js';

describe('a centre’s setup', () => {
  let demo: TestCentre;
  let empty: TestCentre;
  let setup: CentreSetup;

  beforeAll(async () => {
    [demo, empty] = await Promise.all([startTestCentre({ ui: false, demoJourneys: true }), startTestCentre({ ui: false, demo: false })]);
    const res = await demo.api('GET', '/admin/setup', { auth: await demo.login('admin') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="foleni-setup-.+-\d{4}-\d{2}-\d{2}\.json"$/);
    setup = CentreSetup.parse(res.body);
  });
  afterAll(async () => {
    await Promise.all([demo?.close(), empty?.close()]);
  });

  it('is one versioned file with every section and no secret', async () => {
    expect(setup).toMatchObject({ format: 'foleni-setup', version: 1, from: { name: demo.app.ctx.centre.get().name } });
    expect(setup.sections.services.map((s) => s.code)).toEqual(demo.app.ctx.repos.services.list().map((s) => s.code));
    expect(setup.sections.counters.length).toBe(demo.app.ctx.repos.counters.list().length);
    expect(setup.sections.staff.map((u) => u.username)).toContain('wanjiru');
    expect(setup.sections.devices.map((d) => d.name).sort()).toEqual(['Entrance kiosk', 'Main hall screen']);
    expect(setup.sections.centre.openingHours.closedDates?.length).toBeGreaterThan(0);
    const text = JSON.stringify(setup);
    for (const secret of ['password', 'Hash', 'token', 'scrypt', 'publicUrl']) expect(text).not.toContain(secret);
  });

  it('refuses a broken file whole, with the reasons, and changes nothing', async () => {
    const admin = await empty.login('admin');
    const before = empty.db.prepare('SELECT (SELECT COUNT(*) FROM services) + (SELECT COUNT(*) FROM counters) + (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM devices)').pluck().get();
    const broken = structuredClone(setup);
    broken.sections.counters[0]!.serviceCodes.push('ZZ');
    broken.sections.services.push({ ...broken.sections.services[0]! });
    const refused = await empty.api('POST', '/admin/setup', { auth: admin, body: broken });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.problems).toEqual(expect.arrayContaining([`service code ${setup.sections.services[0]!.code} is listed twice`, expect.stringContaining('serves ZZ, which is not among the services')]));

    // Not a setup file at all, and a file of a newer version: the schema refuses it.
    expect((await empty.api('POST', '/admin/setup', { auth: admin, body: { ...setup, format: 'something-else' } })).status).toBe(400);
    const newer = await empty.api('POST', '/admin/setup', { auth: admin, body: { ...setup, version: 2 } });
    expect(newer.status).toBe(400);
    expect(JSON.stringify(newer.body)).toContain('this server reads version 1');
    expect(empty.db.prepare('SELECT (SELECT COUNT(*) FROM services) + (SELECT COUNT(*) FROM counters) + (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM devices)').pluck().get()).toBe(before);
  });

  it('loads into an empty centre, audited, which then issues and calls for the same services', async () => {
    const admin = await empty.login('admin');
    const res = await empty.api('POST', '/admin/setup', { auth: admin, body: setup });
    expect(res.status).toBe(200);
    expect(setup.sections.journeys).toHaveLength(2);
    expect(res.body.loaded).toEqual({ services: setup.sections.services.length, counters: setup.sections.counters.length, staff: setup.sections.staff.length - 1, devices: 2, journeys: 2 });
    // The admin loading it keeps their own account and password.
    expect(res.body.kept).toEqual(['admin']);
    expect(empty.app.ctx.centre.get()).toMatchObject({ name: demo.app.ctx.centre.get().name, openingHours: demo.app.ctx.centre.get().openingHours, publicUrl: null });
    const audit = (await empty.api('GET', '/admin/audit', { auth: admin })).body.items[0];
    expect(audit).toMatchObject({ action: 'load', entity: 'setup' });

    // The kiosk offers the same services.
    const offered = (await empty.api('GET', '/services')).body.items.map((s: { code: string }) => s.code);
    expect(offered).toEqual((await demo.api('GET', '/services')).body.items.map((s: { code: string }) => s.code));
    // The same journeys, their steps the same services (by code), and the same booking settings.
    const journeys = async (c: TestCentre) =>
      (await c.api('GET', '/journeys')).body.items.map((j: { code: string; stepServices: { code: string }[] }) => [j.code, j.stepServices.map((x) => x.code)]);
    expect(await journeys(empty)).toEqual(await journeys(demo));
    const bookable = (c: TestCentre) => c.app.ctx.repos.services.list().filter((x) => x.booking.enabled).map((x) => x.code);
    expect(bookable(empty)).toEqual(bookable(demo));
    expect(bookable(empty).length).toBeGreaterThan(0);

    // A clerk signs in with the one-time password from the answer, opens Counter 4 and calls.
    const wanjiru = res.body.passwords.find((p: { username: string }) => p.username === 'wanjiru');
    expect(wanjiru.oneTimePassword).toMatch(/^[a-z2-9]{12}$/);
    const clerk = await empty.login('wanjiru', wanjiru.oneTimePassword);
    const counter = empty.counterId('4');
    expect((await empty.api('POST', `/counters/${counter}/open`, { auth: clerk })).status).toBe(200);
    const issued = await empty.api('POST', '/tickets', { auth: clerk, body: { serviceId: empty.serviceId('H') } });
    expect(issued.status).toBe(201);
    const called = await empty.api('POST', `/counters/${counter}/call-next`, { auth: clerk });
    expect(called.body.ticket).toMatchObject({ label: 'H001', status: 'called', counterId: counter });

    // Its kiosk waits for a pairing link, as any new device.
    const kiosk = empty.app.ctx.repos.devices.list().find((d) => d.name === 'Entrance kiosk')!;
    expect(kiosk).toMatchObject({ status: 'active', pairedAt: null });
    expect((await empty.api('POST', `/admin/devices/${kiosk.id}/pairing-link`, { auth: admin })).status).toBe(201);
  });

  it('is refused by a centre that has tickets, saying what it has', async () => {
    const refused = await demo.api('POST', '/admin/setup', { auth: await demo.login('admin'), body: setup });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('centre-in-use');
    expect(refused.body.error.message).toMatch(/already has .*services/);
    // The empty centre, now in use, refuses a second load too.
    const again = await empty.api('POST', '/admin/setup', { auth: await empty.login('admin'), body: setup });
    expect(again.status).toBe(409);
    expect(again.body.error.details.inUse).toEqual(expect.arrayContaining(['1 ticket', `${setup.sections.services.length} services`]));
  });
});
