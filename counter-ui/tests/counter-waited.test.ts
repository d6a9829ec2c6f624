// The wait the counter screen shows for the customer at the counter is the wait in the line they are in
// now, until first called there: after a transfer, from the transfer; after a no-show put back in line,
// from then; a recall does not add to it. Real Chromium, a real centre on a clock the test moves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';
import { ManualClock } from '@foleni/server/clock.js';

describe('the wait on the customer’s card', () => {
  let c: TestCentre;
  let browser: Browser;
  let context: BrowserContext;
  /** One per further clerk: each signs in with cookies of their own. */
  const others: BrowserContext[] = [];
  // A Monday morning: a clock started from the real time would cross midnight in Nairobi on some runs.
  const clock = new ManualClock(Date.parse('2026-03-02T09:00:00+03:00'));

  beforeAll(async () => {
    [c, browser] = await Promise.all([startTestCentre({ clock }), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    context.setDefaultTimeout(5000);
  });
  afterAll(async () => {
    await Promise.allSettled(others.map((o) => o.close()));
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

  /** Signs a clerk in on a fresh page, opens their counter and calls the next customer there. */
  async function callInBrowser(username: string, counter: string, label: string) {
    const own = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    others.push(own);
    own.setDefaultTimeout(5000);
    const page = await own.newPage();
    await page.goto(`${c.url}/counter`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('foleni-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: `Open ${counter}`, exact: true }).click();
    await page.getByRole('button', { name: 'Call next', exact: true }).click();
    await expect.poll(() => page.getByTestId('current-label').textContent()).toBe(label);
    return page;
  }

  it('counts a no-show put back in line from when they came back, not from the ticket time', async () => {
    const achieng = await c.login('achieng');
    const manager = await c.login('manager');
    const counter4 = c.counterId('4');
    expect((await c.api('POST', `/counters/${counter4}/open`, { auth: achieng })).status).toBe(200);
    const h = (await c.api('POST', '/tickets', { auth: achieng, body: { serviceId: c.serviceId('H') } })).body.ticket;
    // Called after 5 minutes, nobody came; 30 minutes later they turn up and the manager puts them back...
    clock.advanceMinutes(5);
    expect((await c.api('POST', `/counters/${counter4}/call-next`, { auth: achieng })).body.ticket.id).toBe(h.id);
    expect((await c.api('POST', `/tickets/${h.id}/no-show`, { auth: achieng })).status).toBe(200);
    clock.advanceMinutes(30);
    expect((await c.api('POST', `/tickets/${h.id}/requeue`, { auth: manager })).body.ticket.status).toBe('waiting');
    // ...where they wait 7 minutes before Counter 5 calls them.
    clock.advanceMinutes(7);
    const page = await callInBrowser('kiprop', 'Counter 5', h.label);
    await expect.poll(() => page.getByTestId('waited').textContent()).toBe('Waited 7 min in this line');
  });

  it('does not add a recall after a transfer to the wait in the new line', async () => {
    const wanjiru = await c.login('wanjiru');
    const counter1 = c.counterId('1');
    const b = (await c.api('POST', '/tickets', { auth: wanjiru, body: { serviceId: c.serviceId('B') } })).body.ticket;
    clock.advanceMinutes(4);
    expect((await c.api('POST', `/counters/${counter1}/call-next`, { auth: wanjiru })).body.ticket.id).toBe(b.id);
    await c.api('POST', `/tickets/${b.id}/start`, { auth: wanjiru });
    clock.advanceMinutes(3);
    expect((await c.api('POST', `/tickets/${b.id}/transfer`, { auth: wanjiru, body: { serviceId: c.serviceId('G') } })).status).toBe(200);
    clock.advanceMinutes(12);
    const page = await callInBrowser('mwangi', 'Counter 7', b.label);
    await expect.poll(() => page.getByTestId('waited').textContent()).toBe('Waited 12 min in this line');
    // Three minutes on, called again: still 12 minutes (the screen read afresh after the recall).
    clock.advanceMinutes(3);
    const mwangi = await c.login('mwangi');
    expect((await c.api('POST', `/tickets/${b.id}/recall`, { auth: mwangi })).body.ticket.callCount).toBe(3);
    await page.reload();
    await expect.poll(() => page.getByTestId('current-label').textContent()).toBe(b.label);
    await expect.poll(() => page.getByTestId('waited').textContent()).toBe('Waited 12 min in this line');
  });
});
