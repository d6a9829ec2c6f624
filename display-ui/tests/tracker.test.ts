// The citizen's phone tracker in real Chromium against a real centre: the place in line falls as others
// are called (and grows when a priority arrival, a transfer in or a requeue goes ahead), while the page
// hears nothing of who they are; the full-screen call rings and vibrates; a rating is one tap, a comment
// may follow it, and a second rating is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, seriousA11yViolations, startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';
import { installSoundProbe } from './browser-stubs.js';
import type { SoundProbe } from './browser-stubs.js';

const PHONE = { width: 390, height: 844 };

describe('phone tracker', () => {
  let c: TestCentre;
  let browser: Browser;
  let clerk: string;
  let manager: string;

  /** The issuer's answer: its trackUrl is the citizen's own link, with the feedback key (#k=…). */
  async function issue(code: string, body: Record<string, unknown> = {}): Promise<{ id: string; label: string; trackUrl: string }> {
    const res = await c.api('POST', '/tickets', { auth: manager, body: { serviceId: c.serviceId(code), ...body } });
    expect(res.status).toBe(201);
    return res.body.ticket;
  }

  async function step(ticketId: string, action: string, auth = clerk): Promise<void> {
    const res = await c.api('POST', `/tickets/${ticketId}/${action}`, { auth });
    expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
  }

  /** Counter 9 calls its next ticket and serves it to the end. */
  async function serveNext(): Promise<string> {
    const res = await c.api('POST', `/counters/${c.counterId('9')}/call-next`, { auth: clerk });
    expect(res.status).toBe(200);
    await step(res.body.ticket.id, 'start');
    await step(res.body.ticket.id, 'complete');
    return res.body.ticket.label;
  }

  /** Opens a link on a new phone: the citizen's own (a trackUrl) or any other address of the tracker. */
  async function openTracker(link: string, opts: { axe?: boolean; frames?: string[] } = {}): Promise<Page> {
    // The axe helper injects an inline script, which the server's CSP refuses: only pages checked with axe bypass it.
    const ctx = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true, bypassCSP: opts.axe ?? false });
    ctx.setDefaultTimeout(8000);
    await ctx.addInitScript(installSoundProbe, []);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.error('page error', e.message));
    page.on('websocket', (ws) => ws.on('framereceived', (f) => opts.frames?.push(String(f.payload))));
    await page.goto(link);
    await page.getByTestId('label').waitFor();
    return page;
  }

  const ahead = (page: Page) => page.getByTestId('ahead').getAttribute('data-ahead');

  beforeAll(async () => {
    [c, browser] = await Promise.all([startTestCentre(), launchBrowser()]);
    clerk = await c.login('kiprop');
    manager = await c.login('manager');
    expect((await c.api('POST', `/counters/${c.counterId('9')}/open`, { auth: clerk })).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('follows the place in line live, rings when called, and takes a rating then a comment', { timeout: 50_000 }, async () => {
    const others: { id: string; label: string }[] = [];
    for (let i = 0; i < 3; i++) others.push(await issue('L'));
    const student = await issue('S');
    others.push(student);
    const mine = await issue('L', { lang: 'sw' });
    const frames: string[] = [];
    expect(mine.trackUrl).toMatch(new RegExp(`^${c.url}/t/${mine.id}#k=[A-Za-z0-9_-]{22}$`));
    const page = await openTracker(mine.trackUrl, { axe: true, frames });
    /** The page's count came from pushes alone: it agrees with the server. */
    const agrees = async (n: number) => {
      await expect.poll(() => ahead(page)).toBe(String(n));
      expect((await c.api('GET', `/tickets/${mine.id}`)).body.ticket.position).toBe(n + 1);
    };

    // The ticket's own language first, with a switch.
    expect(await page.getByTestId('label').textContent()).toBe(mine.label);
    await expect.poll(() => page.getByTestId('ahead').textContent()).toBe('Watu 3 wako mbele yako');
    expect(await page.locator('html').getAttribute('lang')).toBe('sw');
    await page.getByTestId('switch-lang').click();
    await expect.poll(() => page.getByTestId('ahead').textContent()).toBe('3 people ahead of you');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Someone with priority arrives: they go ahead of us.
    const elderly = await issue('L', { priority: 'elderly' });
    others.push(elderly);
    await agrees(4);
    // Someone without priority arrives: they stay behind us.
    others.push(await issue('L'));
    await agrees(4);
    expect(await serveNext()).toBe(elderly.label);
    await agrees(3);
    // A student loan customer who came before us is sent to driving licences: they join ahead of us.
    expect((await c.api('POST', `/counters/${c.counterId('9')}/call`, { auth: clerk, body: { ticketId: student.id } })).status).toBe(200);
    await step(student.id, 'start');
    expect((await c.api('POST', `/tickets/${student.id}/transfer`, { auth: clerk, body: { serviceId: c.serviceId('L') } })).status).toBe(200);
    await agrees(4);
    await serveNext();
    await agrees(3);
    // The next one does not come, and is later put back in the place they had.
    const missed = await c.api('POST', `/counters/${c.counterId('9')}/call-next`, { auth: clerk });
    await step(missed.body.ticket.id, 'no-show');
    await agrees(2);
    await step(missed.body.ticket.id, 'requeue');
    await agrees(3);
    // Woken up, the phone asks for a fresh snapshot over its socket: the count stays right after it.
    const snapshots = () => frames.filter((f) => f.startsWith('42["queue:snapshot"')).length;
    const before = snapshots();
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expect.poll(snapshots).toBe(before + 1);
    await serveNext();
    await agrees(2);
    await serveNext();
    await expect.poll(() => page.getByTestId('ahead').textContent()).toBe('1 person ahead of you');
    expect(await serveNext()).toBe(student.label);
    await expect.poll(() => page.getByTestId('ahead').textContent()).toBe('You are next');
    expect((await c.api('GET', `/tickets/${mine.id}`)).body.ticket.position).toBe(1);
    // Everything the page heard: nothing names or describes another ticket.
    expect(frames.length).toBeGreaterThan(10);
    for (const f of frames) {
      for (const o of others) {
        expect(f).not.toContain(o.id);
        expect(f).not.toContain(`"${o.label}"`);
      }
      expect(f).not.toContain('"elderly"');
    }

    const call = await c.api('POST', `/counters/${c.counterId('9')}/call-next`, { auth: clerk });
    expect(call.body.ticket.label).toBe(mine.label);
    const called = page.getByTestId('called-screen');
    await called.waitFor();
    expect(await page.getByTestId('called-counter').textContent()).toBe('Counter 9');
    expect(await called.getByRole('heading').textContent()).toBe('It is your turn!');
    const probe = () => page.evaluate(() => (window as unknown as { __sound: SoundProbe }).__sound);
    expect((await probe()).log.filter((e) => e.kind === 'vibrate')).toHaveLength(1);
    expect((await probe()).log.some((e) => e.kind === 'tone')).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Dismissed, then called again: the full screen comes back and says so.
    await page.getByRole('button', { name: 'OK, I am on my way' }).click();
    await called.waitFor({ state: 'detached' });
    await step(mine.id, 'recall');
    await called.waitFor();
    expect(await called.getByRole('heading').textContent()).toBe('You are being called again!');
    expect((await probe()).log.filter((e) => e.kind === 'vibrate')).toHaveLength(2);

    await step(mine.id, 'start');
    await called.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Being served');
    await step(mine.id, 'complete');
    await page.getByTestId('feedback').waitFor();
    // The phone keeps the key of its link: opened again at the address without it, it can still rate.
    await page.goto(`${c.url}/t/${mine.id}`);
    await page.getByTestId('feedback').waitFor();

    // A second phone already showing the form (in the ticket's language): its answer must be refused.
    const second = await openTracker(mine.trackUrl);
    await second.getByTestId('feedback').waitFor();
    // A clerk's phone at the ticket's address without the key (all a staff screen shows) may not rate.
    const clerkPhone = await openTracker(`${c.url}/t/${mine.id}`);
    await clerkPhone.getByRole('button', { name: 'Nzuri sana', exact: true }).click();
    await expect.poll(() => clerkPhone.getByRole('alert').textContent()).toContain('msimbo wa QR');
    expect(c.db.prepare('SELECT COUNT(*) FROM feedback f JOIN tickets t ON t.rowid = f.ticket_rowid WHERE t.id = ?').pluck().get(mine.id)).toBe(0);

    // One tap on a face sends the rating; then, below the faces, a comment may follow.
    expect(await page.getByRole('button', { name: 'Send comment' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Good', exact: true }).click();
    await expect.poll(() => page.getByTestId('feedback-result').textContent()).toBe('Thank you for your feedback.');
    const stored = () => c.db.prepare('SELECT f.rating, f.comment FROM feedback f JOIN tickets t ON t.rowid = f.ticket_rowid WHERE t.id = ?').get(mine.id);
    expect(stored()).toEqual({ rating: 4, comment: null });
    expect(await page.getByRole('button', { name: 'Good', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: 'Very good', exact: true }).isDisabled()).toBe(true);
    const send = page.getByRole('button', { name: 'Send comment' });
    expect(await send.isDisabled()).toBe(true);
    await page.getByLabel('Anything to add? Write a comment (optional)').fill('Quick and friendly.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await send.click();
    await expect.poll(() => page.getByTestId('comment-result').textContent()).toBe('Thank you for your comment.');
    expect(stored()).toEqual({ rating: 4, comment: 'Quick and friendly.' });
    expect(await send.count()).toBe(0);

    await second.getByRole('button', { name: 'Mbaya sana', exact: true }).click();
    await expect.poll(() => second.getByTestId('feedback-result').textContent()).toBe('Maoni ya tiketi hii yalishatolewa. Asante!');

    const key = new URL(mine.trackUrl).hash.slice('#k='.length);
    const again = await c.api('POST', `/tickets/${mine.id}/feedback`, { body: { rating: 5, key } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('feedback-given');
    const moreComment = await c.api('PATCH', `/tickets/${mine.id}/feedback`, { body: { comment: 'Again', key } });
    expect(moreComment.body.error.code).toBe('comment-given');
    expect(stored()).toEqual({ rating: 4, comment: 'Quick and friendly.' });
    // Opened afresh, the page knows feedback was given and offers no form.
    await second.reload();
    await second.getByTestId('feedback-result').waitFor();
    expect(await second.getByTestId('feedback').count()).toBe(0);
  });

  it('says plainly when a ticket does not exist', async () => {
    const ctx = await browser.newContext({ viewport: PHONE });
    const page = await ctx.newPage();
    await page.goto(`${c.url}/t/no-such-ticket-000`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('could not find this ticket');
    await ctx.close();
  });

  it('keeps the tracker page small: its own bundle, without the display or zod', () => {
    const dist = fileURLToPath(new URL('../dist/', import.meta.url));
    const html = readFileSync(join(dist, 'track.html'), 'utf8');
    const files = [...html.matchAll(/(?:src|href)="\/display\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(files.length).toBeGreaterThan(0);
    let gzipped = 0;
    for (const f of files) {
      const body = readFileSync(join(dist, f));
      expect(body.toString('utf8')).not.toMatch(/ZodError|Anayeitwa sasa/);
      gzipped += gzipSync(body).length;
    }
    // Everything the page loads, compressed as the server would send it over a weak signal.
    expect(gzipped).toBeLessThan(45_000);
    expect(readdirSync(join(dist, 'assets')).some((f) => f.startsWith('track-') && statSync(join(dist, 'assets', f)).size > 0)).toBe(true);
  });
});
