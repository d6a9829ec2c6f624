// Accessibility of the clerk's screen beyond the desk itself, in real Chromium against a real centre: axe on
// the phone layout and with each window open (close counter, keyboard help, transfer), and the windows'
// focus: into the window when it opens, Escape closes it, back to what opened it when it closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';
import { issueTicket, openCounter, startStaffCentre } from './support/staff-pages.js';
import type { StaffCentre } from './support/staff-pages.js';

describe('counter windows and phone accessibility', () => {
  let s: StaffCentre;
  let c: TestCentre;
  let manager: string;

  const issue = (code: string, priority?: string) => issueTicket(c, manager, code, priority);

  async function openDesk(username: string, counterName: string, viewport: { width: number; height: number }): Promise<Page> {
    const page = await s.newPage({ viewport });
    await openCounter(page, c.url, username, counterName);
    return page;
  }

  /** The accessible name of the focused element, and whether it is inside an open window. */
  const focus = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return { name: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').replace(/\s+/g, ' ').trim(), inDialog: !!el?.closest('dialog[open]') };
    });

  beforeAll(async () => {
    s = await startStaffCentre();
    c = s.centre;
    manager = await c.login('manager');
  });
  afterAll(() => s?.close());

  it('has no serious accessibility problems on a phone, with a customer at the counter and with each window open, in both languages', async () => {
    await issue('P', 'elderly');
    await issue('Y');
    const page = await openDesk('otieno', 'Counter 10', { width: 390, height: 844 });
    await expect.poll(() => page.locator('[data-testid=waiting-list] li').count()).toBe(2);
    expect(await seriousA11yViolations(page), 'idle').toEqual([]);
    await page.getByRole('button', { name: 'Call next', exact: true }).click();
    await expect.poll(() => page.getByTestId('current-label').isVisible()).toBe(true);
    expect(await seriousA11yViolations(page), 'called').toEqual([]);

    for (const lang of ['en', 'sw'] as const) {
      if (lang === 'sw') {
        await page.getByRole('button', { name: 'Kiswahili' }).click();
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('sw');
        expect(await seriousA11yViolations(page), 'sw called').toEqual([]);
      }
      for (const [button, title] of [
        [lang === 'en' ? 'Close counter' : 'Funga dirisha', lang === 'en' ? 'Close counter' : 'Funga dirisha'],
        [lang === 'en' ? 'Transfer' : 'Hamisha', null],
      ] as const) {
        await page.getByRole('button', { name: button, exact: true }).click();
        const dialog = title ? page.getByRole('dialog', { name: title }) : page.getByRole('dialog');
        await expect.poll(() => dialog.isVisible()).toBe(true);
        expect(await seriousA11yViolations(page), `${lang} ${button} window`).toEqual([]);
        await page.keyboard.press('Escape');
        await expect.poll(() => dialog.count()).toBe(0);
      }
    }
    // A no-show waits in its list with a Reactivate button, said the same to the eye and the ear.
    await page.getByRole('button', { name: 'Hakufika', exact: true }).click();
    await expect.poll(() => page.getByTestId('no-shows').locator('li').count()).toBe(1);
    expect(await seriousA11yViolations(page), 'sw no-show').toEqual([]);
  });

  it('moves the focus into each window, closes it with Escape or its button, and gives the focus back to what opened it', async () => {
    await issue('H');
    const page = await openDesk('kiprop', 'Counter 4', { width: 1366, height: 768 });
    const callNext = page.getByRole('button', { name: 'Call next', exact: true });

    // Keyboard help, opened with its button: axe, focus in, Escape, focus back on Keys.
    const keys = page.getByRole('button', { name: 'Keys' });
    await keys.click();
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => help.isVisible()).toBe(true);
    expect(await seriousA11yViolations(page), 'help').toEqual([]);
    expect(await focus(page)).toMatchObject({ inDialog: true });
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    await expect.poll(() => focus(page)).toEqual({ name: 'Keys ?', inDialog: false });

    // ...closed with its own button, the same.
    await keys.click();
    await expect.poll(() => help.isVisible()).toBe(true);
    await help.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => help.count()).toBe(0);
    await expect.poll(() => focus(page)).toEqual({ name: 'Keys ?', inDialog: false });

    // Opened with ? from the Call next button: back to Call next.
    await callNext.focus();
    await page.keyboard.press('?');
    await expect.poll(() => help.isVisible()).toBe(true);
    expect(await focus(page)).toMatchObject({ inDialog: true });
    await page.keyboard.press('?');
    await expect.poll(() => help.count()).toBe(0);
    await expect.poll(() => focus(page)).toEqual({ name: 'Call next N', inDialog: false });

    // Close counter: the focus starts on the safe answer, so Enter keeps the counter open.
    const closeButton = page.getByRole('button', { name: 'Close counter' });
    await closeButton.click();
    const confirm = page.getByRole('dialog', { name: 'Close counter' });
    await expect.poll(() => confirm.isVisible()).toBe(true);
    expect(await seriousA11yViolations(page), 'close counter').toEqual([]);
    await expect.poll(() => focus(page)).toEqual({ name: 'Keep it open', inDialog: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => confirm.count()).toBe(0);
    await expect.poll(() => focus(page)).toEqual({ name: 'Close counter E', inDialog: false });
    expect((await c.api('GET', `/counters/${c.counterId('4')}`, { auth: manager })).body.counter.status).toBe('open');
    await closeButton.click();
    await expect.poll(() => confirm.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => confirm.count()).toBe(0);
    await expect.poll(() => focus(page)).toEqual({ name: 'Close counter E', inDialog: false });

    // Transfer: the focus goes to the first service, and back to Transfer after Escape.
    await callNext.click();
    await expect.poll(() => page.getByTestId('current-label').isVisible()).toBe(true);
    const transfer = page.getByRole('button', { name: 'Transfer', exact: true });
    await transfer.click();
    const window = page.getByRole('dialog');
    await expect.poll(() => window.isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('radio');
    await page.keyboard.press('Escape');
    await expect.poll(() => window.count()).toBe(0);
    await expect.poll(() => focus(page)).toEqual({ name: 'Transfer T', inDialog: false });
  });
});
