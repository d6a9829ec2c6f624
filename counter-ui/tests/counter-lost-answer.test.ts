// A Call next whose answer is lost on the way back, in real Chromium against a real centre: the server has
// called the customer, but the page's request fails as if the server were never reached. The clerk is not
// told "nothing was changed"; the screen asks the server for a fresh picture and shows the customer it
// really called. Pushed events are kept from the page meanwhile, so only that fresh picture can show it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';
import { issueTicket, openCounter, stallablePushes, startStaffCentre } from './support/staff-pages.js';
import type { StaffCentre } from './support/staff-pages.js';

describe('counter screen when the answer to Call next is lost', () => {
  let s: StaffCentre;
  let c: TestCentre;

  beforeAll(async () => {
    s = await startStaffCentre();
    c = s.centre;
  });
  afterAll(() => s?.close());

  it('refreshes from the server and shows the customer the server called, saying the request may not have reached it', { timeout: 60_000 }, async () => {
    const manager = await c.login('manager');
    const issued: { id: string; label: string }[] = [];
    for (let i = 0; i < 2; i++) issued.push(await issueTicket(c, manager, 'A'));
    const [a1] = issued;

    const page = await s.newPage({ viewport: { width: 1366, height: 768 } });
    // While stalled, pushed events never reach the page, except the snapshot the page asks for.
    const pushes = await stallablePushes(page, (frame) => frame.includes('["queue:snapshot"'));

    await openCounter(page, c.url, 'wanjiru', 'Counter 1');
    await expect.poll(() => page.getByTestId('waiting-list').locator('li').count()).toBe(2);

    // The server handles Call next, then the connection drops before its answer reaches the page.
    const handled: number[] = [];
    await page.route(/\/api\/v1\/counters\/[^/]+\/call-next$/, async (route) => {
      const res = await route.fetch();
      handled.push(res.status());
      await route.abort('connectionreset');
    });
    pushes.stall(true);
    await page.getByRole('button', { name: 'Call next', exact: true }).click();

    await expect.poll(() => page.getByTestId('error').textContent()).toContain('the request may not have reached it');
    const said = (await page.getByTestId('error').textContent()) ?? '';
    expect(said).toContain('The screen is being refreshed from the server');
    expect(said).not.toContain('nothing was changed');
    expect(handled).toEqual([200]);
    expect(c.app.ctx.views.ticket(c.app.ctx.repos.tickets.byId(a1!.id)!)).toMatchObject({ status: 'called', counterId: c.counterId('1') });
    // The push about the call was kept from the page: the customer on screen came with the fresh snapshot.
    await expect.poll(() => page.getByTestId('current-label').textContent()).toBe(a1!.label);
    expect(pushes.dropped()).toBeGreaterThan(0);
    expect(await page.getByTestId('waiting-list').locator('li').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
