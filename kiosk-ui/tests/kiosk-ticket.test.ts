// The kiosk in real Chromium against a real centre whose kiosk prints to a fake TCP printer: a citizen taps
// through in English and in Kiswahili, the ticket on screen matches the one on paper, a double tap or a
// lost answer makes one ticket, the screen clears itself, and every screen passes axe and fits both
// orientations of a kiosk touchscreen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, seriousA11yViolations } from '@foleni/server/testing';
import { LANDSCAPE, layoutProblems, openKiosk, PORTRAIT, shot, startKioskCentre, tap } from './support/kiosk-centre.js';
import type { KioskCentre } from './support/kiosk-centre.js';

describe('kiosk: getting a ticket', () => {
  let kc: KioskCentre;
  let browser: Browser;
  let clerk: string;

  const ticketCount = (): number => kc.centre.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number;
  const labelOnScreen = (page: Page) => page.getByTestId('ticket-label').textContent();
  const trackUrlOnScreen = (page: Page) => page.locator('[data-track-url]').getAttribute('data-track-url');

  beforeAll(async () => {
    // A printer that takes a moment, like a real one, so "printing" can be seen before "take your ticket".
    kc = await startKioskCentre({}, { printMs: 700 });
    browser = await launchBrowser();
    clerk = await kc.centre.login('wanjiru');
  });
  afterAll(async () => {
    await browser?.close();
    await kc?.close();
  });

  it('issues a ticket in English: on screen and on paper, with the QR code of its tracking page', async () => {
    // Two people already wait for National ID cards, and counter 2 serves them.
    expect((await kc.centre.api('POST', `/counters/${kc.centre.counterId('2')}/open`, { auth: clerk })).status).toBe(200);
    for (let i = 0; i < 2; i++) await kc.centre.api('POST', '/tickets', { auth: clerk, body: { serviceId: kc.centre.serviceId('A') } });
    const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken);
    try {
      // The kiosk moves under /kiosk/ (its service worker's scope) and calls with the token it keeps.
      await page.getByRole('heading', { name: 'Choose a service' }).waitFor();
      expect(page.url()).toBe(`${kc.centre.url}/kiosk/`);
      expect(await page.evaluate(() => localStorage.getItem('foleni.kiosk.token'))).toBe(kc.centre.kioskToken);
      await expect.poll(() => page.getByRole('button', { name: /National ID card/ }).textContent()).toContain('2 waiting');
      expect(await page.getByRole('heading', { name: 'National Registration Bureau' }).count()).toBe(1);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await shot(page, 'portrait-services');

      await tap(page, /National ID card/);
      await page.getByRole('heading', { name: 'Do you need priority service?' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await tap(page, 'No, thank you');
      // The SMS question follows the priority one: no number.
      await tap(page, 'No thanks');

      await page.getByText('Printing your ticket…').waitFor();
      await page.getByText('Take your ticket from the printer below.').waitFor();
      const label = await labelOnScreen(page);
      expect(label).toBe('A003');
      expect(await page.getByTestId('ticket-ahead').textContent()).toBe('2 people ahead of you');
      // Two ahead at National ID's typical 6 minutes, one counter open.
      expect(await page.getByTestId('ticket-wait').textContent()).toBe('Estimated wait: about 12 minutes');
      expect(await page.getByRole('img', { name: 'QR code to follow ticket A003 on a phone' }).locator('svg').count()).toBe(1);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await shot(page, 'portrait-ticket');

      const [job] = await kc.printer.waitForJobs(1);
      expect(job!.text).toContain('A003');
      expect(job!.text).toContain('National ID card');
      const trackUrl = await trackUrlOnScreen(page);
      expect(job!.qrCodes).toEqual([trackUrl]);
      // The screen and the paper carry the citizen's own link, with the key that lets them rate the visit; the
      // ticket's public view (what anyone with the id sees) has the link without it.
      const [link, key] = trackUrl!.split('#k=') as [string, string];
      expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
      const ticketId = link.split('/t/')[1]!;
      const { status, body } = await kc.centre.api('GET', `/tickets/${ticketId}`);
      expect(status).toBe(200);
      expect(body.ticket).toMatchObject({ label: 'A003', lang: 'en', prioritised: false, status: 'waiting', trackUrl: link });
    } finally {
      await context.close();
    }
  });

  it('issues a priority ticket in Kiswahili, printed in Kiswahili, and goes back to English by itself', async () => {
    const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken, { clock: true });
    try {
      await page.getByRole('heading', { name: 'Choose a service' }).waitFor();
      await tap(page, 'Kiswahili');
      await page.getByRole('heading', { name: 'Chagua huduma' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('sw');
      // In the words a Kiswahili reader asked for (issue #18).
      expect(await page.getByText('Gusa huduma unayohitaji ili upate tiketi.').count()).toBe(1);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await tap(page, /Cheti cha kuzaliwa/);
      await page.getByRole('heading', { name: 'Je, unahitaji huduma ya kipaumbele?' }).waitFor();
      await tap(page, 'Ndiyo: mimi ni mzee');
      await page.getByRole('heading', { name: 'Pata SMS zamu yako ikikaribia?' }).waitFor();
      await tap(page, 'Hapana, asante');

      await page.getByText('Chukua tiketi yako kutoka kwa printa iliyo hapa chini.').waitFor();
      expect(await labelOnScreen(page)).toBe('B001');
      expect(await page.getByTestId('ticket-ahead').textContent()).toBe('Wewe ndiye unayefuata');
      expect(await page.getByText('Huduma ya kipaumbele: Mzee').count()).toBe(1);
      expect(await seriousA11yViolations(page)).toEqual([]);

      const jobs = await kc.printer.waitForJobs(2);
      const job = jobs.find((j) => j.text.includes('B001'))!;
      expect(job.text).toContain('Cheti cha kuzaliwa');
      // A time on paper is "Muda", not "Saa" (which Kiswahili reads in Swahili time).
      expect(job.text).toMatch(/Muda: \d\d:\d\d/);
      expect(job.text).not.toContain('Saa:');
      expect(job.text).toContain('Skani msimbo huu ufuatilie');
      const trackUrl = await trackUrlOnScreen(page);
      expect(job.qrCodes).toEqual([trackUrl]);
      const ticketId = trackUrl!.split('#k=')[0]!.split('/t/')[1]!;
      const { body } = await kc.centre.api('GET', `/tickets/${ticketId}`);
      // The holder's view says it has priority; the reason the citizen gave is for staff only.
      expect(body.ticket).toMatchObject({ label: 'B001', lang: 'sw', prioritised: true });
      expect(kc.centre.db.prepare('SELECT priority FROM tickets WHERE id = ?').pluck().get(ticketId)).toBe('elderly');

      // Nobody touches the screen: it counts down, then clears itself and speaks the centre's language again.
      expect(await page.getByText(/Skrini hii itafungwa baada ya sekunde \d+/).count()).toBe(1);
      // A touch anywhere gives more time; then nobody touches it for 15 s: the ticket stays up (20 s in all).
      await page.getByTestId('ticket-label').tap();
      await page.clock.fastForward('00:15');
      expect(await page.getByTestId('ticket-label').count()).toBe(1);
      await page.clock.fastForward('00:06');
      await page.getByRole('heading', { name: 'Choose a service' }).waitFor({ timeout: 3000 });
      expect(await page.getAttribute('html', 'lang')).toBe('en');
    } finally {
      await context.close();
    }
  });

  it('makes one ticket from a double tap', async () => {
    const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken);
    try {
      await tap(page, /Death certificate/);
      await tap(page, 'No, thank you');
      // The last question (SMS) issues the ticket: its "No thanks" gets the double tap.
      const no = page.getByRole('button', { name: 'No thanks' });
      // A new screen ignores taps for a moment (a double tap must not reach it); wait until it takes them.
      await no.tap({ trial: true });
      const box = (await no.boundingBox())!;
      const before = ticketCount();
      // Two raw taps on the same spot, as fast as a hand can: no waiting for the screen in between.
      await Promise.all([page.touchscreen.tap(box.x + 20, box.y + 20), page.touchscreen.tap(box.x + 20, box.y + 20)]);
      await page.getByTestId('ticket-label').waitFor();
      expect(await labelOnScreen(page)).toBe('D001');
      await page.waitForTimeout(500);
      expect(ticketCount()).toBe(before + 1);
    } finally {
      await context.close();
    }
  });

  it('makes one ticket when the answer is lost on the way back: the retry carries the same key', async () => {
    const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken);
    try {
      const keys: string[] = [];
      let lost = 0;
      await page.route('**/api/v1/tickets', async (route) => {
        keys.push(route.request().headers()['idempotency-key'] ?? '');
        if (lost === 0) {
          lost++;
          // The server makes the ticket, but the kiosk never hears back (Wi-Fi dropped).
          await route.fetch();
          await route.abort('connectionreset');
          return;
        }
        await route.continue();
      });
      await tap(page, /Health insurance/);
      const before = ticketCount();
      await tap(page, 'No, thank you');
      // The SMS question follows the priority one: no number.
      await tap(page, 'No thanks');
      await page.getByTestId('ticket-label').waitFor();
      expect(await labelOnScreen(page)).toBe('H001');
      expect(ticketCount()).toBe(before + 1);
      expect(keys.length).toBeGreaterThanOrEqual(2);
      expect(new Set(keys).size).toBe(1);
      expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{8,100}$/);

      // A new visit gets a new key.
      await tap(page, 'Finish');
      await tap(page, /Health insurance/);
      await tap(page, 'No, thank you');
      // The SMS question follows the priority one: no number.
      await tap(page, 'No thanks');
      await page.getByTestId('ticket-label').waitFor();
      expect(await labelOnScreen(page)).toBe('H002');
      expect(new Set(keys).size).toBe(2);
    } finally {
      await context.close();
    }
  });

  it('fits a portrait and a landscape touchscreen on every screen, with large targets', async () => {
    for (const [name, viewport] of [
      ['portrait', PORTRAIT],
      ['landscape', LANDSCAPE],
    ] as const) {
      const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken, { viewport });
      try {
        await page.getByRole('button', { name: /Payments and enquiries/ }).waitFor();
        await page.evaluate(() => document.fonts.ready);
        expect(await layoutProblems(page), `${name} services`).toEqual([]);
        await shot(page, `${name}-services`);
        await tap(page, /Payments and enquiries/);
        await page.getByRole('heading', { name: 'Do you need priority service?' }).waitFor();
        expect(await layoutProblems(page), `${name} priority`).toEqual([]);
        await shot(page, `${name}-priority`);
        await tap(page, 'Yes: I have a disability');
        await page.getByRole('heading', { name: 'Get an SMS when your turn is near?' }).waitFor();
        expect(await layoutProblems(page), `${name} sms`).toEqual([]);
        await tap(page, 'Yes, send me an SMS');
        expect(await layoutProblems(page), `${name} sms keypad`).toEqual([]);
        await shot(page, `${name}-sms`);
        await tap(page, 'Back');
        await tap(page, 'No thanks');
        await page.getByText('Take your ticket from the printer below.').waitFor();
        expect(await layoutProblems(page), `${name} ticket`).toEqual([]);
        await shot(page, `${name}-ticket`);
        if (name === 'landscape') expect(await seriousA11yViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it('keeps people from zooming, selecting, dragging or going back, within the server\'s CSP', async () => {
    const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken, { strictCsp: true });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.getByRole('heading', { name: 'Choose a service' }).waitFor();
      const blocked = await page.evaluate(() => {
        const fire = (target: EventTarget, event: Event) => {
          target.dispatchEvent(event);
          return event.defaultPrevented;
        };
        const h1 = document.querySelector('h1')!;
        return {
          contextmenu: fire(h1, new MouseEvent('contextmenu', { bubbles: true, cancelable: true })),
          selectstart: fire(h1, new Event('selectstart', { bubbles: true, cancelable: true })),
          dragstart: fire(h1, new Event('dragstart', { bubbles: true, cancelable: true })),
          ctrlWheel: fire(window, new WheelEvent('wheel', { ctrlKey: true, deltaY: -100, cancelable: true })),
          ctrlPlus: fire(window, new KeyboardEvent('keydown', { key: '+', ctrlKey: true, cancelable: true })),
          altLeft: fire(window, new KeyboardEvent('keydown', { key: 'ArrowLeft', altKey: true, cancelable: true })),
          userSelect: getComputedStyle(h1).userSelect,
          touchAction: getComputedStyle(document.querySelector('button')!).touchAction,
        };
      });
      expect(blocked).toEqual({
        contextmenu: true,
        selectstart: true,
        dragstart: true,
        ctrlWheel: true,
        ctrlPlus: true,
        altLeft: true,
        userSelect: 'none',
        touchAction: 'pan-y',
      });
      await page.goBack();
      expect(page.url()).toBe(`${kc.centre.url}/kiosk/`);
      await page.getByRole('heading', { name: 'Choose a service' }).waitFor();
      // The whole flow runs under the server's Content-Security-Policy (the QR code included).
      await tap(page, /Student loans/);
      await tap(page, 'No, thank you');
      // The SMS question follows the priority one: no number.
      await tap(page, 'No thanks');
      await page.getByRole('img', { name: /QR code/ }).locator('svg').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
