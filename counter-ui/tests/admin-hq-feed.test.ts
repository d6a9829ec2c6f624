// The head-office link in real Chromium: the admin sees how far the feed got and, with head office away, why
// it is waiting; a manager downloads a day bundle from the Reports page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DayBundleManifest } from '@foleni/shared';
import { FakeHq } from '@foleni/server/testing/fake-hq.js';
import { launchBrowser, seriousA11yViolations, startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';

describe('head office link', () => {
  let hq: FakeHq;
  let c: TestCentre;
  let browser: Browser;

  const signIn = async (path: string, username: string, password: string, heading: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
    context.setDefaultTimeout(5000);
    const page = await context.newPage();
    await page.goto(`${c.url}${path}`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    return page;
  };

  beforeAll(async () => {
    hq = await FakeHq.start();
    [c, browser] = await Promise.all([
      startTestCentre({ hq: { url: hq.url, key: hq.key }, hqFeed: { pollMs: 20, timeoutMs: 2000, backoff: { firstMs: 40, maxMs: 200 } } }),
      launchBrowser(),
    ]);
    for (const code of ['A', 'B']) expect((await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId(code) } })).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
    await hq?.close();
  });

  it('shows the admin how far head office has the log, and why it waits when head office is away', async () => {
    const last = () => c.db.prepare('SELECT MAX(seq) FROM events').pluck().get() as number;
    await expect.poll(() => hq.ackSeq).toBe(last());
    const page = await signIn('/admin/backup', 'admin', 'admin-password-1', 'Backup');
    const panel = page.getByTestId('hq-feed-panel');
    await expect.poll(() => panel.getByTestId('hq-feed-state').textContent()).toBe('Up to date');
    expect(await panel.getByTestId('hq-feed-sent').textContent()).toContain(`up to event ${last()} of ${last()}`);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await hq.down();
    expect((await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('A') } })).status).toBe(201);
    await expect
      .poll(
        async () => {
          await panel.getByRole('button', { name: 'Refresh' }).click();
          return panel.textContent();
        },
        { timeout: 5000 },
      )
      .toMatch(/Waiting to try again[\s\S]*to go[\s\S]*connection refused/);
    await hq.up();
    await expect.poll(() => hq.ackSeq, { timeout: 5000 }).toBe(last());
  });

  it("gives a manager the day's bundle from the Reports page", async () => {
    const page = await signIn('/manage/reports', 'manager', 'foleni-demo', 'Reports');
    const link = page.getByTestId('day-bundle-link');
    const href = await link.getAttribute('href');
    expect(href).toBe(`/api/v1/stats/day-bundle?day=${c.app.ctx.centre.today()}`);
    const res = await page.request.get(`${c.url}${href}`);
    expect(res.status()).toBe(200);
    const text = (await res.body()).toString('utf8');
    const manifest = DayBundleManifest.parse(JSON.parse(text.slice(0, text.indexOf('\n'))));
    expect(manifest).toMatchObject({ day: c.app.ctx.centre.today(), count: text.split('\n').length - 2 });
    expect(manifest.count).toBeGreaterThan(0);
  });
});
