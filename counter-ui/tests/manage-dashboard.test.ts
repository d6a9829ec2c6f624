// The manager's live dashboard in real Chromium against a real centre: it follows a call as it happens,
// shows a service going over its target without a reload, and raises alerts for a printer out of paper
// and a display that went away (after a minute's grace, so a blip neither alerts nor chimes). axe finds
// nothing serious.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ManualClock } from '@foleni/server/clock.js';
import { connectSocket, seriousA11yViolations } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';
import { chimes, countChimes, openDashboard, startStaffCentre } from './support/staff-pages.js';
import type { StaffCentre } from './support/staff-pages.js';

describe('live dashboard', () => {
  // Mid-morning in Nairobi.
  const clock = new ManualClock(Date.parse('2025-06-02T07:00:00Z'));
  let s: StaffCentre;
  let c: TestCentre;
  let page: Page;
  let clerk: string;

  const serviceRow = (code: string) => page.locator(`[data-testid=services] tr[data-code="${code}"]`);
  const counterCard = (name: string) => page.locator(`[data-testid=counters] [data-counter="${name}"]`);
  const alerts = () => page.locator('[data-testid=alerts] li').allTextContents();

  beforeAll(async () => {
    s = await startStaffCentre({ clock });
    c = s.centre;
    clerk = await c.login('wanjiru');
    page = await s.newPage({ viewport: { width: 1366, height: 900 }, initScript: countChimes });
    await openDashboard(page, c.url);
  });
  afterAll(() => s?.close());

  it('follows a call as it happens', async () => {
    await serviceRow('A').waitFor();
    expect(await serviceRow('A').locator('td.waiting').textContent()).toBe('0');
    const issued = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('A') } });
    await expect.poll(() => serviceRow('A').locator('td.waiting').textContent()).toBe('1');

    expect((await c.api('POST', `/counters/${c.counterId('1')}/open`, { auth: clerk })).status).toBe(200);
    await expect.poll(() => counterCard('Counter 1').textContent()).toContain('Wanjiru Kamau');
    await expect.poll(() => counterCard('Counter 1').textContent()).toContain('Idle');

    clock.advanceMinutes(4);
    const call = await c.api('POST', `/counters/${c.counterId('1')}/call-next`, { auth: clerk });
    expect(call.body.ticket.id).toBe(issued.body.ticket.id);
    await expect.poll(() => counterCard('Counter 1').getByTestId('counter-now').textContent()).toMatch(/A001\s*called for 0 min/);
    await expect.poll(() => serviceRow('A').locator('td.waiting').textContent()).toBe('0');
    // Today's median wait of A is the 4 minutes A001 waited.
    await expect.poll(() => serviceRow('A').textContent()).toContain('4 min');

    clock.advanceMinutes(1);
    await c.api('POST', `/tickets/${issued.body.ticket.id}/start`, { auth: clerk });
    await expect.poll(() => counterCard('Counter 1').getByTestId('counter-now').textContent()).toMatch(/A001\s*being served for 0 min/);
  });

  it('shows a service going over its target, and says so in words', async () => {
    await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('H') } });
    await expect.poll(() => serviceRow('H').locator('td.waiting').textContent()).toBe('1');
    expect(await serviceRow('H').getAttribute('class')).not.toContain('over');
    expect(await alerts()).not.toContainEqual(expect.stringContaining('Health insurance'));

    // Sixteen minutes pass (H's target is 15); the screen learns the time with its next figures.
    clock.advanceMinutes(16);
    await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('B') } });
    await expect.poll(() => serviceRow('H').getAttribute('class')).toContain('over');
    expect(await serviceRow('H').textContent()).toContain('Over target');
    expect(await serviceRow('H').getByTestId('longest').textContent()).toBe('16 min');
    await expect.poll(alerts).toContainEqual(expect.stringMatching(/H Health insurance \(SHA\) is over its target.*Longest wait 16 min \(target 15 min\); 1 waiting/));
    await expect.poll(() => page.title()).toMatch(/^\(\d+\) Alert/);
  });

  it('raises alerts for a printer out of paper and a display that went away', async () => {
    const devices = (await c.api('GET', '/admin/devices', { auth: await c.login('admin') })).body.items as { id: string; kind: string; name: string }[];
    const kiosk = devices.find((d) => d.kind === 'kiosk')!;
    const displayRow = page.locator('[data-device="Main hall screen"]');
    // The display comes online, then drops out for a moment (a reload, a Wi-Fi blip) and comes back.
    let display = connectSocket(c.url, { token: c.displayToken });
    await display.snapshot();
    await expect.poll(() => displayRow.textContent()).toContain('Connected');
    const quiet = await chimes(page);
    display.disconnect();
    await expect.poll(() => displayRow.textContent()).toContain('Not connected');
    expect(await alerts()).not.toContainEqual(expect.stringContaining('Main hall screen is gone'));
    clock.advance(30_000);
    display = connectSocket(c.url, { token: c.displayToken });
    await display.snapshot();
    await expect.poll(() => displayRow.textContent()).toContain('Connected');
    expect(await alerts()).not.toContainEqual(expect.stringContaining('Main hall screen is gone'));
    expect(await chimes(page)).toBe(quiet);

    // Then its TV is switched off: gone once a minute has passed on the server's clock, with a chime.
    display.disconnect();
    await expect.poll(() => displayRow.textContent()).toContain('Not connected');
    expect(await alerts()).not.toContainEqual(expect.stringContaining('Main hall screen is gone'));
    clock.advance(61_000);
    // The screen learns the time with its next figures.
    await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('B') } });
    await expect.poll(alerts).toContainEqual(expect.stringMatching(/Display Main hall screen is gone.*Not connected for 1 min/));
    expect(await chimes(page)).toBe(quiet + 1);
    // Switched back on: the alert clears.
    display = connectSocket(c.url, { token: c.displayToken });
    await display.snapshot();
    await expect.poll(alerts).not.toContainEqual(expect.stringContaining('Main hall screen is gone'));

    c.app.ctx.devices.setPrinterStatus(kiosk.id, 'paper_out');
    await expect.poll(alerts).toContainEqual(expect.stringContaining(`The printer of ${kiosk.name} is out of paper`));
    expect(await page.locator(`[data-device="${kiosk.name}"] [data-testid=printer-status]`).textContent()).toBe('Out of paper');
    // Paper is put back: the alert goes.
    c.app.ctx.devices.setPrinterStatus(kiosk.id, 'online');
    await expect.poll(alerts).not.toContainEqual(expect.stringContaining('out of paper'));
    display.disconnect();
  });

  it('has no serious accessibility problems', async () => {
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('keeps clerks out', async () => {
    const context = await s.browser.newContext({ viewport: { width: 1024, height: 700 } });
    const other = await context.newPage();
    await other.goto(`${c.url}/manage`);
    await other.getByLabel('Username').fill('otieno');
    await other.getByLabel('Password').fill('foleni-demo');
    await other.getByRole('button', { name: 'Sign in' }).click();
    await other.getByText('The dashboard and reports are for managers.').waitFor();
    await context.close();
  });
});
