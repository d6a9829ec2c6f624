// The waiting-room display in real Chromium against a real centre: zones, the order of calls and recalls,
// the announcement queue (speech stubbed at the browser's edge and counted), the sound prompt, a server
// restart survived without a reload, and axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { keepDeviceToken, launchBrowser, seriousA11yViolations, startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';
import { spokenLabel } from '@foleni/shared';
import { installSoundProbe, lockAudioUntilTap, sequence } from './browser-stubs.js';
import type { SoundLogEntry, SoundProbe } from './browser-stubs.js';

const TV = { width: 1280, height: 720 };

/** What the big panel showed, each time it changed, with the list beside it at that moment. */
interface BoardMoment {
  now: string | null;
  recent: string[];
}

/** Runs in the page: records every change of the big panel and the recent list, however brief. */
function watchBoard(): void {
  const seen: BoardMoment[] = [];
  (window as unknown as { __board: BoardMoment[] }).__board = seen;
  const read = () => {
    const now = document.querySelector('[data-testid="now-label"]')?.textContent ?? null;
    const recent = [...document.querySelectorAll('[data-testid="recent-calls"] td.label')].map((td) => td.textContent ?? '');
    const last = seen.at(-1);
    if (!last || last.now !== now || last.recent.join() !== recent.join()) seen.push({ now, recent });
  };
  read();
  new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true });
}

describe('waiting-room display', () => {
  let c: TestCentre;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const clerks: Record<string, string> = {};

  /** A display holding `token` as a paired screen does, or opening a pairing link (`http…?pair=<code>`). */
  async function openDisplay(tokenOrLink: string, voices: string[] = ['en-GB', 'sw-KE'], opts: { lockAudio?: boolean; axe?: boolean } = {}): Promise<Page> {
    // Each display its own browser profile: the device token lives in localStorage. The axe helper injects
    // an inline script, which the server's CSP rightly refuses: pages checked with axe bypass the CSP, the
    // others run under it.
    const ctx = await browser.newContext({ viewport: TV, bypassCSP: opts.axe ?? false });
    contexts.push(ctx);
    await ctx.addInitScript(installSoundProbe, voices);
    if (opts.lockAudio) await ctx.addInitScript(lockAudioUntilTap);
    const link = tokenOrLink.startsWith('http');
    if (!link) await keepDeviceToken(ctx, 'display', tokenOrLink);
    const page = await ctx.newPage();
    await page.goto(link ? tokenOrLink : `${c.url}/display`);
    await page.getByRole('heading', { name: /Huduma Centre/ }).waitFor();
    return page;
  }

  async function openCounter(name: string, clerk: string): Promise<void> {
    clerks[name] = await c.login(clerk);
    const res = await c.api('POST', `/counters/${c.counterId(name)}/open`, { auth: clerks[name] });
    expect(res.status).toBe(200);
  }

  async function issue(code: string): Promise<string> {
    const res = await c.api('POST', '/tickets', { auth: await c.login('manager'), body: { serviceId: c.serviceId(code) } });
    expect(res.status).toBe(201);
    return res.body.ticket.label as string;
  }

  async function callNext(counter: string): Promise<{ id: string; label: string }> {
    const res = await c.api('POST', `/counters/${c.counterId(counter)}/call-next`, { auth: clerks[counter] });
    expect(res.status).toBe(200);
    return res.body.ticket;
  }

  /** Frees a counter for its next call. */
  async function finish(counter: string, ticketId: string): Promise<void> {
    expect((await c.api('POST', `/tickets/${ticketId}/start`, { auth: clerks[counter] })).status).toBe(200);
    expect((await c.api('POST', `/tickets/${ticketId}/complete`, { auth: clerks[counter] })).status).toBe(200);
  }

  const nowLabel = (page: Page) => page.getByTestId('now-label');
  const recentLabels = (page: Page) => page.getByTestId('recent-calls').locator('td.label').allTextContents();
  const probe = (page: Page) => page.evaluate(() => (window as unknown as { __sound: SoundProbe }).__sound);
  const board = (page: Page) => page.evaluate(() => (window as unknown as { __board: BoardMoment[] }).__board);
  /** The calls the big panel showed, in turn, among `labels`. */
  const panelTurns = async (page: Page, labels: string[]) =>
    (await board(page)).map((m) => m.now).filter((l, i, all): l is string => l !== null && labels.includes(l) && l !== all[i - 1]);

  beforeAll(async () => {
    [c, browser] = await Promise.all([startTestCentre(), launchBrowser()]);
    await openCounter('1', 'wanjiru');
    await openCounter('2', 'otieno');
    await openCounter('3', 'achieng');
    await openCounter('4', 'kiprop');
  });
  afterAll(async () => {
    await browser?.close();
    // The restart test closes its own centre; closing twice is harmless.
    await c?.close().catch(() => undefined);
  });

  it('shows a call on the display of its zone and not on a display of another zone', async () => {
    const admin = await c.login('admin');
    const device = await c.api('POST', '/admin/devices', { auth: admin, body: { kind: 'display', name: 'Annex TV', zone: 'annex' } });
    expect(device.status).toBe(201);
    const counter = await c.api('POST', '/admin/counters', {
      auth: admin,
      body: { name: 'Annex 1', zone: 'annex', serviceIds: [c.serviceId('P')] },
    });
    expect(counter.status).toBe(201);
    await openCounter('Annex 1', 'mwangi');

    const main = await openDisplay(c.displayToken);
    const annex = await openDisplay(device.body.pairing.url);
    const a = await issue('A');
    const p = await issue('P');
    await expect.poll(() => main.getByTestId('waiting-A').textContent()).toBe('1');

    const mainCall = await callNext('1');
    expect(mainCall.label).toBe(a);
    await expect.poll(() => nowLabel(main).textContent()).toBe(a);
    await expect.poll(() => main.getByTestId('now-counter').textContent()).toBe('1');

    const annexCall = await callNext('Annex 1');
    expect(annexCall.label).toBe(p);
    // A counter not named "Counter N" is shown by its own name.
    await expect.poll(() => annex.getByTestId('now-counter').textContent()).toBe('Annex 1');
    await expect.poll(() => nowLabel(annex).textContent()).toBe(p);
    // Each hall's waiting strip lists what its own counters serve: the annex serves P only.
    await expect.poll(() => annex.getByTestId('waiting').locator('li').evaluateAll((li) => li.map((x) => x.getAttribute('data-code')))).toEqual(['P']);
    expect(await main.getByTestId('waiting-A').count()).toBe(1);

    // A later change the main display must show: once it has, the annex call (pushed before it, on the same
    // socket) has been through the main display too, and must not have shown there.
    const manager = await c.login('manager');
    const later = await c.api('POST', '/tickets', { auth: manager, body: { serviceId: c.serviceId('A') } });
    expect(later.status).toBe(201);
    await expect.poll(() => main.getByTestId('waiting-A').textContent()).toBe('1');
    expect((await c.api('POST', `/tickets/${later.body.ticket.id}/cancel`, { auth: manager })).status).toBe(200);
    expect(await nowLabel(main).textContent()).toBe(a);
    expect(await main.getByText(p, { exact: true }).count()).toBe(0);
    expect(await annex.getByText(a, { exact: true }).count()).toBe(0);

    // The admin moves the annex screen to the main hall: it switches over by itself, without a reload, and
    // does not read out the main hall's earlier calls.
    const spokenBefore = (await probe(annex)).log.filter((e) => e.kind === 'speak').length;
    expect((await c.api('PATCH', `/admin/devices/${device.body.device.id}`, { auth: admin, body: { zone: 'main' } })).status).toBe(200);
    await expect.poll(() => nowLabel(annex).textContent()).toBe(a);
    expect(await annex.getByTestId('waiting-A').count()).toBe(1);
    // The next call in the main hall must be read out on the moved screen; by the time it is, anything
    // queued before it would have been read too, and nothing before it may name the earlier call.
    await finish('1', mainCall.id);
    await issue('A');
    const next = await callNext('1');
    const spokenSince = async () => (await probe(annex)).log.filter((e) => e.kind === 'speak').slice(spokenBefore).map((e) => e.text ?? '');
    await expect.poll(async () => (await spokenSince()).some((t) => t.includes(spokenLabel(next.label, 'en'))), { timeout: 10_000 }).toBe(true);
    const earlier = [spokenLabel(a, 'en'), spokenLabel(a, 'sw')];
    expect((await spokenSince()).filter((t) => earlier.some((l) => t.includes(l)))).toEqual([]);
    await finish('1', next.id);
    await finish('Annex 1', annexCall.id);
    await Promise.all([main.context().close(), annex.context().close()]);
  });

  it('keeps calls newest first, flashes and announces each one, and a recall again, never overlapping', async () => {
    const page = await openDisplay(c.displayToken, undefined, { axe: true });
    await page.evaluate(watchBoard);
    // Whatever was on the board before these calls (the earlier tests' calls) moves down below them.
    const before = [...(await nowLabel(page).allTextContents()), ...(await recentLabels(page))];
    const labels = [await issue('A'), await issue('B'), await issue('H')];
    const first = await callNext('2');
    const second = await callNext('3');
    const third = await callNext('4');
    expect([first.label, second.label, third.label].sort()).toEqual([...labels].sort());

    // The big panel shows each call in turn, while it is announced; the newest is there last.
    await expect.poll(() => nowLabel(page).textContent(), { timeout: 20_000 }).toBe(third.label);
    expect(await panelTurns(page, labels)).toEqual([first.label, second.label, third.label]);
    const keyBefore = await page.getByTestId('now-calling').getAttribute('data-key');
    expect(await page.getByTestId('now-calling').getAttribute('class')).toMatch(/\bflash\b/);
    expect((await recentLabels(page)).slice(0, 2)).toEqual([second.label, first.label]);

    expect((await c.api('POST', `/tickets/${first.id}/recall`, { auth: clerks['2'] })).status).toBe(200);
    await expect.poll(() => nowLabel(page).textContent(), { timeout: 15_000 }).toBe(first.label);
    // A recall is a new call on the board: it flashes again and says so.
    expect(await page.getByTestId('now-calling').getAttribute('data-key')).not.toBe(keyBefore);
    expect(await page.getByTestId('now-calling').getAttribute('class')).toMatch(/\bflash\b/);
    await expect.poll(() => page.getByText('Called again').count()).toBe(1);
    expect(await recentLabels(page)).toEqual([third.label, second.label, ...before].slice(0, 5));

    // Four announcements, one after another, the recall last. Calls that queue up behind another are read
    // shorter (the ticket's language, or just label and counter) so the hall hears each within seconds; the
    // last one, with nobody behind it, is read in full: chime, English, Kiswahili.
    const heardLabel = (text: string) => [first, second, third].find((t) => text.includes(spokenLabel(t.label, 'en')) || text.includes(spokenLabel(t.label, 'sw')))?.label;
    const announcements = (log: SoundLogEntry[]) =>
      log.filter((e) => e.kind === 'speak').map((e) => heardLabel(e.text ?? '')).filter((l, i, all) => i === 0 || l !== all[i - 1]);
    await expect.poll(async () => announcements((await probe(page)).log), { timeout: 25_000 }).toEqual([first.label, second.label, third.label, first.label]);
    const count = (log: SoundLogEntry[], kind: SoundLogEntry['kind']) => log.filter((e) => e.kind === kind).length;
    await expect.poll(async () => ((l) => count(l, 'speak') - count(l, 'end'))((await probe(page)).log), { timeout: 10_000 }).toBe(0);
    const { log, maxSpeaking } = await probe(page);
    expect(maxSpeaking).toBe(1);
    const said = sequence(log);
    expect(said[0]).toBe('chime');
    expect(said[1]).toBe(`en:Ticket ${spokenLabel(first.label, 'en')}, counter 2`);
    expect(said.slice(-3)).toEqual(['chime', `en:Ticket ${spokenLabel(first.label, 'en')}, counter 2`, `sw:Tiketi ${spokenLabel(first.label, 'sw')}, tafadhali nenda dirisha namba mbili`]);
    // Nothing was cut off, and no chime rang over a voice.
    expect(log.some((e) => e.kind === 'cancel')).toBe(false);
    let speaking = false;
    for (const e of log) {
      if (e.kind === 'speak') speaking = true;
      if (e.kind === 'end') speaking = false;
      if (e.kind === 'tone') expect(speaking).toBe(false);
    }

    expect(await seriousA11yViolations(page)).toEqual([]);
    await finish('2', first.id);
    await finish('3', second.id);
    await finish('4', third.id);
    await page.context().close();
  });

  it('gives each of two calls made a moment apart its turn on the big panel, with the sound off', async () => {
    // The review's case: A004 to Counter 2, then H002 to Counter 4 0.4 s later, used to replace A004 on the
    // panel at once. With no voice and no sound, each call still has its moment there, in the order called.
    const page = await openDisplay(c.displayToken, [], { lockAudio: true });
    await page.getByTestId('sound-prompt').waitFor();
    await page.evaluate(watchBoard);
    const labels = [await issue('A'), await issue('H')];
    const first = await callNext('2');
    const second = await callNext('4');
    expect([first.label, second.label]).toEqual(labels);

    await expect.poll(() => panelTurns(page, labels), { timeout: 15_000 }).toEqual([first.label, second.label]);
    const moments = await board(page);
    // While the first was on the panel the second was already listed beside it, and then the other way round:
    // every call in view at once, newest first.
    expect(moments.some((m) => m.now === first.label && m.recent[0] === second.label)).toBe(true);
    expect(moments.at(-1)).toMatchObject({ now: second.label, recent: [first.label, ...moments.at(-1)!.recent.slice(1)] });
    // Neither call was ever on the panel and in the list at the same time.
    for (const m of moments) expect(m.recent).not.toContain(m.now);

    await finish('2', first.id);
    await finish('4', second.id);
    await page.context().close();
  });

  it('rings the chime alone where the browser has no voice, and asks for a tap when sound is blocked', async () => {
    const page = await openDisplay(c.displayToken, [], { lockAudio: true });
    const prompt = page.getByTestId('sound-prompt');
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain('Tap here to turn it on');
    await prompt.click();
    await prompt.waitFor({ state: 'detached' });

    await issue('A');
    const call = await callNext('1');
    await expect.poll(() => nowLabel(page).textContent()).toBe(call.label);
    await expect.poll(async () => sequence((await probe(page)).log)).toEqual(['chime']);
    await finish('1', call.id);
    await page.context().close();
  });

  it('tells an unpaired screen what to do, in both languages', async () => {
    const ctx = await browser.newContext({ viewport: TV, bypassCSP: true });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto(`${c.url}/display`);
    await page.getByRole('heading', { name: 'This display is not paired yet' }).waitFor();
    await page.getByRole('heading', { name: 'Skrini hii bado haijaunganishwa' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await ctx.close();
  });

  it('pairs with a one-time link, and says in both languages that a used link must be made again', async () => {
    const admin = await c.login('admin');
    const device = await c.api('POST', '/admin/devices', { auth: admin, body: { kind: 'display', name: 'Lobby TV', zone: 'main' } });
    const link = device.body.pairing.url as string;
    const paired = await openDisplay(link);
    expect(new URL(paired.url()).searchParams.has('pair')).toBe(false);
    await expect.poll(() => c.api('GET', `/admin/devices/${device.body.device.id}`, { auth: admin }).then((r) => r.body.device.connected)).toBe(true);

    const ctx = await browser.newContext({ viewport: TV, bypassCSP: true });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'This pairing link was already used' }).waitFor();
    await page.getByRole('heading', { name: 'Kiungo hiki cha kuunganisha kimeshatumika' }).waitFor();
    await page.getByText('A pairing link works once, for 15 minutes. Ask the administrator for a new pairing link.').waitFor();
    await page.getByText('Kiungo cha kuunganisha kinatumika mara moja tu, kwa dakika 15. Muulize msimamizi kiungo kipya cha kuunganisha.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The screen that paired first still shows the board.
    expect(await paired.getByRole('heading', { name: /Huduma Centre/ }).count()).toBe(1);
    await ctx.close();
    await paired.context().close();
  });

  it('says so, without a reload, when the admin unpairs the display', async () => {
    const admin = await c.login('admin');
    const device = await c.api('POST', '/admin/devices', { auth: admin, body: { kind: 'display', name: 'Spare TV', zone: 'main' } });
    const page = await openDisplay(device.body.pairing.url);
    // Every connection attempt opens a WebSocket.
    let attempts = 0;
    page.on('websocket', () => attempts++);
    expect((await c.api('DELETE', `/admin/devices/${device.body.device.id}`, { auth: admin })).status).toBe(200);
    await page.getByText('This display was unpaired. Ask the administrator for a new pairing link.').waitFor({ timeout: 15_000 });
    // The server dropped the socket: the screen asked once more, was refused, and stops there. (A second
    // retry of its own, 3 s after the drop, used to ask again.)
    await page.waitForTimeout(3000);
    expect(attempts).toBe(1);
    await page.context().close();
  });

  it('turns the page of services every 10 s even while tickets keep coming', async () => {
    // The main hall serves twelve services: two pages. Each ticket event used to restart the page timer, so in
    // a busy hall (a ticket every 2 s here) the second page never showed.
    const ctx = await browser.newContext({ viewport: TV });
    contexts.push(ctx);
    await ctx.addInitScript(installSoundProbe, ['en-GB', 'sw-KE']);
    await keepDeviceToken(ctx, 'display', c.displayToken);
    const page = await ctx.newPage();
    await page.clock.install();
    await page.goto(`${c.url}/display`);
    await page.getByTestId('waiting-page').waitFor();
    // From here on the page's time moves only when the test moves it.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
    const first = await page.getByTestId('waiting-page').textContent();
    expect(first).toMatch(/^Page [12] of 2 · Ukurasa [12] kati ya 2$/);

    const manager = await c.login('manager');
    const issued: string[] = [];
    for (let i = 0; i < 5; i++) {
      // A service on the page now shown, so the page visibly takes in each ticket before time moves on.
      const code = (await page.getByTestId('waiting').locator('li').first().getAttribute('data-code'))!;
      const before = Number(await page.getByTestId(`waiting-${code}`).textContent());
      const res = await c.api('POST', '/tickets', { auth: manager, body: { serviceId: c.serviceId(code) } });
      expect(res.status).toBe(201);
      issued.push(res.body.ticket.id);
      await expect.poll(() => page.getByTestId(`waiting-${code}`).textContent()).toBe(String(before + 1));
      await page.clock.runFor(2000);
    }
    // Ten seconds with a ticket every two: the page's timer (started before the pause) turned it exactly once.
    const pageText = (n: number) => `Page ${n} of 2 · Ukurasa ${n} kati ya 2`;
    expect(await page.getByTestId('waiting-page').textContent()).toBe(first === pageText(1) ? pageText(2) : pageText(1));

    // Leave the queues as they were for the tests after this one.
    for (const id of issued) expect((await c.api('POST', `/tickets/${id}/cancel`, { auth: manager })).status).toBe(200);
    await ctx.close();
  });

  it('survives a server restart without a reload and shows the right state after it', async () => {
    const page = await openDisplay(c.displayToken);
    await issue('A');
    const beforeRestart = await callNext('1');
    await expect.poll(() => nowLabel(page).textContent()).toBe(beforeRestart.label);
    const reconnecting = page.getByText('Reconnecting…');
    expect(await reconnecting.count()).toBe(0);

    const port = Number(new URL(c.url).port);
    const dataDir = c.dataDir;
    await c.close({ keepData: true });
    await reconnecting.waitFor({ timeout: 10_000 });

    c = await startTestCentre({ dataDir, port });
    try {
      for (const [name, clerk] of [['1', 'wanjiru'], ['2', 'otieno']] as const) clerks[name] = await c.login(clerk);
      // Changes made while the display may still be away: it must catch up from its fresh snapshot.
      await finish('1', beforeRestart.id);
      const waitingA = await issue('A');
      await issue('A');
      const afterRestart = await callNext('2');
      expect(afterRestart.label).toBe(waitingA);
      await expect.poll(() => nowLabel(page).textContent(), { timeout: 15_000 }).toBe(afterRestart.label);
      // Whether it came as an event or in the fresh snapshot, the call is announced.
      const said = spokenLabel(afterRestart.label, 'en');
      await expect.poll(async () => (await probe(page)).log.some((e) => e.kind === 'speak' && e.text?.includes(said)), { timeout: 10_000 }).toBe(true);
      await reconnecting.waitFor({ state: 'detached', timeout: 10_000 });
      const services = await c.api('GET', '/services');
      const a = (services.body.items as { code: string; waiting: number }[]).find((s) => s.code === 'A')!;
      await expect.poll(() => page.getByTestId('waiting-A').textContent()).toBe(String(a.waiting));
      expect((await recentLabels(page))[0]).toBe(beforeRestart.label);

      // And live events flow again.
      await finish('2', afterRestart.id);
      const next = await callNext('2');
      await expect.poll(() => nowLabel(page).textContent(), { timeout: 15_000 }).toBe(next.label);
    } finally {
      await c.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
