// Two clerks at once, in real Chromium against a real centre: simultaneous calls never share a ticket,
// and a clerk whose screen is behind is told plainly when a ticket is no longer theirs to act on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestCentre } from '@foleni/server/testing';
import { ApiError, createApi } from '@foleni/shared/client';
import { issueTicket, openCounter as openCounterAt, stallablePushes, startStaffCentre } from './support/staff-pages.js';
import type { PushStall, StaffCentre } from './support/staff-pages.js';

interface Clerk extends PushStall {
  page: Page;
}

describe('two clerks', () => {
  let s: StaffCentre;
  let c: TestCentre;
  let manager: string;

  const issue = (code: string) => issueTicket(c, manager, code);
  const full = (id: string) => c.app.ctx.views.ticket(c.app.ctx.repos.tickets.byId(id)!);
  const currentLabel = (page: Page) => page.getByTestId('current-label');

  async function openCounter(username: string, counterName: string): Promise<Clerk> {
    const page = await s.newPage({ viewport: { width: 1280, height: 800 }, strictCsp: true });
    const pushes = await stallablePushes(page);
    await openCounterAt(page, c.url, username, counterName);
    return { page, ...pushes };
  }

  /** Events reach the test through the browser, after the API has answered: wait for them to be dropped. */
  async function unstallAfter(clerk: Clerk, events: number): Promise<void> {
    await expect.poll(() => clerk.dropped()).toBeGreaterThanOrEqual(events);
    clerk.stall(false);
  }

  beforeAll(async () => {
    s = await startStaffCentre();
    c = s.centre;
    manager = await c.login('manager');
  });
  afterAll(() => s?.close());

  it('gives two clerks pressing Call next together two different tickets, and stops each acting on the other’s', async () => {
    const w = await openCounter('wanjiru', 'Counter 1');
    const o = await openCounter('otieno', 'Counter 2');
    const issued = [await issue('A'), await issue('A'), await issue('B'), await issue('B')];

    for (let round = 0; round < 2; round++) {
      await Promise.all([w, o].map((x) => expect.poll(() => x.page.locator('[data-testid=waiting-list] li').count()).toBe(issued.length - round * 2)));
      const buttons = [w, o].map((x) => x.page.getByRole('button', { name: 'Call next', exact: true }));
      await Promise.all(buttons.map((b) => b.click()));
      await Promise.all([w, o].map((x) => expect.poll(() => currentLabel(x.page).textContent()).toMatch(/^[AB]\d{3}$/)));
      const labels = await Promise.all([w, o].map((x) => currentLabel(x.page).textContent()));
      expect(new Set(labels).size).toBe(2);
      const called = issued.filter((t) => labels.includes(t.label)).map((t) => full(t.id));
      expect(called.map((t) => t.status)).toEqual(['called', 'called']);
      expect(new Set(called.map((t) => t.counterId))).toEqual(new Set([c.counterId('1'), c.counterId('2')]));

      // Otieno may not touch Wanjiru's ticket through the API...
      const wanjirus = called.find((t) => t.counterId === c.counterId('1'))!;
      const otieno = await c.login('otieno');
      for (const step of ['recall', 'start', 'no-show', 'complete']) {
        const res = await c.api('POST', `/tickets/${wanjirus.id}/${step}`, { auth: otieno });
        expect(res.status, step).toBe(403);
        expect(res.body.error.code).toBe('not-your-ticket');
      }
      const transfer = await c.api('POST', `/tickets/${wanjirus.id}/transfer`, { auth: otieno, body: { serviceId: c.serviceId('K') } });
      expect(transfer.status).toBe(403);
      expect(full(wanjirus.id).status).toBe('called');

      for (const x of [w, o]) {
        await x.page.keyboard.press('s');
        await x.page.keyboard.press('c');
      }
      await Promise.all(called.map((t) => expect.poll(() => full(t.id).status).toBe('done')));
    }
  });

  /** Lets the answers to `path` through to the page only when `release` is called; `answered` once the server has. */
  async function holdAnswers(page: Page, path: string): Promise<{ answered: () => boolean; release: () => void }> {
    let answered = false;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/api/v1${path}`, async (route) => {
      const response = await route.fetch();
      answered = true;
      await held;
      await route.fulfill({ response });
    });
    return { answered: () => answered, release };
  }

  it('never lets an answer that arrives late overwrite a change pushed meanwhile (Call next, Pause)', async () => {
    const k = await openCounter('kiprop', 'Counter 4');
    const counter4 = c.counterId('4');
    const t = await issue('H');
    const inLine = () => k.page.locator(`[data-testid=waiting-list] li[data-label=${t.label}]`).count();
    await expect.poll(inLine).toBe(1);

    // Call next reaches the server, but its answer is held on the way back...
    const call = await holdAnswers(k.page, '/counters/*/call-next');
    await k.page.getByRole('button', { name: 'Call next', exact: true }).click();
    await expect.poll(call.answered).toBe(true);
    await expect.poll(() => currentLabel(k.page).textContent()).toBe(t.label);
    // ...while a manager puts the ticket back in the line, and the screen hears of it.
    expect((await c.api('POST', `/tickets/${t.id}/requeue`, { auth: manager })).status).toBe(200);
    await expect.poll(inLine).toBe(1);
    await expect.poll(() => k.page.getByTestId('current-ticket').textContent()).toContain('No customer at your counter');
    call.release();
    await expect.poll(() => k.page.getByTestId('notice').textContent()).toContain(`Calling ${t.label}`);
    // The older answer changed nothing: the screen still shows what the server holds.
    expect(await k.page.getByTestId('current-ticket').textContent()).toContain('No customer at your counter');
    expect(await inLine()).toBe(1);
    expect(full(t.id).status).toBe('waiting');

    // Pause, answered late, after a manager had opened the counter again.
    const pause = await holdAnswers(k.page, '/counters/*/pause');
    await k.page.keyboard.press('p');
    // Pausing asks why; Enter takes the first reason, which has the focus.
    await k.page.getByRole('dialog', { name: 'Pause' }).waitFor();
    await k.page.keyboard.press('Enter');
    await expect.poll(pause.answered).toBe(true);
    await expect.poll(() => k.page.getByRole('button', { name: 'Resume' }).isVisible()).toBe(true);
    expect((await c.api('POST', `/counters/${counter4}/open`, { auth: manager })).status).toBe(200);
    await expect.poll(() => k.page.getByRole('button', { name: 'Pause' }).isVisible()).toBe(true);
    pause.release();
    await expect.poll(() => k.page.getByRole('button', { name: 'Pause' }).isEnabled()).toBe(true);
    expect(await k.page.getByRole('button', { name: 'Pause' }).isVisible()).toBe(true);
    expect(await k.page.locator('.bar .state').textContent()).toBe('Open');
    expect((await c.api('GET', `/counters/${counter4}`, { auth: manager })).body.counter.status).toBe('open');
  });

  it('tells a clerk whose screen fell behind that a ticket went to another counter, in her language, and catches up', async () => {
    // Achieng works in the browser at Counter 3 (B, D, A); Otieno, at Counter 2 (A, B), works through the API.
    const a = await openCounter('achieng', 'Counter 3');
    const otieno = await c.login('otieno');
    const counter2 = c.counterId('2');
    // Which counter has the ticket comes with the refusal: the screen never looks the ticket up to find it.
    let lookups = 0;
    await a.page.route(/\/api\/v1\/tickets\/[^/]+$/, async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      lookups++;
      return route.abort('connectionrefused');
    });
    const mine = await issue('B');
    await a.page.getByRole('button', { name: 'Call next', exact: true }).click();
    await expect.poll(() => currentLabel(a.page).textContent()).toBe(mine.label);

    // Her screen stalls; meanwhile a manager puts her ticket back in the queue and Counter 2 calls it.
    a.stall(true);
    expect((await c.api('POST', `/tickets/${mine.id}/requeue`, { auth: manager })).status).toBe(200);
    expect((await c.api('POST', `/counters/${counter2}/call`, { auth: otieno, body: { ticketId: mine.id } })).status).toBe(200);
    await unstallAfter(a, 2);
    expect(await currentLabel(a.page).textContent()).toBe(mine.label);

    // She presses Start on what her screen still shows: refused, and told where the ticket is.
    await a.page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => a.page.getByTestId('error').textContent()).toContain(`Counter 2 has ${mine.label}, not your counter`);
    expect(full(mine.id)).toMatchObject({ status: 'called', counterId: counter2 });
    // ...and her screen catches up by itself.
    await expect.poll(() => a.page.getByTestId('current-ticket').textContent()).toContain('No customer at your counter');
    expect((await c.api('POST', `/tickets/${mine.id}/no-show`, { auth: otieno })).status).toBe(200);

    // Out of turn from a stale list: Counter 2 has already called the one she picks.
    const other = await issue('A');
    await expect.poll(() => a.page.locator(`[data-testid=waiting-list] li[data-label=${other.label}]`).count()).toBe(1);
    a.stall(true);
    expect((await c.api('POST', `/counters/${counter2}/call`, { auth: otieno, body: { ticketId: other.id } })).status).toBe(200);
    await unstallAfter(a, 1);
    await a.page.getByRole('button', { name: `Call ${other.label} out of turn` }).click();
    await expect.poll(() => a.page.getByTestId('error').textContent()).toContain(`Counter 2 has already called ${other.label}`);
    await expect.poll(() => a.page.locator(`[data-testid=waiting-list] li[data-label=${other.label}]`).count()).toBe(0);
    expect(full(other.id).counterId).toBe(counter2);
    // The same refusals through the shared API client carry the server's details: the counter that has it.
    const achieng = await c.login('achieng');
    const asAchieng = createApi({ base: `${c.url}/api/v1`, token: () => achieng });
    const holder = { counter: { id: counter2, name: 'Counter 2' } };
    const called = await asAchieng.callTicket({ counterId: c.counterId('3'), body: { ticketId: other.id } }).catch((e: unknown) => e);
    expect(called).toBeInstanceOf(ApiError);
    expect(called).toMatchObject({ status: 409, code: 'already-called', details: holder });
    const started = await asAchieng.startTicket({ ticketId: other.id }).catch((e: unknown) => e);
    expect(started).toMatchObject({ status: 403, code: 'not-your-ticket', details: holder });
    expect((await c.api('POST', `/tickets/${other.id}/no-show`, { auth: otieno })).status).toBe(200);

    // In Kiswahili the same refusal is told in Kiswahili, naming the counter that has the ticket.
    await a.page.keyboard.press('l');
    const again = await issue('A');
    await expect.poll(() => a.page.locator(`[data-testid=waiting-list] li[data-label=${again.label}]`).count()).toBe(1);
    a.stall(true);
    expect((await c.api('POST', `/counters/${counter2}/call`, { auth: otieno, body: { ticketId: again.id } })).status).toBe(200);
    await unstallAfter(a, 1);
    await a.page.getByRole('button', { name: `Ita ${again.label} nje ya zamu` }).click();
    await expect.poll(() => a.page.getByTestId('error').textContent()).toContain(`${again.label} ameshaitwa na Dirisha 2`);
    expect(lookups).toBe(0);
  });
});
