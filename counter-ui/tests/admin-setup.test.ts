// An admin sets up a new centre from an empty database through the browser alone: the centre, its
// services, a counter, staff, a kiosk and a display. Then the centre works: the kiosk issues a ticket and
// the new clerk calls it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT_DIR } from '@foleni/server/http/static-ui.js';
import { ManualClock } from '@foleni/server/clock.js';
import { launchBrowser, seriousA11yViolations, startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';

/** Today at 10:00 in Nairobi: within the new centre's hours, which its kiosk keeps, whenever the test runs. */
const TEN_AM = Date.parse(`${new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Nairobi' }).format(Date.now())}T10:00:00+03:00`);

describe('setting up a new centre', () => {
  let c: TestCentre;
  let browser: Browser;
  let page: Page;
  const pairing: Record<string, string> = {};

  const guide = () => page.getByTestId('setup-guide');
  const go = async (nav: string) => {
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: nav }).click();
    await page.getByRole('heading', { name: nav, level: 1 }).waitFor();
  };
  async function addService(code: string, en: string, sw: string, agency: string) {
    await page.getByRole('button', { name: 'Add a service' }).click();
    await page.getByLabel('Ticket code').fill(code);
    await page.getByLabel('Name in English').fill(en);
    await page.getByLabel('Name in Kiswahili').fill(sw);
    await page.getByLabel('Agency', { exact: true }).fill(agency);
    await page.getByRole('button', { name: 'Add service' }).click();
    await page.getByText(`${code} — ${en} is added.`).waitFor();
  }
  async function addAccount(username: string, name: string, role: string) {
    await page.getByRole('button', { name: 'Add an account' }).click();
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Full name').fill(name);
    await page.getByRole('combobox', { name: /^Role/ }).selectOption(role);
    await page.getByLabel('First password').fill(`${username}-password`);
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByText(`${name} (${username}) is saved.`).waitFor();
  }
  async function addDevice(kind: 'kiosk' | 'display', name: string) {
    await page.getByRole('button', { name: 'Add a kiosk or display' }).click();
    await page.getByRole('combobox', { name: /^Kind/ }).selectOption(kind);
    await page.getByLabel('Name').fill(name);
    if (kind === 'kiosk') await page.getByRole('combobox', { name: /^Printer/ }).selectOption('preview');
    await page.getByRole('button', { name: kind === 'kiosk' ? 'Add kiosk' : 'Add display' }).click();
    pairing[kind] = await page.getByTestId('pair-url').inputValue();
    await page.getByRole('button', { name: 'Done' }).click();
  }

  beforeAll(async () => {
    [c, browser] = await Promise.all([startTestCentre({ demo: false, clock: new ManualClock(TEN_AM) }), launchBrowser()]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    context.setDefaultTimeout(5000);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('is guided step by step from an empty database', async () => {
    await page.goto(`${c.url}/admin`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('admin-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await guide().getByRole('heading', { name: 'Setting up this centre: 6 steps left' }).waitFor();
    await page.getByText('No services yet.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await guide().getByRole('link', { name: 'Name the centre and set its hours' }).click();
    await page.getByRole('heading', { name: 'Centre', level: 1 }).waitFor();
    await page.getByLabel('Centre name').fill('Huduma Mashinani, Kitui');
    await page.getByLabel('Centre code').fill('HM-KITUI');
    // Mondays start later here; the other days keep a new centre's hours, and Sunday stays closed.
    await page.getByLabel('Monday opens at').fill('09:00');
    expect(await page.getByRole('checkbox', { name: 'Sunday closed' }).isChecked()).toBe(true);
    // A new centre's kiosks keep its opening hours unless the admin says otherwise.
    expect(await page.getByRole('checkbox', { name: 'Kiosks issue tickets only during opening hours' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Save centre settings' }).click();
    await guide().getByRole('heading', { name: 'Setting up this centre: 5 steps left' }).waitFor();

    await go('Services');
    await addService('A', 'National ID card', 'Kitambulisho cha Taifa', 'National Registration Bureau');
    await addService('B', 'Birth certificate', 'Cheti cha kuzaliwa', 'Civil Registration');

    await go('Counters');
    await page.getByRole('button', { name: 'Add a counter' }).click();
    await page.getByLabel('Name').fill('Counter 1');
    for (const s of ['A — National ID card', 'B — Birth certificate']) {
      await page.getByLabel('Add a service').selectOption({ label: s });
      await page.getByRole('button', { name: 'Add', exact: true }).click();
    }
    await page.getByRole('button', { name: 'Add counter' }).click();
    await page.getByText('Counter 1 is saved.').waitFor();

    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
    await addAccount('mutua', 'Mutua Kilonzo', 'clerk');
    await addAccount('grace', 'Grace Muthoni', 'manager');

    await go('Kiosks and displays');
    await addDevice('kiosk', 'Tent kiosk');
    await addDevice('display', 'Tent screen');
    await expect.poll(() => guide().count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('works: the kiosk issues a ticket and the new clerk calls it', async () => {
    const centre = (await c.api('GET', '/centre')).body.centre;
    expect(centre).toMatchObject({ name: 'Huduma Mashinani, Kitui', openingHours: { mon: { opens: '09:00', closes: '17:00' }, tue: { opens: '08:00', closes: '17:00' }, sun: null, closedDates: [], kiosksOnlyWhenOpen: true } });
    const services = (await c.api('GET', '/services')).body.items as { id: string; code: string }[];
    expect(services.map((s) => s.code)).toEqual(['A', 'B']);
    // The kiosk pairs with its link's one-time code (in Chromium when the kiosk is built).
    let kioskToken: string;
    if (existsSync(join(ROOT_DIR, 'kiosk-ui', 'dist', 'index.html'))) {
      const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
      await kiosk.goto(pairing.kiosk!);
      await kiosk.getByRole('button', { name: /Birth certificate/ }).waitFor({ timeout: 10_000 });
      kioskToken = (await kiosk.evaluate(() => localStorage.getItem('foleni.kiosk.token')))!;
      await kiosk.close();
    } else {
      kioskToken = await c.pair(pairing.kiosk!);
    }
    const issued = await c.api('POST', '/tickets', { auth: kioskToken, body: { serviceId: services[1]!.id } });
    expect(issued.status).toBe(201);
    expect(issued.body.ticket.label).toBe('B001');

    const clerk = await c.login('mutua', 'mutua-password');
    const counterId = (await c.api('GET', '/counters', { auth: clerk })).body.items[0].id;
    expect((await c.api('POST', `/counters/${counterId}/open`, { auth: clerk })).status).toBe(200);
    const call = await c.api('POST', `/counters/${counterId}/call-next`, { auth: clerk });
    expect(call.body.ticket.label).toBe('B001');
    const manager = await c.login('grace', 'grace-password');
    expect((await c.api('GET', '/stats/live', { auth: manager })).status).toBe(200);
  });
});
