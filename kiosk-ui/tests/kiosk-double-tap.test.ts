// A double tap carries over to the next screen unless each screen ignores taps for a moment after it
// appears: the second tap on a service would choose a priority, and the second tap on "No, thank you"
// would press "Finish" and take the ticket off the screen. Both taps land on the same spot ~100 ms apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '@foleni/server/testing';
import { openKiosk, startKioskCentre } from './support/kiosk-centre.js';
import type { KioskCentre } from './support/kiosk-centre.js';

/** A small portrait tablet, where "No, thank you" and the ticket screen's "Finish" overlap. */
const TABLET = { width: 720, height: 960 };

interface Point {
  x: number;
  y: number;
}

async function doubleTap(page: Page, at: Point): Promise<void> {
  await page.touchscreen.tap(at.x, at.y);
  await page.waitForTimeout(100);
  await page.touchscreen.tap(at.x, at.y);
}

/** The button under this point on the screen shown now, whether or not that screen takes taps yet. */
const buttonAt = (page: Page, at: Point) =>
  page.evaluate(({ x, y }) => {
    const hit = [...document.querySelectorAll('main button')].find((b) => {
      const r = b.getBoundingClientRect();
      return r.left <= x && x <= r.right && r.top <= y && y <= r.bottom;
    });
    return hit ? (hit.textContent?.trim() ?? '') : null;
  }, at);

describe('kiosk: a double tap stays on the screen it was meant for', () => {
  let kc: KioskCentre;
  let browser: Browser;
  const ticketCount = (): number => kc.centre.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number;

  beforeAll(async () => {
    kc = await startKioskCentre();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await kc?.close();
  });

  it('double taps through service → priority → ticket: one ticket, no priority, still on screen', async () => {
    const { context, page } = await openKiosk(browser, kc.centre.url, kc.centre.kioskToken, { viewport: TABLET });
    try {
      const service = page.getByRole('button', { name: /Death certificate/ });
      // Waits, as a person would, until the start screen takes taps; the layout is final once its font is in.
      await service.tap({ trial: true });
      await page.evaluate(() => document.fonts.ready);
      const s = (await service.boundingBox())!;
      const onService = { x: s.x + s.width / 2, y: s.y + s.height / 2 };
      const before = ticketCount();

      await doubleTap(page, onService);
      await page.waitForTimeout(300);
      expect(await page.locator('main h1').textContent()).toBe('Do you need priority service?');
      // The spot of the service button is a priority button on this screen: the second tap was aimed at it.
      expect(await buttonAt(page, onService)).toMatch(/^Yes: /);

      // A citizen reads the question, then double taps "No, thank you" near its lower edge.
      const no = page.getByRole('button', { name: 'No, thank you' });
      await no.tap({ trial: true });
      const n = (await no.boundingBox())!;
      const onNo = { x: n.x + 40, y: n.y + n.height - 15 };
      await doubleTap(page, onNo);
      await expect.poll(ticketCount).toBe(before + 1);
      await page.waitForTimeout(500);
      expect(await page.getByTestId('ticket-label').count()).toBe(1);
      expect(await page.getByTestId('ticket-label').textContent()).toBe('D001');
      // That spot is "Finish" on the ticket screen: the second tap was aimed at it.
      expect(await buttonAt(page, onNo)).toBe('Finish');

      const tickets = kc.centre.db.prepare('SELECT label, priority FROM tickets ORDER BY rowid').all() as { label: string; priority: string }[];
      expect(tickets.length).toBe(before + 1);
      expect(tickets.at(-1)).toEqual({ label: 'D001', priority: 'none' });
    } finally {
      await context.close();
    }
  });
});
