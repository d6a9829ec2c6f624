// Backups by themselves, driven by a manual clock (never real hours): one at start, then every 3 h and at
// the day's close, named in the centre's local time, the last N kept (another centre's files and other files
// left alone); a missing folder is reported, not thrown, and a nearly full one warned of (the folder's real
// free space against a threshold the test sets); a scheduled backup restores into a new data folder.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { startTestCentre, type TestCentre } from '../testing/index.js';
import { applyPendingRestore } from './pending-restore.js';
import { inspectBackup, restoreBackup } from './restore.js';

// Monday 7 December 2026, 10:00 in Nairobi (UTC+3); the demo centre keeps 08:00–17:00 on Mondays.
const MONDAY_10 = Date.parse('2026-12-07T07:00:00Z');
const MIN = 60_000;

describe('backups by themselves', () => {
  let c: TestCentre;
  let dir: string;
  let admin: string;
  const clock = new ManualClock(MONDAY_10);
  const names = () => readdirSync(dir).sort();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'foleni-stick-'));
    c = await startTestCentre({ ui: false, clock, backups: { dir, everyHours: 3, keep: 3, checkEveryMs: 0 } });
    admin = await c.login('admin');
  });
  afterAll(async () => {
    await c?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes one at once, then every 3 hours and at the day’s close, in local time, keeping the last 3', async () => {
    const code = c.app.ctx.centre.get().code;
    // Another centre's backup and a file of the stick's owner: never pruned.
    writeFileSync(join(dir, 'foleni-OTHER-2026-01-01-0900.db'), 'x');
    writeFileSync(join(dir, 'notes.txt'), 'x');
    const issued = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('B') } });
    expect(issued.status).toBe(201);

    const tick = () => c.app.ctx.backups.tick();
    expect((await tick())?.file).toBe(`foleni-${code}-2026-12-07-1000.db`);
    clock.advance(2 * 60 * MIN); // 12:00: not yet
    expect(await tick()).toBeNull();
    clock.advance(60 * MIN); // 13:00: three hours on
    expect((await tick())?.file).toBe(`foleni-${code}-2026-12-07-1300.db`);
    clock.advance(3 * 60 * MIN + 50 * MIN); // 16:50
    expect((await tick())?.file).toBe(`foleni-${code}-2026-12-07-1650.db`);
    clock.advance(15 * MIN); // 17:05: the centre closed at 17:00
    expect((await tick())?.file).toBe(`foleni-${code}-2026-12-07-1705.db`);
    clock.advance(30 * MIN); // once per close
    expect(await tick()).toBeNull();

    expect(names()).toEqual([`foleni-${code}-2026-12-07-1300.db`, `foleni-${code}-2026-12-07-1650.db`, `foleni-${code}-2026-12-07-1705.db`, 'foleni-OTHER-2026-01-01-0900.db', 'notes.txt'].sort());

    const status = (await c.api('GET', '/admin/backups', { auth: admin })).body;
    expect(status).toMatchObject({ dir, everyHours: 3, keep: 3, problem: null, lastError: null, last: { file: `foleni-${code}-2026-12-07-1705.db` } });
    expect(status.last.at).toBe(new Date(clock.now() - 30 * MIN).toISOString());
    expect(status.freeBytes).toBeGreaterThan(0);
    expect(status.files.map((f: { file: string }) => f.file)[0]).toBe(`foleni-${code}-2026-12-07-1705.db`);

    // Any of them restores, with the ticket issued before it.
    const restored = mkdtempSync(join(tmpdir(), 'foleni-restored-'));
    const result = restoreBackup({ backupFile: join(dir, `foleni-${code}-2026-12-07-1300.db`), dataDir: restored });
    expect(result.restored).toMatchObject({ centreCode: code, tickets: 1, lastTicketDay: '2026-12-07' });
    const back = await startTestCentre({ ui: false, clock, dataDir: restored });
    try {
      expect((await back.api('GET', `/tickets/${issued.body.ticket.id}`)).body.ticket.label).toBe(issued.body.ticket.label);
    } finally {
      await back.close();
      rmSync(restored, { recursive: true, force: true });
    }
  });

  it('leaves no half-written file, and a whole one checks out', () => {
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
    const newest = names().filter((n) => n.startsWith('foleni-') && !n.includes('OTHER')).at(-1)!;
    expect(inspectBackup(join(dir, newest)).tickets).toBe(1);
  });

  it('says when the folder is missing (the stick pulled out), and writes again once it is back', async () => {
    rmSync(dir, { recursive: true, force: true });
    clock.advance(3 * 60 * MIN);
    expect(await c.app.ctx.backups.tick()).toBeNull();
    const status = (await c.api('GET', '/admin/backups', { auth: admin })).body;
    expect(status.problem).toContain(`The backup folder ${dir} is missing`);
    expect(status.lastError).not.toBeNull();
    mkdirSync(dir);
    expect((await c.app.ctx.backups.tick())?.file).toMatch(/-2026-12-07-2035\.db$/);
    expect(existsSync(dir)).toBe(true);
    expect((await c.api('GET', '/admin/backups', { auth: admin })).body.problem).toBeNull();
  });
});

describe('the "nearly full" warning', () => {
  it('appears on the Backup page’s status when the folder’s real free space is below the threshold, and not above it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foleni-stick-'));
    // The folder's own free space, as the server reads it; thresholds far from it either way, so other
    // programs writing to the same disk meanwhile cannot move it across.
    const { bavail, bsize } = statfsSync(dir);
    const free = bavail * bsize;
    const statusWith = async (warnFreeBelowBytes: number) => {
      const c = await startTestCentre({ ui: false, clock: new ManualClock(MONDAY_10), backups: { dir, checkEveryMs: 0, warnFreeBelowBytes } });
      try {
        const admin = await c.login('admin');
        const res = await c.api('GET', '/admin/backups', { auth: admin });
        expect(res.status).toBe(200);
        return res.body as { problem: string | null; freeBytes: number };
      } finally {
        await c.close();
      }
    };
    try {
      const below = await statusWith(free * 2);
      expect(below.problem).toMatch(new RegExp(`^The backup folder ${dir} is nearly full: \\d+ MB free, under the ${Math.round((free * 2) / 1024 / 1024)} MB to keep free`));
      expect(below.problem).toContain('Delete old files or use a bigger stick.');
      expect(below.freeBytes).toBeLessThan(free * 2);

      const above = await statusWith(Math.floor(free / 2));
      expect(above.problem).toBeNull();
      expect(above.freeBytes).toBeGreaterThan(free / 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('restore from the admin page', () => {
  it('is refused while the centre has tickets today, and otherwise put in place at the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foleni-stick-'));
    const clock = new ManualClock(MONDAY_10);
    let c = await startTestCentre({ ui: false, clock, backups: { dir, checkEveryMs: 0 } });
    const dataDir = c.dataDir;
    try {
      const admin = await c.login('admin');
      const issued = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('B') } });
      const file = (await c.app.ctx.backups.tick())!.file;
      const later = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('B') } });

      const today = await c.api('POST', '/admin/backups/restore', { auth: admin, body: { file } });
      expect(today.status).toBe(409);
      expect(today.body.error.code).toBe('tickets-today');
      expect((await c.api('POST', '/admin/backups/restore', { auth: admin, body: { file: '../foleni.db' } })).status).toBe(400);
      expect((await c.api('POST', '/admin/backups/restore', { auth: admin, body: { file: 'foleni-X-2026-01-01-0000.db' } })).status).toBe(404);

      // The next morning, before the first ticket.
      clock.advance(22 * 60 * MIN);
      const res = await c.api('POST', '/admin/backups/restore', { auth: admin, body: { file } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ tickets: 1, lastTicketDay: '2026-12-07', restartNeeded: true });
      // Nothing changed under the running server.
      expect((await c.api('GET', `/tickets/${later.body.ticket.id}`)).status).toBe(200);

      await c.close({ keepData: true });
      expect(applyPendingRestore(dataDir)?.restored.tickets).toBe(1);
      expect(applyPendingRestore(dataDir)).toBeNull();
      c = await startTestCentre({ ui: false, clock, dataDir });
      expect((await c.api('GET', `/tickets/${issued.body.ticket.id}`)).status).toBe(200);
      expect((await c.api('GET', `/tickets/${later.body.ticket.id}`)).status).toBe(404);
      // The database it replaced is kept beside it.
      expect(readdirSync(dataDir).some((f) => /^foleni-before-restore-.+\.db$/.test(f))).toBe(true);
    } finally {
      await c.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
