// Alerts follow the manager across /manage in real Chromium against a real centre: on the reports page a
// printer running out of paper shows in the banner under the header, counts in the tab title and chimes,
// all on the one socket the dashboard uses. When the sign-in ends (signed out elsewhere), the page stops its
// socket and its ticker and shows the sign-in; signing in again brings back one socket, not two.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { seriousA11yViolations } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';
import { chimes, countChimes, fillSignIn, startStaffCentre } from './support/staff-pages.js';
import type { StaffCentre } from './support/staff-pages.js';

describe('alerts follow the manager across the /manage pages', () => {
  let s: StaffCentre;
  let c: TestCentre;
  let context: BrowserContext;
  let page: Page;
  let kiosk: { id: string; name: string };
  const statsFetches: string[] = [];
  let socketsOpened = 0;

  const alerts = () => page.locator('[data-testid=alerts] li').allTextContents();
  const managerSockets = async () => (await c.app.gateway.io.in('manager').fetchSockets()).length;

  const signIn = () => fillSignIn(page, 'manager');

  beforeAll(async () => {
    s = await startStaffCentre();
    c = s.centre;
    const devices = (await c.api('GET', '/admin/devices', { auth: await c.login('admin') })).body.items as { id: string; kind: string; name: string }[];
    kiosk = devices.find((d) => d.kind === 'kiosk')!;
    // The page's timers run on a clock the test can move on (time flows as usual until it does).
    page = await s.newPage({ viewport: { width: 1366, height: 900 }, initScript: countChimes, clock: true });
    context = page.context();
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/stats/live')) statsFetches.push(r.url());
    });
    page.on('websocket', () => socketsOpened++);
    await page.goto(`${c.url}/manage`);
    await signIn();
    await page.getByRole('heading', { name: 'Live dashboard' }).waitFor();
  });
  afterAll(() => s?.close());

  it('shows a new alert on the reports page: banner, tab title and chime, on the same socket', async () => {
    await page.locator('[data-testid=services]').waitFor();
    await expect.poll(managerSockets).toBe(1);
    await page.getByRole('navigation').getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    expect(await page.title()).toBe('Reports — Foleni');
    expect(await alerts()).not.toContainEqual(expect.stringContaining('out of paper'));
    const before = await chimes(page);

    // The kiosk's printer runs out of paper while the manager reads a report.
    c.app.ctx.devices.setPrinterStatus(kiosk.id, 'paper_out');
    await expect.poll(alerts).toContainEqual(expect.stringContaining(`The printer of ${kiosk.name} is out of paper`));
    await expect.poll(() => page.title()).toBe('(1) Alert — Reports — Foleni');
    expect(await chimes(page)).toBe(before + 1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // To the dashboard and back: the alert is there at once, nothing chimes again, and no socket is added.
    await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Live dashboard' }).waitFor();
    expect(await alerts()).toContainEqual(expect.stringContaining('out of paper'));
    expect(await page.title()).toBe('(1) Alert — Foleni dashboard');
    await page.getByRole('navigation').getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    expect(await chimes(page)).toBe(before + 1);
    expect(await managerSockets()).toBe(1);
    expect(socketsOpened).toBe(1);

    // Paper back in: the alert leaves the reports page too.
    c.app.ctx.devices.setPrinterStatus(kiosk.id, 'online');
    await expect.poll(alerts).not.toContainEqual(expect.stringContaining('out of paper'));
    await expect.poll(() => page.title()).toBe('Reports — Foleni');
  });

  it('stops its socket and ticker when the sign-in ends, and shows the sign-in', async () => {
    c.app.ctx.devices.setPrinterStatus(kiosk.id, 'paper_out');
    await expect.poll(() => page.title()).toBe('(1) Alert — Reports — Foleni');
    // The manager signs out on another computer: the server drops this session and its socket.
    const token = (await context.cookies()).find((k) => k.httpOnly)!.value;
    expect((await c.api('POST', '/auth/logout', { auth: token })).status).toBe(204);

    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect.poll(managerSockets).toBe(0);
    expect(await page.title()).toBe('Foleni dashboard');
    expect(await page.locator('[data-testid=alert-banner]').count()).toBe(0);
    const fetches = statsFetches.length;
    const opened = socketsOpened;
    // Two minutes of the page's timers: a ticker left running would fetch the figures again, a socket left
    // open would try to reconnect.
    await context.clock.runFor(120_000);
    const health = page.waitForRequest((r) => r.url().endsWith('/api/v1/health'));
    await page.evaluate(() => fetch('/api/v1/health').then(() => undefined));
    await health;
    expect(statsFetches.length).toBe(fetches);
    expect(socketsOpened).toBe(opened);

    // Signing in again: the dashboard, its alerts and one socket are back.
    await signIn();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await expect.poll(alerts).toContainEqual(expect.stringContaining('out of paper'));
    await expect.poll(managerSockets).toBe(1);
    expect(socketsOpened).toBe(opened + 1);
  });
});
