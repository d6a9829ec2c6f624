// A stuck counter, closed by the manager from the live dashboard in real Chromium against a real centre:
// a clerk deactivated while a customer was called leaves the counter open (the server closes only an empty
// counter); the manager's Close asks first, naming the clerk and the customer, puts the called customer back
// in line in their place, and closes the counter. A customer being served is finished instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';
import { openDashboard, startStaffCentre } from './support/staff-pages.js';
import type { StaffCentre } from './support/staff-pages.js';

describe('live dashboard: the manager closes a stuck counter', () => {
  let s: StaffCentre;
  let c: TestCentre;
  let page: Page;
  let admin: string;
  let manager: string;

  const counterCard = (name: string) => page.locator(`[data-testid=counters] [data-counter="${name}"]`);
  const counterStatus = async (name: string) => {
    const counters = (await c.api('GET', '/counters', { auth: manager })).body.items as { name: string; status: string; clerk: { displayName: string } | null }[];
    return counters.find((x) => x.name === name)!;
  };
  const ticketStatus = async (id: string) => (await c.api('GET', `/tickets/${id}`)).body.ticket.status as string;

  beforeAll(async () => {
    s = await startStaffCentre();
    c = s.centre;
    [admin, manager] = await Promise.all([c.login('admin'), c.login('manager')]);
    page = await s.newPage({ viewport: { width: 1366, height: 900 } });
    await openDashboard(page, c.url);
  });
  afterAll(() => s?.close());

  it('puts a called customer back in line and closes the counter a deactivated clerk left open', async () => {
    const clerk = await c.login('wanjiru');
    expect((await c.api('POST', `/counters/${c.counterId('4')}/open`, { auth: clerk })).status).toBe(200);
    const issued = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('H') } });
    const ticket = issued.body.ticket as { id: string; label: string };
    expect((await c.api('POST', `/counters/${c.counterId('4')}/call-next`, { auth: clerk })).body.ticket.id).toBe(ticket.id);

    // The clerk is deactivated while H001 stands called: the server cannot close a counter with a customer.
    const users = (await c.api('GET', '/admin/users', { auth: admin })).body.items as { id: string; username: string }[];
    const wanjiru = users.find((u) => u.username === 'wanjiru')!;
    expect((await c.api('PATCH', `/admin/users/${wanjiru.id}`, { auth: admin, body: { active: false } })).status).toBe(200);
    await expect.poll(() => counterCard('Counter 4').getByTestId('counter-now').textContent()).toMatch(new RegExp(`${ticket.label}\\s*called`));
    expect((await counterStatus('Counter 4')).status).toBe('open');

    await counterCard('Counter 4').getByRole('button', { name: 'Close Counter 4' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close Counter 4?' });
    await dialog.waitFor();
    const warning = await dialog.getByTestId('close-counter-warning').textContent();
    expect(warning).toContain('Wanjiru Kamau is signed in at Counter 4');
    expect(warning).toContain(`${ticket.label} has been called to Counter 4 and is not being served yet: they go back in line for Health insurance (SHA), in the place they had`);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await dialog.getByRole('button', { name: `Put ${ticket.label} back in line and close Counter 4` }).click();
    await expect
      .poll(() => page.getByTestId('counter-note').textContent())
      .toBe(`Counter 4 is closed. Wanjiru Kamau is signed out of it. ${ticket.label} is back in line for Health insurance (SHA), in their place.`);
    expect(await dialog.isVisible()).toBe(false);
    await expect.poll(() => counterCard('Counter 4').textContent()).toContain('Closed');
    expect(await counterCard('Counter 4').getByRole('button', { name: 'Close Counter 4' }).count()).toBe(0);
    expect(await counterStatus('Counter 4')).toMatchObject({ status: 'closed', clerk: null });
    expect(await ticketStatus(ticket.id)).toBe('waiting');
    // Still first in its line: the next counter serving H calls it.
    const other = await c.login('mwangi');
    await c.api('POST', `/counters/${c.counterId('5')}/open`, { auth: other });
    expect((await c.api('POST', `/counters/${c.counterId('5')}/call-next`, { auth: other })).body.ticket.id).toBe(ticket.id);
  });

  it('asks before it acts, and finishes a customer being served at a paused counter', async () => {
    const clerk = await c.login('otieno');
    await c.api('POST', `/counters/${c.counterId('6')}/open`, { auth: clerk });
    const issued = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('K') } });
    const ticket = issued.body.ticket as { id: string; label: string };
    await c.api('POST', `/counters/${c.counterId('6')}/call-next`, { auth: clerk });
    expect((await c.api('POST', `/tickets/${ticket.id}/start`, { auth: clerk })).status).toBe(200);
    expect((await c.api('POST', `/counters/${c.counterId('6')}/pause`, { auth: clerk })).status).toBe(200);
    await expect.poll(() => counterCard('Counter 6').textContent()).toContain('Paused');

    // Escape, then "Keep it open": nothing is done. The focus goes into the window and back to its opener.
    const close = counterCard('Counter 6').getByRole('button', { name: 'Close Counter 6' });
    const dialog = page.getByRole('dialog', { name: 'Close Counter 6?' });
    await close.click();
    await dialog.waitFor();
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('dialog[open]'))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => close.evaluate((el) => el === document.activeElement)).toBe(true);
    await close.click();
    expect(await dialog.getByTestId('close-counter-warning').textContent()).toContain(`${ticket.label} is being served at Counter 6: their visit is recorded as served (done).`);
    expect(await dialog.textContent()).toContain('Otieno Odhiambo is signed in at Counter 6');
    await dialog.getByRole('button', { name: 'Keep it open' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await counterStatus('Counter 6')).status).toBe('paused');
    expect(await ticketStatus(ticket.id)).toBe('serving');

    await close.click();
    await dialog.getByRole('button', { name: `Finish ${ticket.label} and close Counter 6` }).click();
    await expect
      .poll(() => page.getByTestId('counter-note').textContent())
      .toBe(`Counter 6 is closed. Otieno Odhiambo is signed out of it. ${ticket.label} is recorded as served.`);
    expect(await counterStatus('Counter 6')).toMatchObject({ status: 'closed', clerk: null });
    expect(await ticketStatus(ticket.id)).toBe('done');
  });

  it('follows the live figures while it asks', async () => {
    const clerk = await c.login('achieng');
    await c.api('POST', `/counters/${c.counterId('7')}/open`, { auth: clerk });
    await expect.poll(() => counterCard('Counter 7').textContent()).toContain('Idle');
    await counterCard('Counter 7').getByRole('button', { name: 'Close Counter 7' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close Counter 7?' });
    expect(await dialog.textContent()).toContain('No customer is at the counter.');
    // The clerk calls someone while the manager reads: the question now names that customer.
    const issued = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('G') } });
    const label = issued.body.ticket.label as string;
    await c.api('POST', `/counters/${c.counterId('7')}/call-next`, { auth: clerk });
    await expect.poll(() => dialog.textContent()).toContain(`${label} has been called to Counter 7`);
    await dialog.getByRole('button', { name: `Put ${label} back in line and close Counter 7` }).waitFor();
    await dialog.getByRole('button', { name: 'Keep it open' }).click();
    expect((await counterStatus('Counter 7')).status).toBe('open');
  });

  it('shows the refusal when the figures were behind', async () => {
    const clerk = await c.login('kiprop');
    await c.api('POST', `/counters/${c.counterId('9')}/open`, { auth: clerk });
    await expect.poll(() => counterCard('Counter 9').textContent()).toContain('Idle');
    // The figures stop coming (a slow network), and meanwhile the clerk calls a customer.
    await page.route('**/api/v1/stats/live', (route) => route.abort());
    const refused = page.waitForEvent('requestfailed', (r) => r.url().includes('/api/v1/stats/live'));
    const issued = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('L') } });
    const label = issued.body.ticket.label as string;
    // The dashboard fetches its figures one request at a time: once one is refused, none sent before the
    // route can still bring figures with the call in them (a slow machine answered one late).
    await refused;
    await c.api('POST', `/counters/${c.counterId('9')}/call-next`, { auth: clerk });

    await counterCard('Counter 9').getByRole('button', { name: 'Close Counter 9' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close Counter 9?' });
    expect(await dialog.textContent()).toContain('No customer is at the counter.');
    await dialog.getByRole('button', { name: 'Close Counter 9' }).click();
    await expect.poll(() => page.getByTestId('counter-note').textContent()).toBe(`Counter 9 was not closed: Counter 9 still has ${label}: complete it, mark it as a no-show or transfer it first.`);
    expect((await counterStatus('Counter 9')).status).toBe('open');

    // The figures come back, with the customer on the card and the counter still there to close.
    await page.unroute('**/api/v1/stats/live');
    await expect.poll(() => counterCard('Counter 9').getByTestId('counter-now').textContent()).toMatch(new RegExp(`${label}\\s*called`));
    expect(await counterCard('Counter 9').getByRole('button', { name: 'Close Counter 9' }).isEnabled()).toBe(true);
  });
});
