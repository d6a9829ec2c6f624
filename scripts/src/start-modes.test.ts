// Which start makes the demo: only `npm start` (scripts/src/start.ts) unless told otherwise; `npx tsx
// server/src/main.ts`, as a centre runs it under systemd, starts empty. A demo that others can reach says so.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '@foleni/server/demo/demo-test-env.js';

const ROOT = join(import.meta.dirname, '../..');
const ADMIN_PASSWORD = 'start-test-admin-1';

interface Started {
  child: ChildProcess;
  out: string;
  port: number;
  dataDir: string;
}

/** Runs an entry point as a person would, with no FOLENI_DEMO, until its banner is printed. */
async function start(entry: string, env: NodeJS.ProcessEnv): Promise<Started> {
  const dataDir = mkdtempSync(join(tmpdir(), 'foleni-start-'));
  const port = await freePort();
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('FOLENI_')));
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...clean, FOLENI_PORT: String(port), FOLENI_DATA_DIR: dataDir, FOLENI_ADMIN_PASSWORD: ADMIN_PASSWORD, FOLENI_LOG_LEVEL: 'error', FOLENI_DEMO_PRINTER: 'preview', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started: Started = { child, out: '', port, dataDir };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner in 60 s:\n${started.out}`)), 60_000);
    const read = (chunk: Buffer) => {
      started.out += chunk.toString();
      if (started.out.includes('  Data: ')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${started.out}`)));
  });
  return started;
}

/** Waits until the server has printed `text` (the demo warning follows the banner, after checking each account). */
async function printed(s: Started, text: string): Promise<void> {
  for (let i = 0; i < 200 && !s.out.includes(text); i++) await new Promise((r) => setTimeout(r, 50));
}

describe('starting a centre', () => {
  let s: Started | undefined;
  afterEach(async () => {
    if (s && s.child.exitCode === null) {
      const exited = new Promise((r) => s!.child.once('exit', r));
      s.child.kill('SIGTERM');
      await exited;
    }
    if (s) rmSync(s.dataDir, { recursive: true, force: true });
    s = undefined;
  });

  it('main.ts starts an empty centre: only the admin, no demo staff', async () => {
    s = await start('server/src/main.ts', { FOLENI_HOST: '127.0.0.1' });
    expect(s.out).not.toContain('Demo staff');
    expect(s.out).not.toContain('WARNING');
    const db = new Database(join(s.dataDir, 'foleni.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT username FROM users').pluck().all()).toEqual(['admin']);
      expect(db.prepare('SELECT COUNT(*) FROM services').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  }, 90_000);

  it('npm start makes the demo, and warns loudly, on start-up and to the admin, when the network can reach it', async () => {
    s = await start('scripts/src/start.ts', { FOLENI_HOST: '0.0.0.0', FOLENI_DEMO_HISTORY: '0', FOLENI_DEMO_TRAFFIC: '0' });
    expect(s.out).toContain('Demo staff');
    await printed(s, 'Settings → Staff');
    expect(s.out).toMatch(/WARNING: demo accounts \(.*manager.*\) still have the demo password/);
    const base = `http://127.0.0.1:${s.port}/api/v1`;
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    const { token } = (await login.json()) as { token: string };
    const warnings = await fetch(`${base}/admin/warnings`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await warnings.json()) as { demoAccountsExposed: boolean; demoAccounts: string[] };
    expect(body.demoAccountsExposed).toBe(true);
    expect(body.demoAccounts).toEqual(expect.arrayContaining(['manager', 'wanjiru']));
    expect(body.demoAccounts).not.toContain('admin');
  }, 90_000);
});
