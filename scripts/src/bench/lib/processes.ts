// Child processes for the bench: the Foleni server exactly as a centre runs it (its own process, a real
// file database), baselines, and load workers. Each runs in its own process so that the load generator
// never shares an event loop with the server it measures.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const SERVER_MAIN = join(ROOT, 'server/src/main.ts');
const WORKERS = join(ROOT, 'scripts/src/bench/workers');

/**
 * Runs `node --import tsx <file>` (one process, so its pid is the server's own, for RSS and kill -9),
 * with the open-file limit raised to the hard limit: 10,000 sockets need 10,000 descriptors.
 */
export function spawnTs(file: string, args: string[], env: NodeJS.ProcessEnv = {}, ipc = false, nodeArgs: string[] = []): ChildProcess {
  const node = [process.execPath, ...nodeArgs, '--import', 'tsx', file, ...args];
  return spawn('sh', ['-c', 'ulimit -n "$(ulimit -Hn)"; exec "$@"', 'sh', ...node], {
    cwd: ROOT,
    // The allocator setting the server is deployed with (scripts/systemd/foleni.service, npm start), given
    // to the baselines too, so that memory is compared like for like.
    env: { MALLOC_MMAP_THRESHOLD_: '1048576', ...process.env, ...env },
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
}

export function freePort(): Promise<number> {
  return import('node:net').then(
    ({ createServer }) =>
      new Promise<number>((resolvePort, reject) => {
        const s = createServer();
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => {
          const port = (s.address() as { port: number }).port;
          s.close(() => resolvePort(port));
        });
      }),
  );
}

export async function waitForHealth(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Resident memory of a process in bytes, from /proc (Linux). */
export function rssOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux; 10 ms resolution). */
export function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill(signal);
  });
}

export interface FoleniProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  dataDir: string;
  kioskToken: string;
  displayToken: string;
  /** ms from spawn to the first healthy answer. */
  startMs: number;
  /** Stops the server; a data folder it made itself is removed too. */
  stop(): Promise<void>;
}

/** Starts `server/src/main.ts` on a data folder (a new one by default), as `npx tsx server/src/main.ts` would. */
export async function startFoleni(opts: { dataDir?: string; env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {}): Promise<FoleniProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'foleni-bench-'));
  const ownDir = !opts.dataDir;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawnTs(SERVER_MAIN, [], {
    FOLENI_PORT: String(port),
    FOLENI_HOST: '127.0.0.1',
    FOLENI_DATA_DIR: dataDir,
    FOLENI_PUBLIC_URL: url,
    FOLENI_DEMO: '1',
    FOLENI_DEMO_PRINTER: 'preview',
    FOLENI_ADMIN_PASSWORD: 'bench-admin-password',
    FOLENI_RATE_LIMITS: 'off',
    FOLENI_LOG_LEVEL: 'error',
    ...opts.env,
  }, false, [...(process.env.FOLENI_BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...(opts.nodeArgs ?? [])]);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  child.stdout?.resume();
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the Foleni server exited (${code}) before it was ready:\n${stderr}`))),
  );
  await Promise.race([waitForHealth(url), exited]);
  const startMs = performance.now() - started;
  exited.catch(() => undefined);
  const screens = readFileSync(join(dataDir, 'demo-screens.txt'), 'utf8');
  // The links carry one-time codes: exchanged here, as a screen does, for the devices' tokens. A folder
  // started before has used them up: its tokens are then '' (no bench restarts a folder for its screens).
  const pair = async (what: string): Promise<string> => {
    const code = new URL(new RegExp(`${what}[^:]*: (\\S+)`).exec(screens)![1]!).searchParams.get('pair')!;
    const res = await fetch(`${url}/api/v1/devices/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    if (!res.ok) return '';
    return ((await res.json()) as { token: string }).token;
  };
  return {
    child,
    pid: child.pid!,
    url,
    dataDir,
    kioskToken: await pair('Kiosk'),
    displayToken: await pair('Display'),
    startMs,
    stop: async () => {
      await stopProcess(child);
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A worker script under scripts/src/bench/workers, spoken to over IPC. */
export interface Worker {
  child: ChildProcess;
  /** The next message of this type from the worker. */
  next<T = unknown>(type: string, timeoutMs?: number): Promise<T>;
  send(message: unknown): void;
  stop(): Promise<void>;
}

export function startWorker(name: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Worker {
  const child = spawnTs(join(WORKERS, `${name}.ts`), args, env, true);
  const inbox: { type: string; data: unknown }[] = [];
  const waiters: { type: string; take: (data: unknown) => void }[] = [];
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  child.stdout?.on('data', (d: Buffer) => process.stderr.write(`[${name}] ${d.toString()}`));
  child.on('message', (m: { type: string; data: unknown }) => {
    const i = waiters.findIndex((w) => w.type === m.type);
    if (i >= 0) waiters.splice(i, 1)[0]!.take(m.data);
    else inbox.push(m);
  });
  const failures: ((e: Error) => void)[] = [];
  child.once('exit', (code, signal) => {
    const e = new Error(`worker ${name} exited (${code ?? signal}):\n${stderr}`);
    for (const f of failures.splice(0)) f(e);
  });
  return {
    child,
    next<T>(type: string, timeoutMs = 120_000): Promise<T> {
      const i = inbox.findIndex((m) => m.type === type);
      if (i >= 0) return Promise.resolve(inbox.splice(i, 1)[0]!.data as T);
      if (child.exitCode !== null || child.signalCode !== null) return Promise.reject(new Error(`worker ${name} has exited:\n${stderr}`));
      return new Promise<T>((resolveMsg, reject) => {
        const timer = setTimeout(() => reject(new Error(`worker ${name}: no ${type} within ${timeoutMs} ms\n${stderr}`)), timeoutMs);
        const fail = (e: Error) => {
          clearTimeout(timer);
          reject(e);
        };
        failures.push(fail);
        waiters.push({
          type,
          take: (data) => {
            clearTimeout(timer);
            failures.splice(failures.indexOf(fail), 1);
            resolveMsg(data as T);
          },
        });
      });
    },
    send(message: unknown) {
      child.send(message as never);
    },
    stop: () => stopProcess(child),
  };
}
