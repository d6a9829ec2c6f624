// The phone tracker when no counter serves its line, in real Chromium against a real centre: it says so
// plainly in the ticket's language (and the other), never "no wait"; a clerk opening a counter turns it
// into a wait live, pausing turns it back, and the page still hears nothing of the counter or of others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, seriousA11yViolations, startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';

const PHONE = { width: 390, height: 844 };
const NO_COUNTER_EN = 'No counter is serving this service right now. Please wait: staff will open one.';
const NO_COUNTER_SW = 'Kwa sasa hakuna dirisha linalotoa huduma hii. Tafadhali subiri: wahudumu watafungua dirisha.';

describe('phone tracker: no counter open', () => {
  let c: TestCentre;
  let browser: Browser;
  let clerk: string;
  let manager: string;

  async function issue(code: string, body: Record<string, unknown> = {}): Promise<{ id: string; label: string }> {
    const res = await c.api('POST', '/tickets', { auth: manager, body: { serviceId: c.serviceId(code), ...body } });
    expect(res.status).toBe(201);
    return res.body.ticket;
  }

  async function openTracker(ticketId: string, frames: string[]): Promise<Page> {
    // The axe helper injects an inline script, which the server's CSP refuses: this page bypasses it.
    const ctx = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true, bypassCSP: true });
    ctx.setDefaultTimeout(8000);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.error('page error', e.message));
    page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
    await page.goto(`${c.url}/t/${ticketId}`);
    await page.getByTestId('label').waitFor();
    return page;
  }

  beforeAll(async () => {
    [c, browser] = await Promise.all([startTestCentre(), launchBrowser()]);
    clerk = await c.login('kiprop');
    manager = await c.login('manager');
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('says no counter serves the line, then shows a wait as soon as one opens, live', { timeout: 40_000 }, async () => {
    const others = [await issue('L'), await issue('L')];
    const mine = await issue('L', { lang: 'sw' });
    const frames: string[] = [];
    const page = await openTracker(mine.id, frames);
    const noCounter = page.getByTestId('no-counter');
    const wait = page.getByTestId('wait');

    // Early morning: every counter closed. In the ticket's language, then in English.
    await expect.poll(() => noCounter.textContent()).toBe(NO_COUNTER_SW);
    expect(await page.getByTestId('ahead').textContent()).toBe('Watu 2 wako mbele yako');
    expect(await page.getByTestId('queue-length').textContent()).toBe('Watu 3 wanasubiri huduma hii');
    expect(await wait.count()).toBe(0);
    await page.getByTestId('switch-lang').click();
    await expect.poll(() => noCounter.textContent()).toBe(NO_COUNTER_EN);
    expect(await page.getByText('no wait').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Counter 9 (driving licences, student loans) opens: two ahead at 5 minutes each.
    const counter = c.counterId('9');
    expect((await c.api('POST', `/counters/${counter}/open`, { auth: clerk })).status).toBe(200);
    await expect.poll(() => wait.textContent()).toBe('about 10 minutes');
    expect(await noCounter.count()).toBe(0);

    // Paused for tea: nobody calls, so nothing is promised.
    expect((await c.api('POST', `/counters/${counter}/pause`, { auth: clerk })).status).toBe(200);
    await expect.poll(() => noCounter.textContent()).toBe(NO_COUNTER_EN);
    expect(await wait.count()).toBe(0);
    // People leaving the line move the place, not the unknown wait.
    for (const o of others) expect((await c.api('POST', `/tickets/${o.id}/cancel`, { auth: manager })).status).toBe(200);
    await expect.poll(() => page.getByTestId('ahead').textContent()).toBe('You are next');
    expect(await noCounter.textContent()).toBe(NO_COUNTER_EN);
    expect(await page.getByTestId('queue-length').textContent()).toBe('1 waiting for this service');
    await page.getByTestId('switch-lang').click();
    await expect.poll(() => page.getByTestId('queue-length').textContent()).toBe('Mtu 1 anasubiri huduma hii');

    expect((await c.api('POST', `/counters/${counter}/open`, { auth: clerk })).status).toBe(200);
    await expect.poll(() => wait.textContent()).toBe('hakuna kusubiri');
    expect(await noCounter.count()).toBe(0);

    // Nothing it heard named the counter, its clerk or another ticket.
    for (const f of frames) {
      expect(f).not.toContain('Kiprop');
      expect(f).not.toContain(counter);
      expect(f).not.toContain('Counter 9');
      for (const o of others) {
        expect(f).not.toContain(o.id);
        expect(f).not.toContain(`"${o.label}"`);
      }
    }
    expect(frames.some((f) => f.startsWith('42["queue:pace"'))).toBe(true);
  });
});
