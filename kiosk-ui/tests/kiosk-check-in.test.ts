// A booked citizen at the kiosk, in real Chromium against a real centre whose clock the test sets (Monday
// 2 March 2026, 10:05 in Nairobi) and whose kiosk prints to a fake TCP printer: "I have a booking", the
// reference typed on the kiosk's own keyboard or "scanned" (a USB scanner types it 5 ms a key, then Enter),
// in English and Kiswahili, portrait and landscape; the ticket says when the booking is and, for an early
// arrival, from when they will be called; refusals say why in both languages, change nothing and offer a
// walk-in ticket where that is the way on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '@foleni/server/clock.js';
import { launchBrowser, seriousA11yViolations } from '@foleni/server/testing';
import { LANDSCAPE, layoutProblems, openKiosk, PORTRAIT, shot, startKioskCentre, tap } from './support/kiosk-centre.js';
import type { KioskCentre } from './support/kiosk-centre.js';

/** An instant at a Nairobi time of day (UTC+3) on a day of March 2026 (2 March is a Monday). */
const nairobi = (day: number, hhmm: string) => Date.parse(`2026-03-${String(day).padStart(2, '0')}T${hhmm}:00+03:00`);
const iso = (day: number, hhmm: string) => new Date(nairobi(day, hhmm)).toISOString();

describe('kiosk: checking a booking in', () => {
  const clock = new ManualClock(nairobi(2, '10:05'));
  let kc: KioskCentre;
  let browser: Browser;
  let clerk: string;
  let admin: string;

  const ticketCount = (): number => kc.centre.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number;
  const appointment = async (reference: string) => (await kc.centre.api('GET', `/appointments/${reference}`, { auth: clerk })).body.appointment;

  /** Books a place in service A's slot at `hhmm` (on `day` of March) as the Contact Centre would; its reference. */
  async function book(hhmm: string, day = 2): Promise<string> {
    const res = await kc.centre.api('POST', '/appointments', { auth: clerk, body: { serviceId: kc.centre.serviceId('A'), slotStart: iso(day, hhmm) } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.appointment.reference as string;
  }

  /** The kiosk's start screen in `lang`, at `viewport`. */
  async function kioskAt(viewport: { width: number; height: number }, lang: 'en' | 'sw') {
    const kp = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken, { viewport });
    await kp.page.getByRole('heading', { name: 'Choose a service' }).waitFor();
    if (lang === 'sw') {
      await tap(kp.page, 'Kiswahili');
      await kp.page.getByRole('heading', { name: 'Chagua huduma' }).waitFor();
    }
    return kp;
  }

  /** Types the reference on the kiosk's keyboard, a key at a time as a finger does, then Check in. */
  async function typeReference(page: Page, reference: string, lang: 'en' | 'sw'): Promise<void> {
    await page.getByTestId('have-booking').tap();
    await page.getByRole('heading', { name: lang === 'en' ? 'Type your booking reference' : 'Andika msimbo wa miadi yako' }).waitFor();
    for (const key of reference) await page.locator(`[data-testid=reference-keyboard] [data-key="${key}"]`).tap();
    await expect.poll(() => page.getByTestId('reference-entry').getAttribute('data-value')).toBe(reference);
    await tap(page, lang === 'en' ? 'Check in' : 'Thibitisha miadi');
  }

  /**
   * What a USB scanner does: the code's characters 5 ms apart, then Enter, to whatever has the focus. Sent
   * from inside the page: keys sent one by one from here arrive 40–100 ms apart on a busy machine.
   */
  async function scan(page: Page, text: string): Promise<void> {
    await page.evaluate(async (code) => {
      for (const key of [...code, 'Enter']) {
        (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }, text);
  }

  beforeAll(async () => {
    kc = await startKioskCentre({ clock }, { printMs: 100 });
    browser = await launchBrowser();
    clerk = await kc.centre.login('wanjiru');
    admin = await kc.centre.login('admin');
    // National ID cards take bookings: 15-minute slots, 20 places each, called from 10 minutes early, 15 minutes' grace.
    const res = await kc.centre.api('PATCH', `/admin/services/${kc.centre.serviceId('A')}`, {
      auth: admin,
      body: { booking: { enabled: true, slotMinutes: 15, perSlot: 20, earlyMinutes: 10, graceMinutes: 15 } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await kc.centre.api('POST', `/counters/${kc.centre.counterId('2')}/open`, { auth: clerk })).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await kc?.close();
  });

  const WAYS = [
    { lang: 'en', viewport: PORTRAIT, how: 'type' },
    { lang: 'en', viewport: PORTRAIT, how: 'scan' },
    { lang: 'en', viewport: LANDSCAPE, how: 'type' },
    { lang: 'en', viewport: LANDSCAPE, how: 'scan' },
    { lang: 'sw', viewport: PORTRAIT, how: 'type' },
    { lang: 'sw', viewport: PORTRAIT, how: 'scan' },
    { lang: 'sw', viewport: LANDSCAPE, how: 'type' },
    { lang: 'sw', viewport: LANDSCAPE, how: 'scan' },
  ] as const;

  for (const way of WAYS) {
    const orientation = way.viewport === PORTRAIT ? 'portrait' : 'landscape';
    it(`checks a booking in by ${way.how === 'type' ? 'typing' : 'scanning'} its reference, in ${way.lang === 'en' ? 'English' : 'Kiswahili'}, ${orientation}`, async () => {
      const reference = await book('10:30');
      const { context, page } = await kioskAt(way.viewport, way.lang);
      try {
        const before = ticketCount();
        if (way.how === 'type') {
          await typeReference(page, reference, way.lang);
        } else {
          // A scan works from the start screen: no tap needed first.
          await scan(page, reference);
        }
        await page.getByTestId('ticket-label').waitFor();
        const label = await page.getByTestId('ticket-label').textContent();
        expect(label).toMatch(/^A\d{3}$/);
        expect(ticketCount()).toBe(before + 1);
        expect(await page.getByTestId('ticket-booked').textContent()).toBe(way.lang === 'en' ? 'Booked 10:30' : 'Miadi: 10:30');
        // It is 10:05: a 10:30 booking is called from 10:20, and the citizen is told so.
        expect(await page.getByTestId('ticket-early').textContent()).toBe(
          way.lang === 'en' ? 'You are early: you will be called from about 10:20.' : 'Umefika mapema: utaitwa kuanzia takriban saa 4 na dakika 20 asubuhi (10:20).',
        );
        expect(await page.getByText(way.lang === 'en' ? 'National ID card' : 'Kitambulisho cha Taifa', { exact: true }).count()).toBe(1);
        // Not "1 person ahead of you, about 6 minutes": nobody calls it before 10:20.
        expect(await page.getByTestId('ticket-wait').count()).toBe(0);
        expect(await layoutProblems(page)).toEqual([]);
        expect(await seriousA11yViolations(page)).toEqual([]);
        expect(await appointment(reference)).toMatchObject({ status: 'checked_in' });
        // The paper ticket carries the same number.
        const jobs = await kc.printer.waitForJobs(1);
        expect(jobs.some((j) => j.text.includes(label!))).toBe(true);
        await shot(page, `check-in-${way.how}-${way.lang}-${orientation}`);
      } finally {
        await context.close();
      }
    });
  }

  for (const viewport of [PORTRAIT, LANDSCAPE]) {
    it(`fits ${viewport === PORTRAIT ? 'portrait' : 'landscape'} and passes axe on the keyboard, in both languages`, async () => {
      for (const lang of ['en', 'sw'] as const) {
        const { context, page } = await kioskAt(viewport, lang);
        try {
          expect(await page.getByTestId('have-booking').textContent()).toContain(lang === 'en' ? 'I have a booking' : 'Nina miadi');
          expect(await layoutProblems(page)).toEqual([]);
          await page.getByTestId('have-booking').tap();
          await page.getByTestId('reference-keyboard').waitFor();
          // Only the reference's alphabet: no O, 0, I, 1, B, 8, S, 5…
          const keys = await page.locator('[data-testid=reference-keyboard] [data-key]').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')).join(''));
          expect(keys).toBe('ACDEFHJKMNPRTUVWXY3479');
          await page.locator('[data-key="K"]').tap();
          await page.locator('[data-key="7"]').tap();
          expect(await page.getByTestId('reference-entry').getAttribute('data-value')).toBe('K7');
          await page.getByRole('button', { name: lang === 'en' ? 'Delete the last character' : 'Futa herufi ya mwisho' }).tap();
          expect(await page.getByTestId('reference-entry').getAttribute('data-value')).toBe('K');
          await page.getByRole('button', { name: lang === 'en' ? 'Clear the whole reference' : 'Futa yote, uanze upya' }).tap();
          expect(await page.getByTestId('reference-entry').getAttribute('data-value')).toBe('');
          expect(await page.getByRole('button', { name: lang === 'en' ? 'Check in' : 'Thibitisha miadi' }).isDisabled()).toBe(true);
          expect(await layoutProblems(page)).toEqual([]);
          expect(await seriousA11yViolations(page)).toEqual([]);
          await shot(page, `check-in-keyboard-${lang}-${viewport === PORTRAIT ? 'portrait' : 'landscape'}`);
        } finally {
          await context.close();
        }
      }
    });
  }

  it('turns an unknown reference away in both languages, and lets the citizen type it again', async () => {
    const { context, page } = await kioskAt(PORTRAIT, 'en');
    try {
      const before = ticketCount();
      await typeReference(page, 'XXXXXX', 'en');
      const refused = page.getByTestId('check-in-refused');
      await refused.waitFor();
      expect(await refused.getAttribute('data-refusal')).toBe('unknown');
      await page.getByRole('heading', { name: 'We cannot find this booking', level: 1 }).waitFor();
      expect(await page.getByRole('heading', { name: 'Hatukupata miadi hii', level: 2 }).count()).toBe(1);
      expect(ticketCount()).toBe(before);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(await layoutProblems(page)).toEqual([]);
      // Back on the keyboard with what was typed, to put one character right.
      await tap(page, /Type it again/);
      await expect.poll(() => page.getByTestId('reference-entry').getAttribute('data-value')).toBe('XXXXXX');
    } finally {
      await context.close();
    }
  });

  describe('turns away, with the walk-in choice', () => {
    const refs = { cancelled: '', tomorrow: '', late: '' };
    beforeAll(async () => {
      refs.cancelled = await book('11:00');
      expect((await kc.centre.api('POST', `/appointments/${refs.cancelled}/cancel`, { auth: clerk })).status).toBe(200);
      refs.tomorrow = await book('09:15', 3);
      // A 09:30 booking, made at 09:00; at 10:05 its 15 minutes' grace are long over.
      clock.set(nairobi(2, '09:00'));
      refs.late = await book('09:30');
      clock.set(nairobi(2, '10:05'));
    });

    const cases = [
      { name: 'a cancelled booking', ref: 'cancelled', refusal: 'cancelled', en: 'This booking was cancelled', sw: 'Miadi hii ilighairiwa', lang: 'en' },
      { name: 'a booking for another day', ref: 'tomorrow', refusal: 'not-today', en: 'Your booking is not for today', sw: 'Miadi yako si ya leo', lang: 'sw' },
      { name: 'a booking past its grace', ref: 'late', refusal: 'too-late', en: 'The time of this booking has passed', sw: 'Muda wa miadi hii umepita', lang: 'en' },
    ] as const;
    for (const c of cases) {
      it(`${c.name}, in both languages, changing nothing`, async () => {
        const reference = refs[c.ref];
        const before = await appointment(reference);
        const { context, page } = await kioskAt(LANDSCAPE, c.lang);
        try {
          const tickets = ticketCount();
          await scan(page, reference);
          const refused = page.getByTestId('check-in-refused');
          await refused.waitFor();
          expect(await refused.getAttribute('data-refusal')).toBe(c.refusal);
          const [first, second] = c.lang === 'en' ? [c.en, c.sw] : [c.sw, c.en];
          expect(await page.getByRole('heading', { name: first, level: 1 }).count()).toBe(1);
          expect(await page.getByRole('heading', { name: second, level: 2 }).count()).toBe(1);
          if (c.refusal === 'not-today') {
            expect(await refused.textContent()).toContain('Miadi yako ni Jumanne, tarehe 3 Machi, saa 3 na robo asubuhi (09:15).');
            expect(await refused.textContent()).toContain('Your booking is on Tuesday 3 March at 09:15.');
          }
          expect(ticketCount()).toBe(tickets);
          expect((await appointment(reference)).status).toBe(before.status);
          expect(await seriousA11yViolations(page)).toEqual([]);
          expect(await layoutProblems(page)).toEqual([]);
          // The walk-in ticket, in both languages on the button; it leads to the service menu in the citizen's language.
          await tap(page, /Take a walk-in ticket.*Chukua tiketi ya kawaida|Chukua tiketi ya kawaida.*Take a walk-in ticket/);
          await page.getByRole('heading', { name: c.lang === 'en' ? 'Choose a service' : 'Chagua huduma' }).waitFor();
        } finally {
          await context.close();
        }
      });
    }
  });

  it('answers a second check-in of the same booking with the same ticket', async () => {
    const reference = await book('10:45');
    const first = await kc.centre.api('POST', `/appointments/${reference}/check-in`, { auth: kc.centre.kioskToken });
    expect(first.status).toBe(201);
    const { context, page } = await kioskAt(PORTRAIT, 'en');
    try {
      const before = ticketCount();
      await scan(page, `https://ehuduma.example/b/${reference}`);
      await page.getByTestId('ticket-label').waitFor();
      expect(await page.getByTestId('ticket-label').textContent()).toBe(first.body.ticket.label);
      expect(ticketCount()).toBe(before);
      expect(await page.getByTestId('ticket-booked').textContent()).toBe('Booked 10:45');
      // At 10:40 its window has opened: the place in line and the wait are back, and no "early" line.
      clock.set(nairobi(2, '10:40'));
      await page.reload();
      await page.getByRole('heading', { name: 'Choose a service' }).waitFor();
      await scan(page, reference);
      await page.getByTestId('ticket-wait').waitFor();
      expect(await page.getByTestId('ticket-early').count()).toBe(0);
      clock.set(nairobi(2, '10:05'));
    } finally {
      await context.close();
    }
  });
});
