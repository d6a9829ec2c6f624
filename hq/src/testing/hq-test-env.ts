// Head office for tests: the real app on port 0 over a fresh database, embedded (PGlite in memory) or a
// database of its own on a real PostgreSQL server (scripts/ensure-postgres.sh starts one when none is given).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { DayBundleManifest, HqEvent } from '@foleni/shared';
import { ManualClock } from '@foleni/server/clock.js';
import { createLogger } from '@foleni/server/logger.js';
import { createHqApp } from '../app.js';
import type { HqApp } from '../app.js';
import { loadHqConfig } from '../config.js';
import { migrate } from '../db/migrate.js';
import { openPglite } from '../db/pglite-sql.js';
import { openPostgres } from '../db/pg-sql.js';
import type { Sql } from '../db/sql.js';

export type Backend = 'pglite' | 'postgres';
export const BACKENDS: Backend[] = ['pglite', 'postgres'];
export const HQ_ADMIN_PASSWORD = 'Head-office-test-9';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The test server's URL: FOLENI_HQ_TEST_DATABASE_URL, else one started now. Throws (the test fails) when none can be had. */
export function testDatabaseUrl(): string {
  if (process.env.FOLENI_HQ_TEST_DATABASE_URL) return process.env.FOLENI_HQ_TEST_DATABASE_URL;
  const url = execFileSync('bash', [`${ROOT}scripts/ensure-postgres.sh`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  process.env.FOLENI_HQ_TEST_DATABASE_URL = url;
  return url;
}

/** A fresh database on the test server, dropped by the returned function. */
export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = testDatabaseUrl();
  const name = `hq_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = admin.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function openTestSql(backend: Backend): Promise<{ sql: Sql; drop: () => Promise<void> }> {
  if (backend === 'pglite') {
    const sql = await openPglite(null);
    await migrate(sql);
    return { sql, drop: () => sql.close() };
  }
  const db = await freshPostgres();
  const sql = await openPostgres(db.url, 4);
  await migrate(sql);
  return {
    sql,
    drop: async () => {
      await sql.close();
      await db.drop();
    },
  };
}

export interface TestHq {
  backend: Backend;
  url: string;
  api: string;
  sql: Sql;
  clock: ManualClock;
  hq: HqApp;
  adminToken: string;
  /** JSON request to the API; answers status and parsed body. */
  call<T = Record<string, unknown>>(method: string, path: string, opts?: { token?: string | undefined; body?: unknown; raw?: string; type?: string }): Promise<{ status: number; body: T; text: string }>;
  registerCentre(code: string, more?: { kind?: 'centre' | 'outreach'; parentCode?: string; county?: string }): Promise<string>;
  close(): Promise<void>;
}

/** Now, in the tests: Monday 7 December 2026, 09:00 in Nairobi. */
export const TEST_NOW = '2026-12-07T06:00:00Z';
export const TEST_DAY = '2026-12-07';

export async function startTestHq(backend: Backend, opts: { uiDir?: string } = {}): Promise<TestHq> {
  const { sql, drop } = await openTestSql(backend);
  const clock = new ManualClock(Date.parse(TEST_NOW));
  const config = { ...loadHqConfig({ FOLENI_HQ_PORT: '0', FOLENI_HQ_HOST: '127.0.0.1', FOLENI_LOG_LEVEL: 'silent' }), rateLimits: true };
  const hq = createHqApp({ config, sql, clock, log: createLogger('silent'), ...opts });
  await hq.auth.ensureAdmin(HQ_ADMIN_PASSWORD);
  const server: Server = await new Promise((resolve) => {
    const s = hq.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api = `${url}/hq/api/v1`;
  const call: TestHq['call'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = {};
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined;
    if (o.raw !== undefined) {
      body = o.raw;
      headers['content-type'] = o.type ?? 'application/x-ndjson';
    } else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${api}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { status: res.status, body: parsed as never, text };
  };
  const login = await call<{ token: string }>('POST', '/auth/login', { body: { username: 'admin', password: HQ_ADMIN_PASSWORD } });
  const adminToken = login.body.token;
  return {
    backend,
    url,
    api,
    sql,
    clock,
    hq,
    adminToken,
    call,
    async registerCentre(code, more = {}) {
      const r = await call<{ key: string }>('POST', '/centres', { token: adminToken, body: { code, name: `Huduma ${code}`, kind: more.kind ?? 'centre', ...more } });
      if (r.status !== 201) throw new Error(`could not register ${code}: ${r.text}`);
      return r.body.key;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await drop();
    },
  };
}

/** One ticket's life as a centre logs it: issued, then (unless it waits still) called after `waitMin`, then served or a no-show. */
export interface TicketPlan {
  id: string;
  service: string;
  issuedAt: string;
  waitMin?: number;
  end?: 'served' | 'no_show' | 'waiting';
  slaMinutes?: number;
  rating?: number;
}

/** The events of these tickets in time order, numbered from `fromSeq` (the centre's event NDJSON lines). */
export function eventsOf(plans: TicketPlan[], fromSeq = 1, day?: string): HqEvent[] {
  const raw: { at: number; type: string; t: TicketPlan; data: Record<string, unknown> }[] = [];
  for (const t of plans) {
    const issued = Date.parse(t.issuedAt);
    raw.push({ at: issued, type: 'ticket.issued', t, data: { status: 'waiting', priority: 0, source: 'kiosk', slaMinutes: t.slaMinutes ?? 15 } });
    if (t.end === 'waiting' || t.waitMin === undefined) continue;
    const called = issued + t.waitMin * 60_000;
    raw.push({ at: called, type: 'ticket.called', t, data: { status: 'called' } });
    if (t.end === 'no_show') {
      raw.push({ at: called + 180_000, type: 'ticket.no_show', t, data: { status: 'no_show' } });
      continue;
    }
    raw.push({ at: called + 30_000, type: 'ticket.started', t, data: { status: 'serving' } });
    raw.push({ at: called + 330_000, type: 'ticket.completed', t, data: { status: 'done', ...(t.rating ? { rating: t.rating } : {}) } });
  }
  raw.sort((a, b) => a.at - b.at);
  return raw.map((r, i) => ({
    seq: fromSeq + i,
    at: new Date(r.at).toISOString(),
    day: day ?? new Date(r.at + 3 * 3_600_000).toISOString().slice(0, 10),
    type: r.type,
    ticketId: r.t.id,
    label: r.t.id.slice(-4),
    serviceId: `svc-${r.t.service}`,
    serviceCode: r.t.service,
    counterId: null,
    counterName: null,
    userId: null,
    data: r.data,
  }));
}

/** A day bundle as a centre makes it: manifest line with the sha256 of the lines after it. */
export function dayBundle(centre: { code: string; name: string }, day: string, events: HqEvent[]): string {
  const body = events.map((e) => JSON.stringify(e) + '\n').join('');
  const manifest: DayBundleManifest = {
    kind: 'foleni-day-bundle',
    version: 1,
    centre,
    day,
    fromSeq: events[0]?.seq ?? 0,
    toSeq: events.at(-1)?.seq ?? 0,
    count: events.length,
    sha256: createHash('sha256').update(body).digest('hex'),
  };
  return JSON.stringify(manifest) + '\n' + body;
}
