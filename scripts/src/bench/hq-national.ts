// (g) Head office's national report over a year of 45 centres (~16 million tickets) on a PostgreSQL server:
// GET /hq/api/v1/report by centre, service and day, as JSON and CSV, median of several asks, beside
// GET /auth/me (the same authenticated request through the same app, answered from one small query).
// The year is made in SQL: generate_series into tickets, day summaries from them in set-based SQL (checked on
// sample days against the summary code ingest uses), month rows by ingest's own rollUpMonths. It is kept on
// the bench's PostgreSQL server as a database of its own, so later runs reuse it; a new GENERATOR version
// makes it again.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { systemClock } from '@foleni/server/clock.js';
import { createLogger } from '@foleni/server/logger.js';
import { createHqApp } from '@foleni/hq/app.js';
import { loadHqConfig } from '@foleni/hq/config.js';
import { migrate } from '@foleni/hq/db/migrate.js';
import { openPostgres } from '@foleni/hq/db/pg-sql.js';
import type { Sql } from '@foleni/hq/db/sql.js';
import { rebuildDaySummaries, rollUpMonths } from '@foleni/hq/ingest/day-summaries.js';
import { testDatabaseUrl } from '@foleni/hq/testing/hq-test-env.js';

/** Bump when the data made below changes: the cached database is then made again. */
const GENERATOR = 'v3';
const CACHE_DB = `foleni_bench_national_${GENERATOR}`;
const CENTRES = 45;
const DAYS = 365;
const FIRST_DAY = '2025-12-01';
const LAST_DAY = '2026-11-30';
const ASKS = 7;
const MONTH_FIRSTS = Array.from({ length: 12 }, (_, m) => new Date(Date.UTC(2025, 11 + m, 1)).toISOString().slice(0, 10));
const PASSWORD = 'Bench-national-9';

export interface Timing {
  p50: number;
  min: number;
  max: number;
  bytes: number;
}

export interface HqNationalResult {
  centres: number;
  days: number;
  tickets: number;
  summaryRows: number;
  /** Seconds to make the year; null when the cached database was used. */
  madeInSec: number | null;
  byCentre: Timing;
  byCentreCsv: Timing;
  byDay: Timing;
  byService: Timing;
  /** GET /auth/me: the session lookup every report also makes. */
  me: Timing;
}

const COUNTIES = [
  'Nairobi', 'Mombasa', 'Kisumu', 'Nakuru', 'Uasin Gishu', 'Kiambu', 'Machakos', 'Kakamega', 'Nyeri', 'Meru', 'Kisii', 'Kilifi', 'Kwale', 'Garissa', 'Wajir',
  'Mandera', 'Marsabit', 'Isiolo', 'Embu', 'Kitui', 'Makueni', 'Nyandarua', 'Kirinyaga', "Murang'a", 'Turkana', 'West Pokot', 'Samburu', 'Trans Nzoia',
  'Elgeyo-Marakwet', 'Nandi', 'Baringo', 'Laikipia', 'Narok', 'Kajiado', 'Kericho', 'Bomet', 'Vihiga', 'Bungoma', 'Busia', 'Siaya', 'Homa Bay', 'Migori',
  'Nyamira', 'Tharaka-Nithi', 'Lamu',
];

/**
 * One centre's year of tickets: 800–1,148 a day (16.0 million over 45 centres), issued 08:00–17:00 in
 * Nairobi, waits of 1–44 minutes and one in 41 of 45–144 (a busy day's tail, which makes histograms long), most served, one in 17 a no-show, one in 53 cancelled before a call, a
 * rating on one served ticket in five. r is a cheap deterministic scatter, the same in every run.
 */
const TICKETS_SQL = `
INSERT INTO tickets (centre_id, ticket_id, day, service, status, issued_at, first_called_at, called_at, serving_at, done_at, sla_minutes, rating)
SELECT $1, 'T' || d.n || '-' || i, dd.day, (ARRAY['NHIF', 'KRA', 'NSSF', 'ID', 'BIRTH', 'GOODCONDUCT'])[1 + r % 6], s.status, x.issued,
       CASE WHEN s.status = 'cancelled' THEN NULL ELSE x.issued + x.wait END,
       CASE WHEN s.status = 'cancelled' THEN NULL ELSE x.issued + x.wait END,
       CASE WHEN s.status = 'done' THEN x.issued + x.wait + 30000 END,
       CASE WHEN s.status = 'done' THEN x.issued + x.wait + 30000 + (3 + r % 12) * 60000
            WHEN s.status = 'no_show' THEN x.issued + x.wait + 180000 END,
       CASE WHEN r % 6 IN (3, 4) THEN 20 ELSE 15 END,
       CASE WHEN s.status = 'done' AND r % 5 = 0 THEN 1 + (r / 5) % 5 END
  FROM generate_series(0, ${DAYS - 1}) AS d(n)
 CROSS JOIN LATERAL (SELECT '${FIRST_DAY}'::date + d.n AS day, 800 + ($2 * 37 + d.n * 13) % 349 AS per_day) AS dd
 CROSS JOIN LATERAL generate_series(0, dd.per_day - 1) AS i
 CROSS JOIN LATERAL (SELECT ($2 * 7919 + d.n * 104729 + i * 31) % 1000 AS r) AS rr
 CROSS JOIN LATERAL (SELECT CASE WHEN r % 53 = 7 THEN 'cancelled' WHEN r % 17 = 0 THEN 'no_show' ELSE 'done' END AS status) AS s
 CROSS JOIN LATERAL (SELECT extract(epoch FROM dd.day)::bigint * 1000 + 18000000 + i::bigint * 32400000 / dd.per_day AS issued,
                            CASE WHEN r % 41 = 5 THEN 45 + r * 13 % 100 ELSE 1 + (r + $2 * 3) % (24 + $2 % 21) END * 60000
                              + (r * 7 % 60) * 1000 AS wait) AS x`;

/**
 * The centre's day summaries from its tickets in one statement: what summariseDay (server/src/stats/day-summary.ts)
 * makes, by service, by hour of issue in Nairobi and for the whole day, with the wait histogram's buckets (wait-histogram.ts)
 * cut after the last one used. Checked against that code on sample days below.
 */
const SUMMARIES_SQL = `
WITH t AS (
  SELECT t.centre_id, t.day, k.dim, k.key, t.status, t.serving_at, t.done_at, t.sla_minutes, t.rating, w.wait,
         CASE WHEN w.wait IS NULL THEN NULL
              WHEN w.m <= 120 THEN w.m
              WHEN w.m <= 240 THEN 120 + (w.m - 120 + 4) / 5
              WHEN w.m <= 480 THEN 144 + (w.m - 240 + 14) / 15
              ELSE 161 END AS bucket
    FROM tickets t
   CROSS JOIN LATERAL (SELECT CASE WHEN t.first_called_at IS NULL THEN NULL ELSE greatest(0, t.first_called_at - t.issued_at) END AS wait) AS w0
   CROSS JOIN LATERAL (SELECT w0.wait, (w0.wait + 59999) / 60000 AS m) AS w
   CROSS JOIN LATERAL (VALUES ('service', t.service), ('hour', lpad((((t.issued_at + 10800000) / 3600000) % 24)::text, 2, '0')), ('day', '')) AS k(dim, key)
   WHERE t.centre_id = $1 AND t.issued_at IS NOT NULL
), sums AS (
  SELECT centre_id, day, dim, key, count(*) AS issued, count(wait) AS called,
         count(*) FILTER (WHERE status = 'done') AS served,
         count(*) FILTER (WHERE status = 'no_show' OR (status = 'expired' AND done_at IS NOT NULL)) AS no_shows,
         count(*) FILTER (WHERE wait <= coalesce(sla_minutes * 60000, 900000)) AS within_target,
         coalesce(sum(wait), 0) AS wait_sum_ms,
         count(*) FILTER (WHERE status = 'done' AND serving_at IS NOT NULL AND done_at IS NOT NULL) AS service_count,
         coalesce(sum(greatest(0, done_at - serving_at)) FILTER (WHERE status = 'done' AND serving_at IS NOT NULL AND done_at IS NOT NULL), 0) AS service_sum_ms,
         count(rating) AS feedback_count, coalesce(sum(rating), 0) AS feedback_sum
    FROM t GROUP BY 1, 2, 3, 4
), hist AS (
  SELECT centre_id, day, dim, key, array_agg(bucket ORDER BY bucket) AS b, array_agg(n ORDER BY bucket) AS n
    FROM (SELECT centre_id, day, dim, key, bucket, count(*)::int AS n FROM t WHERE bucket IS NOT NULL GROUP BY 1, 2, 3, 4, 5) AS per_bucket
   GROUP BY 1, 2, 3, 4
)
INSERT INTO day_summaries (centre_id, day, dimension, key, issued, called, served, no_shows, within_target, wait_sum_ms,
                           service_count, service_sum_ms, feedback_count, feedback_sum, waits)
SELECT s.centre_id, s.day, s.dim, s.key, s.issued, s.called, s.served, s.no_shows, s.within_target, s.wait_sum_ms,
       s.service_count, s.service_sum_ms, s.feedback_count, s.feedback_sum,
       coalesce((SELECT array_agg(coalesce(p.n, 0) ORDER BY g)
                   FROM generate_series(0, h.b[cardinality(h.b)]) AS g
                   LEFT JOIN unnest(h.b, h.n) AS p(b, n) ON p.b = g), '{}')
  FROM sums s LEFT JOIN hist h USING (centre_id, day, dim, key)`;

const SUMMARY_COLUMNS = 'dimension, key, issued, called, served, no_shows, within_target, wait_sum_ms, service_count, service_sum_ms, feedback_count, feedback_sum, waits';

async function adminQuery(text: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    return await client.query(text, params);
  } finally {
    await client.end();
  }
}

const urlOf = (db: string) => testDatabaseUrl().replace(/\/[^/]*$/, `/${db}`);

/** True when the cached year is there, whole. */
async function cached(): Promise<boolean> {
  const { rowCount } = await adminQuery('SELECT 1 FROM pg_database WHERE datname = $1', [CACHE_DB]);
  if (!rowCount) return false;
  const sql = await openPostgres(urlOf(CACHE_DB), 1);
  try {
    // Unlogged tables come back empty after a crash of the server: the year is then made again.
    const [ready] = await sql.query<{ n: number }>('SELECT (SELECT count(*) FROM bench_national_ready) + (SELECT count(*) FROM (SELECT 1 FROM day_summaries LIMIT 1) AS s) AS n');
    return ready?.n === 2;
  } catch {
    return false;
  } finally {
    await sql.close();
  }
}

/** Makes the year in a database of its own name, then renames it to the cache's, so a half-made one is never taken. */
async function makeYear(log: (s: string) => void): Promise<void> {
  const building = `${CACHE_DB}_making_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${building}`);
  try {
    const sql = await openPostgres(urlOf(building), 2);
    try {
      await migrate(sql);
      // A cache, not a record: no WAL for 16 million rows, and the keys are built once after the load.
      await sql.exec(`ALTER TABLE tickets SET UNLOGGED; ALTER TABLE day_summaries SET UNLOGGED;
        ALTER TABLE tickets DROP CONSTRAINT tickets_pkey; DROP INDEX tickets_by_day;
        CREATE UNLOGGED TABLE bench_national_ready (made_at timestamptz NOT NULL)`);
      const ids: string[] = [];
      for (let c = 0; c < CENTRES; c++) {
        const id = `bench-national-${String(c).padStart(2, '0')}`;
        ids.push(id);
        await sql.query(`INSERT INTO centres (id, code, name, kind, county, key_hash, created_at) VALUES ($1, $2, $3, 'centre', $4, $5, $6)`, [
          id,
          `NAT-${String(c).padStart(2, '0')}`,
          `Huduma Centre ${COUNTIES[c]}`,
          COUNTIES[c],
          randomBytes(16).toString('hex'),
          Date.now(),
        ]);
      }
      // Two centres at a time: the machine has two cores.
      let next = 0;
      await Promise.all(
        [0, 1].map(async () => {
          for (;;) {
            const c = next++;
            if (c >= CENTRES) return;
            await makeTickets(sql, ids[c]!, c);
            if (c % 5 === 4) log(`hq national: tickets of ${c + 1} centres made`);
          }
        }),
      );
      log('hq national: keys of the tickets');
      await sql.exec('ALTER TABLE tickets ADD PRIMARY KEY (centre_id, ticket_id); CREATE INDEX tickets_by_day ON tickets (centre_id, day)');
      next = 0;
      await Promise.all(
        [0, 1].map(async () => {
          for (;;) {
            const c = next++;
            if (c >= CENTRES) return;
            await makeSummaries(sql, ids[c]!);
            await rollUpMonths(sql, ids[c]!, MONTH_FIRSTS);
          }
        }),
      );
      for (const [c, day] of [[0, FIRST_DAY], [17, '2026-04-15'], [CENTRES - 1, LAST_DAY]] as const) await checkSummaries(sql, ids[c]!, day);
      for (const table of ['day_summaries', 'tickets', 'centres']) await sql.exec(`VACUUM ANALYZE ${table}`);
      await sql.query('INSERT INTO bench_national_ready (made_at) VALUES (now())');
    } finally {
      await sql.close();
    }
    await adminQuery(`DROP DATABASE IF EXISTS ${CACHE_DB} WITH (FORCE)`);
    await adminQuery(`ALTER DATABASE ${building} RENAME TO ${CACHE_DB}`);
  } catch (e) {
    await adminQuery(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`).catch(() => undefined);
    throw e;
  }
  // Years of earlier generator versions only take room.
  const { rows } = await adminQuery(`SELECT datname FROM pg_database WHERE datname LIKE 'foleni_bench_national_%' AND datname <> $1`, [CACHE_DB]);
  for (const r of rows as { datname: string }[]) if (!r.datname.includes('_making_')) await adminQuery(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
}

export const makeTickets = (sql: Sql, centreId: string, centre: number) => sql.query(TICKETS_SQL, [centreId, centre]);
export const makeSummaries = (sql: Sql, centreId: string) => sql.query(SUMMARIES_SQL, [centreId]);

/** The summaries made in SQL must be those ingest makes with the centre's own code: the day is remade by it (rolled back) and compared. */
export async function checkSummaries(sql: Sql, centreId: string, day: string): Promise<void> {
  const read = async (q: Sql) => JSON.stringify(await q.query(`SELECT ${SUMMARY_COLUMNS} FROM day_summaries WHERE centre_id = $1 AND day = $2 ORDER BY dimension, key`, [centreId, day]));
  const made = await read(sql);
  if (made === '[]') throw new Error(`hq national: no summaries of ${centreId} on ${day}`);
  await sql
    .transaction(async (tx) => {
      await rebuildDaySummaries(tx, centreId, [day]);
      const remade = await read(tx);
      if (remade !== made) throw new Error(`hq national: the SQL summaries of ${centreId} on ${day} differ from the summary code's:\n${made.slice(0, 800)}\n${remade.slice(0, 800)}`);
      throw new Same();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Same)) throw e;
    });
}

/** Rolls the remade day back: the check leaves the data as it found it. */
class Same extends Error {}

async function timed(url: string, token: string, asks: number): Promise<Timing> {
  const times: number[] = [];
  let bytes = 0;
  // One ask first, not counted: the first after start-up also warms the connection pool.
  for (let i = 0; i <= asks; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.arrayBuffer();
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
    bytes = body.byteLength;
    if (i > 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, min: times[0]!, max: times.at(-1)!, bytes };
}

export async function benchHqNational(opts: { log: (s: string) => void }): Promise<HqNationalResult> {
  let madeInSec: number | null = null;
  if (!(await cached())) {
    opts.log(`hq national: making a year of ${CENTRES} centres (~16M tickets) once; later runs reuse database ${CACHE_DB}`);
    const started = performance.now();
    await makeYear(opts.log);
    madeInSec = (performance.now() - started) / 1000;
    opts.log(`hq national: made in ${madeInSec.toFixed(0)} s`);
  }
  const sql = await openPostgres(urlOf(CACHE_DB), 4);
  try {
    await migrate(sql);
    const [size] = await sql.query<{ tickets: number; summaries: number }>('SELECT (SELECT count(*) FROM tickets) AS tickets, (SELECT count(*) FROM day_summaries) AS summaries');
    const config = { ...loadHqConfig({ FOLENI_HQ_PORT: '0', FOLENI_LOG_LEVEL: 'silent' }), rateLimits: false };
    const hq = createHqApp({ config, sql, clock: systemClock, log: createLogger('silent') });
    await hq.auth.ensureAdmin(PASSWORD);
    const server = hq.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hq/api/v1`;
      const login = await fetch(`${api}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
      if (login.status !== 200) throw new Error(`login answered ${login.status}: ${await login.text()}`);
      const { token } = (await login.json()) as { token: string };
      const report = (q: string) => `${api}/report?from=${FIRST_DAY}&to=${LAST_DAY}&${q}`;
      const me = await timed(`${api}/auth/me`, token, ASKS);
      const byCentre = await timed(report('groupBy=centre'), token, ASKS);
      const byCentreCsv = await timed(report('groupBy=centre&format=csv'), token, ASKS);
      const byDay = await timed(report('groupBy=day'), token, ASKS);
      const byService = await timed(report('groupBy=service'), token, ASKS);
      return { centres: CENTRES, days: DAYS, tickets: size!.tickets, summaryRows: size!.summaries, madeInSec, byCentre, byCentreCsv, byDay, byService, me };
    } finally {
      server.closeAllConnections();
      server.close();
    }
  } finally {
    await sql.close();
  }
}
