// Reports in real Chromium: a scripted week, the month's report with its charts, and the CSV a manager
// downloads and sends, parsed back cell by cell.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '@foleni/server/clock.js';
import { parseCsv } from '@foleni/server/reports/csv-parse.js';
import { launchBrowser, seriousA11yViolations, startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';

describe('reports', () => {
  const clock = new ManualClock(Date.parse('2025-06-02T05:00:00Z'));
  let c: TestCentre;
  let browser: Browser;
  let page: Page;

  /** One day: n tickets of a service issued at 08:00 (Nairobi), called after waits[i] minutes each, all served. */
  async function day(date: string, code: string, waits: number[], clerk: string, counter: string) {
    clock.set(`${date}T05:00:00Z`);
    const token = await c.login(clerk);
    await c.api('POST', `/counters/${c.counterId(counter)}/open`, { auth: token });
    const ids: string[] = [];
    for (const _ of waits) ids.push((await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId(code) } })).body.ticket.id);
    let elapsed = 0;
    for (const w of waits) {
      clock.advanceMinutes(w - elapsed);
      elapsed = w;
      const call = await c.api('POST', `/counters/${c.counterId(counter)}/call-next`, { auth: token });
      await c.api('POST', `/tickets/${call.body.ticket.id}/start`, { auth: token });
      await c.api('POST', `/tickets/${call.body.ticket.id}/complete`, { auth: token });
    }
    await c.api('POST', `/counters/${c.counterId(counter)}/close`, { auth: token });
  }

  beforeAll(async () => {
    [c, browser] = await Promise.all([startTestCentre({ clock }), launchBrowser()]);
    await day('2025-06-02', 'A', [2, 4, 6, 30], 'wanjiru', '1');
    await day('2025-06-03', 'A', [10, 12], 'wanjiru', '1');
    await day('2025-06-03', 'H', [1, 3, 5], 'otieno', '4');
    clock.set('2025-06-04T12:00:00Z');
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: true, acceptDownloads: true });
    context.setDefaultTimeout(5000);
    page = await context.newPage();
    await page.goto(`${c.url}/manage/reports?from=2025-06-01&to=2025-06-30&groupBy=service`);
    await page.getByLabel('Username').fill('manager');
    await page.getByLabel('Password').fill('foleni-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it("shows the month's report: figures, table and charts", async () => {
    await page.getByRole('heading', { name: '2025-06-01 to 2025-06-30' }).waitFor();
    const kpis = await page.getByTestId('kpis').textContent();
    // Waits 1 2 3 4 5 6 10 12 30: the median is the 5th, 90% waited at most the 9th.
    expect(kpis).toContain('Tickets issued9');
    expect(kpis).toContain('Median wait5 min');
    expect(kpis).toContain('90% waited at most30 min');
    const rows = await page.locator('[data-testid=report-table] tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((td) => td.textContent!.trim())));
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['A — National ID card', '6', '6'],
      ['H — Health insurance (SHA)', '3', '3'],
    ]);
    // A: waits 2 4 6 30 10 12 → median 6, 90% at most 30; within its 20-minute target 5 of 6.
    expect(rows[0]!.slice(4)).toEqual(['6 min', '30 min', '0 min', '83%', '—']);
    // The charts are drawn (uPlot canvases), each with a text summary for screen readers.
    const hours = page.getByTestId('chart-hours');
    expect(await hours.locator('canvas').count()).toBeGreaterThan(0);
    expect(await hours.getByRole('img').getAttribute('aria-label')).toContain('busiest 08:00–09:00 with 9 tickets');
    expect(await page.getByTestId('chart-days').locator('canvas').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('chart-days').getByRole('img').getAttribute('aria-label')).toContain('each of 30 days; 9 tickets in all');
  });

  it('downloads the CSV a spreadsheet opens as it is', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-link').click()]);
    expect(download.suggestedFilename()).toBe('foleni-HC-NBI-GPO-report-by-service-2025-06-01-to-2025-06-30.csv');
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(table[0]!.slice(0, 4)).toEqual(['Service', 'Issued', 'Called', 'Served']);
    const col = (name: string) => table[0]!.indexOf(name);
    expect(table.map((r) => [r[0], r[col('Issued')], r[col('Median wait (min)')], r[col('Called within target (%)')]])).toEqual([
      ['Service', 'Issued', 'Median wait (min)', 'Called within target (%)'],
      ['A — National ID card', '6', '6', '83.3'],
      ['H — Health insurance (SHA)', '3', '3', '100'],
      ['Total 2025-06-01 to 2025-06-30', '9', '5', '88.9'],
    ]);
  });

  it('groups by clerk from the form, and moves to last month with one press', async () => {
    await page.getByLabel('Group by').selectOption('clerk');
    await page.getByRole('button', { name: 'Show report' }).click();
    await page.getByRole('heading', { name: 'By clerk' }).waitFor();
    const clerks = await page.locator('[data-testid=report-table] tbody th').allTextContents();
    expect(clerks).toEqual(['Otieno Odhiambo', 'Wanjiru Kamau']);
    expect(page.url()).toContain('groupBy=clerk');
    await page.getByRole('button', { name: 'Last month' }).click();
    await page.getByRole('heading', { name: '2025-05-01 to 2025-05-31' }).waitFor();
    await page.getByText('No tickets in this range.').waitFor();
  });

  it('has no serious accessibility problems', async () => {
    await page.getByRole('button', { name: 'This month' }).click();
    await page.getByRole('heading', { name: '2025-06-01 to 2025-06-04' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
