// A centre for kiosk tests: the demo centre on a real server whose kiosk prints to a fake TCP printer,
// and a Chromium page sized like a kiosk touchscreen.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { keepDeviceToken, startTestCentre } from '@foleni/server/testing';
import type { TestCentre, TestCentreOptions } from '@foleni/server/testing';
import { FakePrinter } from '@foleni/scripts/src/fake-printer/fake-printer.js';
import type { FakePrinterOptions } from '@foleni/scripts/src/fake-printer/fake-printer.js';

export interface KioskCentre {
  centre: TestCentre;
  printer: FakePrinter;
  close(): Promise<void>;
}

export async function startKioskCentre(opts: TestCentreOptions = {}, printerOpts: FakePrinterOptions = {}): Promise<KioskCentre> {
  const printer = new FakePrinter(printerOpts);
  await printer.start();
  const centre = await startTestCentre({ printerUrl: printer.url, ...opts });
  return {
    centre,
    printer,
    async close() {
      await centre.close();
      await printer.stop();
    },
  };
}

export const PORTRAIT = { width: 1080, height: 1920 };
export const LANDSCAPE = { width: 1920, height: 1080 };

export interface KioskPage {
  context: BrowserContext;
  page: Page;
}

export interface OpenKioskOptions {
  viewport?: { width: number; height: number };
  /** Let the kiosk's service worker run (off by default: most tests want every load from the server). */
  serviceWorker?: boolean;
  /** Install Playwright's clock, so a test can jump ahead instead of waiting for the kiosk's timers. */
  clock?: boolean;
  /**
   * Keep the server's Content-Security-Policy in force. Off by default only because the harness injects
   * axe-core as an inline script, which that policy (rightly) refuses.
   */
  strictCsp?: boolean;
  /** Open this pairing link instead of /kiosk. */
  link?: string;
}

/**
 * A fresh kiosk browser (own storage) holding the kiosk's `token` as a paired kiosk does, or none (null),
 * or opened with a pairing link (`opts.link`) to pair itself.
 */
export async function openKiosk(browser: Browser, url: string, token: string | null, opts: OpenKioskOptions = {}): Promise<KioskPage> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? PORTRAIT,
    hasTouch: true,
    serviceWorkers: opts.serviceWorker ? 'allow' : 'block',
    bypassCSP: !opts.strictCsp,
  });
  if (opts.clock) await context.clock.install();
  if (token) await keepDeviceToken(context, 'kiosk', token);
  const page = await context.newPage();
  await page.goto(opts.link ?? `${url}/kiosk`);
  return { context, page };
}

/** Taps a button by its visible name, as a finger would. */
export async function tap(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('button', { name }).tap();
}

/** Saves a screenshot for a person to look at when KIOSK_SHOTS names a folder. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.KIOSK_SHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}

/**
 * What a person would call a broken layout: the page scrolls, the screen's content does not fit, a button
 * sticks out of the screen, or a button is smaller than a fingertip target.
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const root = document.documentElement;
    if (root.scrollWidth > vw) problems.push(`the page is ${root.scrollWidth}px wide on a ${vw}px screen`);
    if (root.scrollHeight > vh) problems.push(`the page is ${root.scrollHeight}px tall on a ${vh}px screen`);
    const main = document.querySelector('main');
    if (main && main.scrollHeight > main.clientHeight + 1) problems.push(`the content needs scrolling (${main.scrollHeight} > ${main.clientHeight})`);
    if (main && main.scrollWidth > main.clientWidth + 1) problems.push(`the content is too wide (${main.scrollWidth} > ${main.clientWidth})`);
    for (const button of document.querySelectorAll('button')) {
      const r = button.getBoundingClientRect();
      const name = button.textContent?.trim() ?? '';
      if (r.left < 0 || r.right > vw || r.top < 0 || r.bottom > vh) problems.push(`"${name}" is partly off screen`);
      if (r.width < 72 || r.height < 72) problems.push(`"${name}" is only ${Math.round(r.width)}x${Math.round(r.height)}px`);
    }
    return problems;
  });
}
