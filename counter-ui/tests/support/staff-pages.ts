// Set-up shared by the staff pages' browser tests (the clerk's /counter, the manager's /manage): a real centre
// with a real Chromium, fresh pages closed with them, signing a clerk or the manager in, and pushes held back.
import { expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, startTestCentre } from '@foleni/server/testing';
import type { TestCentre, TestCentreOptions } from '@foleni/server/testing';

/** Every demo clerk's and the manager's password. */
export const STAFF_PASSWORD = 'foleni-demo';

export interface StaffPageOptions {
  viewport?: { width: number; height: number };
  /** Playwright's default wait, in ms. */
  timeout?: number;
  /**
   * Keep the server's Content-Security-Policy in force. Off by default only because axe is injected as an
   * inline script, which that policy (rightly) refuses.
   */
  strictCsp?: boolean;
  hasTouch?: boolean;
  isMobile?: boolean;
  /** Runs in the page before its own scripts (e.g. `countChimes`). */
  initScript?: () => void;
  /** Install Playwright's clock, so a test can move the page's timers on (time flows as usual until it does). */
  clock?: boolean;
}

export interface StaffCentre {
  centre: TestCentre;
  browser: Browser;
  /** A page in a fresh browser context (own storage and cookies), closed with the centre. */
  newPage(opts?: StaffPageOptions): Promise<Page>;
  close(): Promise<void>;
}

export async function startStaffCentre(opts: TestCentreOptions = {}): Promise<StaffCentre> {
  // Both, or neither: a browser that started beside a centre that did not is closed again.
  const [started, launched] = await Promise.allSettled([startTestCentre(opts), launchBrowser()]);
  if (started.status === 'rejected' || launched.status === 'rejected') {
    if (started.status === 'fulfilled') await started.value.close();
    if (launched.status === 'fulfilled') await launched.value.close();
    throw started.status === 'rejected' ? started.reason : (launched as PromiseRejectedResult).reason;
  }
  const centre = started.value;
  const browser = launched.value;
  const contexts: BrowserContext[] = [];
  return {
    centre,
    browser,
    async newPage(o: StaffPageOptions = {}) {
      const context = await browser.newContext({
        viewport: o.viewport ?? { width: 1366, height: 768 },
        bypassCSP: !o.strictCsp,
        ...(o.hasTouch !== undefined ? { hasTouch: o.hasTouch } : {}),
        ...(o.isMobile !== undefined ? { isMobile: o.isMobile } : {}),
      });
      contexts.push(context);
      context.setDefaultTimeout(o.timeout ?? 5000);
      if (o.initScript) await context.addInitScript(o.initScript);
      if (o.clock) await context.clock.install();
      return context.newPage();
    },
    async close() {
      try {
        await Promise.allSettled(contexts.map((c) => c.close()));
        await browser.close();
      } finally {
        await centre.close();
      }
    },
  };
}

/** Fills the sign-in form of the page on screen and sends it. */
export async function fillSignIn(page: Page, username: string, password = STAFF_PASSWORD): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Goes to a staff page (`${centre.url}/counter`, `/manage`) and signs in there. */
export async function signIn(page: Page, url: string, username: string, password = STAFF_PASSWORD): Promise<void> {
  await page.goto(url);
  await fillSignIn(page, username, password);
}

/** Signs the manager in on /manage and waits for the live dashboard. */
export async function openDashboard(page: Page, centreUrl: string): Promise<void> {
  await signIn(page, `${centreUrl}/manage`, 'manager');
  await page.getByRole('heading', { name: 'Live dashboard' }).waitFor();
}

/** Signs a clerk in on /counter and opens their counter, by its name ("Counter 4"). */
export async function openCounter(page: Page, centreUrl: string, username: string, counterName: string): Promise<void> {
  await signIn(page, `${centreUrl}/counter`, username);
  await page.getByRole('button', { name: `Open ${counterName}`, exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { name: counterName, exact: true }).isVisible()).toBe(true);
}

export interface Issued {
  id: string;
  label: string;
}

/** Issues a ticket through the API, as staff with `auth` may (a priority too). */
export async function issueTicket(c: TestCentre, auth: string, code: string, priority?: string): Promise<Issued> {
  const res = await c.api('POST', '/tickets', { auth, body: { serviceId: c.serviceId(code), ...(priority ? { priority } : {}) } });
  expect(res.status).toBe(201);
  return { id: res.body.ticket.id, label: res.body.ticket.label };
}

export interface PushStall {
  /** While on, pushed socket events never reach the page, as on a stalled network; turning it on restarts the count. */
  stall(on: boolean): void;
  /** How many events were kept from the page since the stall began. */
  dropped(): number;
}

/**
 * Lets a test hold back the server's pushes to a page: Socket.IO event frames start with "42"; pings and the
 * rest pass, so the link itself stays up, and so do the frames `letThrough` names. Call before the page loads.
 */
export async function stallablePushes(page: Page, letThrough: (frame: string) => boolean = () => false): Promise<PushStall> {
  let stalled = false;
  let dropped = 0;
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      if (stalled && typeof message === 'string' && message.startsWith('42') && !letThrough(message)) {
        dropped++;
        return;
      }
      ws.send(message);
    });
  });
  return {
    stall(on) {
      if (on) dropped = 0;
      stalled = on;
    },
    dropped: () => dropped,
  };
}

/** An init script that counts chimes: each one resumes the page's AudioContext once. Read with `chimes`. */
export function countChimes(): void {
  const w = window as unknown as { chimes: number };
  w.chimes = 0;
  const resume = AudioContext.prototype.resume;
  AudioContext.prototype.resume = function (this: AudioContext) {
    w.chimes++;
    return resume.call(this);
  };
}

export const chimes = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { chimes: number }).chimes);
