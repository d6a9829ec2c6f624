// The admin is told, on every settings page, which accounts still have the demo's published password, and
// the note goes once those passwords are changed (a server reachable from the network says it loudly; the
// harness listens on 127.0.0.1, so here it is the quiet form, and the loud one is checked by start-modes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, launchBrowser, seriousA11yViolations, startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';

describe('admin: demo accounts', () => {
  let c: TestCentre;
  let browser: Browser;
  let page: Page;
  const warning = () => page.getByTestId('demo-accounts-warning');

  beforeAll(async () => {
    [c, browser] = await Promise.all([startTestCentre(), launchBrowser()]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    context.setDefaultTimeout(5000);
    page = await context.newPage();
    await page.goto(`${c.url}/admin`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('names the accounts still on the demo password, with where to change them', async () => {
    await warning().waitFor();
    const text = await warning().innerText();
    expect(text).toContain('manager');
    expect(text).toContain('wanjiru');
    expect(text).not.toContain('admin,');
    expect(await warning().getAttribute('role')).toBe('status');
    expect(await warning().getByRole('link', { name: 'Staff' }).getAttribute('href')).toBe('/admin/users');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('goes once every demo account has a password of its own', async () => {
    const admin = await c.login('admin');
    const users = (await c.api('GET', '/admin/users', { auth: admin })).body.items as { id: string; username: string }[];
    const { demoAccounts } = (await c.api('GET', '/admin/warnings', { auth: admin })).body as { demoAccounts: string[] };
    expect(demoAccounts.length).toBeGreaterThan(1);
    for (const u of users.filter((x) => demoAccounts.includes(x.username))) {
      const res = await c.api('PATCH', `/admin/users/${u.id}`, { auth: admin, body: { password: `own-pass-${u.username}-77` } });
      expect(res.status).toBe(200);
    }
    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await warning().count()).toBe(0);
  });
});
