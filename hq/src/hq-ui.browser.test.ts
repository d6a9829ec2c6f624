// The head office's screens in real Chromium: sign in, see a centre's figures of today, switch to
// Kiswahili, see an altered day bundle refused with the reason, and read the charts (trends by day and
// week, a centre by service and hour) and outreach days by county.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '@foleni/server/testing/browser.js';
import { HQ_ADMIN_PASSWORD, TEST_NOW, dayBundle, eventsOf, startTestHq } from './testing/hq-test-env.js';
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
    // Likoni's team works in Mombasa on Tuesday 1 and Thursday 3 December: the week of Monday 30 November.
    await hq.registerCentre('MSA-OUT-LIKONI', { kind: 'outreach', county: 'Mombasa' });
    const likoni = { code: 'MSA-OUT-LIKONI', name: 'Likoni outreach' };
    const tue = eventsOf([{ id: 'l1', service: 'ID', issuedAt: '2026-12-01T06:00:00Z', waitMin: 5, end: 'served' }]);
    const thu = eventsOf([{ id: 'l2', service: 'ID', issuedAt: '2026-12-03T06:00:00Z', waitMin: 9, end: 'served' }], tue.length + 1);
    for (const [day, list] of [['2026-12-01', tue], ['2026-12-03', thu]] as const) {
      const r = await hq.call('POST', '/import', { token: hq.adminToken, raw: dayBundle(likoni, day, list) });
      expect(r.status, r.text).toBe(200);
    }
    browser = await launchBrowser();
    page = await browser.newPage();
    // The page's "today" (the default ranges) is the server's test day, whatever the real date: started from
    // the real clock the last week's range left 1 December behind once it was 8 December in Nairobi.
    await page.clock.setFixedTime(new Date(TEST_NOW));
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
    // Both drawn by the chart the centre's reports use: a canvas, with its figures in words.
    const services = page.getByTestId('chart-services');
    await services.locator('canvas').first().waitFor();
    expect(await services.getByRole('img').getAttribute('aria-label')).toBe(
      '2 services: 3 tickets issued, 2 served; most tickets at NHIF (2); median wait 12 min.',
    );
    const hours = page.getByTestId('chart-hours');
    await hours.locator('canvas').first().waitFor();
    expect(await hours.getByRole('img').getAttribute('aria-label')).toContain('most tickets at 09:00 (3)');
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

  it('draws trends by day and by week, and the toggle changes the rows', async () => {
    await page.getByRole('button', { name: 'Trends by day and week' }).click();
    await page.getByLabel('From').fill('2026-11-30');
    await page.getByLabel('To').fill('2026-12-07');
    await page.getByRole('button', { name: 'Show' }).click();
    const chart = page.getByTestId('chart-trends');
    const firstColumn = () => page.locator('table tbody tr td:first-child').allTextContents();
    // Likoni on the 1st and 3rd, Kibra on the 5th, the GPO on the 7th.
    await expect.poll(firstColumn).toEqual(['2026-12-01', '2026-12-03', '2026-12-05', '2026-12-07', 'Total']);
    await chart.locator('canvas').first().waitFor();
    expect(await chart.getByRole('img').getAttribute('aria-label')).toMatch(/^4 days: 6 tickets issued, 5 served;/);
    await page.getByRole('button', { name: 'By week' }).click();
    await expect.poll(firstColumn).toEqual(['2026-11-30', '2026-12-07', 'Total']);
    expect(await page.getByRole('button', { name: 'By week' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('columnheader', { name: 'Week from' }).count()).toBe(1);
    expect(await chart.getByRole('img').getAttribute('aria-label')).toMatch(/^2 weeks: 6 tickets issued, 5 served; most tickets at 2026-11-30 \(3\);/);
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    // A range without a ticket says so instead of an empty chart.
    await page.getByLabel('From').fill('2026-10-01');
    await page.getByLabel('To').fill('2026-10-07');
    await page.getByText('No tickets in this range.').waitFor();
    expect(await page.getByTestId('chart-trends').count()).toBe(0);

    // A slow answer to an earlier question (here a failure) never replaces the answer to the latest one.
    const slow = '**/hq/api/v1/report?from=2026-11-30&to=2026-12-07*';
    let held = 0;
    await page.route(slow, async (route) => {
      held++;
      await new Promise((r) => setTimeout(r, 1_500));
      await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'the held question failed' } }) });
    });
    await page.getByLabel('From').fill('2026-11-30');
    await page.getByLabel('To').fill('2026-12-07');
    await expect.poll(() => held).toBeGreaterThan(0);
    await page.getByLabel('From').fill('2026-10-01');
    await page.getByLabel('To').fill('2026-10-07');
    await page.getByText('No tickets in this range.').waitFor();
    // The held answer comes back after it, and is dropped.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await page.getByText('the held question failed').count()).toBe(0);
    expect(await page.getByText('No tickets in this range.').count()).toBe(1);
    expect(await firstColumn()).toEqual(['Total']);
    await page.unroute(slow);
  });

  it('shows outreach days under their county, and the national table by county', async () => {
    await page.getByRole('button', { name: 'Outreach by county' }).click();
    await page.getByLabel('From').fill('2026-11-30');
    await page.getByLabel('To').fill('2026-12-07');
    await page.getByRole('button', { name: 'Show' }).click();
    // Kibra has no county of its own: it is under its parent centre's, Nairobi.
    const kibra = page.locator('tbody[data-county="Nairobi"] tr[data-team="NRB-OUT-KIBRA"]');
    await kibra.waitFor();
    expect(await kibra.locator('.issued').textContent()).toBe('1');
    const likoni = page.locator('tbody[data-county="Mombasa"] tr[data-team="MSA-OUT-LIKONI"]');
    await expect.poll(() => likoni.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-day')))).toEqual(['2026-12-01', '2026-12-03']);
    expect(await page.locator('tbody[data-county="Mombasa"] tr.county th').textContent()).toBe('Mombasa · 1 team, 2 days');

    await page.getByRole('button', { name: 'Every centre today' }).click();
    await page.locator('tbody[data-county="Nairobi"] tr[data-code="NRB-OUT-KIBRA"]').waitFor();
    await page.getByLabel('Show county').selectOption('Mombasa');
    await page.locator('tr[data-code="NRB-GPO"]').waitFor({ state: 'detached' });
    expect(await page.locator('tbody[data-county] tr[data-code]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')))).toEqual(['MSA-OUT-LIKONI']);
    await page.getByLabel('Show county').selectOption('');
    await page.locator('tr[data-code="NRB-GPO"]').waitFor();
  });

  it('says the charts and the outreach view in Kiswahili', async () => {
    await page.getByRole('button', { name: 'Kiswahili' }).click();
    await page.getByRole('button', { name: 'Mashinani kwa kaunti' }).click();
    await page.getByRole('heading', { name: 'Mashinani kwa kaunti' }).waitFor();
    await page.getByRole('columnheader', { name: 'Timu ya mashinani' }).waitFor();
    expect(await page.locator('tbody[data-county="Mombasa"] tr.county th').textContent()).toBe('Mombasa · timu 1, siku 2');
    await page.getByRole('button', { name: 'Mwenendo kwa siku na wiki' }).click();
    await page.getByLabel('Kuanzia').fill('2026-11-30');
    await page.getByLabel('Hadi').fill('2026-12-07');
    await page.getByRole('button', { name: 'Kwa wiki' }).click();
    const chart = page.getByTestId('chart-trends');
    await expect.poll(() => chart.getByRole('img').getAttribute('aria-label')).toMatch(/^Wiki 2: tiketi 6 zilitolewa, 5 walihudumiwa;/);
    await chart.getByText('Tiketi zilizotolewa na waliohudumiwa, na muda wa kusubiri').waitFor();
    await page.getByRole('columnheader', { name: 'Wiki kuanzia' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
  });
});
