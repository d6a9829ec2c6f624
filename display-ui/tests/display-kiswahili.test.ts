// A Kiswahili call, as the hall and the citizen's phone give it (issue #18): the display shows the call under
// "Dirisha" and speaks it ending "tafadhali nenda dirisha namba moja"; the phone of a Kiswahili ticket says
// "Dirisha 1", and "Unahudumiwa kwenye dirisha namba 1" once the clerk starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { keepDeviceToken, launchBrowser, startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';
import { spokenLabel } from '@foleni/shared';
import { installSoundProbe, sequence } from './browser-stubs.js';
import type { SoundProbe } from './browser-stubs.js';

describe('a call in Kiswahili', () => {
  let c: TestCentre;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [c, browser] = await Promise.all([startTestCentre(), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.allSettled(contexts.map((x) => x.close()));
    await browser?.close();
    await c?.close();
  });

  it('shows "Dirisha 1" and says "tafadhali nenda dirisha namba moja", on the display and the phone', async () => {
    const clerk = await c.login('wanjiru');
    expect((await c.api('POST', `/counters/${c.counterId('1')}/open`, { auth: clerk })).status).toBe(200);
    const issued = await c.api('POST', '/tickets', { auth: await c.login('manager'), body: { serviceId: c.serviceId('A'), lang: 'sw' } });
    expect(issued.status).toBe(201);
    const ticket: { id: string; label: string; trackUrl: string } = issued.body.ticket;

    const tv = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    contexts.push(tv);
    await tv.addInitScript(installSoundProbe, ['en-GB', 'sw-KE']);
    await keepDeviceToken(tv, 'display', c.displayToken);
    const display = await tv.newPage();
    await display.goto(`${c.url}/display`);
    await display.getByRole('heading', { name: /Huduma Centre/ }).waitFor();

    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    contexts.push(phoneContext);
    await phoneContext.addInitScript(installSoundProbe, []);
    const phone = await phoneContext.newPage();
    await phone.goto(ticket.trackUrl);
    await phone.getByTestId('label').waitFor();

    const call = await c.api('POST', `/counters/${c.counterId('1')}/call-next`, { auth: clerk });
    expect(call.body.ticket.label).toBe(ticket.label);

    await expect.poll(() => display.getByTestId('now-label').textContent()).toBe(ticket.label);
    const panel = display.getByTestId('now-calling');
    expect(await panel.getByTestId('now-counter').textContent()).toBe('1');
    // The Kiswahili caption over the number: the two read together as "Dirisha 1".
    expect(await panel.locator('[lang="sw"]').allTextContents()).toContain('Dirisha');
    const said = async () => sequence((await display.evaluate(() => (window as unknown as { __sound: SoundProbe }).__sound)).log);
    await expect.poll(said, { timeout: 10_000 }).toContain(`sw:Tiketi ${spokenLabel(ticket.label, 'sw')}, tafadhali nenda dirisha namba moja`);

    await expect.poll(() => phone.getByTestId('called-counter').textContent()).toBe('Dirisha 1');
    expect(await phone.evaluate(() => document.documentElement.lang)).toBe('sw');
    expect((await c.api('POST', `/tickets/${ticket.id}/start`, { auth: clerk })).status).toBe(200);
    await phone.getByText('Unahudumiwa kwenye dirisha namba 1.').waitFor();
  });
});
