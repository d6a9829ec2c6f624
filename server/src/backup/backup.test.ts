// Backup while the centre runs, then restore with it stopped: the restored centre holds exactly what the
// copy held, the database it replaced is kept, and a restore refuses a running server or a bad file.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../http/static-ui.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';
import { inspectBackup, restoreBackup, RestoreError } from './restore.js';

describe('backup and restore', () => {
  let c: TestCentre;
  let admin: string;
  const work = mkdtempSync(join(tmpdir(), 'foleni-backup-test-'));
  const backupFile = join(work, 'backup.db');
  let ticketsInBackup = 0;
  let issuedAfter = '';

  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
    admin = await c.login('admin');
  });
  afterAll(async () => {
    await c?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('downloads a consistent copy while tickets are being issued', async () => {
    for (let i = 0; i < 5; i++) await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('A') } });
    // Tickets keep coming while the copy is made.
    const issuing = Promise.all(Array.from({ length: 20 }, () => c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('B') } })));
    const res = await fetch(`${c.url}/api/v1/admin/backup`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.sqlite3');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="foleni-HC-NBI-GPO-\d{8}-\d{4}\.db"$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    writeFileSync(backupFile, bytes);
    expect((await issuing).every((r) => r.status === 201)).toBe(true);

    const info = inspectBackup(backupFile);
    expect(info.centreName).toBe('Huduma Centre GPO, Nairobi');
    expect(info.tickets).toBeGreaterThanOrEqual(5);
    expect(info.tickets).toBeLessThanOrEqual(25);
    ticketsInBackup = info.tickets;
    // No temporary copy is left behind.
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('foleni-backup-') && !work.endsWith(f))).toEqual([]);
    const audit = await c.api('GET', '/admin/audit', { auth: admin });
    expect(audit.body.items[0]).toMatchObject({ action: 'download', entity: 'backup' });
  });

  it('refuses to restore over a database a server holds open', async () => {
    issuedAfter = (await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('K') } })).body.ticket.id;
    // Another process holding the database, as a running server would.
    const holder = spawn(process.execPath, ['-e', `const db = require('better-sqlite3')(${JSON.stringify(join(c.dataDir, 'foleni.db'))}); db.prepare('SELECT 1').get(); console.log('ready'); setInterval(() => {}, 1000);`], {
      cwd: ROOT_DIR,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
      expect(() => restoreBackup({ backupFile, dataDir: c.dataDir })).toThrow(new RestoreError(`The database is in use by process ${holder.pid}: stop the Foleni server first.`));
    } finally {
      holder.kill();
    }
  });

  it('refuses a file that is not a whole Foleni database, and changes nothing', () => {
    const junk = join(work, 'junk.db');
    writeFileSync(junk, 'SQLite format 3\0' + 'x'.repeat(5000));
    const empty = join(work, 'empty.db');
    spawnSync(process.execPath, ['-e', `require('better-sqlite3')(${JSON.stringify(empty)}).exec('CREATE TABLE t (x)')`], { cwd: ROOT_DIR });
    const dir = join(work, 'untouched');
    for (const file of [junk, empty, join(work, 'missing.db')]) {
      expect(() => restoreBackup({ backupFile: file, dataDir: dir })).toThrow(RestoreError);
    }
    expect(existsSync(join(dir, 'foleni.db'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('restores with the server stopped, keeping the database it replaces', async () => {
    await c.close({ keepData: true });
    const result = restoreBackup({ backupFile, dataDir: c.dataDir, now: new Date('2025-05-06T07:08:09Z') });
    expect(result.restored.tickets).toBe(ticketsInBackup);
    expect(result.keptAs).toBe(join(c.dataDir, 'foleni-before-restore-20250506-070809.db'));
    expect(existsSync(result.keptAs!)).toBe(true);

    c = await startTestCentre({ ui: false, dataDir: c.dataDir });
    expect(c.app.ctx.repos.centre.get()?.name).toBe('Huduma Centre GPO, Nairobi');
    expect(c.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(ticketsInBackup);
    // The ticket issued after the copy is not in the restored centre; sign-ins and devices are.
    expect((await c.api('GET', `/tickets/${issuedAfter}`)).status).toBe(404);
    expect((await c.api('GET', '/admin/services', { auth: await c.login('admin') })).status).toBe(200);
  });

  it('has a command for it, scripts/src/restore-backup.ts', () => {
    const dir = join(work, 'fresh');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/src/restore-backup.ts', backupFile, '--data-dir', dir, '--port', '1', '--yes'], {
      cwd: ROOT_DIR,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Backup of Huduma Centre GPO, Nairobi (HC-NBI-GPO): ${ticketsInBackup} tickets`);
    expect(run.stdout).toContain(`Restored into ${dir}.`);
    expect(readFileSync(join(dir, 'foleni.db')).subarray(0, 15).toString()).toBe('SQLite format 3');
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/src/restore-backup.ts', join(work, 'nothing.db'), '--data-dir', dir, '--yes'], { cwd: ROOT_DIR, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('No file at');
  });
});
