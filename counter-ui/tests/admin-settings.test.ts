// The admin's settings in real Chromium: a new service made in the browser is on the kiosk; a counter
// gets its services in order; a clerk's account is made, reset and deactivated; a kiosk is added and
// paired with the link and QR code shown once, printed on and revoked; centre settings and the audit log.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT_DIR } from '@foleni/server/http/static-ui.js';
import { keepDeviceToken, launchBrowser, seriousA11yViolations, startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';

describe('settings', () => {
  let c: TestCentre;
  let browser: Browser;
  let page: Page;
  let admin: string;

  const go = async (nav: string, heading: string) => {
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: nav }).click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };
  const axe = async () => expect(await seriousA11yViolations(page)).toEqual([]);

  beforeAll(async () => {
    [c, browser] = await Promise.all([startTestCentre(), launchBrowser()]);
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

  it('creates a service, with its agency’s name in Kiswahili', async () => {
    await page.getByRole('button', { name: 'Add a service' }).click();
    await page.getByLabel('Ticket code').fill('q');
    await page.getByLabel('Name in English').fill('Land rates');
    await page.getByLabel('Name in Kiswahili').fill('Kodi ya ardhi');
    await page.getByLabel('Agency', { exact: true }).fill('Nairobi County');
    await page.getByLabel('Agency (Kiswahili)').fill('Kaunti ya Nairobi');
    await page.getByLabel('Target wait (minutes)').fill('25');
    await page.getByRole('button', { name: 'Add service' }).click();
    await page.getByText('Q — Land rates is added.').waitFor();
    const row = page.locator('[data-testid=services-table] tr[data-code=Q]');
    await expect.poll(() => row.textContent()).toContain('Kodi ya ardhi');
    expect(await row.getByTestId('agency-sw').textContent()).toBe('Kaunti ya Nairobi');

    const services = (await c.api('GET', '/services')).body.items as { code: string; name: { en: string }; slaMinutes: number; agency: string; agencySw: string | null }[];
    expect(services.find((s) => s.code === 'Q')).toMatchObject({ name: { en: 'Land rates' }, slaMinutes: 25, agency: 'Nairobi County', agencySw: 'Kaunti ya Nairobi' });

    await axe();
  });

  it('shows the agency’s Kiswahili name in the form, and clears it when the field is emptied', async () => {
    await page.getByRole('button', { name: 'Change Q Land rates' }).click();
    const field = page.getByLabel('Agency (Kiswahili)');
    expect(await field.inputValue()).toBe('Kaunti ya Nairobi');
    await field.fill('  ');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Q — Land rates is saved.').waitFor();
    const row = page.locator('[data-testid=services-table] tr[data-code=Q]');
    await expect.poll(() => row.getByTestId('agency-sw').count()).toBe(0);
    expect(await row.textContent()).toContain('Nairobi County');
    const services = (await c.api('GET', '/services')).body.items as { code: string; agencySw: string | null }[];
    expect(services.find((s) => s.code === 'Q')?.agencySw).toBeNull();
    await axe();
  });

  it('refuses a code already taken, and says why', async () => {
    await page.getByRole('button', { name: 'Add a service' }).click();
    await page.getByLabel('Ticket code').fill('A');
    await page.getByLabel('Name in English').fill('Another');
    await page.getByLabel('Name in Kiswahili').fill('Nyingine');
    await page.getByLabel('Agency', { exact: true }).fill('Nobody');
    await page.getByRole('button', { name: 'Add service' }).click();
    await page.getByRole('alert').filter({ hasText: 'The code A is used by National ID card.' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('gives a counter its services in order of preference, and the kiosk then offers the new service', async () => {
    await go('Counters', 'Counters');
    await page.getByRole('button', { name: 'Change Counter 2' }).click();
    await page.getByLabel('Add a service').selectOption({ label: 'Q — Land rates' });
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    // A, B, Q → Q, A, B → Q, A
    await page.getByRole('button', { name: 'Move Q — Land rates up' }).click();
    await page.getByRole('button', { name: 'Move Q — Land rates up' }).click();
    await page.getByRole('button', { name: 'Remove B — Birth certificate' }).click();
    expect(await page.getByTestId('counter-services').locator('li').allTextContents()).toEqual([
      expect.stringContaining('Q — Land rates'),
      expect.stringContaining('A — National ID card'),
    ]);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Counter 2 is saved.').waitFor();
    const counter = (await c.api('GET', `/admin/counters/${c.counterId('2')}`, { auth: admin })).body.counter;
    expect(counter.serviceIds).toEqual([c.serviceId('Q'), c.serviceId('A')]);
    await axe();
    // Served by a counter now, the new service is on the kiosk (which offers only services a counter serves).
    if (existsSync(join(ROOT_DIR, 'kiosk-ui', 'dist', 'index.html'))) {
      const screen = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
      await keepDeviceToken(screen, 'kiosk', c.kioskToken);
      const kiosk = await screen.newPage();
      await kiosk.goto(`${c.url}/kiosk`);
      await kiosk.getByRole('button', { name: /Land rates/ }).waitFor({ timeout: 10_000 });
      await screen.close();
    }
  });

  it("makes a clerk's account, resets its password, and deactivates it", async () => {
    await go('Staff', 'Staff');
    await page.getByRole('button', { name: 'Add an account' }).click();
    await page.getByLabel('Username').fill('njeri');
    await page.getByLabel('Full name').fill('Njeri Wambui');
    await page.getByLabel('First password').fill('first-password');
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByText('Njeri Wambui (njeri) is saved.').waitFor();
    expect(await c.login('njeri', 'first-password')).toBeTruthy();

    await page.getByRole('button', { name: 'Reset password of Njeri Wambui' }).click();
    await page.getByLabel('New password for Njeri Wambui').fill('second-password');
    await page.getByRole('button', { name: 'Set password', exact: true }).click();
    await page.getByText('Njeri Wambui has a new password and is signed out everywhere.').waitFor();
    expect((await c.api('POST', '/auth/login', { body: { username: 'njeri', password: 'first-password' } })).status).toBe(401);
    expect((await c.api('POST', '/auth/login', { body: { username: 'njeri', password: 'second-password' } })).status).toBe(200);

    await page.getByRole('button', { name: 'Deactivate Njeri Wambui' }).click();
    await page.getByRole('button', { name: 'Yes, deactivate njeri' }).click();
    await page.getByText('Njeri Wambui is deactivated and signed out.').waitFor();
    await expect.poll(() => page.locator('[data-username=njeri]').textContent()).toContain('Deactivated');
    expect((await c.api('POST', '/auth/login', { body: { username: 'njeri', password: 'second-password' } })).status).toBe(401);
    await axe();
  });

  it('adds a kiosk, shows its one-time pairing link and QR code once, shows when it paired, prints a test page and revokes it', async () => {
    await go('Kiosks and displays', 'Kiosks and displays');
    await page.getByRole('button', { name: 'Add a kiosk or display' }).click();
    await page.getByLabel('Name').fill('Annex kiosk');
    await page.getByLabel('Zone').fill('annex');
    await page.getByRole('combobox', { name: /^Printer/ }).selectOption('preview');
    await page.getByRole('combobox', { name: /^Paper width/ }).selectOption('58');
    await page.getByRole('button', { name: 'Add kiosk' }).click();
    const pairing = page.getByTestId('pairing');
    await pairing.getByRole('heading', { name: 'Pair Annex kiosk' }).waitFor();
    const url = await pairing.getByTestId('pair-url').inputValue();
    expect(url).toMatch(new RegExp(`^${c.url}/kiosk\\?pair=[0-9A-Z]{8}$`));
    expect(await pairing.getByTestId('pair-until').textContent()).toMatch(/^\d\d:\d\d$/);
    await expect.poll(() => pairing.getByRole('img', { name: 'QR code of the pairing link for Annex kiosk' }).locator('svg').count()).toBe(1);
    await axe();
    await pairing.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByTestId('pairing').count()).toBe(0);
    const row = page.locator('[data-device="Annex kiosk"]');
    await expect.poll(() => row.textContent()).toContain('58 mm');
    expect(await row.getByTestId('paired').textContent()).toContain('Not paired yet');

    // The link pairs the kiosk that opens it (in Chromium when the kiosk is built), once.
    let token: string;
    if (existsSync(join(ROOT_DIR, 'kiosk-ui', 'dist', 'index.html'))) {
      const screen = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
      const kiosk = await screen.newPage();
      await kiosk.goto(url);
      await kiosk.getByRole('heading', { name: 'Choose a service' }).waitFor({ timeout: 10_000 });
      token = (await kiosk.evaluate(() => localStorage.getItem('foleni.kiosk.token')))!;
      await screen.close();
    } else {
      token = await c.pair(url);
    }
    expect((await c.api('POST', '/tickets', { auth: token, body: { serviceId: c.serviceId('A') } })).status).toBe(201);
    expect((await c.api('POST', '/devices/pair', { body: { code: new URL(url).searchParams.get('pair') } })).status).toBe(410);
    // The admin sees when, and in which browser.
    await go('Staff', 'Staff');
    await go('Kiosks and displays', 'Kiosks and displays');
    await expect.poll(() => row.getByTestId('paired').textContent()).toMatch(/\d{4}/);
    expect(await row.getByTestId('paired').textContent()).not.toContain('Not paired yet');
    if (existsSync(join(ROOT_DIR, 'kiosk-ui', 'dist', 'index.html'))) expect(await row.getByTestId('paired').textContent()).toContain('Chrome on Linux');
    await axe();

    // A new link leaves the kiosk in use working until a screen uses it.
    await page.getByRole('button', { name: 'New pairing link for Annex kiosk' }).click();
    await pairing.getByRole('heading', { name: 'Pair Annex kiosk' }).waitFor();
    expect(await pairing.getByTestId('pair-url').inputValue()).not.toBe(url);
    expect((await c.api('GET', '/auth/me', { auth: token })).status).toBe(200);
    await pairing.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: 'Test print on Annex kiosk' }).click();
    await page.getByText('Annex kiosk has no paper printer; the test page is kept as a preview.').waitFor();

    await page.getByRole('button', { name: 'Revoke Annex kiosk' }).click();
    await page.getByRole('button', { name: 'Yes, revoke Annex kiosk' }).click();
    await page.getByText('Annex kiosk is revoked').waitFor();
    // The row follows the list, reloaded after the answer: it may come a moment after the message.
    await expect.poll(() => row.textContent()).toContain('Revoked');
    expect((await c.api('POST', '/tickets', { auth: token, body: { serviceId: c.serviceId('A') } })).status).toBe(401);
  });

  it('saves the centre settings, notices in both languages', async () => {
    await go('Centre', 'Centre');
    await page.getByLabel('Centre name').fill('Huduma Centre Kisumu');
    await page.getByRole('button', { name: 'Add a notice' }).click();
    await page.getByLabel('Notice 2 in English').fill('Closed on public holidays.');
    await page.getByLabel('Notice 2 in Kiswahili').fill('Imefungwa siku za sikukuu.');
    await page.getByLabel('Priority head start (minutes)').fill('30');
    // The demo centre's kiosk issues at any hour; a real centre has it keep the opening hours.
    const keepHours = page.getByRole('checkbox', { name: 'Kiosks issue tickets only during opening hours' });
    expect(await keepHours.isChecked()).toBe(false);
    await keepHours.check();
    await page.getByRole('button', { name: 'Save centre settings' }).click();
    await page.getByText('The centre settings are saved').waitFor();
    const centre = (await c.api('GET', '/admin/centre', { auth: admin })).body.centre;
    expect(centre).toMatchObject({ name: 'Huduma Centre Kisumu', priorityHeadStartMinutes: 30 });
    // The week and the holidays come back as they were sent.
    expect(centre.openingHours).toMatchObject({ mon: { opens: '08:00', closes: '17:00' }, sat: { opens: '09:00', closes: '13:00' }, sun: null, kiosksOnlyWhenOpen: true });
    expect(centre.openingHours.closedDates).toContain('2026-12-25');
    expect(await keepHours.isChecked()).toBe(true);
    expect(centre.notices[1]).toEqual({ en: 'Closed on public holidays.', sw: 'Imefungwa siku za sikukuu.' });
    await axe();
  });

  it('lists every change in the audit log, with who made it', async () => {
    await go('Audit log', 'Audit log');
    const rows = page.locator('[data-testid=audit-table] tbody tr');
    await expect.poll(() => rows.first().textContent()).toContain('update centre settings');
    const text = (await rows.allTextContents()).slice(0, 11).join('\n');
    expect(text).toContain('Centre Admin (admin)');
    expect(text).toContain('revoke kiosk or displayAnnex kiosk');
    expect(text).toContain('create serviceQ Land rates');
    expect(text).toContain('agencySw: Kaunti ya Nairobi → none');
    // The centre form sends every field; the log names only what changed, from what to what.
    const centreRow = (await rows.first().textContent()) ?? '';
    expect(centreRow).toContain('name: Huduma Centre GPO, Nairobi → Huduma Centre Kisumu');
    expect(centreRow).toContain('openingHours.kiosksOnlyWhenOpen: false → true');
    expect(centreRow).not.toContain('timezone');
    expect(centreRow).not.toContain('openingHours.mon');
    expect(centreRow).not.toContain('openingHours.closedDates');
    await axe();
  });

  it('offers a backup download', async () => {
    await go('Backup', 'Backup');
    const href = await page.getByTestId('backup-link').getAttribute('href');
    const res = await page.request.get(`${c.url}${href}`);
    expect(res.status()).toBe(200);
    expect((await res.body()).subarray(0, 15).toString()).toBe('SQLite format 3');
    await axe();
  });
});
