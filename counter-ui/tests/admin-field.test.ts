// The admin's pages for the field, in real Chromium: the Centre page shows the address printed on tickets (and
// warns when phones cannot reach it) and sets it with the Wi-Fi name; Copy setup downloads the setup and
// refuses a broken file or a centre in use with the reasons; Backup shows the last backup written by itself
// and puts one back at the next start.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from '@foleni/server/testing';
import { startStaffCentre, type StaffCentre } from './support/staff-pages.js';

describe('admin pages for the field', () => {
  let s: StaffCentre;
  let page: Page;
  let dir: string;
  const go = async (nav: string, heading: string) => {
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: nav }).click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'foleni-stick-'));
    s = await startStaffCentre({ backups: { dir, checkEveryMs: 0 } });
    await s.centre.app.ctx.backups.tick();
    page = await s.newPage({ viewport: { width: 1366, height: 900 }, timeout: 10_000 });
    await page.goto(`${s.centre.url}/admin`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('admin-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Centre: shows the ticket address with its warning, and sets it and the Wi-Fi name', async () => {
    await go('Centre', 'Centre');
    await expect.poll(() => page.getByTestId('ticket-address').textContent()).toContain(s.centre.url);
    expect(await page.getByTestId('ticket-address-warning').textContent()).toContain('this machine only');
    await page.getByLabel(/^Address printed on tickets/).fill('http://192.168.1.10:8080');
    await page.getByLabel(/^Wi-Fi name printed on tickets/).fill('HudumaFree');
    await page.getByRole('button', { name: 'Save centre settings' }).click();
    await page.getByText('The centre settings are saved').waitFor();
    await expect.poll(() => page.getByTestId('ticket-address').textContent()).toContain('http://192.168.1.10:8080');
    expect(await page.getByTestId('ticket-address-warning').count()).toBe(0);
    expect(s.centre.app.ctx.centre.get()).toMatchObject({ publicUrl: 'http://192.168.1.10:8080', wifiName: 'HudumaFree' });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('Copy setup: downloads the file, and a load is refused with its reasons, changing nothing', async () => {
    await go('Copy setup', 'Copy setup');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('setup-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^foleni-setup-.+\.json$/);
    const file = join(dir, 'setup.json');
    await download.saveAs(file);
    const setup = JSON.parse(readFileSync(file, 'utf8'));
    expect(setup.format).toBe('foleni-setup');

    // A file that is not a setup: the page says so, from the file itself.
    await page.getByLabel('Setup file').setInputFiles({ name: 'photo.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
    await page.getByRole('button', { name: 'Load the setup' }).click();
    await expect.poll(() => page.getByTestId('setup-error').textContent()).toContain('photo.json cannot be loaded; nothing was changed.');
    // A good file into this centre, which is in use: refused by the server, saying why.
    await page.getByLabel('Setup file').setInputFiles(file);
    await page.getByRole('button', { name: 'Load the setup' }).click();
    await expect.poll(() => page.getByTestId('setup-error').textContent()).toContain('a setup loads only into a new centre');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('Backup: shows when the last backup was written by itself, and warns when the folder is gone', async () => {
    await go('Backup', 'Backup');
    await expect.poll(() => page.getByTestId('last-backup').textContent()).toMatch(/Last backup: .*foleni-.+-\d{4}-\d{2}-\d{2}-\d{4}\.db/);
    expect(await page.getByTestId('backup-problem').count()).toBe(0);
    // Put back, before the day's first ticket: checked now, in place at the next start.
    const file = s.centre.app.ctx.backups.status().last!.file;
    await page.getByRole('button', { name: `Restore ${file}` }).click();
    await page.getByRole('button', { name: `Yes, restore ${file}` }).click();
    await expect.poll(() => page.getByTestId('restore-note').textContent()).toContain('will be put back when the server restarts');
    expect(existsSync(join(s.centre.dataDir, 'foleni.db.pending-restore'))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
    await page.reload();
    await expect.poll(() => page.getByTestId('backup-problem').textContent()).toContain('is missing: plug in the USB stick');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
