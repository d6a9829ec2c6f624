// The admin's week and holidays on the Centre page, in real Chromium: one row per weekday with a "closed"
// toggle and its hours, a list of holidays to add to and remove from. A new centre opens Monday to
// Saturday 08:00–17:00; the admin makes Saturday a half day and adds Jamhuri Day and Christmas, is told in
// the form's words when Saturday would close before it opens, and the kiosk rule follows what was saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '@foleni/server/clock.js';
import { launchBrowser, seriousA11yViolations, startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';

/** Friday 11 December 2026, 10:00 in Nairobi. */
const FRIDAY = Date.parse('2026-12-11T10:00:00+03:00');

describe('admin: opening hours by weekday, and holidays', () => {
  let c: TestCentre;
  let browser: Browser;
  let page: Page;
  const clock = new ManualClock(FRIDAY);

  const row = (weekday: string) => page.locator(`tr[data-weekday=${weekday}]`);
  const holidays = () => page.locator('[data-holiday]');
  const save = () => page.getByRole('button', { name: 'Save centre settings' }).click();
  const hours = async () => (await c.api('GET', '/centre')).body.centre.openingHours;

  beforeAll(async () => {
    [c, browser] = await Promise.all([startTestCentre({ demo: false, clock }), launchBrowser()]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, bypassCSP: true });
    context.setDefaultTimeout(5000);
    page = await context.newPage();
    await page.goto(`${c.url}/admin`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('admin-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Centre' }).click();
    await page.getByRole('heading', { name: 'Centre', level: 1 }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('shows the week a row per weekday: Monday to Saturday open, Sunday closed, no holidays', async () => {
    expect(await page.locator('tr[data-weekday]').evaluateAll((rows) => rows.map((r) => r.querySelector('th')?.textContent))).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
    expect(await page.getByLabel('Saturday opens at').inputValue()).toBe('08:00');
    expect(await page.getByRole('checkbox', { name: 'Saturday closed' }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: 'Sunday closed' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Sunday opens at').isDisabled()).toBe(true);
    expect(await holidays().count()).toBe(0);
    await page.getByText('No holidays').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('says in the form’s words when Saturday would close before it opens, beside that field, and saves nothing', async () => {
    await page.getByLabel('Saturday opens at').fill('09:00');
    await page.getByLabel('Saturday closes at').fill('08:30');
    await save();
    const sentence = 'Saturday closes at (08:30) must be later than Saturday opens at (09:00): the centre opens, then closes, on the same day.';
    await page.getByRole('alert').getByText(sentence).waitFor();
    expect(await row('sat').textContent()).toContain(sentence);
    expect(await page.getByLabel('Saturday closes at').getAttribute('aria-invalid')).toBe('true');
    expect((await hours()).sat).toEqual({ opens: '08:00', closes: '17:00' });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('saves a Saturday half day and holidays added and removed in the list, kept in date order', async () => {
    await page.getByLabel('Saturday closes at').fill('13:00');
    const date = page.getByLabel('Holiday date');
    for (const day of ['2026-12-25', '2026-12-12', '2026-12-26']) {
      await date.fill(day);
      await page.getByRole('button', { name: 'Add holiday' }).click();
    }
    // A date listed already is said so, and not added twice.
    await date.fill('2026-12-25');
    await page.getByRole('button', { name: 'Add holiday' }).click();
    await page.getByText('Friday 25 December 2026 is listed already.').waitFor();
    await page.getByRole('button', { name: 'Remove Saturday 26 December 2026' }).click();
    expect(await holidays().allTextContents()).toEqual([expect.stringContaining('Saturday 12 December 2026'), expect.stringContaining('Friday 25 December 2026')]);
    await save();
    await page.getByText('The centre settings are saved').waitFor();

    const saved = await hours();
    expect(saved).toEqual({
      mon: { opens: '08:00', closes: '17:00' },
      tue: { opens: '08:00', closes: '17:00' },
      wed: { opens: '08:00', closes: '17:00' },
      thu: { opens: '08:00', closes: '17:00' },
      fri: { opens: '08:00', closes: '17:00' },
      sat: { opens: '09:00', closes: '13:00' },
      sun: null,
      closedDates: ['2026-12-12', '2026-12-25'],
      kiosksOnlyWhenOpen: true,
    });

    // The page shows what was saved after a reload.
    await page.reload();
    await page.getByRole('heading', { name: 'Centre', level: 1 }).waitFor();
    expect(await page.getByLabel('Saturday closes at').inputValue()).toBe('13:00');
    expect(await holidays().count()).toBe(2);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The kiosk rule follows it: Friday 10:00 is open; Jamhuri Day, a Saturday, is not; Monday is next.
    const centre = c.app.ctx.centre;
    expect(centre.kioskRefusal()).toBeNull();
    clock.set(Date.parse('2026-12-12T10:00:00+03:00'));
    const jamhuri = centre.kioskRefusal();
    expect(jamhuri?.code).toBe('centre-closed');
    expect(jamhuri?.details).toMatchObject({ closedDate: true, next: { day: '2026-12-14', opens: '08:00' } });
    // The Saturday after is a half day.
    clock.set(Date.parse('2026-12-19T13:00:00+03:00'));
    expect(centre.kioskRefusal()?.details).toMatchObject({ closed: 'after', today: { opens: '09:00', closes: '13:00' } });
  });

  it('closes a weekday with its toggle and opens it again with the hours it had', async () => {
    clock.set(FRIDAY);
    await page.getByRole('checkbox', { name: 'Wednesday closed' }).check();
    expect(await page.getByLabel('Wednesday opens at').isDisabled()).toBe(true);
    await save();
    await page.getByText('The centre settings are saved').waitFor();
    expect((await hours()).wed).toBeNull();
    await page.getByRole('checkbox', { name: 'Wednesday closed' }).uncheck();
    expect(await page.getByLabel('Wednesday opens at').inputValue()).toBe('08:00');
    await save();
    await expect.poll(async () => (await hours()).wed).toEqual({ opens: '08:00', closes: '17:00' });
  });
});
