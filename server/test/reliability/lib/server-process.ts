// The centre server as a real process (`node --import tsx server/src/main.ts`), on a data folder that
// outlives it: started, killed with SIGKILL at any moment, started again on the same folder and port.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

export class ServerProcess {
  child: ChildProcess | undefined;
  readonly url: string;
  private exited: Promise<void> = Promise.resolve();
  output = '';

  private constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async create(dataDir = mkdtempSync(join(tmpdir(), 'foleni-reliability-'))): Promise<ServerProcess> {
    return new ServerProcess(dataDir, await freePort());
  }

  /** Spawns the server; does not wait for it. */
  spawn(env: NodeJS.ProcessEnv = {}): void {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        FOLENI_PORT: String(this.port),
        FOLENI_HOST: '127.0.0.1',
        FOLENI_PUBLIC_URL: this.url,
        FOLENI_DATA_DIR: this.dataDir,
        FOLENI_DEMO: '1',
        FOLENI_DEMO_PRINTER: 'preview',
        FOLENI_ADMIN_PASSWORD: 'reliability-admin',
        FOLENI_RATE_LIMITS: 'off',
        FOLENI_LOG_LEVEL: 'error',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (d: Buffer) => {
      this.output = (this.output + d.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((done) => child.once('exit', () => done()));
  }

  /** Spawns the server and waits until it answers. */
  async start(timeoutMs = 60_000): Promise<void> {
    this.spawn();
    await this.healthy(timeoutMs);
  }

  async healthy(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) {
        throw new Error(`the server exited with ${this.child.exitCode}:\n${this.output}`);
      }
      try {
        if ((await fetch(`${this.url}/api/v1/health`)).ok) return;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > until) throw new Error(`the server did not start within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** kill -9: no chance to close anything. */
  async kill(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** A clean stop (SIGTERM), as an operator would. */
  async stop(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }

  /**
   * The demo kiosk's and display's tokens: the pairing links the first start wrote, exchanged as a screen
   * exchanges them (once each: a second call is refused).
   */
  async pairScreens(): Promise<{ kiosk: string; display: string }> {
    const file = join(this.dataDir, 'demo-screens.txt');
    if (!existsSync(file)) throw new Error('no demo-screens.txt');
    const text = readFileSync(file, 'utf8');
    const pair = async (what: string) => {
      const code = new URL(new RegExp(`${what}[^:]*: (\\S+)`).exec(text)![1]!).searchParams.get('pair')!;
      const res = await call<{ token: string }>(this.url, 'POST', '/devices/pair', undefined, { code });
      if (res.status !== 200) throw new Error(`pairing the ${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token;
    };
    return { kiosk: await pair('Kiosk'), display: await pair('Display') };
  }
}

/** A JSON call that never throws: a refused connection or a reset is status 0. */
export async function call<T = unknown>(
  url: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<{ status: number; body: T }> {
  try {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { signal } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  } catch {
    return { status: 0, body: null as T };
  }
}
