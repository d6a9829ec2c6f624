// A Call next whose answer is lost on the way back, in real Chromium against a real centre: the server has
// called the customer, but the page's request fails as if the server were never reached. The clerk is not
// told "nothing was changed"; the screen asks the server for a fresh picture and shows the customer it
// really called. Pushed events are kept from the page meanwhile, so only that fresh picture can show it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, seriousA11yViolations, startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';

describe('counter screen when the answer to Call next is lost', () => {
  let c: TestCentre;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    [c, browser] = await Promise.all([startTestCentre(), launchBrowser()]);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await c?.close();
  });

  it('refreshes from the server and shows the customer the server called, saying the request may not have reached it', { timeout: 60_000 }, async () => {
    const manager = await c.login('manager');
    const issued: { id: string; label: string }[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await c.api('POST', '/tickets', { auth: manager, body: { serviceId: c.serviceId('A') } });
      expect(res.status).toBe(201);
      issued.push({ id: res.body.ticket.id, label: res.body.ticket.label });
    }
    const [a1] = issued;

    // bypassCSP: the page's policy rightly refuses inline scripts, and axe is injected as one.
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
    context.setDefaultTimeout(5000);
    const page = await context.newPage();
    // While stalled, pushed events (Socket.IO frames "42…") never reach the page, except the snapshot the
    // page asks for; pings pass, so the link itself stays up.
    let stalled = false;
    let dropped = 0;
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => {
        if (stalled && typeof message === 'string' && message.startsWith('42') && !message.includes('["queue:snapshot"')) {
          dropped++;
          return;
        }
        ws.send(message);
      });
    });

    await page.goto(`${c.url}/counter`);
    await page.getByLabel('Username').fill('wanjiru');
    await page.getByLabel('Password').fill('foleni-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Open Counter 1', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Counter 1', exact: true }).isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('waiting-list').locator('li').count()).toBe(2);

    // The server handles Call next, then the connection drops before its answer reaches the page.
    const handled: number[] = [];
    await page.route(/\/api\/v1\/counters\/[^/]+\/call-next$/, async (route) => {
      const res = await route.fetch();
      handled.push(res.status());
      await route.abort('connectionreset');
    });
    stalled = true;
    await page.getByRole('button', { name: 'Call next', exact: true }).click();

    await expect.poll(() => page.getByTestId('error').textContent()).toContain('the request may not have reached it');
    const said = (await page.getByTestId('error').textContent()) ?? '';
    expect(said).toContain('The screen is being refreshed from the server');
    expect(said).not.toContain('nothing was changed');
    expect(handled).toEqual([200]);
    expect(c.app.ctx.views.ticket(c.app.ctx.repos.tickets.byId(a1!.id)!)).toMatchObject({ status: 'called', counterId: c.counterId('1') });
    // The push about the call was kept from the page: the customer on screen came with the fresh snapshot.
    await expect.poll(() => page.getByTestId('current-label').textContent()).toBe(a1!.label);
    expect(dropped).toBeGreaterThan(0);
    expect(await page.getByTestId('waiting-list').locator('li').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
