// The wait the counter screen shows for the customer at the counter is the wait in the line they are in
// now: after a transfer, from the transfer, not from the ticket time. Real Chromium, a real centre on a
// clock the test moves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';
import { ManualClock } from '@foleni/server/clock.js';

describe('the wait on the customer’s card', () => {
  let c: TestCentre;
  let browser: Browser;
  let context: BrowserContext;
  const clock = new ManualClock(Date.now());

  beforeAll(async () => {
    [c, browser] = await Promise.all([startTestCentre({ clock }), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    context.setDefaultTimeout(5000);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await c?.close();
  });

  it('counts a transferred customer’s wait from the transfer, in both languages', async () => {
    const wanjiru = await c.login('wanjiru');
    const counter1 = c.counterId('1');
    expect((await c.api('POST', `/counters/${counter1}/open`, { auth: wanjiru })).status).toBe(200);
    const d = (await c.api('POST', '/tickets', { auth: wanjiru, body: { serviceId: c.serviceId('D') } })).body.ticket;

    // 20 minutes for a death certificate, then sent on to KRA after 5 minutes at Counter 1...
    clock.advanceMinutes(20);
    expect((await c.api('POST', `/counters/${counter1}/call-next`, { auth: wanjiru })).body.ticket.id).toBe(d.id);
    await c.api('POST', `/tickets/${d.id}/start`, { auth: wanjiru });
    clock.advanceMinutes(5);
    expect((await c.api('POST', `/tickets/${d.id}/transfer`, { auth: wanjiru, body: { serviceId: c.serviceId('K') } })).status).toBe(200);
    // ...where 12 more minutes pass before Counter 6 calls them.
    clock.advanceMinutes(12);

    const page = await context.newPage();
    await page.goto(`${c.url}/counter`);
    await page.getByLabel('Username').fill('otieno');
    await page.getByLabel('Password').fill('foleni-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Open Counter 6', exact: true }).click();
    await page.getByRole('button', { name: 'Call next', exact: true }).click();
    await expect.poll(() => page.getByTestId('current-label').textContent()).toBe(d.label);
    await expect.poll(() => page.getByTestId('waited').textContent()).toBe('Waited 12 min in this line');
    await page.keyboard.press('l');
    await expect.poll(() => page.getByTestId('waited').textContent()).toBe('Alisubiri dakika 12 kwenye foleni hii');
  });
});
