// The admin's Journeys page in real Chromium: a journey defined in the browser, with names in English and
// Kiswahili and three steps, is offered by GET /journeys; the same service twice in a row is refused beside
// the form, and nothing is saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, seriousA11yViolations, startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';

describe('settings: journeys', () => {
  let c: TestCentre;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [c, browser] = await Promise.all([startTestCentre(), launchBrowser()]);
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
    context.setDefaultTimeout(8000);
    page = await context.newPage();
    await page.goto(`${c.url}/admin/journeys`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('admin-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Journeys', level: 1 }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('defines a journey in both languages, and refuses the same service twice in a row', async () => {
    await page.getByRole('button', { name: 'Add a journey' }).click();
    await page.getByLabel('Journey code').fill('id-replace');
    await page.getByLabel('Name in English').fill('ID card replacement');
    await page.getByLabel('Name in Kiswahili').fill('Kubadilisha kitambulisho');
    await page.getByLabel('Step 1').selectOption({ label: 'A — National ID card' });
    await page.getByLabel('Step 2').selectOption({ label: 'A — National ID card' });
    await page.getByRole('button', { name: 'Add journey' }).click();
    await page.getByText('The same service is twice in a row').first().waitFor();
    expect((await c.api('GET', '/journeys')).body.items).toEqual([]);

    await page.getByLabel('Step 2').selectOption({ label: 'P — Payments and enquiries' });
    await page.getByRole('button', { name: 'Add a step' }).click();
    await page.getByLabel('Step 3').selectOption({ label: 'A — National ID card' });
    await page.getByRole('button', { name: 'Add journey' }).click();
    await page.getByText('ID-REPLACE — ID card replacement is added.').waitFor();
    const row = page.locator('[data-testid=journeys-table] tr[data-code=ID-REPLACE]');
    expect(await row.textContent()).toContain('Kubadilisha kitambulisho');
    expect(await row.locator('ol li').allTextContents()).toEqual(['A — National ID card', 'P — Payments and enquiries', 'A — National ID card']);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const [journey] = (await c.api('GET', '/journeys')).body.items;
    expect(journey).toMatchObject({ code: 'ID-REPLACE', name: { en: 'ID card replacement', sw: 'Kubadilisha kitambulisho' }, steps: [c.serviceId('A'), c.serviceId('P'), c.serviceId('A')] });
  });
});
