// A kiosk for everyone, in real Chromium against a real centre: "Help / Msaada" reaches the clerk's counter
// screen and the manager's dashboard, the clerk answers and the kiosk says help is coming; "Read aloud" speaks
// the menu, each choice and the ticket in English and in Kiswahili (by touch and by keyboard) through the
// displays' speech stand-in; "Large text" grows the kiosk and still fits both orientations, axe-clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, seriousA11yViolations } from '@foleni/server/testing';
import { installSoundProbe } from '../../display-ui/tests/browser-stubs.js';
import type { SoundProbe } from '../../display-ui/tests/browser-stubs.js';
import { LANDSCAPE, layoutProblems, openKiosk, PORTRAIT, shot, startKioskCentre, tap } from './support/kiosk-centre.js';
import type { KioskCentre, KioskPage } from './support/kiosk-centre.js';

describe('kiosk: help, reading aloud and large text', () => {
  let kc: KioskCentre;
  let browser: Browser;

  beforeAll(async () => {
    kc = await startKioskCentre();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await kc?.close();
  });

  async function staffPage(path: string, username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${kc.centre.url}${path}`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('foleni-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    return page;
  }

  /** What the kiosk's speech engine was asked to say, as "en-KE: text". */
  const spoken = (page: Page): Promise<string[]> =>
    page.evaluate(() => (window as unknown as { __sound: SoundProbe }).__sound.log.filter((e) => e.kind === 'speak').map((e) => `${e.lang}: ${e.text}`));
  const lastSpoken = async (page: Page): Promise<string> => (await spoken(page)).at(-1) ?? '';

  /** Presses Tab until the focused button's text matches, as a keyboard user moves. */
  async function tabTo(page: Page, name: RegExp): Promise<void> {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (name.test(await page.evaluate(() => (document.activeElement instanceof HTMLButtonElement ? document.activeElement.textContent : null) ?? ''))) return;
    }
    throw new Error(`no focusable element named ${name}`);
  }

  async function openSpeakingKiosk(): Promise<KioskPage> {
    const context = await browser.newContext({ viewport: PORTRAIT, hasTouch: true, serviceWorkers: 'block', bypassCSP: true });
    await context.addInitScript(installSoundProbe, ['en-KE', 'sw-KE']);
    await context.addInitScript({ content: `localStorage.setItem('foleni.kiosk.token', ${JSON.stringify(kc.centre.kioskToken)})` });
    const page = await context.newPage();
    await page.goto(`${kc.centre.url}/kiosk`);
    await page.getByRole('heading', { name: 'Choose a service' }).waitFor();
    return { context, page };
  }

  it("reaches the clerk's counter and the manager's dashboard; the clerk answers and the kiosk says help is coming", async () => {
    const clerk = await kc.centre.login('wanjiru');
    expect((await kc.centre.api('POST', `/counters/${kc.centre.counterId('1')}/open`, { auth: clerk })).status).toBe(200);
    const counter = await staffPage('/counter', 'wanjiru');
    await counter.getByRole('heading', { name: 'Counter 1', exact: true }).waitFor();
    const dashboard = await staffPage('/manage', 'manager');
    await dashboard.getByRole('heading', { name: 'Live dashboard' }).waitFor();
    const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken);
    try {
      await page.getByRole('heading', { name: 'Choose a service' }).waitFor();
      expect(await counter.getByTestId('kiosk-help').count()).toBe(0);

      // Reached by keyboard like every other button of the kiosk.
      await tabTo(page, /^Help/);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('help-notice').textContent()).toContain('A member of staff has been called. Please wait here.');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await shot(page, 'help-asked');

      for (const staff of [counter, dashboard]) {
        const alert = staff.getByTestId('kiosk-help');
        await alert.getByRole('heading', { name: 'A citizen needs help at a kiosk' }).waitFor();
        expect(await alert.getByTestId('kiosk-help-request').textContent()).toMatch(/Entrance kiosk, just now\s*Nobody is going yet/);
      }
      expect(await seriousA11yViolations(counter)).toEqual([]);
      expect(await seriousA11yViolations(dashboard)).toEqual([]);

      await counter.getByTestId('kiosk-help').getByRole('button', { name: "I'm going" }).click();
      await expect.poll(() => page.getByTestId('help-notice').textContent()).toContain('Help is coming: Wanjiru Kamau is on the way.');
      await expect.poll(() => dashboard.getByTestId('kiosk-help-request').textContent()).toContain('Wanjiru Kamau is going');
      expect(await dashboard.getByRole('button', { name: "I'm going" }).count()).toBe(0);
      await page.getByRole('button', { name: 'Kiswahili' }).tap();
      await expect.poll(() => page.getByTestId('help-notice').textContent()).toContain('Msaada unakuja: Wanjiru Kamau yuko njiani.');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await shot(page, 'help-coming');
    } finally {
      await context.close();
      await counter.context().close();
      await dashboard.context().close();
    }
  });

  it('reads the menu, each choice and the ticket aloud in English: a first touch reads, a second chooses', async () => {
    const { context, page } = await openSpeakingKiosk();
    try {
      await tap(page, 'Read aloud');
      await expect.poll(() => lastSpoken(page)).toMatch(/^en-KE: Reading aloud is on\. .*Choose a service$/);

      await tap(page, /National ID card/);
      await expect.poll(() => lastSpoken(page)).toMatch(/^en-KE: National ID card\. .*Touch again to choose\.$/);
      expect(await page.getByRole('heading', { name: 'Choose a service' }).isVisible()).toBe(true);
      await tap(page, /National ID card/);
      await page.getByRole('heading', { name: 'Do you need priority service?' }).waitFor();
      await expect.poll(() => lastSpoken(page)).toBe('en-KE: Do you need priority service?');

      await tap(page, 'No, thank you');
      await expect.poll(() => lastSpoken(page)).toBe('en-KE: No, thank you. Touch again to choose.');
      await tap(page, 'No, thank you');
      // Then the SMS question, read as the others are.
      await page.getByRole('heading', { name: 'Get an SMS when your turn is near?' }).waitFor();
      await expect.poll(() => lastSpoken(page)).toBe('en-KE: Get an SMS when your turn is near?');
      await tap(page, 'No thanks');
      await expect.poll(() => lastSpoken(page)).toBe('en-KE: No thanks. Touch again to choose.');
      await tap(page, 'No thanks');
      const label = (await page.getByTestId('ticket-label').textContent())!;
      const ahead = (await page.getByTestId('ticket-ahead').textContent())!;
      const spelt = [...label].map((ch) => ({ '0': 'zero', '1': 'one', '2': 'two', '3': 'three' })[ch] ?? ch).join(' ');
      await expect
        .poll(() => lastSpoken(page))
        .toBe(`en-KE: Your ticket number is ${spelt}, for National ID card. ${ahead}. Please keep your ticket and listen for your number.`);
      expect(await seriousA11yViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('reads aloud in Kiswahili for a keyboard: moving onto a choice reads it, Enter chooses it', async () => {
    const { context, page } = await openSpeakingKiosk();
    try {
      await tap(page, 'Kiswahili');
      await tabTo(page, /Soma kwa sauti/);
      await page.keyboard.press('Enter');
      await expect.poll(() => lastSpoken(page)).toMatch(/^sw-KE: Kusoma kwa sauti kumewashwa\. .*Chagua huduma$/);

      await tabTo(page, /Kitambulisho cha Taifa/);
      await expect.poll(() => lastSpoken(page)).toMatch(/^sw-KE: Kitambulisho cha Taifa\. /);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Je, unahitaji huduma ya kipaumbele?' }).waitFor();
      await expect.poll(() => lastSpoken(page)).toBe('sw-KE: Je, unahitaji huduma ya kipaumbele?');

      await tabTo(page, /Hapana, asante/);
      await expect.poll(() => lastSpoken(page)).toBe('sw-KE: Hapana, asante');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Pata SMS zamu yako ikikaribia?' }).waitFor();
      await expect.poll(() => lastSpoken(page)).toBe('sw-KE: Pata SMS zamu yako ikikaribia?');
      await tabTo(page, /Hapana, asante/);
      await expect.poll(() => lastSpoken(page)).toBe('sw-KE: Hapana, asante');
      await page.keyboard.press('Enter');
      const label = (await page.getByTestId('ticket-label').textContent())!;
      const ahead = (await page.getByTestId('ticket-ahead').textContent())!;
      const spelt = [...label].map((ch) => ({ '0': 'sifuri', '1': 'moja', '2': 'mbili', '3': 'tatu' })[ch] ?? ch).join(' ');
      await expect
        .poll(() => lastSpoken(page))
        .toBe(`sw-KE: Namba ya tiketi yako ni ${spelt}, kwa huduma ya Kitambulisho cha Taifa. ${ahead}. Tafadhali shika tiketi yako na usikilize namba yako ikiitwa.`);
      // Nothing was said with a voice of another language.
      expect((await spoken(page)).filter((s) => !s.startsWith('sw-KE: '))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  for (const [orientation, viewport] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]] as const) {
    it(`makes the text larger and still fits a ${orientation} screen, axe-clean`, async () => {
      const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken, { viewport });
      const rootPx = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      try {
        await page.getByRole('heading', { name: 'Choose a service' }).waitFor();
        const normal = await rootPx();
        await tap(page, 'Large text');
        await expect.poll(rootPx).toBeGreaterThanOrEqual(normal * 1.3);
        expect(await page.getByRole('button', { name: 'Large text' }).getAttribute('aria-pressed')).toBe('true');
        await page.getByRole('heading', { name: 'Choose a service' }).waitFor();
        await expect.poll(() => layoutProblems(page)).toEqual([]);
        expect(await seriousA11yViolations(page)).toEqual([]);
        await shot(page, `large-${orientation}-services`);

        await page.getByRole('button', { name: /National ID card/ }).first().tap();
        await page.getByRole('heading', { name: 'Do you need priority service?' }).waitFor();
        await expect.poll(() => layoutProblems(page)).toEqual([]);
        expect(await seriousA11yViolations(page)).toEqual([]);
        await shot(page, `large-${orientation}-priority`);
        await tap(page, 'No, thank you');
        await page.getByRole('heading', { name: 'Get an SMS when your turn is near?' }).waitFor();
        await expect.poll(() => layoutProblems(page)).toEqual([]);
        expect(await seriousA11yViolations(page)).toEqual([]);
        await tap(page, 'No thanks');
        await page.getByTestId('ticket-label').waitFor();
        await expect.poll(() => layoutProblems(page)).toEqual([]);
        expect(await seriousA11yViolations(page)).toEqual([]);
        await shot(page, `large-${orientation}-ticket`);
      } finally {
        await context.close();
      }
    });
  }
});
