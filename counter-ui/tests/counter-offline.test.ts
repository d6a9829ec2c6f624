// The counter screen losing the server and getting it back, in real Chromium against a real centre that is
// stopped and started again on the same database and port: the clerk is told in English and Kiswahili,
// nothing is sent (or kept to send later) while the link is down, and on reconnect the screen shows the
// server's state, changes made meanwhile by another clerk and a manager included. The page's socket goes
// through a Playwright route, so the test can cut an open link and hold reconnects off.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { launchBrowser, seriousA11yViolations, startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';

describe('counter screen offline and back', () => {
  let c: TestCentre;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let dataDir = '';

  const login = (who: string) => c.login(who);
  const issue = async (code: string): Promise<{ id: string; label: string }> => {
    const res = await c.api('POST', '/tickets', { auth: await login('manager'), body: { serviceId: c.serviceId(code) } });
    expect(res.status).toBe(201);
    return { id: res.body.ticket.id, label: res.body.ticket.label };
  };
  const full = (id: string) => c.app.ctx.views.ticket(c.app.ctx.repos.tickets.byId(id)!);
  const waitingLabels = (page: Page) => page.locator('[data-testid=waiting-list] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-label')));
  const disabled = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).getAttribute('aria-disabled');

  beforeAll(async () => {
    [c, browser] = await Promise.all([startTestCentre(), launchBrowser()]);
    dataDir = c.dataDir;
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await c?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says the link is down in both languages, sends nothing, and catches up with what changed meanwhile', { timeout: 90_000 }, async () => {
    const a1 = await issue('A');
    const a2 = await issue('A');
    const b1 = await issue('B');

    // bypassCSP: the page's policy rightly refuses inline scripts, and axe is injected as one.
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
    context.setDefaultTimeout(5000);
    const page = await context.newPage();
    // While `cut`, the page's live link cannot reach the server (the API still can, once the server is back):
    // the screen stays offline until the test lets it reconnect.
    let cut = false;
    let live: WebSocketRoute | undefined;
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      // A frame Engine.IO cannot read fails the attempt at once, as a refused connection does; a route that
      // only closed the socket would leave the client waiting out its 20 s connect timeout.
      if (cut) ws.send('not engine.io');
      else {
        ws.connectToServer();
        live = ws;
      }
    });
    await page.route(/\/socket\.io\//, (route) => (cut ? route.abort('connectionrefused') : route.continue()));
    const sent: string[] = [];
    page.on('request', (r) => {
      // Queue commands only: switching the page's language also tries to save the clerk's choice (/me/lang),
      // which is theirs, not the queue's, and is simply not saved while the server is away.
      if (r.method() === 'POST' && r.url().includes('/api/v1/') && !r.url().endsWith('/api/v1/me/lang')) sent.push(new URL(r.url()).pathname);
    });

    await page.goto(`${c.url}/counter`);
    await page.getByLabel('Username').fill('wanjiru');
    await page.getByLabel('Password').fill('foleni-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const open = page.getByRole('button', { name: 'Open Counter 1', exact: true });
    await open.waitFor();

    // The live regions are in the layout while empty (not display:none), so the words that come into them
    // later are announced: a region shown only once its text arrives usually is not.
    for (const [id, role] of [['link-status', 'status'], ['notice-status', 'status'], ['notice-alert', 'alert']] as const) {
      const region = page.getByTestId(id);
      expect(await region.getAttribute('role'), id).toBe(role);
      expect(await region.textContent(), id).toBe('');
      expect(await region.evaluate((el) => getComputedStyle(el).display), id).not.toBe('none');
    }

    // Choosing a counter, the link drops (the open socket cut, the server still up): said there too, and
    // Open sends nothing until the link is back.
    const offline = page.getByTestId('offline');
    sent.length = 0;
    cut = true;
    await live!.close();
    await expect.poll(() => offline.textContent()).toContain('Not connected to the server');
    expect(await open.getAttribute('aria-disabled')).toBe('true');
    await open.click({ force: true });
    await expect.poll(() => page.getByTestId('error').textContent()).toContain('nothing was sent');
    expect(sent).toEqual([]);
    cut = false;
    await expect.poll(() => offline.count(), { timeout: 20_000 }).toBe(0);
    await open.click();
    await page.getByRole('button', { name: 'Call next', exact: true }).click();
    await expect.poll(() => page.getByTestId('current-label').textContent()).toBe(a1.label);
    await expect.poll(() => waitingLabels(page)).toEqual([a2.label, b1.label]);
    const link = page.getByTestId('link');
    expect(await link.textContent()).toBe('Live');
    expect(await page.getByTestId('offline').count()).toBe(0);

    // The server goes away.
    const port = Number(new URL(c.url).port);
    cut = true;
    await c.close({ keepData: true });
    await expect.poll(() => offline.textContent(), { timeout: 10_000 }).toContain('Not connected to the server');
    expect(await offline.textContent()).toContain('nothing can be called or changed');
    expect(await link.textContent()).toBe('Not connected');
    // What cannot work without the server says so, to the eye and to screen readers...
    for (const name of ['Start', 'Recall', 'No-show', 'Transfer', 'Pause', 'Close counter', 'Call next']) expect(await disabled(page, name), name).toBe('true');
    expect(await page.getByRole('button', { name: `Call ${b1.label} out of turn` }).getAttribute('aria-disabled')).toBe('true');
    expect(await page.getByText(/Not connected: calling waits/).isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // ...and a press, by mouse or key, sends nothing and says why.
    sent.length = 0;
    await page.getByRole('button', { name: 'Start', exact: true }).click({ force: true });
    await expect.poll(() => page.getByTestId('error').textContent()).toContain('Not connected to the server, so nothing was sent');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    for (const key of ['x', 'p', 't', 'e']) {
      await page.keyboard.press(key);
      await expect.poll(() => page.getByTestId('error').textContent(), { message: key }).toContain('nothing was sent');
      await page.getByRole('button', { name: 'Dismiss' }).click();
    }
    expect(await page.getByRole('dialog').count()).toBe(0);

    // In Kiswahili too.
    await page.keyboard.press('l');
    await expect.poll(() => offline.textContent()).toContain('Hakuna muunganisho na seva');
    expect(await link.textContent()).toBe('Haijaunganishwa');
    await page.getByRole('button', { name: 'Anza', exact: true }).click({ force: true });
    await expect.poll(() => page.getByTestId('error').textContent()).toContain('hakuna kilichotumwa');
    await page.keyboard.press('l');

    // The server is back (same database, same address) but the screen cannot hear it yet. Meanwhile Counter 2
    // calls A002, a manager puts A001 back in the line and pauses Counter 1, and B002 is issued.
    c = await startTestCentre({ dataDir, port });
    const otieno = await login('otieno');
    const manager = await login('manager');
    expect((await c.api('POST', `/counters/${c.counterId('2')}/open`, { auth: otieno })).status).toBe(200);
    expect((await c.api('POST', `/counters/${c.counterId('2')}/call`, { auth: otieno, body: { ticketId: a2.id } })).status).toBe(200);
    expect((await c.api('POST', `/tickets/${a1.id}/requeue`, { auth: manager })).status).toBe(200);
    expect((await c.api('POST', `/counters/${c.counterId('1')}/pause`, { auth: manager })).status).toBe(200);
    const b2 = await issue('B');
    // Still cut off: the screen still says so and still sends nothing, though the server would answer now.
    expect(await offline.textContent()).toContain('Not connected to the server');
    await page.getByRole('button', { name: 'No-show', exact: true }).click({ force: true });
    await expect.poll(() => page.getByTestId('error').textContent()).toContain('nothing was sent');
    expect(sent).toEqual([]);
    expect(full(a1.id).status).toBe('waiting');

    // The link comes back: the screen shows the server's state, not the one it had.
    cut = false;
    await expect.poll(() => link.textContent(), { timeout: 20_000 }).toBe('Live');
    await expect.poll(() => offline.count()).toBe(0);
    await expect.poll(() => page.getByTestId('current-ticket').textContent()).toContain('No customer at your counter');
    await expect.poll(() => waitingLabels(page)).toEqual([a1.label, b1.label, b2.label]);
    expect(await page.getByText('Counter 1 is paused').first().isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Resume', exact: true }).getAttribute('aria-disabled')).toBe('false');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Connected again');

    // And it works again: resume, call next, and the server agrees.
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await expect.poll(async () => (await c.api('GET', `/counters/${c.counterId('1')}`, { auth: manager })).body.counter.status).toBe('open');
    await page.getByRole('button', { name: 'Call next', exact: true }).click();
    await expect.poll(() => page.getByTestId('current-label').textContent()).toBe(a1.label);
    expect(full(a1.id)).toMatchObject({ status: 'called', counterId: c.counterId('1') });
    expect(full(a2.id)).toMatchObject({ status: 'called', counterId: c.counterId('2') });
  });
});
