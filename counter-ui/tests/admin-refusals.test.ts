// A refused setting is seen where the admin is looking, in words that say what to do: on the long Centre
// page the refusal is beside the Save button, in view and focused, and the field it names is marked; the
// ticket footer boxes show their whole text; a counter with no services is refused in the form; a service
// no counter serves says so on its row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { seriousA11yViolations } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';
import { issueTicket, startStaffCentre } from './support/staff-pages.js';
import type { StaffCentre } from './support/staff-pages.js';

describe('admin refusals in the browser', () => {
  let s: StaffCentre;
  let c: TestCentre;
  let page: Page;
  let admin: string;

  const go = async (nav: string, heading: string) => {
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: nav }).click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };
  /** Wholly inside the window, as the admin sees it now. */
  const inView = (l: Locator) => l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
  });
  const focused = (l: Locator) => l.evaluate((el) => el === document.activeElement);
  const description = (l: Locator) => l.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' '));
  const saveCentre = async () => {
    const save = page.getByRole('button', { name: 'Save centre settings' });
    // Pressed from the bottom of the page, as the reviewer did: the top is then far out of view.
    await save.scrollIntoViewIfNeeded();
    await save.click();
  };

  beforeAll(async () => {
    s = await startStaffCentre();
    c = s.centre;
    admin = await c.login('admin');
    page = await s.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${c.url}/admin`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('admin-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
  });
  afterAll(() => s?.close());

  it('shows a refused time zone beside the Save button, in view and focused, and marks the field', async () => {
    await go('Centre', 'Centre');
    await page.getByRole('combobox', { name: 'Time zone' }).fill('EAT');
    await saveCentre();
    const alert = page.getByTestId('form-error');
    await expect.poll(() => alert.textContent()).toBe('EAT is not a time zone: use a name like Africa/Nairobi.');
    expect(await alert.getAttribute('role')).toBe('alert');
    await expect.poll(() => inView(alert)).toBe(true);
    await expect.poll(() => focused(alert)).toBe(true);
    const zone = page.getByRole('combobox', { name: 'Time zone' });
    expect(await zone.getAttribute('aria-invalid')).toBe('true');
    expect(await description(zone)).toBe('EAT is not a time zone: use a name like Africa/Nairobi.');
    expect((await c.api('GET', '/admin/centre', { auth: admin })).body.centre.timezone).toBe('Africa/Nairobi');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Put right, it saves, and the marks go.
    await zone.fill('Africa/Nairobi');
    await saveCentre();
    await page.getByText('The centre settings are saved').waitFor();
    expect(await alert.count()).toBe(0);
    expect(await zone.getAttribute('aria-invalid')).toBeNull();
  });

  it('still saves a centre whose zone an older version stored in a form the check now refuses, with tickets open', async () => {
    // As an older version could have stored it (Intl takes any case), and a ticket open today.
    const ctx = c.app.ctx;
    await ctx.writes.run(() => ctx.centre.save({ ...ctx.centre.get(), timezone: 'africa/nairobi' }));
    await issueTicket(c, admin, 'B');
    await page.reload();
    await go('Centre', 'Centre');
    await expect.poll(() => page.getByRole('combobox', { name: 'Time zone' }).inputValue()).toBe('africa/nairobi');
    await page.getByLabel('Centre name').fill('Huduma Centre GPO Annex');
    await saveCentre();
    await page.getByText('The centre settings are saved').waitFor();
    const centre = (await c.api('GET', '/admin/centre', { auth: admin })).body.centre;
    expect(centre).toMatchObject({ name: 'Huduma Centre GPO Annex', timezone: 'africa/nairobi' });
    await ctx.writes.run(() => ctx.centre.save({ ...ctx.centre.get(), timezone: 'Africa/Nairobi' }));
  });

  it('says which opening hour is wrong, in the words of the form', async () => {
    await page.getByRole('textbox', { name: 'Tuesday opens at' }).fill('17:00');
    await page.getByRole('textbox', { name: 'Tuesday closes at' }).fill('08:00');
    await saveCentre();
    const alert = page.getByTestId('form-error');
    await expect.poll(() => alert.textContent()).toBe('Tuesday closes at (08:00) must be later than Tuesday opens at (17:00): the centre opens, then closes, on the same day.');
    await expect.poll(() => inView(alert)).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Tuesday closes at' }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('textbox', { name: 'Tuesday opens at' }).getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('textbox', { name: 'Tuesday opens at' }).fill('08:00');
    await page.getByRole('textbox', { name: 'Tuesday closes at' }).fill('17:00');
    await saveCentre();
    await page.getByText('The centre settings are saved').waitFor();
  });

  it('shows the whole ticket footer, in English and Kiswahili, in boxes half the form wide', async () => {
    const footer = {
      en: 'Keep this ticket. Watch the screens or your phone for your number. Priority service for persons with disability, the elderly and expectant mothers. Thank you for your patience.',
      sw: 'Hifadhi tiketi hii. Angalia skrini au simu yako kwa namba yako. Huduma ya kipaumbele kwa watu wenye ulemavu, wazee na akina mama wajawazito. Asante kwa uvumilivu.',
    };
    expect((await c.api('PATCH', '/admin/centre', { auth: admin, body: { ticketFooter: footer } })).status).toBe(200);
    await go('Services', 'Services');
    await go('Centre', 'Centre');
    const form = page.getByRole('form', { name: 'Centre settings' });
    const formWidth = await form.evaluate((el) => el.getBoundingClientRect().width);
    for (const [label, text] of [['Ticket footer in English', footer.en], ['Ticket footer in Kiswahili', footer.sw]] as const) {
      const box = page.getByLabel(label);
      await expect.poll(() => box.inputValue()).toBe(text);
      const size = await box.evaluate((el) => ({ width: el.getBoundingClientRect().width, clipped: el.scrollHeight > el.clientHeight + 1 }));
      expect(size.clipped, label).toBe(false);
      expect(size.width, label).toBeGreaterThan(formWidth * 0.4);
    }
  });

  it('refuses a counter in use with no services in the form, and takes one switched off', async () => {
    await go('Counters', 'Counters');
    const before = (await c.api('GET', '/admin/counters', { auth: admin })).body.items.length;
    await page.getByRole('button', { name: 'Add a counter' }).click();
    await page.getByLabel('Name as the screens say it').fill('Counter 11');
    await page.getByRole('button', { name: 'Add counter' }).click();
    const alert = page.getByTestId('form-error');
    await expect.poll(() => alert.textContent()).toContain('Choose at least one service for Counter 11');
    await expect.poll(() => inView(alert)).toBe(true);
    await expect.poll(() => focused(alert)).toBe(true);
    const picker = page.getByRole('group', { name: 'Services, in order of preference' });
    expect(await description(picker)).toContain('Choose at least one service for Counter 11');
    expect((await c.api('GET', '/admin/counters', { auth: admin })).body.items.length).toBe(before);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('checkbox', { name: 'In use' }).uncheck();
    await page.getByRole('button', { name: 'Add counter' }).click();
    await page.getByText('Counter 11 is saved.').waitFor();
    expect((await c.api('GET', '/admin/counters', { auth: admin })).body.items.find((x: { name: string }) => x.name === 'Counter 11')).toMatchObject({ active: false, serviceIds: [] });
  });

  it('warns on the row of a service no counter serves, until one does', async () => {
    const created = await c.api('POST', '/admin/services', { auth: admin, body: { code: 'LR', name: { en: 'Land rates', sw: 'Kodi ya ardhi' }, agency: 'County' } });
    expect(created.status).toBe(201);
    await go('Counters', 'Counters');
    await go('Services', 'Services');
    const row = page.locator('[data-testid=services-table] tr[data-code=LR]');
    await expect.poll(() => row.textContent()).toContain('No counter serves this service: kiosks do not offer it until one does.');
    // The demo's services each have a counter: no warning on them.
    expect(await page.getByTestId('unserved').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const counter1 = (await c.api('GET', `/admin/counters/${c.counterId('1')}`, { auth: admin })).body.counter;
    await c.api('PATCH', `/admin/counters/${counter1.id}`, { auth: admin, body: { serviceIds: [...counter1.serviceIds, created.body.service.id] } });
    await go('Counters', 'Counters');
    await go('Services', 'Services');
    await expect.poll(() => row.textContent()).toContain('Land rates');
    expect(await page.getByTestId('unserved').count()).toBe(0);
  });
});
