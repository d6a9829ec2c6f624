// The SMS gateways' fakes for tests, each a real process speaking the real protocol (never a stub inside the
// server): Africa's Talking's HTTP API (scripts/src/fakes/fake-africastalking.ts) and a GSM modem on a
// pseudo-terminal pair made by socat (scripts/src/fakes/fake-modem.ts). Both count what they receive.
import { fork, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

interface Received {
  to: string;
  /** The message's text (`message` at Africa's Talking, the text before Ctrl-Z at a modem). */
  text: string;
}

abstract class FakeProcess<E extends { event: string }> {
  readonly received: Received[] = [];
  protected waiters: (() => void)[] = [];

  protected constructor(protected readonly child: ChildProcess) {
    child.on('message', (e: E) => this.onEvent(e));
  }

  protected abstract onEvent(e: E): void;

  protected got(r: Received): void {
    this.received.push(r);
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves once `n` messages have arrived in all (fails after `ms`). */
  async waitFor(n: number, ms = 10_000): Promise<Received[]> {
    const until = Date.now() + ms;
    while (this.received.length < n) {
      if (Date.now() > until) throw new Error(`the fake gateway got ${this.received.length} messages, not ${n}, within ${ms} ms`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
    return this.received;
  }

  protected command(m: Record<string, unknown>): Promise<void> {
    return new Promise((resolve) => {
      const on = (e: { event: string; cmd?: string }) => {
        if (e.event === 'ok' && e.cmd === m.cmd) {
          this.child.off('message', on);
          resolve();
        }
      };
      this.child.on('message', on);
      this.child.send(m);
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const gone = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGKILL');
    await gone;
  }
}

type AtEvent = { event: 'listening'; port: number } | { event: 'message'; message: { to: string; message: string; username: string; apiKey: string | null; accept: string | null; contentType: string | null; from: string | null } } | { event: 'ok'; cmd: string };

export class FakeAfricasTalking extends FakeProcess<AtEvent> {
  url = '';
  /** Each request's form and headers as received. */
  readonly requests: Extract<AtEvent, { event: 'message' }>['message'][] = [];

  static async start(): Promise<FakeAfricasTalking> {
    const child = fork(join(ROOT, 'scripts/src/fakes/fake-africastalking.ts'), [], { execArgv: ['--import', 'tsx'], stdio: 'ignore' });
    const fake = new FakeAfricasTalking(child);
    await new Promise<void>((r) => {
      const on = (e: AtEvent) => {
        if (e.event === 'listening') {
          child.off('message', on);
          r();
        }
      };
      child.on('message', on);
    });
    return fake;
  }

  protected onEvent(e: AtEvent): void {
    if (e.event === 'listening') this.url = `http://127.0.0.1:${e.port}`;
    if (e.event === 'message') {
      this.requests.push(e.message);
      this.got({ to: e.message.to, text: e.message.message });
    }
  }

  mode(mode: 'ok' | 'error500' | 'hold' | 'status', code?: number): Promise<void> {
    return this.command({ cmd: 'mode', mode, code });
  }

  /** Answers the requests held so far as sent, and the next ones at once. */
  release(): Promise<void> {
    return this.command({ cmd: 'release' });
  }

  /** Stops listening: the server's requests are refused (the gateway is down). */
  down(): Promise<void> {
    return this.command({ cmd: 'down' });
  }

  up(): Promise<void> {
    return this.command({ cmd: 'up' });
  }

  /** Posts a delivery report to `url` as Africa's Talking does (form-encoded id, status…). */
  deliver(url: string, id: string, status: string): Promise<void> {
    return this.command({ cmd: 'deliver', url, id, status });
  }
}

type ModemEvent = { event: 'ready' } | { event: 'message'; message: { to: string; text: string } } | { event: 'command'; line: string } | { event: 'ok'; cmd: string };

export class FakeModem extends FakeProcess<ModemEvent> {
  /** The AT commands received, in order. */
  readonly commands: string[] = [];

  private constructor(
    child: ChildProcess,
    private readonly socat: ChildProcess,
    private readonly dir: string,
    /** The end the server opens, as it would /dev/ttyUSB0. */
    readonly device: string,
  ) {
    super(child);
  }

  static async start(): Promise<FakeModem> {
    const dir = mkdtempSync(join(tmpdir(), 'foleni-modem-'));
    const [a, b] = [join(dir, 'a'), join(dir, 'b')];
    const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
    const until = Date.now() + 5_000;
    while (!existsSync(a) || !existsSync(b)) {
      if (Date.now() > until || socat.exitCode !== null) throw new Error('socat made no pseudo-terminal pair (is socat installed? scripts/ensure-test-deps.sh)');
      await new Promise((r) => setTimeout(r, 20));
    }
    const child = fork(join(ROOT, 'scripts/src/fakes/fake-modem.ts'), [b], { execArgv: ['--import', 'tsx'], stdio: 'ignore' });
    const fake = new FakeModem(child, socat, dir, a);
    await new Promise<void>((r) => {
      const on = (e: ModemEvent) => {
        if (e.event === 'ready') {
          child.off('message', on);
          r();
        }
      };
      child.on('message', on);
    });
    return fake;
  }

  protected onEvent(e: ModemEvent): void {
    if (e.event === 'command') this.commands.push(e.line);
    if (e.event === 'message') this.got({ to: e.message.to, text: e.message.text });
  }

  mode(mode: 'ok' | 'silent' | 'silent-after-text'): Promise<void> {
    return this.command({ cmd: 'mode', mode });
  }

  override async close(): Promise<void> {
    await super.close();
    this.socat.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
