// The kiosk and the counters behind it, in real Chromium against a real centre: a service no counter is
// assigned to is not offered (it comes and goes live as the admin assigns it), and while no counter is
// open for a service the menu and the ticket say so plainly, in English and Kiswahili, instead of a wait
// or "very soon"; the menu shows a wait as soon as a clerk opens a counter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, seriousA11yViolations } from '@foleni/server/testing';
import { layoutProblems, openKiosk, shot, startKioskCentre, tap } from './support/kiosk-centre.js';
import type { KioskCentre } from './support/kiosk-centre.js';

const NO_COUNTER_EN = 'No counter is serving this service right now. Please wait: staff will open one.';
const NO_COUNTER_SW = 'Kwa sasa hakuna dirisha linalotoa huduma hii. Tafadhali subiri: wahudumu watafungua dirisha.';

describe('kiosk: the counters behind each service', () => {
  let kc: KioskCentre;
  let browser: Browser;
  let admin: string;

  beforeAll(async () => {
    kc = await startKioskCentre();
    browser = await launchBrowser();
    admin = await kc.centre.login('admin');
  });
  afterAll(async () => {
    await browser?.close();
    await kc?.close();
  });

  it('does not offer a service no counter is assigned to, and offers it as soon as a counter has it', async () => {
    const created = await kc.centre.api('POST', '/admin/services', {
      auth: admin,
      body: { code: 'Q', name: { en: 'County permits', sw: 'Vibali vya kaunti' }, agency: 'County Government' },
    });
    expect(created.status).toBe(201);
    const qId = created.body.service.id as string;
    const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken);
    try {
      // The menu is up (the last service of the list is there), without the new service or its agency.
      await page.getByRole('button', { name: /Payments and enquiries/ }).waitFor();
      expect(await page.getByRole('button', { name: /County permits/ }).count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'County Government' }).count()).toBe(0);

      // The admin gives it to counter 7 (closed for now): the kiosk offers it without a reload.
      const counter7 = kc.centre.counterId('7');
      const serviceIds = kc.centre.app.ctx.repos.counters.get(counter7)!.serviceIds;
      expect((await kc.centre.api('PATCH', `/admin/counters/${counter7}`, { auth: admin, body: { serviceIds: [...serviceIds, qId] } })).status).toBe(200);
      const permits = page.getByRole('button', { name: /County permits/ });
      await permits.waitFor();
      expect(await permits.textContent()).toContain('No counter open right now');
      expect(await seriousA11yViolations(page)).toEqual([]);

      // Taken off again: gone from the menu.
      expect((await kc.centre.api('PATCH', `/admin/counters/${counter7}`, { auth: admin, body: { serviceIds } })).status).toBe(200);
      await expect.poll(() => permits.count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('says plainly, in both languages, that no counter serves the service yet, and shows a wait once one opens', async () => {
    const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken);
    try {
      // Before opening: nobody at any counter.
      const birth = page.getByRole('button', { name: /Birth certificate/ });
      await birth.waitFor();
      expect(await birth.textContent()).toContain('Nobody waiting · No counter open right now');
      await tap(page, /Birth certificate/);
      await tap(page, 'No, thank you');
      // The SMS question follows the priority one: no number.
      await tap(page, 'No thanks');
      await page.getByTestId('ticket-label').waitFor();
      expect(await page.getByTestId('ticket-ahead').textContent()).toBe('You are next');
      expect(await page.getByTestId('ticket-wait').textContent()).toBe(NO_COUNTER_EN);
      expect(await page.getByText('very soon').count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(await layoutProblems(page)).toEqual([]);
      await shot(page, 'no-counter-ticket-en');
      await tap(page, 'Finish');

      await tap(page, 'Kiswahili');
      await expect.poll(() => page.getByRole('button', { name: /Cheti cha kuzaliwa/ }).textContent()).toContain('Anayesubiri: 1 · Hakuna dirisha lililo wazi sasa');
      await tap(page, /Cheti cha kuzaliwa/);
      await tap(page, 'Hapana, asante');
      // The SMS question follows the priority one: no number.
      await tap(page, 'Hapana, asante');
      await page.getByTestId('ticket-label').waitFor();
      expect(await page.getByTestId('ticket-ahead').textContent()).toBe('Mtu 1 yuko mbele yako');
      expect(await page.getByTestId('ticket-wait').textContent()).toBe(NO_COUNTER_SW);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await shot(page, 'no-counter-ticket-sw');
      await tap(page, 'Maliza');

      // A clerk opens counter 2 (National ID, birth certificates): the menu shows a wait, live.
      const clerk = await kc.centre.login('wanjiru');
      expect((await kc.centre.api('POST', `/counters/${kc.centre.counterId('2')}/open`, { auth: clerk })).status).toBe(200);
      // Two wait at birth certificates' typical 5 minutes each.
      await expect.poll(() => birth.textContent()).toContain('2 waiting · about 10 min');
      await tap(page, /Birth certificate/);
      await tap(page, 'No, thank you');
      // The SMS question follows the priority one: no number.
      await tap(page, 'No thanks');
      await page.getByTestId('ticket-label').waitFor();
      expect(await page.getByTestId('ticket-wait').textContent()).toBe('Estimated wait: about 10 minutes');
    } finally {
      await context.close();
    }
  });
});
