// The staff sign-in page, in both languages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, seriousA11yViolations, startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';

describe('staff sign-in', () => {
  let c: TestCentre;
  let browser: Browser;
  beforeAll(async () => {
    c = await startTestCentre();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await c.close();
  });

  it('switches to Kiswahili, says what went wrong, and signs in', async () => {
    const page = await browser.newPage();
    await page.goto(`${c.url}/counter`);
    await page.getByRole('button', { name: 'Kiswahili' }).click();
    await page.getByLabel('Jina la mtumiaji').fill('wanjiru');
    await page.getByLabel('Nenosiri').fill('wrong-password');
    await page.getByRole('button', { name: 'Ingia' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Jina la mtumiaji au nenosiri si sahihi.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Nenosiri').fill('foleni-demo');
    await page.getByRole('button', { name: 'Ingia' }).click();
    await page.getByRole('button', { name: /Toka/ }).waitFor();
    await page.close();
  });
});
