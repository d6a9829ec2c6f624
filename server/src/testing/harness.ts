// A real centre for tests: a real SQLite file in a temporary folder, a real server on port 0, the demo
// centre seeded, and small helpers to call the API as a given user or device.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../app.js';
import type { AppOptions, FoleniApp } from '../app.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { openDb } from '../db/db.js';
import type { Db } from '../db/db.js';
import { DEMO_STAFF_PASSWORD, seedDemoCentre } from '../demo/demo-centre.js';
import { createLogger } from '../logger.js';
import type { Logger } from '../logger.js';

export const ADMIN_PASSWORD = 'admin-password-1';
export { DEMO_STAFF_PASSWORD };

export interface TestCentreOptions {
  clock?: Clock;
  /** Seed the demo centre (default true). */
  demo?: boolean;
  /** Seed the demo's journeys too (default false: the kiosk's menu stays as the demo's services alone lay it out). */
  demoJourneys?: boolean;
  /** The demo kiosk's printer (default `preview`). */
  printerUrl?: string;
  rateLimits?: boolean;
  /** Reuse a data folder (to restart a centre on the same database). */
  dataDir?: string;
  /** Listen on this port (to restart on the same address); default any free port. */
  port?: number;
  printing?: AppOptions['printing'];
  /** Serve the built UIs (default true). */
  ui?: boolean;
  /** FOLENI_TRUST_PROXY as config (default false): with 'loopback', a test sends X-Forwarded-For/-Proto as a proxy would. */
  trustProxy?: Config['trustProxy'];
  /** Where the server logs (default nowhere). */
  log?: Logger;
  sessionCheckMs?: number;
  /** FOLENI_HQ_URL and FOLENI_HQ_KEY as config (default none: no head-office feed). */
  hq?: Config['hq'];
  hqFeed?: AppOptions['hqFeed'];
  /**
   * The no-show rules of a new centre: 'instant' (default) marks a no-show at once and puts a returning one
   * back in its old place, as before migration 0018, so tests of other things need not wait two minutes;
   * 'centre' keeps the migration's defaults (tests of the rules themselves).
   */
  noShowRules?: 'instant' | 'centre';
  /** Backups by themselves (a folder, and `checkEveryMs: 0` to drive them with `app.ctx.backups.tick()`). */
  backups?: AppOptions['backups'];
  /** The SMS gateway (default: the log gateway in the data folder). */
  sms?: AppOptions['sms'];
}

// Response bodies default to `any`: tests read the fields they assert on.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestCentre {
  app: FoleniApp;
  db: Db;
  url: string;
  dataDir: string;
  kioskToken: string;
  displayToken: string;
  /** Calls the API; `auth` is a bearer token. Bodies are JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as ApiResponse
  api<T = any>(method: string, path: string, opts?: { auth?: string; body?: unknown; headers?: Record<string, string> }): Promise<ApiResponse<T>>;
  login(username: string, password?: string): Promise<string>;
  /** Pairs as a screen does: exchanges the code of a pairing link (`pairing.url`) for the device's token. */
  pair(link: string): Promise<string>;
  /** Service and counter ids of the demo centre by code and name. */
  serviceId(code: string): string;
  counterId(name: string): string;
  /** Stops the server; `keepData` leaves the database for a restart. */
  close(opts?: { keepData?: boolean }): Promise<void>;
}

export async function startTestCentre(opts: TestCentreOptions = {}): Promise<TestCentre> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'foleni-test-'));
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    publicUrl: 'http://127.0.0.1:0',
    adminPassword: ADMIN_PASSWORD,
    demo: opts.demo ?? true,
    demoHistory: false,
    demoTraffic: false,
    rateLimits: opts.rateLimits ?? false,
    trustProxy: opts.trustProxy ?? false,
    logLevel: 'silent',
    hq: opts.hq ?? null,
  };
  const db = openDb({ file: join(dataDir, 'foleni.db') });
  const isNew = (db.prepare('SELECT COUNT(*) FROM users').pluck().get() as number) === 0;
  const app = createApp({
    config,
    db,
    log: opts.log ?? createLogger('silent'),
    dayCloseIntervalMs: 0,
    // Every answer is checked against the operation table: a handler and its documented shape never drift.
    checkAnswers: true,
    printing: { statusPollMs: 0, retry: { attempts: 2, backoffMs: 50 }, ...opts.printing },
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.sessionCheckMs !== undefined ? { sessionCheckMs: opts.sessionCheckMs } : {}),
    ...(opts.hqFeed ? { hqFeed: opts.hqFeed } : {}),
    ...(opts.backups ? { backups: opts.backups } : {}),
    ...(opts.sms ? { sms: opts.sms } : {}),
    ...(opts.ui === false ? { uiDirs: { kiosk: '/nonexistent', display: '/nonexistent', staff: '/nonexistent' } } : {}),
  });
  await new Promise<void>((resolve) => app.httpServer.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  // Track links must point at this server (the ticket address reads the config on each call).
  (config as { publicUrl: string }).publicUrl = url;
  await app.start();

  if (isNew && (opts.noShowRules ?? 'instant') === 'instant') {
    app.ctx.repos.desk.setNoShow({ minSecondsSinceCall: 0, minRecalls: 0, returnPlace: 'old_place', returnBehind: 0 });
  }

  let kioskToken = '';
  let displayToken = '';
  if (isNew && (opts.demo ?? true)) {
    const demo = await seedDemoCentre(app.ctx.admin, { adminPassword: ADMIN_PASSWORD, printerUrl: opts.printerUrl ?? 'preview', ...(opts.demoJourneys ? { journeys: app.ctx.journeys } : {}) });
    // Paired as a screen pairs, with the code of its link (used up here: a test wanting the real flow makes
    // a new link with POST /admin/devices/{id}/pairing-link).
    const pair = async (link: string) => (await app.ctx.admin.pairDevice(new URL(link).searchParams.get('pair')!, 'test harness')).token;
    kioskToken = await pair(demo.kioskPairUrl);
    displayToken = await pair(demo.displayPairUrl);
  } else if (isNew) {
    await app.ctx.admin.createUser({ username: 'admin', password: ADMIN_PASSWORD, displayName: 'Admin', role: 'admin', active: true }, null);
  }

  const api: TestCentre['api'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.auth) headers.authorization = `Bearer ${o.auth}`;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers,
      ...(o.body !== undefined ? { body: typeof o.body === 'string' ? o.body : JSON.stringify(o.body) } : {}),
    });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    return { status: res.status, body: body as never, headers: res.headers };
  };

  const tokens = new Map<string, string>();
  return {
    app,
    db,
    url,
    dataDir,
    kioskToken,
    displayToken,
    api,
    async login(username, password) {
      const pw = password ?? (username === 'admin' ? ADMIN_PASSWORD : DEMO_STAFF_PASSWORD);
      const key = `${username}:${pw}`;
      const known = tokens.get(key);
      if (known) return known;
      const res = await api<{ token: string }>('POST', '/auth/login', { body: { username, password: pw } });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(key, res.body.token);
      return res.body.token;
    },
    async pair(link) {
      const res = await api<{ token: string }>('POST', '/devices/pair', { body: { code: new URL(link).searchParams.get('pair') } });
      if (res.status !== 200) throw new Error(`pairing failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token;
    },
    serviceId(code) {
      const s = app.ctx.repos.services.byCode(code);
      if (!s) throw new Error(`no service ${code}`);
      return s.id;
    },
    counterId(name) {
      const c = app.ctx.repos.counters.list().find((x) => x.name === name || x.name === `Counter ${name}`);
      if (!c) throw new Error(`no counter ${name}`);
      return c.id;
    },
    async close(o = {}) {
      await app.close();
      db.close();
      if (!o.keepData && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
