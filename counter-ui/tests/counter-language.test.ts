// The clerk's screen speaks the language chosen now: a message already on screen is said again in
// Kiswahili when the clerk switches, names in it included; one person waiting is one person ("mtu 1
// anasubiri"); and a 24-hour clock time is never put after "saa", where it would be read in Swahili time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCentre } from '@foleni/server/testing';
import { tStaff } from '@foleni/shared';
import { issueTicket, openCounter, startStaffCentre } from './support/staff-pages.js';
import type { StaffCentre } from './support/staff-pages.js';

describe('counter screen languages', () => {
  let s: StaffCentre;
  let c: TestCentre;
  let manager: string;

  beforeAll(async () => {
    s = await startStaffCentre();
    c = s.centre;
    manager = await c.login('manager');
  });
  afterAll(() => s?.close());

  it('says the last outcome again in Kiswahili when the clerk switches, and back', async () => {
    const a1 = await issueTicket(c, manager, 'A');
    const page = await s.newPage();
    await openCounter(page, c.url, 'wanjiru', 'Counter 1');
    await page.getByRole('button', { name: 'Call next', exact: true }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('button', { name: 'Complete' }).click();
    const notice = page.getByTestId('notice');
    await expect.poll(() => notice.textContent()).toBe(tStaff('en', 'counter.completed', { label: a1.label }));

    await page.getByRole('button', { name: 'Kiswahili' }).click();
    await expect.poll(() => notice.textContent()).toBe(tStaff('sw', 'counter.completed', { label: a1.label }));
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => notice.textContent()).toBe(tStaff('en', 'counter.completed', { label: a1.label }));
  });

  it('names the service of a transfer in the language switched to, counts one person as one, and puts no "saa" before a clock time', async () => {
    // K (Tax PIN) has exactly one person waiting; Counter 2 (A, B) does not serve it.
    await issueTicket(c, manager, 'K');
    const b1 = await issueTicket(c, manager, 'B');
    const page = await s.newPage();
    await openCounter(page, c.url, 'otieno', 'Counter 2');
    await page.getByRole('button', { name: 'Kiswahili' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('sw');
    await page.getByRole('button', { name: tStaff('sw', 'counter.callNext'), exact: true }).click();
    const card = page.getByTestId('current-ticket');
    await expect.poll(() => page.getByTestId('current-label').textContent()).toBe(b1.label);
    await expect.poll(() => card.textContent()).toContain(tStaff('sw', 'counter.card.issuedAt', { time: '' }).trim());
    expect(await card.textContent()).not.toMatch(/saa\s+\d{1,2}:\d{2}/);

    await page.getByRole('button', { name: tStaff('sw', 'counter.start') }).click();
    await page.getByRole('button', { name: tStaff('sw', 'counter.transfer') }).click();
    const dialog = page.getByRole('dialog');
    const k = dialog.getByRole('radio', { name: /^K\s/ });
    await expect.poll(() => dialog.locator('label').filter({ has: page.getByRole('radio', { name: /^K\s/ }) }).textContent()).toContain('mtu 1 anasubiri');
    await k.check();
    await dialog.getByRole('button', { name: tStaff('sw', 'counter.transfer.submit') }).click();
    const notice = page.getByTestId('notice');
    const kra = c.app.ctx.repos.services.get(c.serviceId('K'))!.name;
    await expect.poll(() => notice.textContent()).toBe(tStaff('sw', 'counter.transferred', { label: b1.label, service: kra.sw, place: 2 }));
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => notice.textContent()).toBe(tStaff('en', 'counter.transferred', { label: b1.label, service: kra.en, place: 2 }));
  });
});
