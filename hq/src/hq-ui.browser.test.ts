// The head office's screens in real Chromium: sign in, see a centre's figures of today, switch to
// Kiswahili, and see an altered day bundle refused with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '@foleni/server/testing/browser.js';
import { HQ_ADMIN_PASSWORD, dayBundle, eventsOf, startTestHq } from './testing/hq-test-env.js';
import type { TestHq } from './testing/hq-test-env.js';

describe('head office in the browser', () => {
  let hq: TestHq;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    hq = await startTestHq('pglite');
    const key = await hq.registerCentre('NRB-GPO', { county: 'Nairobi' });
    await hq.registerCentre('NRB-OUT-KIBRA', { kind: 'outreach', parentCode: 'NRB-GPO' });
    const events = eventsOf([
      { id: 'a1', service: 'NHIF', issuedAt: '2026-12-07T06:00:00Z', waitMin: 4, end: 'served' },
      { id: 'a2', service: 'NHIF', issuedAt: '2026-12-07T06:02:00Z', waitMin: 12, end: 'served' },
      { id: 'a3', service: 'KRA', issuedAt: '2026-12-07T06:04:00Z', waitMin: 30, end: 'no_show' },
    ]);
    const fed = await hq.call('POST', '/ingest', { token: key, body: { fromSeq: 1, events } });
    expect(fed.status).toBe(200);
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hq?.close();
  });

  it("signs in and shows a centre's figures of today", async () => {
    await page.goto(`${hq.url}/hq/`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(HQ_ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const row = page.locator('tr[data-code="NRB-GPO"]');
    await row.waitFor();
    expect(await row.locator('.issued').textContent()).toBe('3');
    expect(await row.locator('.served').textContent()).toBe('2');
    // Waits 4, 12 and 30 minutes: the median is 12; two of three within 15 minutes.
    expect(await row.locator('.median').textContent()).toBe('12 min');
    expect(await row.locator('.within').textContent()).toBe('67%');
  });

  it('speaks Kiswahili when asked', async () => {
    await page.getByRole('button', { name: 'Kiswahili' }).click();
    await page.getByRole('heading', { name: /Vituo vyote leo/ }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('opens one centre by service and hour', async () => {
    await page.getByRole('button', { name: 'NRB-GPO' }).click();
    await page.getByRole('heading', { name: 'By service, last 7 days' }).waitFor();
    await page.getByRole('cell', { name: 'NHIF' }).waitFor();
    await page.getByRole('button', { name: 'Back to every centre' }).click();
  });

  it('refuses an altered day bundle and says why, and takes the good one', async () => {
    const events = eventsOf([{ id: 'o1', service: 'BIRTH', issuedAt: '2026-12-05T07:00:00Z', waitMin: 6, end: 'served' }]);
    const good = dayBundle({ code: 'NRB-OUT-KIBRA', name: 'Kibra outreach' }, '2026-12-05', events);
    await page.getByRole('button', { name: 'Import a day bundle' }).click();
    const file = page.locator('input[type=file]');
    await file.setInputFiles({ name: 'kibra-2026-12-05.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(good.replace('"BIRTH"', '"BIRTX"')) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const refusal = page.locator('.refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/refused.*checksum \(sha256\).*altered or damaged/s);

    await file.setInputFiles({ name: 'kibra-2026-12-05.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'NRB-OUT-KIBRA, 2026-12-05: 4 events imported.' }).waitFor();
  });
});
