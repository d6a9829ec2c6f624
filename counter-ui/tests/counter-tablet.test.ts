// The clerk's screen on a 7-inch tablet, on its side (1024x600) and upright (600x1024), in real Chromium
// against a real centre: Call next, the customer at the counter with their actions and the waiting line are
// all usable without scrolling sideways, every target is at least 44 px, and nothing is cut off, in English
// and Kiswahili (the longer words).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestCentre } from '@foleni/server/testing';
import { STAFF_PASSWORD, issueTicket, startStaffCentre } from './support/staff-pages.js';
import type { StaffCentre } from './support/staff-pages.js';

const LANDSCAPE = { width: 1024, height: 600 };
const PORTRAIT = { width: 600, height: 1024 };

/**
 * What a clerk could not use on this screen: a page wider than the screen, anything visible sticking out
 * sideways, a box that cuts its content off sideways, a button under 44 px or whose words do not fit it.
 */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = window.innerWidth;
    const root = document.documentElement;
    if (root.scrollWidth > vw) problems.push(`the page is ${root.scrollWidth}px wide on a ${vw}px screen`);
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    for (const el of document.querySelectorAll<HTMLElement>('.counter-app *')) {
      if (el.closest('.visually-hidden, dialog:not([open])')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < -0.5 || r.right > vw + 0.5) problems.push(`${name(el)} sticks out sideways (${Math.round(r.left)}–${Math.round(r.right)})`);
      if (['hidden', 'clip', 'auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
        problems.push(`${name(el)} cuts its content off sideways (${el.scrollWidth} > ${el.clientWidth})`);
      }
      if (el instanceof HTMLButtonElement) {
        if (r.width < 44 || r.height < 44) problems.push(`${name(el)} is only ${Math.round(r.width)}x${Math.round(r.height)} px`);
        if (el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)} does not hold its words (${el.scrollWidth} > ${el.clientWidth})`);
      }
    }
    return problems;
  });
}

describe('counter screen on a 7-inch tablet', () => {
  let s: StaffCentre;
  let c: TestCentre;
  let manager: string;

  const issue = (code: string, priority?: string) => issueTicket(c, manager, code, priority);
  const full = (id: string) => c.app.ctx.views.ticket(c.app.ctx.repos.tickets.byId(id)!);

  async function openDesk(username: string, counterName: string, viewport: { width: number; height: number }): Promise<Page> {
    const page = await s.newPage({ viewport, hasTouch: true, isMobile: false, strictCsp: true });
    await page.goto(`${c.url}/counter`);
    await page.getByLabel('Username').fill(username);
    expect(await layoutProblems(page), 'sign-in').toEqual([]);
    await page.getByLabel('Password').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const open = page.getByRole('button', { name: `Open ${counterName}`, exact: true });
    await open.waitFor();
    expect(await layoutProblems(page), 'choosing a counter').toEqual([]);
    await open.tap();
    await expect.poll(() => page.getByRole('heading', { name: counterName, exact: true }).isVisible()).toBe(true);
    return page;
  }

  /** The element is on the first screen, whole, and (a target) at least 44 px each way. */
  async function onFirstScreen(page: Page, what: string, locator: ReturnType<Page['getByRole']>, target = true): Promise<void> {
    const vp = page.viewportSize()!;
    await expect.poll(() => locator.isVisible(), { message: `${what} is visible` }).toBe(true);
    const box = (await locator.boundingBox())!;
    expect(box.x, `${what} left`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${what} right`).toBeLessThanOrEqual(vp.width);
    expect(box.y, `${what} top`).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, `${what} bottom`).toBeLessThanOrEqual(vp.height);
    if (!target) return;
    expect(box.height, `${what} height`).toBeGreaterThanOrEqual(44);
    expect(box.width, `${what} width`).toBeGreaterThanOrEqual(44);
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(process.env.FOLENI_SHOTS ?? tmpdir(), `foleni-counter-${name}.png`) });

  beforeAll(async () => {
    s = await startStaffCentre();
    c = s.centre;
    manager = await c.login('manager');
    // Kiprop sends customers to the tablets' counters from Counter 6 (K and R, which neither tablet serves).
    expect((await c.api('POST', `/counters/${c.counterId('6')}/open`, { auth: await c.login('kiprop') })).status).toBe(200);
  });
  afterAll(() => s?.close());

  for (const [orientation, viewport, clerk, counterName, codes] of [
    ['landscape', LANDSCAPE, 'wanjiru', 'Counter 4', ['H', 'N']],
    ['portrait', PORTRAIT, 'otieno', 'Counter 10', ['P', 'Y', 'S', 'G']],
  ] as const) {
    it(`runs a counter ${orientation} (${viewport.width}x${viewport.height}) in both languages`, async () => {
      const waiting: { id: string; label: string }[] = [];
      for (let i = 0; i < 8; i++) waiting.push(await issue(codes[i % codes.length]!, i === 1 ? 'pregnant' : undefined));
      const page = await openDesk(clerk, counterName, viewport);
      const list = page.getByTestId('waiting-list');
      await expect.poll(() => list.locator('li').count()).toBe(waiting.length);

      for (const lang of ['en', 'sw'] as const) {
        if (lang === 'sw') await page.getByRole('button', { name: 'Kiswahili' }).click();
        const callNext = page.getByRole('button', { name: lang === 'en' ? 'Call next' : 'Ita anayefuata', exact: true });
        // Nobody at the counter: Call next and the head of the line are on the first screen.
        await onFirstScreen(page, `${lang} Call next`, callNext);
        expect(await layoutProblems(page), `${lang} idle`).toEqual([]);
        await shot(page, `${orientation}-${lang}-idle`);
        const firstCall = list.getByRole('button').first();
        await firstCall.scrollIntoViewIfNeeded();
        await onFirstScreen(page, `${lang} first Call`, firstCall);
      }
      await page.getByRole('button', { name: 'English' }).click();

      // A customer at the counter: the card and every action fit the first screen.
      const callNext = page.getByRole('button', { name: 'Call next', exact: true });
      await callNext.tap();
      await expect.poll(() => waiting.filter((t) => full(t.id).status === 'called').length).toBe(1);
      await expect.poll(() => page.getByTestId('current-label').isVisible()).toBe(true);
      for (const lang of ['en', 'sw'] as const) {
        if (lang === 'sw') await page.getByRole('button', { name: 'Kiswahili' }).click();
        const names = lang === 'en' ? ['Start', 'Recall', 'No-show', 'Transfer'] : ['Anza', 'Ita tena', 'Hakufika', 'Hamisha'];
        for (const n of names) await onFirstScreen(page, `${lang} ${n}`, page.getByRole('button', { name: n, exact: true }));
        await onFirstScreen(page, `${lang} label`, page.getByTestId('current-label'), false);
        expect(await layoutProblems(page), `${lang} called`).toEqual([]);
        await shot(page, `${orientation}-${lang}-called`);
      }
      await page.getByRole('button', { name: 'English' }).click();

      // While the customer is at the counter Call next cannot work. On the short screen its block gives its
      // height to the card (the card says what to do, and N still says why); on the tall one it stays, greyed.
      await page.getByRole('button', { name: 'Start', exact: true }).tap();
      await expect.poll(() => page.getByTestId('current-ticket').textContent()).toContain('Being served');
      for (const n of ['Complete', 'Transfer']) await onFirstScreen(page, n, page.getByRole('button', { name: n, exact: true }));
      if (viewport.height <= 700) {
        expect(await callNext.isVisible()).toBe(false);
        await page.keyboard.press('n');
        await expect.poll(() => page.getByTestId('error').textContent()).toContain('Finish with');
        await onFirstScreen(page, 'Dismiss', page.getByRole('button', { name: 'Dismiss' }));
        await page.getByRole('button', { name: 'Dismiss' }).tap();
      } else {
        await onFirstScreen(page, 'Call next (waiting)', callNext);
        expect(await callNext.getAttribute('aria-disabled')).toBe('true');
      }
      expect(await layoutProblems(page), 'serving').toEqual([]);
      await page.getByRole('button', { name: 'Complete', exact: true }).tap();
      // After the customer leaves, Call next is back where it was, and has the focus.
      await onFirstScreen(page, 'Call next after complete', callNext);
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('call-next'))).toBe(true);

      // A customer sent here from another service with the longest note there can be: the card grows,
      // and the actions stay on the first screen.
      const sent = await issue('K');
      const from = await c.login('kiprop');
      expect((await c.api('POST', `/counters/${c.counterId('6')}/call`, { auth: from, body: { ticketId: sent.id } })).status).toBe(200);
      const note = 'Needs a tax PIN before the certificate can be printed; bring the printed PIN and the original ID. '.repeat(3).slice(0, 300).trim();
      expect((await c.api('POST', `/tickets/${sent.id}/transfer`, { auth: from, body: { serviceId: c.serviceId(codes[0]!), note } })).status).toBe(200);
      const callSent = page.getByRole('button', { name: `Call ${sent.label} out of turn` });
      await callSent.scrollIntoViewIfNeeded();
      await callSent.tap();
      await expect.poll(() => page.getByTestId('current-label').textContent()).toBe(sent.label);
      await page.evaluate(() => window.scrollTo(0, 0));
      for (const n of ['Start', 'Recall', 'No-show', 'Transfer']) await onFirstScreen(page, `transferred ${n}`, page.getByRole('button', { name: n, exact: true }));
      expect(await page.getByTestId('current-ticket').textContent()).toContain(note);
      expect(await layoutProblems(page), 'transferred').toEqual([]);
      await shot(page, `${orientation}-transferred`);
      await page.getByRole('button', { name: 'Start', exact: true }).tap();
      await page.getByRole('button', { name: 'Complete', exact: true }).tap();
      await expect.poll(() => full(sent.id).status).toBe('done');

      // Paused for a break: the banner says so and Resume is on the first screen; Call next (which could
      // not call) is out of the way on the short screen.
      await page.getByRole('button', { name: 'Pause', exact: true }).tap();
      // Pausing asks why: one tap on a reason.
      await page.getByRole('dialog', { name: 'Pause' }).getByRole('button', { name: 'Lunch' }).tap();
      const resume = page.getByRole('button', { name: 'Resume', exact: true });
      await expect.poll(() => resume.isVisible()).toBe(true);
      await onFirstScreen(page, 'Resume', resume);
      expect(await page.getByText(`${counterName} is paused`).first().isVisible()).toBe(true);
      expect(await callNext.isVisible()).toBe(viewport.height > 700);
      expect(await layoutProblems(page), 'paused').toEqual([]);
      await resume.tap();
      await onFirstScreen(page, 'Call next after resume', callNext);
    });
  }
});
