// Settings changes keep what they were not asked to change, and refuse what would hurt a running centre.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

describe('admin updates', () => {
  let c: TestCentre;
  let admin: string;
  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
    admin = await c.login('admin');
  });
  afterAll(() => c.close());

  it('changes only the fields a PATCH names', async () => {
    const id = c.serviceId('G');
    await c.api('PATCH', `/admin/services/${id}`, { auth: admin, body: { slaMinutes: 45, serviceMinutes: 12, active: false } });
    const res = await c.api('PATCH', `/admin/services/${id}`, { auth: admin, body: { agency: 'Directorate of Criminal Investigations' } });
    expect(res.status).toBe(200);
    expect(res.body.service).toMatchObject({ agency: 'Directorate of Criminal Investigations', slaMinutes: 45, serviceMinutes: 12, active: false });
    expect(c.app.ctx.repos.services.get(id)).toMatchObject({ slaMinutes: 45, serviceMinutes: 12, active: false });
  });

  it('audits only what a save changed, from what to what, and never a password', async () => {
    const id = c.serviceId('R');
    const before = c.app.ctx.repos.services.get(id)!;
    await c.api('PATCH', `/admin/services/${id}`, { auth: admin, body: { slaMinutes: before.slaMinutes + 5, agency: before.agency, name: before.name } });
    const user = c.app.ctx.repos.users.byUsername('mwangi')!;
    await c.api('PATCH', `/admin/users/${user.id}`, { auth: admin, body: { password: 'a-new-long-password', displayName: user.displayName, role: 'manager' } });
    const [userEntry, serviceEntry] = (await c.api('GET', '/admin/audit', { auth: admin })).body.items;
    expect(serviceEntry).toMatchObject({ action: 'update', entity: 'services', entityId: id, data: { changed: { slaMinutes: { from: before.slaMinutes, to: before.slaMinutes + 5 } } } });
    expect(Object.keys(serviceEntry.data.changed)).toEqual(['slaMinutes']);
    expect(userEntry.data).toEqual({ changed: { password: { from: '***', to: '***' }, role: { from: 'clerk', to: 'manager' } } });
    expect(JSON.stringify(userEntry)).not.toContain('a-new-long-password');
  });

  it('refuses a new time zone while today’s tickets are open', async () => {
    const clerk = await c.login('wanjiru');
    await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('A') } });
    const res = await c.api('PATCH', '/admin/centre', { auth: admin, body: { timezone: 'Africa/Kampala' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('tickets-open');
    expect(c.app.ctx.centre.get().timezone).toBe('Africa/Nairobi');
  });

  it('closes a counter it switches off (never with a customer at it), and an inactive counter takes nobody', async () => {
    const clerk = await c.login('kiprop');
    const counter = c.counterId('4');
    const service = c.serviceId('H');
    expect((await c.api('POST', `/counters/${counter}/open`, { auth: clerk })).status).toBe(200);
    const ticket = (await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: service } })).body.ticket;
    await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: service } });
    expect((await c.api('POST', `/counters/${counter}/call-next`, { auth: clerk })).body.ticket.id).toBe(ticket.id);

    // A customer at the counter: as when the clerk closes it, finish with them first.
    const busy = await c.api('PATCH', `/admin/counters/${counter}`, { auth: admin, body: { active: false } });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('counter-busy');
    expect(c.app.ctx.repos.counters.get(counter)).toMatchObject({ active: true, status: 'open' });

    await c.api('POST', `/tickets/${ticket.id}/start`, { auth: clerk });
    await c.api('POST', `/tickets/${ticket.id}/complete`, { auth: clerk });
    const off = await c.api('PATCH', `/admin/counters/${counter}`, { auth: admin, body: { active: false } });
    expect(off.status).toBe(200);
    expect(off.body.counter).toMatchObject({ active: false, status: 'closed', clerk: null });
    // Closed like any counter: its event is in the log (reports and day close read it), and the admin is audited.
    const last = c.db.prepare("SELECT type, user_id FROM events WHERE counter_id = ? AND type LIKE 'counter.%' ORDER BY seq DESC LIMIT 1").get(counter);
    expect(last).toEqual({ type: 'counter.closed', user_id: c.app.ctx.repos.users.byUsername('admin')!.id });
    const audit = (await c.api('GET', '/admin/audit', { auth: admin })).body.items[0];
    expect(audit).toMatchObject({ action: 'update', entity: 'counters', entityId: counter });

    const reopen = await c.api('POST', `/counters/${counter}/open`, { auth: clerk });
    expect(reopen.status).toBe(409);
    expect(reopen.body.error.code).toBe('counter-inactive');
    expect((await c.api('POST', `/counters/${counter}/call-next`, { auth: clerk })).status).toBe(403);
    // Switched on again, it opens as before.
    expect((await c.api('PATCH', `/admin/counters/${counter}`, { auth: admin, body: { active: true } })).status).toBe(200);
    expect((await c.api('POST', `/counters/${counter}/open`, { auth: clerk })).status).toBe(200);
  });

  it('accepts only printer device files as USB printers', async () => {
    for (const url of ['usb:/dev/../home/foleni/data/foleni.db', 'usb:/dev/sda', 'usb:/tmp/x']) {
      const res = await c.api('POST', '/admin/devices', { auth: admin, body: { kind: 'kiosk', name: 'K', printer: { url, paperWidth: 80 } } });
      expect(res.status, url).toBe(400);
    }
    for (const url of ['usb:/dev/usb/lp0', 'usb:/dev/lp1']) {
      const res = await c.api('POST', '/admin/devices', { auth: admin, body: { kind: 'kiosk', name: 'K', printer: { url, paperWidth: 58 } } });
      expect(res.status, url).toBe(201);
    }
  });

  it('refuses staff claiming a ticket came from a kiosk', async () => {
    const clerk = await c.login('wanjiru');
    const res = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('A'), source: 'kiosk' } });
    expect(res.status).toBe(400);
  });
});
