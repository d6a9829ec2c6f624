// The kiosk's agency headings follow its language, in real Chromium against a real centre: in Kiswahili
// an agency reads by its Kiswahili name where the centre gave one, and as written where it did not; the
// services stay grouped as before, and a name the admin adds reaches the kiosk without a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, seriousA11yViolations } from '@foleni/server/testing';
import { LANDSCAPE, layoutProblems, openKiosk, PORTRAIT, shot, startKioskCentre, tap } from './support/kiosk-centre.js';
import type { KioskCentre } from './support/kiosk-centre.js';

describe('kiosk: agency headings in the kiosk’s language', () => {
  let kc: KioskCentre;
  let browser: Browser;
  let admin: string;

  const agencyHeadings = (page: Page) => page.getByRole('heading', { level: 2 }).allTextContents();
  /** The services listed under the agency heading named `name`. */
  const servicesUnder = (page: Page, name: string) => page.getByRole('region', { name, exact: true }).getByRole('button').allTextContents();
  const setAgencySw = (code: string, agencySw: string | null) =>
    kc.centre.api('PATCH', `/admin/services/${kc.centre.serviceId(code)}`, { auth: admin, body: { agencySw } });

  beforeAll(async () => {
    kc = await startKioskCentre();
    browser = await launchBrowser();
    admin = await kc.centre.login('admin');
    // The demo names every agency in Kiswahili. Take the name off the youth funds' agency (an existing
    // centre's services have none) and off the death certificate, whose agency keeps it through the birth
    // certificate. (The demo's twelve services are as many as a portrait kiosk shows at once.)
    expect((await setAgencySw('Y', null)).status).toBe(200);
    expect((await setAgencySw('D', null)).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await kc?.close();
  });

  it('shows the Kiswahili names in Kiswahili, the agency as written where there is none, and back in English', async () => {
    const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken);
    try {
      await page.getByRole('button', { name: /Payments and enquiries/ }).waitFor();
      const english = await agencyHeadings(page);
      expect(english).toContain('Civil Registration');
      expect(english).toContain('Uwezo / Youth Fund');
      expect(english).toContain('HELB');
      expect(english).not.toContain('Usajili wa Vizazi na Vifo');

      await tap(page, 'Kiswahili');
      await page.getByRole('heading', { name: 'Chagua huduma', level: 1 }).waitFor();
      await expect.poll(() => agencyHeadings(page)).toContain('Usajili wa Vizazi na Vifo');
      const swahili = await agencyHeadings(page);
      // The same groups in the same order, each by its name in Kiswahili where it has one.
      expect(swahili).toHaveLength(english.length);
      expect(swahili[english.indexOf('Civil Registration')]).toBe('Usajili wa Vizazi na Vifo');
      expect(swahili[english.indexOf('National Registration Bureau')]).toBe('Idara ya Usajili wa Kitaifa');
      expect(swahili[english.indexOf('Social Health Authority')]).toBe('Mamlaka ya Afya ya Jamii (SHA)');
      expect(swahili[english.indexOf('HELB')]).toBe('HELB (Bodi ya Mikopo ya Elimu ya Juu)');
      expect(swahili[english.indexOf('Uwezo / Youth Fund')]).toBe('Uwezo / Youth Fund');
      expect(swahili).not.toContain('Civil Registration');
      // Grouping is by the agency as written: the death certificate (no Kiswahili agency of its own) stays
      // with the birth certificate under the Kiswahili heading.
      expect(await servicesUnder(page, 'Usajili wa Vizazi na Vifo')).toEqual([expect.stringContaining('Cheti cha kuzaliwa'), expect.stringContaining('Cheti cha kifo')]);
      expect(await servicesUnder(page, 'Uwezo / Youth Fund')).toEqual([expect.stringContaining('Mifuko ya vijana na wanawake')]);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(await layoutProblems(page)).toEqual([]);
      await shot(page, 'agencies-sw-portrait');
      await page.setViewportSize(LANDSCAPE);
      await expect.poll(() => layoutProblems(page)).toEqual([]);
      await shot(page, 'agencies-sw-landscape');

      // The admin names the youth funds' agency in Kiswahili: the kiosk shows it without a reload.
      expect((await setAgencySw('Y', 'Uwezo / Hazina ya Vijana')).status).toBe(200);
      await expect.poll(() => agencyHeadings(page)).toContain('Uwezo / Hazina ya Vijana');
      expect(await agencyHeadings(page)).not.toContain('Uwezo / Youth Fund');
      // Every demo agency now has its Kiswahili name, the longer ones on two lines: the menu still fits.
      await page.setViewportSize(PORTRAIT);
      await expect.poll(() => layoutProblems(page)).toEqual([]);

      await tap(page, 'English');
      await page.getByRole('heading', { name: 'Choose a service', level: 1 }).waitFor();
      await expect.poll(() => agencyHeadings(page)).toEqual(english);
    } finally {
      await context.close();
    }
  });
});
