// Staff pages in Kiswahili (issue #18): the manager switches once and the dashboard, the reports and the
// page's lang stay Kiswahili after a reload and on another computer; the clerk's Kiswahili counter screen
// names counters "Dirisha N"; and the corrected words a Kiswahili reader asked for are what is shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestCentre } from '@foleni/server/testing';
import { fillSignIn, startStaffCentre } from './support/staff-pages.js';
import type { StaffCentre } from './support/staff-pages.js';

describe('staff pages in Kiswahili', () => {
  let s: StaffCentre;
  let c: TestCentre;

  beforeAll(async () => {
    s = await startStaffCentre();
    c = s.centre;
  });
  afterAll(() => s?.close());

  const pageLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

  it("switches the manager's pages to Kiswahili and keeps them so after a reload and on another computer", async () => {
    const page = await s.newPage();
    await page.goto(`${c.url}/manage`);
    await fillSignIn(page, 'manager');
    await page.getByRole('heading', { name: 'Live dashboard' }).waitFor();
    expect(await pageLang(page)).toBe('en');

    await page.getByRole('button', { name: 'Kiswahili' }).click();
    await page.getByRole('heading', { name: 'Dashibodi ya moja kwa moja' }).waitFor();
    expect(await pageLang(page)).toBe('sw');
    expect(await page.getByRole('link', { name: 'Ripoti' }).count()).toBe(1);
    await page.getByRole('heading', { name: /^Madirisha/, level: 2 }).waitFor();
    await page.getByRole('heading', { name: /^Huduma/, level: 2 }).waitFor();
    expect(await page.getByRole('columnheader', { name: 'Wanasubiri' }).count()).toBe(1);
    // Service names in the manager's language too.
    expect(await page.getByText('Kitambulisho cha Taifa').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Imeunganishwa' }).count()).toBe(1);

    await page.reload();
    await page.getByRole('heading', { name: 'Dashibodi ya moja kwa moja' }).waitFor();
    expect(await pageLang(page)).toBe('sw');
    await page.getByRole('link', { name: 'Ripoti' }).click();
    await page.getByRole('heading', { name: 'Ripoti', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Onyesha ripoti' }).waitFor();
    expect(await pageLang(page)).toBe('sw');

    // Another computer (no storage of this one's): the choice came with the account.
    const elsewhere = await s.newPage();
    await elsewhere.goto(`${c.url}/manage/reports`);
    await fillSignIn(elsewhere, 'manager');
    await elsewhere.getByRole('heading', { name: 'Ripoti', level: 1 }).waitFor();
    expect(await pageLang(elsewhere)).toBe('sw');

    // And back to English, which the next page load keeps too.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    expect(await pageLang(page)).toBe('en');
    await expect.poll(async () => (await c.api('GET', '/auth/me', { auth: await c.login('manager') })).body.lang).toBe('en');
  });

  it('names counters "Dirisha N" on the Kiswahili counter screen and marks a free one "Halina mtu"', async () => {
    const clerk = await c.login('wanjiru');
    expect((await c.api('POST', '/me/lang', { auth: clerk, body: { lang: 'sw' } })).status).toBe(204);
    const page = await s.newPage();
    await page.goto(`${c.url}/counter`);
    await fillSignIn(page, 'wanjiru');
    await page.getByRole('heading', { name: 'Chagua dirisha lako' }).waitFor();
    expect(await pageLang(page)).toBe('sw');
    await page.getByRole('heading', { name: 'Dirisha 1', exact: true }).waitFor();
    expect(await page.getByText('Counter 1', { exact: true }).count()).toBe(0);
    expect(await page.getByText('Halina mtu').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Fungua Dirisha 1', exact: true }).click();
    await page.getByRole('heading', { name: 'Dirisha 1', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Kwenye dirisha lako' }).waitFor();
  });
});
