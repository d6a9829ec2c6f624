// A journey end to end in real Chromium against a real centre: a citizen takes one ticket for a business
// name at the kiosk (in English, and another in Kiswahili), two clerks serve steps 1 and 2 at their counter
// screens, a third step is served, and the waiting-room display and the citizen's phone follow the ticket
// to the end: each call names the step's service, the tracker highlights the step it is at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { keepDeviceToken, launchBrowser, seriousA11yViolations } from '@foleni/server/testing';
import { openKiosk, startKioskCentre, tap } from './support/kiosk-centre.js';
import type { KioskCentre } from './support/kiosk-centre.js';

const STEPS_EN = 'Steps: 1. Tax PIN and returns (KRA) → 2. Business name registration → 3. Payments and enquiries';
const STEPS_SW = 'Hatua: 1. PIN ya KRA na marejesho ya kodi → 2. Usajili wa jina la biashara → 3. Malipo na maswali';

describe('a journey ticket from the kiosk to its last counter', () => {
  let kc: KioskCentre;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    kc = await startKioskCentre({ demoJourneys: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.allSettled(contexts.map((x) => x.close()));
    await browser?.close();
    await kc?.close();
  });

  async function counterScreen(username: string, counter: string): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    contexts.push(ctx);
    ctx.setDefaultTimeout(8000);
    const page = await ctx.newPage();
    await page.goto(`${kc.centre.url}/counter`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('foleni-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: `Open ${counter}`, exact: true }).click();
    await page.getByRole('button', { name: 'Call next', exact: true }).waitFor();
    return page;
  }

  it('issues one ticket in both languages, and moves it from counter to counter with the screens following', async () => {
    const c = kc.centre;
    const { context, page: kiosk } = await openKiosk(browser, c.url, c.kioskToken);
    contexts.push(context);
    // English: with the journeys the demo's menu no longer fits one portrait screen, so the offices come
    // first; the journey is one of KRA's choices (its first step's agency), its steps in small print.
    const kra = kiosk.getByRole('button', { name: /Kenya Revenue Authority/ });
    await kra.waitFor();
    expect(await kra.textContent()).toContain('2 services');
    expect(await kra.textContent()).toContain('Register a business name');
    await kra.tap();
    const journey = kiosk.getByRole('button', { name: /Register a business name/ });
    await journey.waitFor();
    expect(await journey.textContent()).toContain(STEPS_EN);
    expect(await journey.textContent()).toContain('Several counters, one ticket');
    expect(await seriousA11yViolations(kiosk)).toEqual([]);
    await journey.tap();
    await kiosk.getByText('Register a business name').first().waitFor();
    await tap(kiosk, 'No, thank you');
    await kiosk.getByRole('heading', { name: 'Get an SMS when your turn is near?' }).waitFor();
    await tap(kiosk, 'No thanks');
    await kiosk.getByTestId('ticket-label').waitFor();
    const label = (await kiosk.getByTestId('ticket-label').textContent())!;
    expect(label).toBe('K001');
    expect(await kiosk.getByTestId('ticket-steps').locator('li').allTextContents()).toEqual(['Tax PIN and returns (KRA)', 'Business name registration', 'Payments and enquiries']);
    await tap(kiosk, 'Finish');

    // Kiswahili: the same journey, its name and steps in Kiswahili.
    await tap(kiosk, 'Kiswahili');
    await kiosk.getByRole('button', { name: /Mamlaka ya Ushuru Kenya/ }).tap();
    const safari = kiosk.getByRole('button', { name: /Kusajili jina la biashara/ });
    await safari.waitFor();
    expect(await safari.textContent()).toContain(STEPS_SW);
    await safari.tap();
    await tap(kiosk, 'Hapana, asante');
    await kiosk.getByRole('heading', { name: 'Pata SMS zamu yako ikikaribia?' }).waitFor();
    await tap(kiosk, 'Hapana, asante');
    await kiosk.getByTestId('ticket-label').waitFor();
    expect(await kiosk.getByTestId('ticket-label').textContent()).toBe('K002');
    expect(await kiosk.getByTestId('ticket-steps').locator('li').first().textContent()).toBe('PIN ya KRA na marejesho ya kodi');

    // The phone of the first citizen, and the hall's display.
    const ticket = c.app.ctx.repos.tickets.openOn(c.app.ctx.centre.today()).find((t) => t.label === label)!;
    // Checked with axe, whose script the server's CSP rightly refuses: this page bypasses it.
    const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, bypassCSP: true });
    contexts.push(phoneCtx);
    const phone = await phoneCtx.newPage();
    await phone.goto(`${c.url}/t/${ticket.id}`);
    await expect.poll(() => phone.getByTestId('journey-progress').textContent()).toBe('Step 1 of 3');
    expect(await phone.locator('[aria-current="step"]').textContent()).toContain('Tax PIN and returns (KRA)');
    const tvCtx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    contexts.push(tvCtx);
    await keepDeviceToken(tvCtx, 'display', c.displayToken);
    const tv = await tvCtx.newPage();
    await tv.goto(`${c.url}/display`);
    await tv.getByRole('heading', { name: /Huduma Centre/ }).waitFor();

    // Step 1 at Counter 6 (KRA): the clerk sees the step and what comes next.
    const otieno = await counterScreen('otieno', 'Counter 6');
    await otieno.getByRole('button', { name: 'Call next', exact: true }).click();
    await expect.poll(() => otieno.getByTestId('current-label').textContent()).toBe(label);
    expect(await otieno.getByTestId('journey-position').textContent()).toBe('Step 1 of 3: Tax PIN and returns (KRA)');
    expect(await otieno.getByTestId('journey-next').textContent()).toContain('Next: Business name registration');
    await expect.poll(() => tv.getByTestId('now-label').textContent()).toBe(label);
    expect(await tv.getByTestId('now-service').textContent()).toContain('Tax PIN and returns (KRA)');
    await otieno.getByRole('button', { name: /^Start/ }).click();
    await otieno.getByRole('button', { name: /^Complete/ }).click();
    await expect.poll(() => otieno.getByText('sent on by itself to step 2: Business name registration').count()).toBe(1);
    await expect.poll(() => phone.getByTestId('journey-progress').textContent()).toBe('Step 2 of 3');
    expect(await phone.locator('[aria-current="step"]').textContent()).toContain('Business name registration');
    expect(await phone.getByTestId('status').textContent()).toBe('Waiting');

    // Step 2 at Counter 8 (Business Registration Service): the same label, called for the next step.
    const achieng = await counterScreen('achieng', 'Counter 8');
    await achieng.getByRole('button', { name: 'Call next', exact: true }).click();
    await expect.poll(() => achieng.getByTestId('current-label').textContent()).toBe(label);
    expect(await achieng.getByTestId('journey-position').textContent()).toBe('Step 2 of 3: Business name registration');
    await expect.poll(() => tv.getByTestId('now-service').textContent()).toContain('Business name registration');
    expect(await tv.getByTestId('now-label').textContent()).toBe(label);
    await achieng.getByRole('button', { name: /^Start/ }).click();
    await achieng.getByRole('button', { name: /^Complete/ }).click();
    await expect.poll(() => phone.getByTestId('journey-progress').textContent()).toBe('Step 3 of 3');

    // Step 3, the payment, at Counter 10: then the visit is done, every step ticked on the phone.
    const kiprop = await c.login('kiprop');
    const counter10 = c.counterId('10');
    expect((await c.api('POST', `/counters/${counter10}/open`, { auth: kiprop })).status).toBe(200);
    const last = await c.api('POST', `/counters/${counter10}/call-next`, { auth: kiprop });
    expect(last.body.ticket.label).toBe(label);
    await expect.poll(() => tv.getByTestId('now-service').textContent()).toContain('Payments and enquiries');
    expect((await c.api('POST', `/tickets/${ticket.id}/start`, { auth: kiprop })).status).toBe(200);
    expect((await c.api('POST', `/tickets/${ticket.id}/complete`, { auth: kiprop })).body.ticket.status).toBe('done');
    await expect.poll(() => phone.getByTestId('status').textContent()).toBe('Done');
    expect(await phone.getByTestId('journey').locator('li.done').count()).toBe(3);
    expect(await seriousA11yViolations(phone)).toEqual([]);
  }, 120_000);
});
