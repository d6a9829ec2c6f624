// The lost-password command, run as a person would run it, on a real centre's data folder.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';
import { lockDataFolder } from '@foleni/server/data-lock.js';

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, 'reset-password.ts');

async function resetPassword(args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { timeout: 60_000 });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

describe('npm run reset-password', () => {
  let c: TestCentre | undefined;
  afterEach(async () => {
    await c?.close();
    c = undefined;
  });

  it('gives a lost admin a new password, signs them out, and leaves a trace in the audit log', async () => {
    c = await startTestCentre({ ui: false });
    const old = await c.login('admin');
    const dataDir = c.dataDir;
    await c.close({ keepData: true });

    const r = await resetPassword(['admin', '--data-dir', dataDir]);
    expect(r.code, r.err).toBe(0);
    const password = /New password for admin \(admin\): (\S+)/.exec(r.out)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{12}$/);

    c = await startTestCentre({ ui: false, dataDir });
    expect((await c.api('POST', '/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } })).status).toBe(401);
    expect((await c.api('GET', '/admin/users', { auth: old })).status).toBe(401);
    const token = await c.login('admin', password);
    const audit = await c.api<{ items: { entity: string; action: string; data: unknown }[] }>('GET', '/admin/audit', { auth: token });
    expect(audit.body.items.find((a) => a.entity === 'users' && a.action === 'update')?.data).toEqual({ changed: { password: { from: '***', to: '***' } } });
  });

  it('refuses while a server uses the folder, and for an unknown account, changing nothing', async () => {
    c = await startTestCentre({ ui: false });
    const dataDir = c.dataDir;
    await c.close({ keepData: true });
    const unlock = lockDataFolder(dataDir);
    try {
      const busy = await resetPassword(['admin', '--data-dir', dataDir, '--password', 'another-password']);
      expect(busy.code).toBe(2);
      expect(busy.err).toContain('Stop it first');
    } finally {
      unlock();
    }
    const unknown = await resetPassword(['nobody', '--data-dir', dataDir]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('No account nobody. Accounts: ');
    expect(unknown.err).toContain('admin (admin)');

    c = await startTestCentre({ ui: false, dataDir });
    expect(await c.login('admin')).toMatch(/^fs_/);
  });
});
