// A server stops in seconds on SIGTERM, however many screens hold it, and the next one starts on the same
// data at once: the compiled server (`node server/dist/main.js`, as systemd runs it) with 2,000 sockets,
// signalled alone and as a process group, and `npm start`'s demo (sh → tsx → node) signalled as a group.
import { execFileSync, fork, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@foleni/server/demo/demo-test-env.js';

const ROOT = join(import.meta.dirname, '../..');
const SCREENS = 2000;
const dirs: string[] = [];
const children: ChildProcess[] = [];

interface Server {
  child: ChildProcess;
  out: string;
}

function env(dataDir: string, port: number): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('FOLENI_')));
  return { ...clean, FOLENI_PORT: String(port), FOLENI_HOST: '127.0.0.1', FOLENI_PUBLIC_URL: `http://127.0.0.1:${port}`, FOLENI_DATA_DIR: dataDir, FOLENI_DEMO: '1', FOLENI_DEMO_HISTORY: '0', FOLENI_DEMO_TRAFFIC: '1', FOLENI_DEMO_PRINTER: 'preview', FOLENI_ADMIN_PASSWORD: 'stop-test-admin-1', FOLENI_LOG_LEVEL: 'error' };
}

/** Starts a command in its own process group (as a terminal or systemd would), until its banner is printed. */
async function start(command: string, args: string[], dataDir: string, port: number): Promise<Server> {
  const child = spawn(command, args, { cwd: ROOT, env: env(dataDir, port), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.push(child);
  const s: Server = { child, out: '' };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner in 60 s:\n${s.out}`)), 60_000);
    const read = (chunk: Buffer) => {
      s.out += chunk.toString();
      if (s.out.includes('  Data: ')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${s.out}`)));
  });
  return s;
}

/** Sends SIGTERM to the process or its whole group; resolves with the ms until every process of the group is gone. */
async function stop(s: Server, to: 'process' | 'group'): Promise<number> {
  const pid = s.child.pid!;
  const t0 = performance.now();
  process.kill(to === 'group' ? -pid : pid, 'SIGTERM');
  for (;;) {
    try {
      process.kill(-pid, 0);
    } catch {
      return performance.now() - t0;
    }
    if (performance.now() - t0 > 20_000) throw new Error(`still running 20 s after SIGTERM:\n${execFileSync('ps', ['-o', 'pid,args', '-g', String(pid)]).toString()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function crowd(url: string, token: string): Promise<{ child: ChildProcess; count(): Promise<number> }> {
  const child = fork(join(ROOT, 'scripts/src/screen-crowd.ts'), [url, String(SCREENS), token], { execArgv: ['--import', 'tsx'], stdio: 'ignore' });
  children.push(child);
  const next = () => new Promise<number>((resolve) => child.once('message', (m: { connected: number }) => resolve(m.connected)));
  return next().then(() => ({ child, count: () => (child.send('count'), next()) }));
}

describe('stopping in seconds', () => {
  beforeAll(() => {
    // What the test runs is what a centre runs: build it now, so it is never stale.
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/src/build-server.ts'], { cwd: ROOT });
  });
  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  for (const to of ['process', 'group'] as const) {
    it(`node server/dist/main.js with ${SCREENS} screens connected stops in under 5 s (SIGTERM to the ${to}), and the next starts at once`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'foleni-stop-'));
      dirs.push(dataDir);
      const port = await freePort();
      const first = await start(process.execPath, ['server/dist/main.js'], dataDir, port);
      const code = new URL(readFileSync(join(dataDir, 'demo-screens.txt'), 'utf8').match(/Display.*: (\S+)/)![1]!).searchParams.get('pair')!;
      // The link carries a one-time code; the screens share the token it is exchanged for.
      const paired = await fetch(`http://127.0.0.1:${port}/api/v1/devices/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
      const { token } = (await paired.json()) as { token: string };
      const screens = await crowd(`http://127.0.0.1:${port}`, token);
      expect(await screens.count()).toBe(SCREENS);

      const ms = await stop(first, to);
      console.log(`SIGTERM to the ${to} with ${SCREENS} screens: stopped in ${(ms / 1000).toFixed(2)} s`);
      expect(ms).toBeLessThan(5000);
      expect(first.child.exitCode).toBe(0);
      expect(existsSync(join(dataDir, 'foleni.lock'))).toBe(false);

      const t0 = performance.now();
      const second = await start(process.execPath, ['server/dist/main.js'], dataDir, port);
      expect(second.out).not.toContain('Another Foleni server');
      // Every screen finds the new server by itself.
      let back = 0;
      for (let i = 0; i < 300 && back < SCREENS; i++) {
        await new Promise((r) => setTimeout(r, 100));
        back = await screens.count();
      }
      console.log(`next server up in ${((performance.now() - t0) / 1000).toFixed(2)} s; screens back: ${back}`);
      expect(back).toBe(SCREENS);
      screens.child.send('stop');
      expect(await stop(second, 'group')).toBeLessThan(5000);
    }, 180_000);
  }

  it("npm start's demo (sh → tsx → node, demo printer and traffic) stops in under 5 s when its process group is signalled", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'foleni-stop-'));
    dirs.push(dataDir);
    const port = await freePort();
    const demo = await start('sh', ['-c', 'npx tsx scripts/src/start.ts'], dataDir, port);
    const ms = await stop(demo, 'group');
    console.log(`npm start's chain stopped in ${(ms / 1000).toFixed(2)} s`);
    expect(ms).toBeLessThan(5000);
    expect(existsSync(join(dataDir, 'foleni.lock'))).toBe(false);
  }, 120_000);
});
