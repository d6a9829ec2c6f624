// Failed prints on the manager's dashboard in real Chromium: a kiosk whose fake TCP printer is out of paper
// issues a ticket; the dashboard shows the ticket that did not print, still after a reload (the server keeps
// it), and its Reprint button prints it once the paper is back, which clears the alert. The alert and its
// button follow the manager to the reports page, and the reprint is done from there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';
import { FakePrinter } from '@foleni/scripts/src/fake-printer/fake-printer.js';
import { openDashboard, startStaffCentre } from './support/staff-pages.js';
import type { StaffCentre } from './support/staff-pages.js';

describe('live dashboard: reprinting a ticket that did not print', () => {
  let printer: FakePrinter;
  let s: StaffCentre;
  let c: TestCentre;
  let page: Page;

  const alerts = () => page.locator('[data-testid=alerts] li').allTextContents();
  const jobStatus = (jobId: string) => c.db.prepare('SELECT status FROM print_jobs WHERE id = ?').pluck().get(Number(jobId));

  beforeAll(async () => {
    printer = new FakePrinter();
    await printer.start();
    printer.setMode('paper_out');
    s = await startStaffCentre({
      printerUrl: printer.url,
      printing: { statusPollMs: 0, retry: { attempts: 2, backoffMs: 20 }, timeouts: { connectMs: 500, statusReplyMs: 300, jobReplyMs: 800 } },
    });
    c = s.centre;
    page = await s.newPage({ viewport: { width: 1366, height: 900 }, timeout: 8000 });
    await openDashboard(page, c.url);
  });
  afterAll(async () => {
    await s?.close();
    await printer?.stop();
  });

  it('keeps the alert across a reload and clears it when the reprint prints', async () => {
    const issued = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('B') } });
    expect(issued.status).toBe(201);
    const label = issued.body.ticket.label as string;
    await expect.poll(() => jobStatus(issued.body.print.jobId), { timeout: 8000 }).toBe('failed');

    await expect.poll(alerts).toContainEqual(expect.stringMatching(new RegExp(`Ticket ${label} did not print at .*paper out`)));
    const reprint = page.getByRole('button', { name: `Reprint ${label}` });
    await reprint.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The alert is the server's, not the page's: a reload keeps it.
    await page.reload();
    await page.getByRole('heading', { name: 'Live dashboard' }).waitFor();
    await reprint.waitFor();
    expect(await alerts()).toContainEqual(expect.stringContaining(`Ticket ${label} did not print`));

    // The manager moves on to the reports: the alert and its button come along.
    await page.getByRole('navigation').getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    expect(await alerts()).toContainEqual(expect.stringContaining(`Ticket ${label} did not print`));

    // Paper back in; the manager reprints from the alert.
    printer.setMode('online');
    const printed = printer.jobs.length;
    await reprint.click();
    await expect.poll(() => page.getByTestId('reprint-note').textContent()).toBe(`Ticket ${label} was reprinted.`);
    await expect.poll(alerts).not.toContainEqual(expect.stringContaining(`Ticket ${label} did not print`));
    expect(await reprint.count()).toBe(0);
    expect(printer.jobs.length).toBe(printed + 1);
    expect(printer.jobs.at(-1)!.text).toContain(label);

    // And it stays gone after a reload, on the dashboard too.
    await page.goto(`${c.url}/manage`);
    await page.getByRole('heading', { name: 'Live dashboard' }).waitFor();
    await page.locator('[data-testid=services]').waitFor();
    expect(await alerts()).not.toContainEqual(expect.stringContaining(`Ticket ${label} did not print`));
  });
});
