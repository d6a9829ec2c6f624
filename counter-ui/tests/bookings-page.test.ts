// The Bookings page (/counter/bookings) in real Chromium against a real centre whose clock the test sets
// (Monday 2 March 2026, 10:05 in Nairobi): staff book a caller into a free slot and read the reference out
// spelled; the citizen checks it in at the kiosk by scanning; the clerk sees the booked ticket marked with its
// time; staff find bookings by reference and by phone, cancel one, check one in, and print or download the
// day's list; the manager's dashboard counts today's bookings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ManualClock } from '@foleni/server/clock.js';
import { keepDeviceToken, seriousA11yViolations } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';
import { spelled } from '../src/bookings/reference.js';
import { openCounter, openDashboard, signIn, startStaffCentre } from './support/staff-pages.js';
import type { StaffCentre } from './support/staff-pages.js';

/** An instant at a Nairobi time of day (UTC+3) on a day of March 2026 (2 March is a Monday). */
const nairobi = (day: number, hhmm: string) => Date.parse(`2026-03-${String(day).padStart(2, '0')}T${hhmm}:00+03:00`);
const iso = (day: number, hhmm: string) => new Date(nairobi(day, hhmm)).toISOString();

describe('bookings page', () => {
  const clock = new ManualClock(nairobi(2, '10:05'));
  let s: StaffCentre;
  let c: TestCentre;
  let clerk: string;

  const appointment = async (reference: string) => (await c.api('GET', `/appointments/${reference}`, { auth: clerk })).body.appointment;
  const axe = async (page: Page) => expect(await seriousA11yViolations(page)).toEqual([]);

  /** The Bookings page signed in as `username`, its clock at the centre's. */
  async function bookingsPage(username = 'wanjiru'): Promise<Page> {
    const page = await s.newPage({ viewport: { width: 1366, height: 900 }, clock: true });
    await page.clock.setSystemTime(clock.now());
    await signIn(page, `${c.url}/counter/bookings`, username);
    await page.getByRole('heading', { name: 'Bookings', level: 1 }).waitFor();
    return page;
  }

  beforeAll(async () => {
    s = await startStaffCentre({ clock });
    c = s.centre;
    clerk = await c.login('wanjiru');
    const admin = await c.login('admin');
    for (const code of ['A', 'B']) {
      const res = await c.api('PATCH', `/admin/services/${c.serviceId(code)}`, {
        auth: admin,
        body: { booking: { enabled: true, slotMinutes: 15, perSlot: 2, earlyMinutes: 10, graceMinutes: 15 } },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
  });
  afterAll(() => s?.close());

  it('books a caller, the citizen scans the reference at the kiosk, and the clerk sees the booked ticket', async () => {
    const page = await bookingsPage();
    await page.getByLabel('Service').first().selectOption(c.serviceId('A'));
    const slot = page.getByTestId('slots').getByRole('button', { name: /^10:30/ });
    await slot.waitFor();
    // 10:00 has begun: the first slot offered is 10:15.
    expect(await page.getByTestId('slots').getByRole('button').first().textContent()).toMatch(/^10:15/);
    expect(await slot.textContent()).toContain('2 of 2 free');
    await slot.click();
    await page.locator('input[name=name]').fill('Amina Odhiambo');
    await page.locator('input[name=phone]').fill('0712 345 678');
    // The caller speaks Kiswahili: reminders and the ticket will too (the centre's first language otherwise).
    expect(await page.locator('select[name=lang]').inputValue()).toBe('en');
    await page.locator('select[name=lang]').selectOption('sw');
    await page.getByRole('button', { name: 'Book 10:30' }).click();

    const reference = (await page.getByTestId('booked-reference').textContent())!;
    expect(reference).toMatch(/^[ACDEFHJKMNPRTUVWXY3479]{6}$/);
    // Spelled for the phone, in two groups of three.
    expect(await page.getByTestId('booked-spelled').textContent()).toBe(spelled(reference));
    expect(spelled('K7M3PA')).toBe('K 7 M – 3 P A');
    expect(await appointment(reference)).toMatchObject({ status: 'booked', slotStart: iso(2, '10:30'), name: 'Amina Odhiambo', channel: 'contact_centre', lang: 'sw' });
    await axe(page);
    await page.getByRole('button', { name: 'Book another caller' }).click();
    await expect.poll(() => page.getByTestId('slots').getByRole('button', { name: /^10:30/ }).textContent()).toContain('1 of 2 free');

    // The citizen, at the kiosk on the day: the scanner types the reference 5 ms a key, then Enter (sent from
    // inside the page: keys sent one by one by the test arrive 40–100 ms apart on a busy machine).
    const kiosk = await s.newPage({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
    await keepDeviceToken(kiosk.context(), 'kiosk', c.kioskToken);
    await kiosk.goto(`${c.url}/kiosk`);
    await kiosk.getByRole('heading', { name: 'Choose a service' }).waitFor();
    await kiosk.evaluate(async (code) => {
      for (const key of [...code, 'Enter']) {
        (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }, reference);
    await kiosk.getByTestId('ticket-label').waitFor();
    const label = (await kiosk.getByTestId('ticket-label').textContent())!;
    expect(await kiosk.getByTestId('ticket-booked').textContent()).toBe('Booked 10:30');
    // She used the kiosk in English: the booking and its ticket follow.
    expect(await appointment(reference)).toMatchObject({ status: 'checked_in', lang: 'en' });

    // The clerk of counter 2 (National ID cards) sees the booked ticket marked with its time, and calls it.
    const counter = await s.newPage();
    await openCounter(counter, c.url, 'otieno', 'Counter 2');
    const row = counter.locator(`[data-testid=waiting-list] li[data-label="${label}"]`);
    await expect.poll(() => row.getByTestId('booked').textContent()).toBe('Booked 10:30');
    await row.getByRole('button', { name: `Call ${label}` }).click();
    await expect.poll(() => counter.getByTestId('current-label').textContent()).toBe(label);
    expect(await counter.getByTestId('current-ticket').getByTestId('booked').textContent()).toBe('Booked 10:30');
    await axe(counter);

    // Back at the Bookings page: found by its reference, checked in; and in the day's list.
    await page.getByLabel('Reference or phone number').fill(reference.toLowerCase());
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    const found = page.getByTestId('found').locator(`li[data-reference="${reference}"]`);
    await expect.poll(() => found.textContent()).toContain('Checked in');
    // The kiosk's check-in was pushed to the page: the list shows it without being asked.
    const listed = page.getByTestId('bookings-list').locator(`tr[data-reference="${reference}"]`);
    await expect.poll(() => listed.textContent()).toContain('Checked in');
    expect(await listed.textContent()).toContain('Amina Odhiambo');
    // The phone is masked wherever it is shown.
    expect(await listed.textContent()).not.toContain('345');
    await axe(page);
  });

  it('finds a caller by phone and cancels, checks a citizen in, and prints or downloads the day', async () => {
    const book = async (hhmm: string, phone?: string) => {
      const res = await c.api('POST', '/appointments', { auth: clerk, body: { serviceId: c.serviceId('B'), slotStart: iso(2, hhmm), ...(phone ? { phone } : {}) } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.appointment.reference as string;
    };
    const caller = await book('11:00', '0722 000 111');
    const walkingIn = await book('11:15');
    const page = await bookingsPage('achieng');

    // A caller who lost their reference gives their number.
    await page.getByLabel('Reference or phone number').fill('+254722000111');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    const found = page.getByTestId('found').locator(`li[data-reference="${caller}"]`);
    await found.waitFor();
    await found.getByRole('button', { name: `Cancel booking ${caller}` }).click();
    await found.getByRole('button', { name: `Yes, cancel ${caller}` }).click();
    await expect.poll(() => found.textContent()).toContain('Cancelled');
    expect((await appointment(caller)).status).toBe('cancelled');
    await page.getByText(`${caller} is cancelled: its place at 11:00 is free again.`).waitFor();

    // The citizen of 11:15 is at reception: checked in from the day's list, the ticket shown to tell or print.
    const row = page.getByTestId('bookings-list').locator(`tr[data-reference="${walkingIn}"]`);
    await row.getByRole('button', { name: `Check in ${walkingIn}` }).click();
    const ticket = page.getByTestId('checked-in-ticket');
    await ticket.waitFor();
    expect(await page.getByTestId('checked-in-label').textContent()).toMatch(/^B\d{3}$/);
    expect(await ticket.textContent()).toContain('Booked 11:15 / Miadi: 11:15');
    expect((await appointment(walkingIn)).status).toBe('checked_in');
    await expect.poll(() => row.textContent()).toContain('Checked in');
    await axe(page);

    // The CSV of the day, as the link downloads it with the staff session.
    const href = (await page.getByTestId('bookings-csv').getAttribute('href'))!;
    expect(href).toContain('format=csv');
    const csv = await page.request.get(new URL(href, c.url).toString());
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text).toContain(caller);
    expect(text).toContain(walkingIn);

    // On paper: the list without the page's controls and header.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.page-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print the list' }).isVisible()).toBe(false);
    expect(await page.getByTestId('bookings-list').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it("shows today's bookings per service on the manager's dashboard", async () => {
    const page = await s.newPage();
    await openDashboard(page, c.url);
    const row = page.getByTestId('bookings-today').locator('tr[data-code="B"]');
    // B: 11:00 cancelled, 11:15 checked in.
    await expect.poll(() => row.locator('td').allTextContents()).toEqual(['1', '1', '0', '0', '0']);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('shows a booking made, checked in at the kiosk or cancelled elsewhere within seconds, without a reload', async () => {
    const page = await bookingsPage('achieng');
    const list = page.getByTestId('bookings-list');
    await list.waitFor();
    // Within two seconds only the push can bring these in: the page reads the list itself every half minute.
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    const book = async (hhmm: string, phone: string) => {
      const res = await c.api('POST', '/appointments', { auth: clerk, body: { serviceId: c.serviceId('A'), slotStart: iso(2, hhmm), phone } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.appointment.reference as string;
    };
    const within = { timeout: 2_000, intervals: [50] };
    const arriving = await book('11:45', '0722 000 444');
    const row = list.locator(`tr[data-reference="${arriving}"]`);
    await expect.poll(() => row.textContent(), within).toContain('Booked');

    const checkedIn = await c.api('POST', `/appointments/${arriving}/check-in`, { auth: c.kioskToken, body: { lang: 'sw' } });
    expect(checkedIn.status).toBe(201);
    await expect.poll(() => row.textContent(), within).toContain('Checked in');
    // The push carries no number: the row keeps the masked one the list gave it.
    expect(await row.textContent()).toContain('+2547•••••444');

    const other = await book('12:00', '0722 000 555');
    const otherRow = list.locator(`tr[data-reference="${other}"]`);
    await expect.poll(() => otherRow.textContent(), within).toContain('Booked');
    expect((await c.api('POST', `/appointments/${other}/cancel`, { auth: clerk })).status).toBe(200);
    await expect.poll(() => otherRow.textContent(), within).toContain('Cancelled');
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  });

  it('texts "ready to collect" to a checked-in booking’s number from its row', async () => {
    const res = await c.api('POST', '/appointments', { auth: clerk, body: { serviceId: c.serviceId('B'), slotStart: iso(2, '11:30'), phone: '0722 000 333' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const reference = res.body.appointment.reference as string;
    const page = await bookingsPage('achieng');
    const row = page.getByTestId('bookings-list').locator(`tr[data-reference="${reference}"]`);
    // Booked, not yet here: nothing to collect.
    await row.getByRole('button', { name: `Check in ${reference}` }).waitFor();
    expect(await row.getByRole('button', { name: `Ready to collect: SMS for ${reference}` }).count()).toBe(0);
    await row.getByRole('button', { name: `Check in ${reference}` }).click();
    await row.getByRole('button', { name: `Ready to collect: SMS for ${reference}` }).click();
    await page.getByText(`${reference}: an SMS tells the citizen the document is ready to collect.`).waitFor();
    const ticketId = (await appointment(reference)).ticketId as string;
    const rowid = c.db.prepare('SELECT rowid FROM tickets WHERE id = ?').pluck().get(ticketId);
    expect(c.db.prepare("SELECT kind FROM sms_outbox WHERE ticket_rowid = ? AND kind = 'ready'").pluck().all(rowid)).toEqual(['ready']);
    // Once only: a second press says so.
    await row.getByRole('button', { name: `Ready to collect: SMS for ${reference}` }).click();
    await page.getByText('already told').waitFor();
  });
});
