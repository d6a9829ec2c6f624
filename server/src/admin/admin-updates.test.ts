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

  it('refuses a new time zone while today’s tickets are open', async () => {
    const clerk = await c.login('wanjiru');
    await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('A') } });
    const res = await c.api('PATCH', '/admin/centre', { auth: admin, body: { timezone: 'Africa/Kampala' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('tickets-open');
    expect(c.app.ctx.centre.get().timezone).toBe('Africa/Nairobi');
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
