// Every staff page names its own icon, bundled with the app: no browser asks for /favicon.ico and gets a 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaffCentre } from './support/staff-pages.js';
import type { StaffCentre } from './support/staff-pages.js';

describe('staff pages icon', () => {
  let s: StaffCentre;
  beforeAll(async () => {
    s = await startStaffCentre();
  });
  afterAll(() => s?.close());

  it('links a bundled icon the server serves, on every staff page', async () => {
    const page = await s.newPage();
    // (Signed out, /auth/me answers 401: that is the page asking, not a missing file.)
    const missing: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 404) missing.push(r.url());
    });
    for (const path of ['/counter', '/manage', '/admin']) {
      await page.goto(`${s.centre.url}${path}`);
      await page.getByLabel('Username').waitFor();
      const href = await page.locator('link[rel=icon]').evaluate((l) => (l as HTMLLinkElement).href);
      const icon = await page.request.get(href);
      expect(icon.status(), path).toBe(200);
      expect(icon.headers()['content-type'], path).toMatch(/^image\/svg\+xml/);
    }
    expect(missing).toEqual([]);
  });
});
