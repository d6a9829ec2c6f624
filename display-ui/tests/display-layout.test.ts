// The waiting-room board read from 10 metres, in real Chromium on both TV sizes with a busy hall: long
// Kiswahili service names, a full list of calls, two-digit queues, the notices and the sound prompt.
// Every text must be at least 3% of the screen's height (call numbers far bigger), and nothing may spill
// out of its panel, be cut off with an ellipsis, or leave the screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { keepDeviceToken, launchBrowser, startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';
import { installSoundProbe, lockAudioUntilTap } from './browser-stubs.js';

const TVS = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
];

/** Long names as agencies write them, the Kiswahili ones longest. */
const LONG_NAMES: Record<string, { en: string; sw: string }> = {
  R: { en: 'Business name registration', sw: 'Usajili wa majina ya biashara na kampuni' },
  Y: { en: 'Youth and women enterprise funds', sw: 'Mifuko ya maendeleo ya vijana na wanawake' },
  D: { en: 'Death certificates and burial permits', sw: 'Vyeti vya vifo na vibali vya mazishi' },
  G: { en: 'Certificate of good conduct', sw: 'Cheti cha tabia njema kutoka polisi (DCI)' },
};

interface Problem {
  text: string;
  issue: string;
}

/** Runs in the page: every visible text's size and place, and every box that hides part of its content. */
function layoutProblems(): Problem[] {
  const W = innerWidth;
  const H = innerHeight;
  const problems: Problem[] = [];
  const minFont = 0.03 * H - 0.5;
  // The notices ticker runs along the bottom on purpose: its text is meant to pass out of view.
  const inTicker = (el: Element) => el.closest('.ticker') !== null;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim() ?? '';
    const el = node.parentElement;
    if (!text || !el) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1);
    if (rects.length === 0) continue; // not shown (or visually hidden for screen readers)
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < minFont) problems.push({ text, issue: `font ${size.toFixed(1)}px < 3% of ${H}px` });
    if (inTicker(el)) continue;
    for (const r of rects) {
      if (r.left < -0.5 || r.top < -0.5 || r.right > W + 0.5 || r.bottom > H + 0.5) {
        problems.push({ text, issue: `off screen at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}` });
      }
    }
  }
  for (const el of [document.documentElement, document.body, ...document.body.querySelectorAll('*')]) {
    if (inTicker(el) || el.closest('svg')) continue;
    const cs = getComputedStyle(el);
    const clips = cs.overflowX !== 'visible' || cs.overflowY !== 'visible' || cs.textOverflow === 'ellipsis';
    if (!clips || el.clientWidth <= 1) continue;
    if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
      const text = (el.textContent ?? '').trim().slice(0, 60) || `<${el.tagName.toLowerCase()}>`;
      problems.push({ text, issue: `clipped: content ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}` });
    }
  }
  return problems;
}

describe('waiting-room board, read from the back of the hall', () => {
  let c: TestCentre;
  let browser: Browser;
  let lastCall = '';

  beforeAll(async () => {
    [c, browser] = await Promise.all([startTestCentre(), launchBrowser()]);
    const admin = await c.login('admin');
    for (const [code, name] of Object.entries(LONG_NAMES)) {
      expect((await c.api('PATCH', `/admin/services/${c.serviceId(code)}`, { auth: admin, body: { name } })).status).toBe(200);
    }
    const manager = await c.login('manager');
    const desks: [string, string, string][] = [
      ['1', 'wanjiru', 'A'],
      ['4', 'otieno', 'H'],
      ['6', 'achieng', 'R'],
      ['10', 'kiprop', 'Y'],
    ];
    for (const [counter, clerk] of desks) {
      const auth = await c.login(clerk);
      expect((await c.api('POST', `/counters/${c.counterId(counter)}/open`, { auth })).status).toBe(200);
    }
    // A busy morning: two-digit queues, and twelve calls so the board's list is full.
    for (let i = 0; i < 14; i++) {
      for (const code of ['A', 'H', 'R', 'Y', 'D', 'G']) {
        expect((await c.api('POST', '/tickets', { auth: manager, body: { serviceId: c.serviceId(code) } })).status).toBe(201);
      }
    }
    for (let round = 0; round < 3; round++) {
      for (const [counter, clerk] of desks) {
        const auth = await c.login(clerk);
        const call = await c.api('POST', `/counters/${c.counterId(counter)}/call-next`, { auth });
        expect(call.status).toBe(200);
        lastCall = call.body.ticket.label;
        if (round < 2) {
          expect((await c.api('POST', `/tickets/${call.body.ticket.id}/start`, { auth })).status).toBe(200);
          expect((await c.api('POST', `/tickets/${call.body.ticket.id}/complete`, { auth })).status).toBe(200);
        }
      }
    }
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  for (const tv of TVS) {
    it(`fits and reads from 10 m at ${tv.width}×${tv.height}`, async () => {
      const ctx = await browser.newContext({ viewport: tv });
      // No voices and audio locked: the "tap to turn sound on" prompt is on the board too.
      await ctx.addInitScript(installSoundProbe, []);
      await ctx.addInitScript(lockAudioUntilTap);
      await keepDeviceToken(ctx, 'display', c.displayToken);
      const page: Page = await ctx.newPage();
      await page.clock.install();
      await page.goto(`${c.url}/display`);
      await expect.poll(() => page.getByTestId('now-label').textContent()).toBe(lastCall);
      await page.getByTestId('sound-prompt').waitFor();
      await page.evaluate(() => document.fonts.ready);

      expect(await page.getByTestId('recent-calls').locator('tr').count()).toBe(5);
      // Twelve services: a page of six at a time, names in both languages, at full size.
      expect(await page.getByTestId('waiting').locator('li').count()).toBe(6);
      expect(await page.getByTestId('waiting-page').textContent()).toBe('Page 1 of 2 · Ukurasa 1 kati ya 2');

      expect(await page.evaluate(layoutProblems)).toEqual([]);

      const px = (testId: string, css = '') =>
        page.getByTestId(testId).locator(css || ':scope').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(await px('now-label')).toBeGreaterThanOrEqual(0.15 * tv.height);
      expect(await px('recent-calls', 'td.label')).toBeGreaterThanOrEqual(0.05 * tv.height);
      expect(await px('waiting', '.code')).toBeGreaterThanOrEqual(0.045 * tv.height);

      // The other page of services fits as well (the page's clock moved on rather than waited for).
      await page.clock.fastForward(10_500);
      await expect.poll(() => page.getByTestId('waiting-page').textContent()).toBe('Page 2 of 2 · Ukurasa 2 kati ya 2');
      expect(await page.evaluate(layoutProblems)).toEqual([]);
      await ctx.close();
    });
  }

  it('shows thirteen services as three even pages, the last one as whole as the others, at both sizes', async () => {
    // A thirteenth service in the hall: served at counter 10, so the main hall's strip lists it.
    const admin = await c.login('admin');
    const created = await c.api('POST', '/admin/services', {
      auth: admin,
      body: { code: 'W', name: { en: 'Work permits', sw: 'Vibali vya kazi' }, agency: 'Immigration' },
    });
    expect(created.status).toBe(201);
    const counters = await c.api('GET', '/counters', { auth: admin });
    const ten = (counters.body.items as { id: string; name: string; serviceIds: string[] }[]).find((x) => x.name === 'Counter 10')!;
    expect((await c.api('PATCH', `/admin/counters/${ten.id}`, { auth: admin, body: { serviceIds: [...ten.serviceIds, created.body.service.id] } })).status).toBe(200);

    for (const tv of TVS) {
      const ctx = await browser.newContext({ viewport: tv });
      await ctx.addInitScript(installSoundProbe, []);
      await keepDeviceToken(ctx, 'display', c.displayToken);
      const page: Page = await ctx.newPage();
      await page.clock.install();
      await page.goto(`${c.url}/display`);
      await page.getByTestId('waiting').waitFor();
      // From here on the page's time moves only when the test moves it: a slow check never lets a page turn.
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
      await page.evaluate(() => document.fonts.ready);
      const strip = page.locator('section.waiting');
      const height = await strip.evaluate((el) => el.getBoundingClientRect().height);

      // Five, four and four: none of the pages is left with a column to itself.
      for (const [n, services] of [[1, 5], [2, 4], [3, 4]] as const) {
        await expect.poll(() => page.getByTestId('waiting-page').textContent()).toBe(`Page ${n} of 3 · Ukurasa ${n} kati ya 3`);
        const items = page.getByTestId('waiting').locator('li');
        expect(await items.count()).toBe(services);
        // Both columns hold services, and every one of them is in view.
        const lefts = await items.evaluateAll((li) => li.map((x) => Math.round(x.getBoundingClientRect().left)));
        expect(new Set(lefts).size).toBe(2);
        for (const li of await items.all()) expect(await li.isVisible()).toBe(true);
        // The strip keeps its height as pages turn, so the calls above never jump.
        expect(await strip.evaluate((el) => el.getBoundingClientRect().height)).toBeCloseTo(height, 0);
        expect(await page.evaluate(layoutProblems)).toEqual([]);
        await page.clock.runFor(10_500);
      }
      await expect.poll(() => page.getByTestId('waiting-page').textContent()).toBe('Page 1 of 3 · Ukurasa 1 kati ya 3');
      await ctx.close();
    }
  });
});
