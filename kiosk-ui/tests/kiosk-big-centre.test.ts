// A big centre's kiosk, in real Chromium against a real centre: the demo's services (one more added) still
// fit on one screen, under their agencies; with about forty services the kiosk shows the agencies first, then
// the chosen agency's services, page by page, and nothing ever scrolls, in portrait and landscape, in English
// and Kiswahili. Back goes one screen back, and a kiosk left inside an agency returns to the agencies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, seriousA11yViolations } from '@foleni/server/testing';
import { LANDSCAPE, layoutProblems, openKiosk, PORTRAIT, shot, startKioskCentre, tap } from './support/kiosk-centre.js';
import type { KioskCentre } from './support/kiosk-centre.js';

/** The big agency: the demo's tax service and 23 more, more than one screen holds in either orientation. */
const TAX_SERVICES = 24;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVW';
const TAX_NAME = /Tax matter \d+|Tax PIN and returns|Suala la kodi \d+|PIN ya KRA na marejesho ya kodi/;

/** Whether the document scrolls: what a touchscreen citizen would have to discover. */
const scrolls = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight);
const mainButtons = (page: Page) => page.locator('main').getByRole('button').allTextContents();
const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

/** A menu screen a person would call fine: no scrolling, nothing off screen or too small, no serious axe finding. */
async function expectGoodScreen(page: Page, name: string): Promise<void> {
  await expect.poll(() => layoutProblems(page)).toEqual([]);
  expect(await scrolls(page)).toBe(false);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await shot(page, name);
}

/** Walks an agency's pages with "More", checking each; the services seen, page by page. */
async function walkPages(page: Page, more: string, pageText: (n: number, total: number) => string, name: string): Promise<string[][]> {
  const first = await page.getByText(pageText(1, 0).replace(/ 0$/, '')).textContent();
  const total = Number(/(\d+)\s*$/.exec(first ?? '')?.[1]);
  expect(total).toBeGreaterThanOrEqual(2);
  const pages: string[][] = [];
  for (let n = 1; n <= total; n++) {
    await page.getByText(pageText(n, total), { exact: true }).waitFor();
    await expectGoodScreen(page, `${name}-page${n}`);
    pages.push((await mainButtons(page)).flatMap((b) => TAX_NAME.exec(b)?.[0] ?? []));
    if (n < total) await tap(page, more);
  }
  expect(await page.getByRole('button', { name: more }).count()).toBe(0);
  return pages;
}

describe('kiosk: a big centre', () => {
  let kc: KioskCentre;
  let browser: Browser;
  let admin: string;

  const addServices = async (services: { code: string; en: string; sw: string; agency: string; agencySw: string | null }[]) => {
    const ids: string[] = [];
    for (const s of services) {
      const res = await kc.centre.api('POST', '/admin/services', {
        auth: admin,
        body: { code: s.code, name: { en: s.en, sw: s.sw }, agency: s.agency, agencySw: s.agencySw },
      });
      expect(res.status).toBe(201);
      ids.push(res.body.service.id as string);
    }
    // Counter 7 takes them all: the kiosk offers only services a counter serves.
    const counter7 = kc.centre.counterId('7');
    const serviceIds = kc.centre.app.ctx.repos.counters.get(counter7)!.serviceIds;
    expect((await kc.centre.api('PATCH', `/admin/counters/${counter7}`, { auth: admin, body: { serviceIds: [...serviceIds, ...ids] } })).status).toBe(200);
  };

  beforeAll(async () => {
    kc = await startKioskCentre();
    browser = await launchBrowser();
    admin = await kc.centre.login('admin');
  });
  afterAll(async () => {
    await browser?.close();
    await kc?.close();
  });

  it('keeps the one-screen menu for the demo’s services and one more, and never scrolls', async () => {
    await addServices([{ code: 'Q', en: 'County permits', sw: 'Vibali vya kaunti', agency: 'County Government', agencySw: 'Serikali ya Kaunti' }]);
    const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken);
    try {
      await page.getByRole('button', { name: /County permits/ }).waitFor();
      // Every service is a button on the first screen, under its agency; no agency buttons, no pages.
      expect(await page.getByRole('heading', { name: 'Choose a service', level: 1 }).count()).toBe(1);
      expect(await page.getByRole('heading', { name: 'Civil Registration', level: 2 }).count()).toBe(1);
      expect(await page.getByRole('button', { name: /Birth certificate/ }).count()).toBe(1);
      // Thirteen services, and "I have a booking" beside the heading (the demo takes bookings).
      expect((await mainButtons(page)).length).toBe(14);
      await expectGoodScreen(page, 'thirteen-portrait');
      // Kiswahili names are longer and a landscape screen is shorter: whichever menu they get, nothing scrolls.
      await tap(page, 'Kiswahili');
      await page.getByRole('heading', { name: 'Chagua huduma', level: 1 }).waitFor();
      await expectGoodScreen(page, 'thirteen-sw-portrait');
      await page.setViewportSize(LANDSCAPE);
      await expectGoodScreen(page, 'thirteen-sw-landscape');
      await tap(page, 'English');
      await page.getByRole('heading', { name: 'Choose a service', level: 1 }).waitFor();
      await expectGoodScreen(page, 'thirteen-landscape');
      // Back to portrait in English: the one-screen menu again.
      await page.setViewportSize(PORTRAIT);
      await page.getByRole('button', { name: /County permits/ }).waitFor();
      // The menu is measured again after the resize: on a loaded machine its first frame may still be the
      // landscape one, so wait for the one-screen menu rather than read the first frame.
      await expect.poll(async () => (await mainButtons(page)).length, { timeout: 5000 }).toBe(14);
    } finally {
      await context.close();
    }
  });

  describe('with about forty services over a dozen agencies', () => {
    beforeAll(async () => {
      await addServices([
        ...[...LETTERS].map((l, i) => ({
          code: `K${l}`,
          en: `Tax matter ${String(i + 1).padStart(2, '0')}`,
          sw: `Suala la kodi ${String(i + 1).padStart(2, '0')}`,
          agency: 'Kenya Revenue Authority',
          agencySw: null,
        })),
        ...['Land rates', 'Single business permit', 'Parking', 'Market stalls'].map((en, i) => ({
          code: `C${'ABCD'[i]}`,
          en,
          sw: ['Kodi ya ardhi', 'Kibali cha biashara', 'Maegesho', 'Vibanda vya soko'][i]!,
          agency: 'County Government',
          agencySw: 'Serikali ya Kaunti',
        })),
      ]);
    });

    for (const [orientation, viewport] of [
      ['portrait', PORTRAIT],
      ['landscape', LANDSCAPE],
    ] as const) {
      it(`agencies, then their services, then a ticket, by touch, in English and Kiswahili (${orientation})`, async () => {
        const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken, { viewport });
        try {
          // The first screen: one button per agency with its count of services, and no service buttons.
          const civil = page.getByRole('button', { name: /Civil Registration/ });
          await civil.waitFor();
          expect(await civil.textContent()).toContain('2 services');
          expect(await page.getByRole('button', { name: /Kenya Revenue Authority/ }).textContent()).toContain(`${TAX_SERVICES} services`);
          expect(await page.getByRole('button', { name: /County Government/ }).textContent()).toContain('5 services');
          // Each says what its office gives, so a citizen need not know which office that is.
          expect(await civil.textContent()).toMatch(/Birth certificate · Death certificate|Death certificate · Birth certificate/);
          expect(await page.locator('button.service').count()).toBe(0);
          expect(await page.getByRole('button', { name: 'English' }).isVisible()).toBe(true);
          await expectGoodScreen(page, `big-agencies-${orientation}`);

          // An agency's services; Back returns to the agencies.
          await civil.tap();
          await page.getByRole('heading', { name: 'Civil Registration', level: 1 }).waitFor();
          expect(await page.getByRole('button', { name: /Death certificate/ }).count()).toBe(1);
          await expectGoodScreen(page, `big-civil-${orientation}`);
          await tap(page, 'Back');
          await civil.waitFor();

          // An agency with one service goes straight to the priority question; Back returns to the agencies.
          await tap(page, /HELB/);
          await page.getByRole('heading', { name: 'Do you need priority service?' }).waitFor();
          expect(await page.getByText('Student loans (HELB)').count()).toBe(1);
          await tap(page, 'Back');
          await civil.waitFor();

          // A ticket from an agency's list.
          await civil.tap();
          await tap(page, /Birth certificate/);
          // Back from the question returns to the agency it was chosen in.
          await tap(page, 'Back');
          await page.getByRole('heading', { name: 'Civil Registration', level: 1 }).waitFor();
          await tap(page, /Birth certificate/);
          await tap(page, 'No, thank you');
          // The SMS question follows the priority one: no number.
          await tap(page, 'No thanks');
          await page.getByTestId('ticket-label').waitFor();
          expect(await page.getByTestId('ticket-label').textContent()).toMatch(/^B\d{3}$/);
          await tap(page, 'Finish');
          await civil.waitFor();

          // The big agency: page by page, every service once, none on two pages.
          await tap(page, /Kenya Revenue Authority/);
          await page.getByRole('heading', { name: 'Kenya Revenue Authority', level: 1 }).waitFor();
          const pages = await walkPages(page, 'More services', (n, total) => `Page ${n} of ${total}`, `big-tax-${orientation}`);
          const seen = pages.flat();
          expect(seen).toHaveLength(TAX_SERVICES);
          expect(new Set(seen).size).toBe(TAX_SERVICES);
          // Back goes one page back, then to the agencies.
          await tap(page, 'Back');
          await page.getByText(`Page ${pages.length - 1} of ${pages.length}`, { exact: true }).waitFor();
          for (let n = pages.length - 1; n >= 1; n--) await tap(page, 'Back');
          await civil.waitFor();

          // In Kiswahili: the agencies by their Kiswahili names, and the same way to a ticket.
          await tap(page, 'Kiswahili');
          await page.getByRole('heading', { name: 'Chagua huduma', level: 1 }).waitFor();
          const raia = page.getByRole('button', { name: /Usajili wa Vizazi na Vifo/ });
          await raia.waitFor();
          expect(await raia.textContent()).toContain('Huduma 2');
          expect(await page.getByRole('button', { name: /Serikali ya Kaunti/ }).textContent()).toContain('Huduma 5');
          await expectGoodScreen(page, `big-agencies-sw-${orientation}`);
          // The big agency's Kiswahili name comes from the demo's tax service (the new ones give none).
          await tap(page, /Mamlaka ya Ushuru Kenya/);
          const swPages = await walkPages(page, 'Huduma zaidi', (n, total) => `Ukurasa ${n} kati ya ${total}`, `big-tax-sw-${orientation}`);
          expect(new Set(swPages.flat()).size).toBe(TAX_SERVICES);
          for (let n = swPages.length; n >= 1; n--) await tap(page, 'Rudi');
          await raia.tap();
          await page.getByRole('heading', { name: 'Usajili wa Vizazi na Vifo', level: 1 }).waitFor();
          await tap(page, /Cheti cha kuzaliwa/);
          await tap(page, 'Hapana, asante');
          // The SMS question follows the priority one: no number.
          await tap(page, 'Hapana, asante');
          await page.getByTestId('ticket-label').waitFor();
          await tap(page, 'Maliza');
          await page.getByRole('button', { name: /Civil Registration/ }).waitFor();
        } finally {
          await context.close();
        }
      });
    }

    it('goes back to the agencies when nobody touches an agency’s page', async () => {
      const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken, { clock: true });
      try {
        await tap(page, /Kenya Revenue Authority/);
        await tap(page, 'More services');
        await page.getByText(/^Page 2 of \d+$/).waitFor();
        await page.clock.fastForward('00:31');
        await page.getByRole('button', { name: /Civil Registration/ }).waitFor({ timeout: 3000 });
        expect(await heading(page)).toBe('Choose a service');
        expect(await page.getByText(/^Page \d+ of \d+$/).count()).toBe(0);
      } finally {
        await context.close();
      }
    });
  });
});
