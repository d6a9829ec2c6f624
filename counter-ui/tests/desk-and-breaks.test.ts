// The front desk and the staff's day in real Chromium against a real centre with the migration's no-show
// rules and a fake TCP printer: a desk clerk issues a priority ticket in Kiswahili and it prints; a no-show
// refused before the minimum time and a returning one placed as the manager set; a pause with a reason on
// the dashboard and in the attendance report; a clerk changes her own password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakePrinter } from '@foleni/scripts/src/fake-printer/fake-printer.js';
import { ManualClock } from '@foleni/server/clock.js';
import type { TestCentre } from '@foleni/server/testing';
import { openCounter, openDashboard, signIn, STAFF_PASSWORD, startStaffCentre } from './support/staff-pages.js';
import type { StaffCentre } from './support/staff-pages.js';

describe('front desk, fair no-shows and breaks', () => {
  const clock = new ManualClock(Date.parse('2026-03-02T09:00:00+03:00'));
  const printer = new FakePrinter();
  let s: StaffCentre;
  let c: TestCentre;
  let manager: string;

  beforeAll(async () => {
    await printer.start();
    s = await startStaffCentre({ clock, printerUrl: printer.url, noShowRules: 'centre' });
    c = s.centre;
    manager = await c.login('manager');
  });
  afterAll(async () => {
    await s?.close();
    await printer.stop();
  });

  it('issues a priority ticket for a citizen in Kiswahili at the desk, and it prints on the chosen kiosk', async () => {
    const page = await s.newPage();
    await signIn(page, `${c.url}/counter/desk`, 'otieno');
    await page.getByRole('heading', { name: 'Issue a ticket for a citizen' }).waitFor();
    await page.getByLabel('Service').selectOption({ label: await serviceOption(page, 'A') });
    await page.getByRole('radio', { name: 'Elderly' }).check();
    await page.getByRole('radio', { name: 'Kiswahili' }).check();
    await page.getByLabel('Print on').selectOption({ index: 1 });
    // A number for SMS: a bad one is refused and issues nothing; a good one goes with the ticket.
    await page.getByLabel('Mobile number for SMS').fill('0712 34');
    await page.getByRole('button', { name: 'Issue ticket' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not a Kenyan mobile number');
    await page.getByLabel('Mobile number for SMS').fill('0712 345 911');
    await page.getByRole('button', { name: 'Issue ticket' }).click();

    const card = page.getByTestId('desk-ticket');
    await card.waitFor();
    const label = (await card.getAttribute('data-label'))!;
    expect(label).toMatch(/^A\d{3}$/);
    const [job] = await printer.waitForJobs(1);
    expect(job!.text).toContain(label);
    expect(job!.text).toContain('Kipaumbele: mzee');
    expect(job!.qrCodes[0]).toMatch(/\/t\//);
    const ticket = c.app.ctx.repos.tickets.byId(c.app.ctx.repos.desk.ticketIdByLabel(c.app.ctx.centre.today(), label)!)!;
    expect(ticket).toMatchObject({ priority: 'elderly', lang: 'sw', source: 'staff' });
    expect(c.app.ctx.sms.maskedPhoneOf(ticket)).toBe('+2547•••••911');
    expect(await page.getByLabel('Mobile number for SMS').inputValue()).toBe('');
    await expect.poll(() => card.getByTestId('desk-print').textContent()).toMatch(/Printed|Sent to the printer|Printing/);

    // Found again by what the citizen reads out, shown big for a photo, then moved with a note.
    await page.getByLabel('Ticket number').fill(label.toLowerCase().replace(/^a0+/, 'a'));
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('button', { name: 'Show it to the citizen' }).click();
    const big = page.getByTestId('citizen-ticket');
    expect(await big.textContent()).toContain('Piga picha ya skrini hii');
    expect(await big.textContent()).toContain('Kipaumbele: Mzee');
    await page.getByLabel('Note (why)').fill('needs a birth certificate');
    await page.getByLabel('Move to').selectOption({ label: await serviceOption(page, 'B', 'Move to') });
    await page.getByRole('button', { name: 'Move' }).click();
    await expect.poll(() => c.app.ctx.repos.tickets.byId(ticket.id)!.serviceId).toBe(c.serviceId('B'));
    expect(c.app.ctx.repos.tickets.byId(ticket.id)!.journey.at(-1)?.note).toBe('needs a birth certificate');
    await page.getByRole('button', { name: `Cancel ticket ${label}` }).click();
    await expect.poll(() => c.app.ctx.repos.tickets.byId(ticket.id)!.status).toBe('cancelled');
  });

  it('refuses a no-show before two minutes and puts the returning one behind the first three', async () => {
    const first = await issue('D');
    const others = [];
    for (let i = 0; i < 4; i++) {
      clock.advance(60_000);
      others.push(await issue('D'));
    }
    const page = await s.newPage();
    await openCounter(page, c.url, 'wanjiru', 'Counter 1');
    await page.getByRole('button', { name: 'Call next', exact: true }).click();
    await expect.poll(() => page.getByTestId('current-label').textContent()).toBe(first.label);

    // The citizen answers the call on the phone: the clerk's card says they are coming.
    const phone = await s.newPage({ viewport: { width: 390, height: 800 } });
    await phone.goto(first.trackUrl);
    await phone.getByRole('button', { name: 'OK, I am on my way' }).click();
    await expect.poll(() => page.getByTestId('on-my-way').textContent()).toContain('The customer says they are on the way');

    clock.advance(30_000);
    await page.getByRole('button', { name: 'No-show', exact: true }).click();
    await expect.poll(() => page.getByTestId('error').textContent()).toContain('Too soon for a no-show');
    expect(c.app.ctx.repos.tickets.byId(first.id)!.status).toBe('called');

    clock.advance(90_000);
    await page.getByRole('button', { name: 'No-show', exact: true }).click();
    await expect.poll(() => c.app.ctx.repos.tickets.byId(first.id)!.status).toBe('no_show');
    await page.getByRole('button', { name: new RegExp(`^Reactivate ${first.label}`) }).click();
    await expect.poll(() => c.app.ctx.repos.tickets.byId(first.id)!.status).toBe('waiting');
    // Three of those who waited stay ahead of the one who did not come.
    expect((await c.api('GET', `/tickets/${first.id}`)).body.ticket.position).toBe(4);
    for (const t of [first, ...others]) await c.api('POST', `/tickets/${t.id}/cancel`, { auth: manager });
  });

  it('asks why a counter pauses; the dashboard shows the reason and alerts past its limit; attendance counts it', async () => {
    const page = await s.newPage();
    await openCounter(page, c.url, 'achieng', 'Counter 3');
    clock.advance(10 * 60_000);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Pause' });
    await dialog.getByRole('button', { name: 'Tea break' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Resume' }).isVisible()).toBe(true);
    const last = c.db.prepare("SELECT data FROM events WHERE type = 'counter.paused' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(last)).toMatchObject({ reason: 'tea' });

    clock.advance(25 * 60_000);
    const dash = await s.newPage();
    await openDashboard(dash, c.url);
    const paused = dash.getByTestId('paused-counters');
    await expect.poll(() => paused.locator('tr[data-counter="Counter 3"] [data-testid=pause-reason]').textContent()).toBe('Tea break');
    await expect.poll(() => paused.getByRole('alert').textContent()).toContain('Counter 3 has been paused for Tea break longer than 20 min');

    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(async () => (await c.api('GET', `/counters/${c.counterId('3')}`, { auth: manager })).body.counter.status).toBe('open');
    const reports = await s.newPage();
    await signIn(reports, `${c.url}/manage/reports?from=2026-03-02&to=2026-03-02`, 'manager');
    const row = reports.getByTestId('attendance-clerks').locator('tr[data-name="Achieng Atieno"]');
    await expect.poll(() => row.locator('td[data-reason=tea]').textContent()).toBe('0:25');
    expect(await reports.getByTestId('attendance-csv').getAttribute('href')).toContain('/stats/attendance?');
  });

  it('lets a clerk change his own password where he chooses his counter', async () => {
    const page = await s.newPage();
    await signIn(page, `${c.url}/counter`, 'kiprop');
    await page.getByRole('heading', { name: 'Choose your counter' }).waitFor();
    await page.getByRole('button', { name: 'Password', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Change your password' });
    await dialog.getByLabel('Current password').fill(STAFF_PASSWORD);
    await dialog.getByLabel('New password', { exact: true }).fill('password');
    await dialog.getByLabel('New password again').fill('password');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => dialog.getByTestId('password-message').textContent()).toContain('refused');
    await dialog.getByLabel('New password', { exact: true }).fill('kiprop-counter-nine');
    await dialog.getByLabel('New password again').fill('kiprop-counter-nine');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => dialog.getByTestId('password-message').textContent()).toBe('Your password is changed.');
    expect((await c.api('POST', '/auth/login', { body: { username: 'kiprop', password: 'kiprop-counter-nine' } })).status).toBe(200);
  });

  async function issue(code: string) {
    const res = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId(code) } });
    expect(res.status).toBe(201);
    return { id: res.body.ticket.id as string, label: res.body.ticket.label as string, trackUrl: res.body.ticket.trackUrl as string };
  }
});

/** The text of the option for a service code in a select, whatever its waiting count says. */
async function serviceOption(page: import('playwright-core').Page, code: string, label = 'Service'): Promise<string> {
  const texts = await page.getByLabel(label).locator('option').allTextContents();
  return texts.find((t) => t.startsWith(`${code} · `))!;
}
