// A refused setting says, in a sentence naming the field as the form does, what is wrong and what to do;
// the value is judged before the centre's state ("EAT is not a time zone", not "tickets are still open").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

describe('admin refusals', () => {
  let c: TestCentre;
  let admin: string;
  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
    admin = await c.login('admin');
    // Today has an open ticket: a real change of time zone would be refused for that.
    const clerk = await c.login('wanjiru');
    expect((await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('A') } })).status).toBe(201);
  });
  afterAll(() => c.close());

  const patchCentre = (body: unknown) => c.api('PATCH', '/admin/centre', { auth: admin, body });

  it('says a time zone abbreviation is not a time zone, before any rule about the day', async () => {
    for (const tz of ['EAT', 'EST', 'CET', 'Mars/Olympus_Mons']) {
      const res = await patchCentre({ timezone: tz });
      expect(res.status, tz).toBe(400);
      expect(res.body.error, tz).toEqual({
        code: 'invalid-body',
        message: `${tz} is not a time zone: use a name like Africa/Nairobi.`,
        details: [{ path: 'timezone', message: `${tz} is not a time zone: use a name like Africa/Nairobi.` }],
      });
    }
    // The centre's own zone, typed in other letters, is no change: no refusal for the open tickets.
    const same = await patchCentre({ timezone: 'africa/nairobi' });
    expect(same.status).toBe(200);
    expect(same.body.centre.timezone).toBe('Africa/Nairobi');
    // A real zone is then judged by the day's rule.
    expect((await patchCentre({ timezone: 'Africa/Kampala' })).body.error.code).toBe('tickets-open');
    expect(c.app.ctx.centre.get().timezone).toBe('Africa/Nairobi');
  });

  it('says which opening hour is wrong, in the form’s words', async () => {
    const res = await patchCentre({ openingHours: { sat: { opens: '13:00', closes: '09:00' } } });
    expect(res.status).toBe(400);
    const sentence = 'Saturday closes at (09:00) must be later than Saturday opens at (13:00): the centre opens, then closes, on the same day.';
    expect(res.body.error).toEqual({ code: 'invalid-body', message: sentence, details: [{ path: 'openingHours.sat.closes', message: sentence }] });
    const bad = await patchCentre({ openingHours: { mon: { opens: '8am', closes: '17:00' } } });
    expect(bad.body.error.message).toBe('Monday opens at: a time of day is HH:MM, from 00:00 to 23:59.');
    const noClose = await patchCentre({ openingHours: { tue: { opens: '08:00' } } });
    expect(noClose.body.error.message).toBe('Tuesday closes at is missing.');
  });

  it('says which holiday is wrong, in the form’s words, and changes nothing', async () => {
    const before = c.app.ctx.centre.get().openingHours;
    const notADay = await patchCentre({ openingHours: { closedDates: ['2026-12-25', '2026-02-30'] } });
    expect(notADay.status).toBe(400);
    expect(notADay.body.error).toMatchObject({ message: 'Holiday 2: a day is a real date, YYYY-MM-DD.', details: [{ path: 'openingHours.closedDates.1' }] });
    const twice = await patchCentre({ openingHours: { closedDates: ['2026-12-25', '2026-12-25'] } });
    expect(twice.body.error.message).toBe('A holiday is listed twice: each date once.');
    const many = await patchCentre({ openingHours: { closedDates: Array.from({ length: 201 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10)) } });
    expect(many.body.error.message).toBe('The centre keeps at most 200 holidays: remove past ones first.');
    expect(c.app.ctx.centre.get().openingHours).toEqual(before);
  });

  it('words the refusals a schema leaves to zod as sentences naming the field', async () => {
    const cases: [path: string, body: unknown, message: string][] = [
      ['/admin/centre', { name: 'x'.repeat(101) }, 'The centre name has at most 100 characters.'],
      ['/admin/centre', { notices: [{ en: 'Closed on Friday', sw: '' }] }, 'Notice 1 in Kiswahili cannot be empty.'],
      ['/admin/centre', { priorityHeadStartMinutes: 1.5 }, 'The priority head start is a whole number of minutes from 0 to 240.'],
      ['/admin/centre', { theme: 'dark' }, 'This field is not part of the settings: theme.'],
      ['/admin/services', { code: 'Q', name: { en: 'Land rates', sw: 'Kodi ya ardhi' }, agency: '' }, 'Agency cannot be empty.'],
      ['/admin/services', { code: 'Q', name: { en: 'Land rates', sw: 'Kodi ya ardhi' }, agency: 'County', slaMinutes: 'ten' }, 'Target wait must be a number.'],
      ['/admin/counters', { name: 'Counter 11', zone: 'hall/2', serviceIds: [c.serviceId('A')] }, 'A zone is letters, digits, spaces, _ and -, like main or Hall 2.'],
    ];
    for (const [path, body, message] of cases) {
      const res = await c.api(path === '/admin/centre' ? 'PATCH' : 'POST', path, { auth: admin, body });
      expect(res.status, message).toBe(400);
      expect(res.body.error.code, message).toBe('invalid-body');
      expect(res.body.error.message).toBe(message);
    }
  });

  it('refuses a counter in use with no services, on create and on change, unless it is switched off', async () => {
    const before = (await c.api('GET', '/admin/counters', { auth: admin })).body;
    const create = await c.api('POST', '/admin/counters', { auth: admin, body: { name: 'Counter 11', serviceIds: [] } });
    expect(create.status).toBe(400);
    expect(create.body.error.code).toBe('invalid-body');
    expect(create.body.error.details).toEqual([{ path: 'serviceIds', message: expect.stringContaining('Choose at least one service for Counter 11') }]);
    const counter1 = c.counterId('1');
    const emptied = await c.api('PATCH', `/admin/counters/${counter1}`, { auth: admin, body: { serviceIds: [] } });
    expect(emptied.status).toBe(400);
    expect(emptied.body.error.message).toContain('Choose at least one service for Counter 1');
    expect((await c.api('GET', '/admin/counters', { auth: admin })).body).toEqual(before);

    // Switched off, it may wait for its services; switched on again, it needs them.
    const off = await c.api('POST', '/admin/counters', { auth: admin, body: { name: 'Counter 12', serviceIds: [], active: false } });
    expect(off.status).toBe(201);
    const on = await c.api('PATCH', `/admin/counters/${off.body.counter.id}`, { auth: admin, body: { active: true } });
    expect(on.status).toBe(400);
    expect(on.body.error.details[0].path).toBe('serviceIds');
    const served = await c.api('PATCH', `/admin/counters/${off.body.counter.id}`, { auth: admin, body: { active: true, serviceIds: [c.serviceId('A')] } });
    expect(served.status).toBe(200);
    const shut = await c.api('PATCH', `/admin/counters/${counter1}`, { auth: admin, body: { serviceIds: [], active: false } });
    expect(shut.status).toBe(200);
    expect(shut.body.counter).toMatchObject({ active: false, serviceIds: [] });
  });
});
