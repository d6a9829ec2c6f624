// The admin's side of bookings in real Chromium: a service's booking settings in its form; an integration
// client (the eHuduma portal's backend) created in Kiosks and displays, its token shown once and allowed to
// read slots; and a CSV of bookings imported, with the refused rows and why, and nothing booked twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '@foleni/server/clock.js';
import { launchBrowser, seriousA11yViolations, startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';

/** Monday 2 March 2026, in Nairobi (UTC+3). */
const nairobi = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00+03:00`);

describe('settings: bookings', () => {
  const clock = new ManualClock(nairobi('09:00'));
  let c: TestCentre;
  let browser: Browser;
  let page: Page;
  let admin: string;

  const go = async (nav: string, heading: string) => {
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: nav }).click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };
  const axe = async () => expect(await seriousA11yViolations(page)).toEqual([]);
  const service = async (code: string) => (await c.api('GET', `/admin/services/${c.serviceId(code)}`, { auth: admin })).body.service;

  beforeAll(async () => {
    [c, browser] = await Promise.all([startTestCentre({ clock }), launchBrowser()]);
    admin = await c.login('admin');
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
    context.setDefaultTimeout(5000);
    page = await context.newPage();
    await page.goto(`${c.url}/admin`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('admin-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it("sets a service's booking settings in its form", async () => {
    await page.getByRole('button', { name: 'Change K Tax PIN and returns (KRA)' }).click();
    const settings = page.getByTestId('booking-settings');
    await settings.getByLabel('Takes bookings').check();
    await settings.getByLabel('Slot length (minutes)').fill('20');
    await settings.getByLabel('Bookings per slot').fill('3');
    await settings.getByLabel('Early minutes').fill('5');
    await settings.getByLabel('Grace minutes').fill('10');
    await axe();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('K — Tax PIN and returns (KRA) is saved.').waitFor();
    expect((await service('K')).booking).toEqual({ enabled: true, slotMinutes: 20, perSlot: 3, earlyMinutes: 5, graceMinutes: 10 });
    expect(await page.getByTestId('services-table').locator('tr[data-code="K"]').getByTestId('booking').textContent()).toBe('3 per 20 min');

    // Switched off again: the other settings are kept for next time.
    await page.getByRole('button', { name: 'Change K Tax PIN and returns (KRA)' }).click();
    await page.getByTestId('booking-settings').getByLabel('Takes bookings').uncheck();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('K — Tax PIN and returns (KRA) is saved.').waitFor();
    expect((await service('K')).booking).toEqual({ enabled: false, slotMinutes: 20, perSlot: 3, earlyMinutes: 5, graceMinutes: 10 });
  });

  it('creates an integration client whose token, shown once, reads slots and nothing else', async () => {
    await c.api('PATCH', `/admin/services/${c.serviceId('A')}`, { auth: admin, body: { booking: { enabled: true } } });
    await go('Kiosks and displays', 'Kiosks and displays');
    await page.getByRole('button', { name: 'Add a kiosk or display' }).click();
    await page.getByLabel('Kind').selectOption('integration');
    expect(await page.getByLabel('Zone').count()).toBe(0);
    await page.getByLabel('Name').fill('eHuduma portal');
    await page.getByRole('button', { name: 'Add integration client' }).click();
    const card = page.getByTestId('integration');
    await card.waitFor();
    expect(await page.getByTestId('integration-code').inputValue()).toMatch(/^[0-9A-Z]{8}$/);
    await axe();
    await card.getByRole('button', { name: 'Show the token here instead' }).click();
    const token = await page.getByTestId('integration-token').inputValue();
    expect(token.length).toBeGreaterThan(20);
    await axe();
    await card.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByTestId('devices-table').locator('tr[data-device="eHuduma portal"]').textContent()).toContain('Integration client');

    const slots = await c.api('GET', `/appointments/slots?serviceId=${c.serviceId('A')}&date=2026-03-02`, { auth: token });
    expect(slots.status).toBe(200);
    expect(slots.body.items.length).toBeGreaterThan(0);
    // Bookings only: not the queue.
    expect((await c.api('GET', '/queue', { auth: token })).status).toBe(403);
  });

  it('imports a CSV of bookings: good rows booked, bad rows listed with the reason, nothing twice', async () => {
    await c.api('PATCH', `/admin/services/${c.serviceId('A')}`, { auth: admin, body: { booking: { enabled: true, slotMinutes: 15, perSlot: 2 } } });
    await go('Import bookings', 'Import bookings');
    const csv = [
      'service,slot,reference,name,phone',
      'A,2026-03-02 10:30,K7M3PA,Jane Wanjiru,0712345678',
      'A,2026-03-02 10:45,T4XC9R,,',
      'Q,2026-03-02 10:30,HJ7N3A,Nobody,',
      'A,2026-03-02 10:37,RR3C4D,Off the grid,',
    ].join('\n');
    const upload = async () => {
      await page.locator('input[name=csv]').setInputFiles({ name: 'ehuduma-2026-03-02.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Import bookings' }).click();
      await page.getByTestId('import-result').waitFor();
    };
    await upload();
    const result = page.getByTestId('import-result');
    await expect.poll(() => result.textContent()).toContain('2 booked');
    expect(await result.textContent()).toContain('0 unchanged');
    expect(await result.textContent()).toContain('2 refused');
    const refusedRows = await page.getByTestId('import-refused').locator('tbody tr td:first-child').allTextContents();
    expect(refusedRows).toEqual(['4', '5']);
    await axe();
    expect((await c.api('GET', '/appointments/K7M3PA', { auth: admin })).body.appointment).toMatchObject({ status: 'booked', channel: 'import', name: 'Jane Wanjiru' });

    // The same file again: nothing new.
    await page.reload();
    await page.getByRole('heading', { name: 'Import bookings', level: 1 }).waitFor();
    await upload();
    await expect.poll(() => result.textContent()).toContain('0 booked');
    expect(await result.textContent()).toContain('2 unchanged');
    const day = await c.api('GET', '/appointments?date=2026-03-02', { auth: admin });
    expect(day.body.items.filter((a: { channel: string }) => a.channel === 'import')).toHaveLength(2);
  });
});
