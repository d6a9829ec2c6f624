// The waiting-room display in real Chromium: a counter that closes takes its call off the board (the TV
// kept "Now calling A003 → 1" after Counter 1 closed), a reload does not bring it back, and a ticket's first
// call at the counter it was transferred to is not shown as "Called again".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { keepDeviceToken, launchBrowser, startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';
import { installSoundProbe } from './browser-stubs.js';

describe('display and closed counters', () => {
  let c: TestCentre;
  let browser: Browser;
  let page: Page;
  let wanjiru = '';
  let achieng = '';

  beforeAll(async () => {
    [c, browser] = await Promise.all([startTestCentre(), launchBrowser()]);
    [wanjiru, achieng] = await Promise.all([c.login('wanjiru'), c.login('achieng')]);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await ctx.addInitScript(installSoundProbe, ['en-GB', 'sw-KE']);
    await keepDeviceToken(ctx, 'display', c.displayToken);
    page = await ctx.newPage();
    await page.goto(`${c.url}/display`);
    await page.getByRole('heading', { name: /Huduma Centre/ }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  const nowLabel = () => page.getByTestId('now-label');
  const recentLabels = () => page.getByTestId('recent-calls').locator('td.label').allTextContents();
  const post = async (path: string, auth: string, body?: unknown) => {
    const res = await c.api('POST', path, { auth, ...(body ? { body } : {}) });
    expect(res.status, path).toBe(200);
    return res.body;
  };

  it("clears a closed counter's call, live and after a reload", async () => {
    const counter1 = c.counterId('1');
    await post(`/counters/${counter1}/open`, wanjiru);
    const issued = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('A') } });
    const { ticket } = await post(`/counters/${counter1}/call-next`, wanjiru);
    expect(ticket.label).toBe(issued.body.ticket.label);
    await expect.poll(() => nowLabel().textContent(), { timeout: 15_000 }).toBe(ticket.label);
    await post(`/tickets/${ticket.id}/start`, wanjiru);
    await post(`/tickets/${ticket.id}/complete`, wanjiru);
    // Served: the call stays on the board while the counter is open.
    expect(await nowLabel().textContent()).toBe(ticket.label);

    await post(`/counters/${counter1}/close`, wanjiru);
    await expect.poll(() => nowLabel().count()).toBe(0);
    expect(await recentLabels()).not.toContain(ticket.label);
    await page.reload();
    await page.getByRole('heading', { name: /Huduma Centre/ }).waitFor();
    expect(await nowLabel().count()).toBe(0);
    expect(await recentLabels()).not.toContain(ticket.label);
  });

  it('says "Reconnecting" in a banner across the screen, in both languages, big enough for the back of the hall', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await ctx.addInitScript(installSoundProbe, ['en-GB', 'sw-KE']);
    await keepDeviceToken(ctx, 'display', c.displayToken);
    const tv = await ctx.newPage();
    // The hall's Wi-Fi drops: every socket to the server is cut, and each new one too.
    let cut = false;
    await tv.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (cut) return void ws.close();
      const server = ws.connectToServer();
      const timer = setInterval(() => {
        if (!cut) return;
        clearInterval(timer);
        ws.close();
        server.close();
      }, 100);
    });
    await tv.goto(`${c.url}/display`);
    await tv.getByRole('heading', { name: /Huduma Centre/ }).waitFor();
    expect(await tv.getByTestId('reconnecting').count()).toBe(0);
    cut = true;
    const banner = tv.getByTestId('reconnecting');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toContain('Reconnecting…');
    expect(await banner.textContent()).toContain('Inaunganisha upya…');
    const box = (await banner.boundingBox())!;
    expect(box.width).toBe(1280);
    const size = await banner.locator('strong').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    // The old pill's words were 3 units; the banner's are half as big again, on a band of colour.
    expect(size).toBeGreaterThanOrEqual(30);
    await ctx.close();
  });

  it('shows a transferred ticket\'s first call at its new counter as a call, not "Called again"', async () => {
    const counter1 = c.counterId('1');
    const counter3 = c.counterId('3');
    await post(`/counters/${counter1}/open`, wanjiru);
    await post(`/counters/${counter3}/open`, achieng);
    const issued = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('A') } });
    const id = issued.body.ticket.id as string;
    await post(`/counters/${counter1}/call`, wanjiru, { ticketId: id });
    await post(`/tickets/${id}/start`, wanjiru);
    await post(`/tickets/${id}/transfer`, wanjiru, { serviceId: c.serviceId('D') });
    await post(`/counters/${counter3}/call`, achieng, { ticketId: id });
    await expect.poll(() => page.locator('[data-testid=now-label]').textContent(), { timeout: 15_000 }).toBe(issued.body.ticket.label);
    expect(await page.getByText('Called again').count()).toBe(0);
    // After a reload, the snapshot agrees.
    await page.reload();
    await expect.poll(() => nowLabel().textContent(), { timeout: 15_000 }).toBe(issued.body.ticket.label);
    expect(await page.getByText('Called again').count()).toBe(0);
    // A real recall still says so.
    await post(`/tickets/${id}/recall`, achieng);
    await expect.poll(() => page.getByText('Called again').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  });
});
