// The clerk's counter screen in real Chromium against a real centre: a morning's steps by mouse and by
// keyboard, the customer kept across sign-out, the clerk's figures, accessibility, and a phone.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';
import { tStaff } from '@foleni/shared';
import { MOVES, SHORTCUTS } from '../src/counter/shortcuts.js';
import { issueTicket, signIn as signInAt, startStaffCentre } from './support/staff-pages.js';
import type { Issued, StaffCentre } from './support/staff-pages.js';

describe('counter screen', () => {
  let s: StaffCentre;
  let c: TestCentre;
  let manager: string;

  const issue = (code: string, priority?: string) => issueTicket(c, manager, code, priority);
  const ticket = async (id: string) => (await c.api('GET', '/queue', { auth: manager })).body.items.flatMap((i: { tickets: unknown[] }) => i.tickets).find((t: { id: string }) => t.id === id);
  const counter = async (name: string) => (await c.api('GET', `/counters/${c.counterId(name)}`, { auth: manager })).body.counter;
  /** The staff view of one ticket, whatever its state (the API's public view hides the clerk). */
  const full = (id: string) => c.app.ctx.views.ticket(c.app.ctx.repos.tickets.byId(id)!);

  async function signIn(username: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
    const page = await s.newPage({ viewport });
    await signInAt(page, `${c.url}/counter`, username);
    return page;
  }
  const waitingLabels = (page: Page) => page.locator('[data-testid=waiting-list] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-label')));
  const currentLabel = (page: Page) => page.getByTestId('current-label');

  beforeAll(async () => {
    s = await startStaffCentre();
    c = s.centre;
    manager = await c.login('manager');
  });
  afterAll(() => s?.close());

  it('runs a counter: open, call, recall, start, complete, no-show, reactivate, call out of turn, transfer', async () => {
    const k1 = await issue('K');
    const a1 = await issue('A');
    const b1 = await issue('B');
    const a2 = await issue('A');
    const d1 = await issue('D');
    const k2 = await issue('K');

    const page = await signIn('wanjiru');
    await expect.poll(() => page.getByRole('heading', { name: 'Choose your counter' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Open Counter 1', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Counter 1', exact: true }).isVisible()).toBe(true);
    expect((await counter('1')).status).toBe('open');

    // Counter 1 serves A, B, D: the list is in the order Call next takes them.
    await expect.poll(() => waitingLabels(page)).toEqual([a1.label, b1.label, a2.label, d1.label]);

    const callNext = page.getByRole('button', { name: 'Call next', exact: true });
    await callNext.click();
    await expect.poll(() => currentLabel(page).textContent()).toBe(a1.label);
    expect(full(a1.id)).toMatchObject({ status: 'called', counterId: c.counterId('1'), callCount: 1 });
    await expect.poll(() => waitingLabels(page)).toEqual([b1.label, a2.label, d1.label]);

    await page.getByRole('button', { name: 'Recall' }).click();
    await expect.poll(() => full(a1.id).callCount).toBe(2);
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain(`${a1.label} is called again`);

    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => full(a1.id).status).toBe('serving');
    await expect.poll(() => page.getByTestId('current-ticket').textContent()).toContain('Being served');

    await page.getByRole('button', { name: 'Complete' }).click();
    await expect.poll(() => full(a1.id).status).toBe('done');
    // The next call is one key away: the Call next button has the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(/^Call next/);
    await expect.poll(() => page.getByTestId('today-served').textContent()).toBe('1');
    await page.keyboard.press('Enter');
    await expect.poll(() => currentLabel(page).textContent()).toBe(b1.label);

    await page.getByRole('button', { name: 'No-show' }).click();
    await expect.poll(() => full(b1.id).status).toBe('no_show');
    const noShows = page.getByTestId('no-shows');
    await expect.poll(() => noShows.locator('li').first().getAttribute('data-label')).toBe(b1.label);
    await expect.poll(() => page.getByTestId('today-no-shows').textContent()).toBe('1');

    // Reactivated, B001 is back at the head of the line: it keeps the place its ticket time gives it.
    await page.getByRole('button', { name: `Reactivate ${b1.label}: back in the queue, placed as your manager set` }).click();
    await expect.poll(() => full(b1.id).status).toBe('waiting');
    await expect.poll(() => waitingLabels(page)).toEqual([b1.label, a2.label, d1.label]);
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('place 1');
    expect(await noShows.locator('li').count()).toBe(0);

    // Out of turn: the last in line first.
    await page.getByRole('button', { name: `Call ${d1.label} out of turn` }).click();
    await expect.poll(() => currentLabel(page).textContent()).toBe(d1.label);
    expect(full(d1.id).status).toBe('called');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => full(d1.id).status).toBe('serving');

    // Transfer to KRA with a note: D001 arrived between K001 and K002, and that is where it stands.
    await page.getByRole('button', { name: 'Transfer' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('heading').textContent()).toBe(`Transfer ${d1.label}`);
    await dialog.getByRole('radio', { name: /^K\s+Tax PIN/ }).check();
    await dialog.getByLabel('Note for the next clerk (optional)').fill('Needs a KRA PIN first');
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await expect.poll(() => full(d1.id).status).toBe('waiting');
    const moved = full(d1.id);
    expect(moved.serviceId).toBe(c.serviceId('K'));
    expect(moved.journey).toEqual([expect.objectContaining({ serviceId: c.serviceId('D'), counterId: c.counterId('1'), note: 'Needs a KRA PIN first' })]);
    const queue = (await c.api('GET', '/queue', { auth: manager })).body.items.find((i: { code: string }) => i.code === 'K');
    expect(queue.tickets.map((t: Issued) => t.label)).toEqual([k1.label, d1.label, k2.label]);
    expect((await ticket(d1.id)).position).toBe(2);
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('place 2');
    await expect.poll(() => waitingLabels(page)).toEqual([b1.label, a2.label]);

    // The clerk's own figures, counted as the dashboard counts them: B001 was reactivated, so it is no
    // longer a no-show.
    const today = await c.api('GET', '/me/today', { auth: await c.login('wanjiru') });
    expect(today.status).toBe(200);
    expect(today.body).toMatchObject({ served: 1, noShows: 0, transferred: 1 });
    const live = await c.api('GET', '/stats/live', { auth: manager });
    expect(live.body.services.reduce((n: number, s: { noShows: number }) => n + s.noShows, 0)).toBe(0);
    expect(today.body.averageServiceSeconds).toBeGreaterThanOrEqual(0);
    await expect.poll(() => page.getByTestId('today').textContent()).toMatch(/Transferred\s*1/);
  });

  it('does everything a clerk does all day from the keyboard', async () => {
    const a = await issue('H');
    const b = await issue('N');
    const page = await signIn('kiprop');
    await page.getByRole('button', { name: 'Open Counter 4', exact: true }).click();
    await expect.poll(() => waitingLabels(page)).toEqual([a.label, b.label]);

    await page.keyboard.press('n');
    await expect.poll(() => currentLabel(page).textContent()).toBe(a.label);
    await page.keyboard.press('r');
    await expect.poll(() => full(a.id).callCount).toBe(2);
    await page.keyboard.press('x');
    await expect.poll(() => full(a.id).status).toBe('no_show');
    await page.keyboard.press('n');
    await expect.poll(() => currentLabel(page).textContent()).toBe(b.label);
    // C before S is refused with a word of what to do, and nothing changes.
    await page.keyboard.press('c');
    await expect.poll(() => page.getByTestId('error').textContent()).toContain('Start serving the customer first');
    expect(full(b.id).status).toBe('called');
    await page.keyboard.press('s');
    await expect.poll(() => full(b.id).status).toBe('serving');
    await page.keyboard.press('t');
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    // Typing in the note does not trigger shortcuts.
    await page.keyboard.press('Tab');
    await page.getByRole('dialog').getByRole('textbox').pressSequentially('nxcs');
    expect(full(b.id).status).toBe('serving');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.keyboard.press('c');
    await expect.poll(() => full(b.id).status).toBe('done');

    await page.keyboard.press('p');
    // Pausing asks why; Enter takes the first reason, which has the focus.
    await page.getByRole('dialog', { name: 'Pause' }).waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await counter('4')).status).toBe('paused');
    await expect.poll(() => page.getByRole('button', { name: 'Resume' }).isVisible()).toBe(true);
    await page.keyboard.press('p');
    await expect.poll(async () => (await counter('4')).status).toBe('open');

    await page.keyboard.press('l');
    await expect.poll(() => page.getByRole('button', { name: 'Ita anayefuata', exact: true }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sw');
    await page.keyboard.press('l');
    await expect.poll(() => page.getByRole('button', { name: 'Call next', exact: true }).isVisible()).toBe(true);

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => help.isVisible()).toBe(true);
    for (const line of ['Call the next customer', 'Call the customer again', 'Mark a no-show', 'Transfer to another service']) {
      expect(await help.textContent()).toContain(line);
    }
    // Every key is in the panel, in each language: the commands, then the keys that move about.
    const rows = (lang: 'en' | 'sw') => [...SHORTCUTS.map((k) => [k.shown, tStaff(lang, k.help)]), ...MOVES.map((k) => [k.shown, tStaff(lang, k.help)])];
    const panel = () => help.locator('tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('kbd')?.textContent, tr.querySelector('td')?.textContent]));
    expect(await panel()).toEqual(rows('en'));
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    await page.keyboard.press('l');
    await page.keyboard.press('?');
    const msaada = page.getByRole('dialog', { name: 'Vitufe vya mkato' });
    await expect.poll(() => msaada.isVisible()).toBe(true);
    expect(await msaada.locator('tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('kbd')?.textContent, tr.querySelector('td')?.textContent]))).toEqual(rows('sw'));
    await page.keyboard.press('Escape');
    await page.keyboard.press('l');
    // Buttons say their key, to screen readers too.
    expect(await page.getByRole('button', { name: 'Call next', exact: true }).getAttribute('aria-keyshortcuts')).toBe('N');
    expect(await page.getByRole('button', { name: 'Close counter' }).getAttribute('aria-keyshortcuts')).toBe('E');

    // With nobody waiting, O says so instead of doing nothing.
    await page.keyboard.press('o');
    await expect.poll(() => page.getByTestId('error').textContent()).toContain('O: nobody is waiting for your services');

    // Out of turn without the mouse: O goes to the waiting list, ↓ to the second in line, Enter calls them.
    const first = await issue('H');
    const second = await issue('N');
    await expect.poll(() => waitingLabels(page)).toEqual([first.label, second.label]);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    await page.keyboard.press('o');
    await expect.poll(focused).toBe(`Call ${first.label} out of turn`);
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toBe(`Call ${second.label} out of turn`);
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(`Call ${second.label} out of turn`);
    await page.keyboard.press('Enter');
    await expect.poll(() => currentLabel(page).textContent()).toBe(second.label);
    expect(full(first.id).status).toBe('waiting');
    await page.keyboard.press('s');
    await expect.poll(() => full(second.id).status).toBe('serving');
    await page.keyboard.press('c');
    await expect.poll(() => full(second.id).status).toBe('done');

    // E closes the counter for the day, but asks first: Escape keeps it open.
    await page.keyboard.press('e');
    const confirm = page.getByRole('dialog', { name: 'Close counter' });
    await expect.poll(() => confirm.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => confirm.count()).toBe(0);
    expect((await counter('4')).status).toBe('open');
    await page.keyboard.press('e');
    await confirm.getByRole('button', { name: 'Yes, close it' }).click();
    await expect.poll(async () => (await counter('4')).status).toBe('closed');
  });

  it('keeps the counter and its customer across sign-out, and says why a call cannot be made', async () => {
    const x = await issue('G');
    const page = await signIn('achieng');
    await page.getByRole('button', { name: 'Open Counter 7', exact: true }).click();
    await page.getByRole('button', { name: 'Call next', exact: true }).click();
    await expect.poll(() => currentLabel(page).textContent()).toBe(x.label);
    // aria-disabled, not disabled: a press still tells the clerk why (force: Playwright counts it as disabled).
    await page.getByRole('button', { name: 'Call next', exact: true }).click({ force: true });
    await expect.poll(() => page.getByTestId('error').textContent()).toContain(`Finish with ${x.label} first`);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
    expect(await counter('7')).toMatchObject({ status: 'open', currentTicketId: x.id, clerk: { displayName: 'Achieng Atieno' } });

    await page.getByLabel('Username').fill('achieng');
    await page.getByLabel('Password').fill('foleni-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => currentLabel(page).textContent()).toBe(x.label);
    await page.getByRole('button', { name: 'No-show' }).click();
    await expect.poll(() => full(x.id).status).toBe('no_show');

    // Nobody else waits for G or P: the clerk is told so instead of a silent nothing.
    await page.getByRole('button', { name: 'Call next', exact: true }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Nobody is waiting for your services (G, P)');

    await page.getByRole('button', { name: 'Close counter' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, close it' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Choose your counter' }).isVisible()).toBe(true);
    expect(await counter('7')).toMatchObject({ status: 'closed', clerk: null });
  });

  it('has no serious accessibility problems, on the desk and in the transfer window', async () => {
    const page = await signIn('mwangi');
    await expect.poll(() => page.getByRole('heading', { name: 'Choose your counter' }).isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await issue('L', 'elderly');
    await page.getByRole('button', { name: 'Open Counter 9', exact: true }).click();
    await page.getByRole('button', { name: 'Call next', exact: true }).click();
    await expect.poll(() => page.getByTestId('current-label').isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('t');
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.keyboard.press('l');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('sw');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('works on a phone', async () => {
    const a = await issue('P');
    await issue('Y');
    const phone = { width: 390, height: 844 };
    const page = await signIn('otieno', phone);
    await page.getByRole('button', { name: 'Open Counter 10', exact: true }).click();
    const callNext = page.getByRole('button', { name: 'Call next', exact: true });
    await callNext.click();
    await expect.poll(() => currentLabel(page).textContent()).toBe(a.label);
    // Everything fits the width, and the call and its actions are on the first screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    for (const name of ['Call next', 'Start', 'Recall', 'No-show', 'Transfer']) {
      const box = await page.getByRole('button', { name, exact: true }).boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.y + box!.height, name).toBeLessThanOrEqual(phone.height);
      expect(box!.height, name).toBeGreaterThanOrEqual(44);
    }
    // Kept for a person to look at: FOLENI_SHOTS=<folder> (default: the system's temporary folder).
    await page.screenshot({ path: join(process.env.FOLENI_SHOTS ?? tmpdir(), 'foleni-counter-phone.png'), fullPage: true });
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(() => full(a.id).status).toBe('serving');
  });
});
