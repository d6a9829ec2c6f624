// The kiosk's SMS question in real Chromium: a citizen leaves a mobile number on the big keypad, in English and
// in Kiswahili; a wrong number is refused on the spot in the citizen's language; the ticket carries the number
// (kept beside it, shown masked), and the log gateway sends the issued message in the ticket's language.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, seriousA11yViolations } from '@foleni/server/testing';
import { layoutProblems, openKiosk, startKioskCentre, tap } from './support/kiosk-centre.js';
import type { KioskCentre } from './support/kiosk-centre.js';

describe('kiosk: an SMS when the turn is near', () => {
  let kc: KioskCentre;
  let browser: Browser;

  const typeDigits = async (page: Page, digits: string) => {
    for (const d of digits) await page.getByRole('button', { name: d, exact: true }).tap();
  };
  const phoneOf = (label: string) =>
    kc.centre.db.prepare('SELECT p.phone FROM ticket_phones p JOIN tickets t ON t.rowid = p.ticket_rowid WHERE t.label = ?').pluck().get(label) as string | undefined;
  const smsLog = () => readFileSync(join(kc.centre.dataDir, 'sms.log'), 'utf8');

  beforeAll(async () => {
    kc = await startKioskCentre();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await kc?.close();
  });

  it('in English: Yes, the keypad, a refusal of a landline, then the ticket with the number', async () => {
    const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken);
    try {
      await tap(page, /Death certificate/);
      await tap(page, 'No, thank you');
      await page.getByRole('heading', { name: 'Get an SMS when your turn is near?' }).waitFor();
      // "No thanks" is as big as "Yes".
      const yes = (await page.getByRole('button', { name: 'Yes, send me an SMS' }).boundingBox())!;
      const no = (await page.getByRole('button', { name: 'No thanks' }).boundingBox())!;
      expect(Math.abs(yes.width - no.width)).toBeLessThan(2);
      expect(Math.abs(yes.height - no.height)).toBeLessThan(2);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await tap(page, 'Yes, send me an SMS');
      await page.getByText('Type your mobile number').waitFor();
      await typeDigits(page, '0202222222');
      await tap(page, 'Get my ticket');
      await page.getByRole('alert').filter({ hasText: 'That is not a Kenyan mobile number' }).waitFor();
      for (let i = 0; i < 10; i++) await tap(page, 'Delete');
      await typeDigits(page, '0712345678');
      expect(await page.getByTestId('phone-typed').textContent()).toBe('0712 345 678');
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(await layoutProblems(page)).toEqual([]);
      await tap(page, 'Get my ticket');
      await page.getByTestId('ticket-label').waitFor();
      const label = (await page.getByTestId('ticket-label').textContent())!;
      expect(phoneOf(label)).toBe('+254712345678');
      await expect.poll(smsLog).toContain(`Ticket ${label}.`);
      expect(smsLog()).toContain('"to":"+2547•••••678"');
      expect(smsLog()).not.toContain('712345678');
    } finally {
      await context.close();
    }
  });

  it('in Kiswahili: Ndiyo, the keypad, then the ticket; "Hapana, asante" issues without a number', async () => {
    const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken);
    try {
      // After the first snapshot, which sets the centre's language.
      await page.getByRole('heading', { name: 'Choose a service' }).waitFor();
      await tap(page, 'Kiswahili');
      await page.getByRole('heading', { name: 'Chagua huduma' }).waitFor();
      await tap(page, /Cheti cha kuzaliwa/);
      await tap(page, 'Hapana, asante');
      await page.getByRole('heading', { name: 'Pata SMS zamu yako ikikaribia?' }).waitFor();
      expect(await layoutProblems(page)).toEqual([]);
      await tap(page, 'Ndiyo, nitumie SMS');
      await page.getByText('Andika namba yako ya simu').waitFor();
      // A digit short: refused on the spot (the button waits for at least nine digits).
      await typeDigits(page, '071234569');
      await tap(page, 'Pata tiketi yangu');
      await page.getByRole('alert').filter({ hasText: 'Hii si namba ya simu ya mkononi ya Kenya' }).waitFor();
      await typeDigits(page, '9');
      expect(await layoutProblems(page)).toEqual([]);
      await tap(page, 'Pata tiketi yangu');
      await page.getByTestId('ticket-label').waitFor();
      const label = (await page.getByTestId('ticket-label').textContent())!;
      expect(phoneOf(label)).toBe('+254712345699');
      await expect.poll(smsLog).toContain(`Tiketi ${label}.`);

      // Finishing goes back to the centre's first language: the next citizen chooses Kiswahili again.
      await tap(page, 'Maliza');
      await page.getByRole('heading', { name: 'Choose a service' }).waitFor();
      await tap(page, 'Kiswahili');
      await tap(page, /Cheti cha kuzaliwa/);
      await tap(page, 'Hapana, asante');
      await page.getByRole('heading', { name: 'Pata SMS zamu yako ikikaribia?' }).waitFor();
      await tap(page, 'Hapana, asante');
      await page.getByTestId('ticket-label').waitFor();
      expect(phoneOf((await page.getByTestId('ticket-label').textContent())!)).toBeUndefined();
    } finally {
      await context.close();
    }
  });
});
