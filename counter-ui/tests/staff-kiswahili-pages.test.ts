// The manager's pages, the front desk and the Bookings page in Kiswahili (issue #18), in real Chromium against a
// centre with something on every board (Monday 2 March 2026 in Nairobi): a counter on a tea break past its
// limit, a service past its target, a booking, an SMS, a kiosk asking for help. No line of any page may read
// as one of the catalogues' English messages, and the boards' headings are the Kiswahili ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ManualClock } from '@foleni/server/clock.js';
import type { TestCentre } from '@foleni/server/testing';
import { englishLeft } from './support/english-left.js';
import { signIn, startStaffCentre } from './support/staff-pages.js';
import type { StaffCentre } from './support/staff-pages.js';

const nairobi = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00+03:00`);

describe('staff pages in Kiswahili, every board', () => {
  const clock = new ManualClock(nairobi('09:00'));
  let s: StaffCentre;
  let c: TestCentre;
  let reference: string;

  /** A page of the manager's, whose account is in Kiswahili, with its clock at the centre's. */
  async function managerPage(path: string): Promise<Page> {
    const page = await s.newPage({ viewport: { width: 1366, height: 900 }, clock: true });
    await page.clock.setSystemTime(clock.now());
    await signIn(page, `${c.url}${path}`, 'manager');
    return page;
  }

  beforeAll(async () => {
    s = await startStaffCentre({ clock });
    c = s.centre;
    const manager = await c.login('manager');
    const admin = await c.login('admin');
    const clerk = await c.login('achieng');
    expect((await c.api('POST', '/me/lang', { auth: manager, body: { lang: 'sw' } })).status).toBe(204);

    // A booking this afternoon.
    const enabled = await c.api('PATCH', `/admin/services/${c.serviceId('B')}`, {
      auth: admin,
      body: { booking: { enabled: true, slotMinutes: 15, perSlot: 2, earlyMinutes: 10, graceMinutes: 15 } },
    });
    expect(enabled.status, JSON.stringify(enabled.body)).toBe(200);
    const slotStart = new Date(nairobi('14:00')).toISOString();
    const booked = await c.api('POST', '/appointments', { auth: clerk, body: { serviceId: c.serviceId('B'), slotStart, name: 'Amina Odhiambo', phone: '0722 000 333' } });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    reference = booked.body.appointment.reference;

    // A citizen waiting with a phone number (an SMS), soon past the service's target.
    const issued = await c.api('POST', '/tickets', { auth: manager, body: { serviceId: c.serviceId('A'), phone: '0712 345 911' } });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);

    // Counter 3 on a tea break, soon past its 20 minutes.
    const counter = c.counterId('Counter 3');
    expect((await c.api('POST', `/counters/${counter}/open`, { auth: clerk })).status).toBe(200);
    expect((await c.api('POST', `/counters/${counter}/pause`, { auth: clerk, body: { reason: 'tea' } })).status).toBe(200);
    clock.advanceMinutes(90);

    // A kiosk asks for help.
    expect((await c.api('POST', '/kiosk/help', { auth: c.kioskToken })).status).toBe(201);
  });
  afterAll(() => s?.close());

  it('shows the live dashboard, its alerts and the close-counter question all in Kiswahili', async () => {
    const page = await managerPage('/manage');
    await page.getByRole('heading', { name: 'Dashibodi ya moja kwa moja' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sw');

    for (const heading of [/^Madirisha/, /^Mapumzikoni/, /^Miadi ya leo/, /^SMS za leo/, /^Tahadhari/, /^Vioski, skrini na printa/]) {
      await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
    }
    await page.getByRole('heading', { name: 'Mwananchi anahitaji msaada kwenye kioski' }).waitFor();
    await page.getByRole('button', { name: 'Ninakuja' }).waitFor();

    const paused = page.getByTestId('paused-counters');
    await expect.poll(() => paused.locator('tr[data-counter="Counter 3"] [data-testid=pause-reason]').textContent()).toBe('Mapumziko ya chai');
    expect(await paused.getByRole('rowheader', { name: 'Dirisha 3' }).count()).toBe(1);
    await expect.poll(() => paused.getByRole('alert').textContent()).toContain('Dirisha 3 limesitishwa kwa Mapumziko ya chai zaidi ya dakika 20');
    await expect.poll(() => page.getByTestId('alerts').textContent()).toContain('imepita lengo lake');
    expect(await page.locator('[data-counter="Counter 3"] .chip').first().textContent()).toBe('Limesitishwa');

    // Today's SMS, opened one by one.
    await page.getByText('Ujumbe wa leo').click();
    await expect.poll(() => page.locator('.sms-board tbody tr').first().textContent()).toContain('tiketi imetolewa');

    await expect.poll(() => englishLeft(page)).toEqual([]);

    // Closing a counter asks in Kiswahili too.
    await page.getByRole('button', { name: 'Funga Dirisha 3', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Ufunge Dirisha 3?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('ameingia kwenye Dirisha 3');
    expect(await englishLeft(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Liache wazi' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('shows the reports, with attendance, and the breaks and no-shows rules in Kiswahili', async () => {
    const page = await managerPage('/manage/reports?from=2026-03-02&to=2026-03-02&groupBy=counter');
    await page.getByRole('heading', { name: 'Ripoti', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Mahudhurio' }).waitFor();
    await page.getByTestId('attendance-counters').locator('tr[data-name]').first().waitFor();
    await page.getByRole('button', { name: 'Mwezi huu' }).waitFor();
    expect(await page.getByTestId('report-table').getByRole('columnheader', { name: 'Dirisha' }).count()).toBe(1);
    expect(await englishLeft(page)).toEqual([]);

    await page.getByRole('link', { name: 'Mapumziko na wasiofika' }).click();
    await page.getByRole('heading', { name: 'Mapumziko na wasiofika', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Sababu za kusitisha' }).waitFor();
    await page.getByRole('button', { name: 'Hifadhi sheria za wasiofika' }).waitFor();
    expect(await englishLeft(page)).toEqual([]);
  });

  it('shows the front desk in Kiswahili, before and after issuing a ticket', async () => {
    const page = await managerPage('/counter/desk');
    await page.getByRole('heading', { name: 'Dawati la mapokezi', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sw');
    await page.getByRole('heading', { name: 'Mtolee mwananchi tiketi' }).waitFor();
    await page.getByRole('heading', { name: 'Tafuta tiketi' }).waitFor();
    expect(await englishLeft(page)).toEqual([]);

    await page.getByLabel('Huduma').selectOption(c.serviceId('A'));
    await page.getByRole('button', { name: 'Toa tiketi' }).click();
    const card = page.getByTestId('desk-ticket');
    await card.waitFor();
    const label = (await card.getAttribute('data-label'))!;
    await card.getByRole('heading', { name: `Tiketi ${label}` }).waitFor();
    await expect.poll(() => card.getByTestId('desk-print').textContent()).toBe('Uchapishaji: Haijachapishwa: ionyeshe kwenye skrini.');
    expect(await card.textContent()).toContain('Hali: Anasubiri');
    expect(await englishLeft(page)).toEqual([]);

    await page.getByLabel('Namba ya tiketi').fill('Z999');
    await page.getByRole('button', { name: 'Tafuta', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Hakuna tiketi Z999 leo.' }).count()).toBe(1);
  });

  it('shows the Bookings page in Kiswahili, the day list and a booking found by its reference', async () => {
    const page = await managerPage('/counter/bookings');
    await page.getByRole('heading', { name: 'Miadi', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sw');
    await page.getByRole('heading', { name: 'Weka miadi kwa anayepiga simu' }).waitFor();
    await page.getByRole('heading', { name: 'Tafuta miadi' }).waitFor();
    await page.getByRole('heading', { name: /^Miadi ya / }).waitFor();
    const row = page.getByTestId('bookings-list').locator(`tr[data-reference="${reference}"]`);
    await expect.poll(() => row.textContent()).toContain('Imewekwa');
    await page.getByTestId('slots').waitFor();
    expect(await englishLeft(page)).toEqual([]);

    await page.getByLabel(/^Namba ya kumbukumbu au namba ya simu/).fill(reference);
    await page.getByRole('button', { name: 'Tafuta', exact: true }).click();
    const found = page.getByTestId('found');
    await found.waitFor();
    await found.getByRole('button', { name: `Thibitisha kufika ${reference}` }).waitFor();
    await found.getByRole('button', { name: `Ghairi miadi ${reference}` }).waitFor();
    expect(await englishLeft(page)).toEqual([]);
  });
});
