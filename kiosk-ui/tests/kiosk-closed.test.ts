// The kiosk outside opening hours, in real Chromium against a centre whose clock the test sets (Nairobi,
// UTC+3) and whose admin has the kiosks keep the hours (the demo week: Monday to Friday 08:00–17:00,
// Saturday 09:00–13:00, Sunday closed): a calm closed screen in English and Kiswahili with no service to
// choose, naming when the centre opens next across a weekend and holidays; it opens again without a reload
// when the admin turns the setting off or moves the hours, and by itself at opening time; when the server
// says closed though the kiosk reckoned open, the citizen sees the closed screen rather than an error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '@foleni/server/clock.js';
import { launchBrowser, seriousA11yViolations } from '@foleni/server/testing';
import { LANDSCAPE, layoutProblems, openKiosk, PORTRAIT, shot, startKioskCentre, tap } from './support/kiosk-centre.js';
import type { KioskCentre } from './support/kiosk-centre.js';

/** An instant at a Nairobi time of day on a day of March 2026 (2 March is a Monday), or on a date. */
const nairobi = (day: number | string, hhmm: string, seconds = 0) =>
  Date.parse(`${typeof day === 'string' ? day : `2026-03-${String(day).padStart(2, '0')}`}T${hhmm}:${String(seconds).padStart(2, '0')}+03:00`);

describe('kiosk: closed outside opening hours', () => {
  const clock = new ManualClock(nairobi(2, '20:00'));
  let kc: KioskCentre;
  let browser: Browser;
  let admin: string;

  const ticketCount = (): number => kc.centre.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number;
  const setHours = async (openingHours: Record<string, unknown>) => {
    const res = await kc.centre.api('PATCH', '/admin/centre', { auth: admin, body: { openingHours } });
    expect(res.status).toBe(200);
  };
  const closedScreen = (page: Page) => page.getByTestId('closed');
  const serviceMenu = (page: Page, heading = 'Choose a service') => page.getByRole('heading', { name: heading, level: 1 });
  /** Proof that the page was not reloaded since `markPage`. */
  const markPage = (page: Page) => page.evaluate(() => ((window as unknown as { sameLoad: boolean }).sameLoad = true));
  const samePage = (page: Page) => page.evaluate(() => (window as unknown as { sameLoad?: boolean }).sameLoad === true);

  beforeAll(async () => {
    kc = await startKioskCentre({ clock });
    browser = await launchBrowser();
    admin = await kc.centre.login('admin');
    // The demo centre lets its kiosk issue at any hour; a real centre has it keep the hours.
    await setHours({ kiosksOnlyWhenOpen: true });
  });
  afterAll(async () => {
    await browser?.close();
    await kc?.close();
  });

  it('shows the closed screen at night in both languages, and opens when the admin turns the setting off or moves the hours', async () => {
    clock.set(nairobi(2, '20:00'));
    const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken);
    try {
      await closedScreen(page).waitFor();
      await page.getByRole('heading', { name: 'The centre is closed', level: 1 }).waitFor();
      const text = (await closedScreen(page).textContent()) ?? '';
      expect(text).toContain('Opening hours: 08:00 to 17:00');
      expect(text).toContain('Please come back tomorrow from 08:00.');
      expect(await page.getByRole('heading', { name: 'Kituo kimefungwa', level: 2 }).count()).toBe(1);
      // A 24-hour time is never put straight after "saa", where it would be read in Swahili time (saa 08:00
      // = 2 pm): the Swahili reading comes first and the 24-hour time beside it.
      expect(text).toContain('Saa za kazi: kuanzia saa 2 asubuhi (08:00) hadi saa 11 jioni (17:00)');
      expect(text).toContain('Tafadhali rudi kesho kuanzia saa 2 asubuhi (08:00).');
      expect(text).not.toMatch(/saa \d\d:\d\d/);
      // No service to choose: the only buttons are the header's (help, reading aloud, large text, language).
      const headerButtons = ['Help', 'Read aloud', 'Large text', 'English', 'Kiswahili'];
      expect(await page.getByRole('button').allTextContents()).toEqual(headerButtons.map((l) => expect.stringContaining(l)));
      expect(await serviceMenu(page).count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(await layoutProblems(page)).toEqual([]);
      await shot(page, 'closed-portrait');
      await page.setViewportSize(LANDSCAPE);
      expect(await layoutProblems(page)).toEqual([]);
      await shot(page, 'closed-landscape');
      await page.setViewportSize(PORTRAIT);

      // The switch puts Kiswahili first.
      await tap(page, 'Kiswahili');
      await page.getByRole('heading', { name: 'Kituo kimefungwa', level: 1 }).waitFor();
      await tap(page, 'English');
      await page.getByRole('heading', { name: 'The centre is closed', level: 1 }).waitFor();

      await markPage(page);
      await setHours({ kiosksOnlyWhenOpen: false });
      await serviceMenu(page).waitFor();
      expect(await closedScreen(page).count()).toBe(0);

      await setHours({ kiosksOnlyWhenOpen: true });
      await closedScreen(page).waitFor();

      // Evening hours on Mondays: open at 20:00 again, and the kiosk issues.
      await setHours({ mon: { opens: '06:00', closes: '22:00' } });
      await serviceMenu(page).waitFor();
      const before = ticketCount();
      await tap(page, /National ID card/);
      await tap(page, 'No, thank you');
      // The SMS question follows the priority one: no number.
      await tap(page, 'No thanks');
      await page.getByTestId('ticket-label').waitFor();
      expect(ticketCount()).toBe(before + 1);
      expect(await samePage(page)).toBe(true);
    } finally {
      await context.close();
      await setHours({ mon: { opens: '08:00', closes: '17:00' }, kiosksOnlyWhenOpen: true });
    }
  });

  it('opens by itself at opening time, without a reload', async () => {
    clock.set(nairobi(3, '07:58'));
    const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken, { clock: true });
    try {
      await closedScreen(page).waitFor();
      expect(await closedScreen(page).textContent()).toContain('Tickets are issued from 08:00 today. Please come back then.');
      expect(await closedScreen(page).textContent()).toContain('Tiketi zinatolewa kuanzia saa 2 asubuhi (08:00) leo.');
      await markPage(page);

      // Two and a half minutes later, on the server and on the kiosk.
      clock.set(nairobi(3, '08:00', 30));
      await page.clock.fastForward('02:30');
      await serviceMenu(page).waitFor({ timeout: 15_000 });
      expect(await closedScreen(page).count()).toBe(0);
      expect(await samePage(page)).toBe(true);

      const before = ticketCount();
      await tap(page, /Birth certificate/);
      await tap(page, 'No, thank you');
      // The SMS question follows the priority one: no number.
      await tap(page, 'No thanks');
      await page.getByTestId('ticket-label').waitFor();
      expect(ticketCount()).toBe(before + 1);
    } finally {
      await context.close();
    }
  });

  it('shows the closed screen, not an error, when the server says closed though the kiosk reckoned open', async () => {
    clock.set(nairobi(3, '16:50'));
    const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken);
    try {
      await serviceMenu(page).waitFor();
      // The server's clock moves on past closing time; the kiosk is not told and still reckons 16:50.
      clock.set(nairobi(3, '17:05'));
      const before = ticketCount();
      await tap(page, /National ID card/);
      await tap(page, 'No, thank you');
      // The SMS question follows the priority one: no number.
      await tap(page, 'No thanks');
      await closedScreen(page).waitFor();
      expect(await closedScreen(page).textContent()).toContain('Please come back tomorrow from 08:00.');
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(await serviceMenu(page).count()).toBe(0);
      expect(ticketCount()).toBe(before);
    } finally {
      await context.close();
    }
  });

  it('names the next opening across the weekend and the holidays, in both languages', async () => {
    // The admin closes between Christmas and New Year too (Jamhuri Day, Christmas, Boxing Day and New Year's
    // Day are the demo's holidays already).
    await setHours({ closedDates: ['2026-12-12', '2026-12-25', '2026-12-26', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01'] });
    const textAt = async (at: number) => {
      clock.set(at);
      const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken);
      try {
        await closedScreen(page).waitFor();
        expect(await serviceMenu(page).count()).toBe(0);
        const text = (await closedScreen(page).textContent()) ?? '';
        expect(text).not.toMatch(/saa \d\d:\d\d/i);
        expect(await layoutProblems(page)).toEqual([]);
        return text;
      } finally {
        await context.close();
      }
    };

    // Saturday afternoon, after the half day: Monday.
    const saturday = await textAt(nairobi(7, '14:00'));
    expect(saturday).toContain('Opening hours: 08:00 to 17:00');
    expect(saturday).toContain('Please come back on Monday from 08:00.');
    expect(saturday).toContain('Tafadhali rudi Jumatatu kuanzia saa 2 asubuhi (08:00).');

    // Sunday: closed all day, back tomorrow.
    const sunday = await textAt(nairobi(8, '11:00'));
    expect(sunday).toContain('The centre does not open on Sundays.');
    expect(sunday).toContain('Kituo hakifunguliwi siku ya Jumapili.');
    expect(sunday).toContain('Please come back tomorrow from 08:00.');
    expect(sunday).toContain('Tafadhali rudi kesho kuanzia saa 2 asubuhi (08:00).');

    // Friday 11 December, evening: Jamhuri Day closes Saturday, so Monday the 14th.
    expect(await textAt(nairobi('2026-12-11', '18:00'))).toContain('Please come back on Monday from 08:00.');

    // Christmas Day: a holiday, then the closed week and New Year's Day: Saturday 2 January, a half day.
    const christmas = await textAt(nairobi('2026-12-25', '10:00'));
    expect(christmas).toContain('Today is a public holiday.');
    expect(christmas).toContain('Leo ni sikukuu ya umma.');
    expect(christmas).toContain('Opening hours: 09:00 to 13:00');
    expect(christmas).toContain('Saa za kazi: kuanzia saa 3 asubuhi (09:00) hadi saa 7 mchana (13:00)');
    expect(christmas).toContain('Please come back on Saturday 2 January from 09:00.');
    expect(christmas).toContain('Tafadhali rudi Jumamosi, tarehe 2 Januari, kuanzia saa 3 asubuhi (09:00).');
  });
});
