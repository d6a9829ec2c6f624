// (d) Live dashboard and a year's report over ~2 million generated tickets, against the same server's
// health check (the floor of any answer); (e) start-up time with that database, against start-up with a
// small one. The generated year is cached between runs (same generator, schema and day) because
// making it costs a minute or more; every run works on a fresh copy. The cached year has its daily
// summaries, as a centre that lived it would (each day is summarised as it closes); a second copy without
// them stands for a year imported from elsewhere, summarised in the background after start-up.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { api } from './lib/foleni-api.js';
import { cpuMsOf, ROOT, startFoleni, startWorker } from './lib/processes.js';
import { percentile } from './lib/stats.js';

export interface Timing {
  p50: number;
  p90: number;
  n: number;
  /** Server CPU per request (ms): what a busy neighbour on the machine hardly changes. */
  cpuMs: number;
}

export interface ReportsResult {
  tickets: number;
  events: number;
  dbBytes: number;
  generatedSec: number | null;
  startup: { yearMs: number; smallMs: number };
  /** How long after start-up the server kept busy (summarising past days for reports in the background). */
  busyAfterStartMs: number;
  /**
   * The same year imported without summaries: a year's report asked at once (it waits for the days to be
   * summarised, a day per turn), and GET /health meanwhile, which shows issuing and calls are not held up.
   */
  afterImport: { reportMs: number; healthP99: number; healthMax: number; healthN: number };
  health: Timing;
  live: Timing;
  /** null: GET /stats/report is not there yet. */
  reportFirst: number | null;
  report: Timing | null;
  reportByDay: Timing | null;
}

const CACHE = join(tmpdir(), 'foleni-bench-cache');

function cacheKey(tickets: number, days: number, day: string): string {
  const h = createHash('sha256');
  for (const f of ['scripts/src/bench/workers/generate-year.ts', 'server/src/demo/demo-centre.ts', 'server/src/demo/past-days.ts']) h.update(readFileSync(join(ROOT, f)));
  const migrations = join(ROOT, 'server/migrations');
  for (const f of readdirSync(migrations).sort()) h.update(f).update(readFileSync(join(migrations, f)));
  h.update('with daily summaries');
  return `year-${tickets}-${days}-${day}-${h.digest('hex').slice(0, 12)}`;
}

/** The data folder of a demo centre with a generated year, made once and kept. */
async function yearDataDir(tickets: number, days: number, log: (s: string) => void): Promise<{ dir: string; generatedSec: number | null; stats: { tickets: number; events: number } }> {
  const key = cacheKey(tickets, days, new Date().toISOString().slice(0, 10));
  const dir = join(CACHE, key);
  const statsFile = join(dir, 'generated.json');
  if (existsSync(statsFile)) return { dir, generatedSec: null, stats: JSON.parse(readFileSync(statsFile, 'utf8')) as { tickets: number; events: number } };
  mkdirSync(CACHE, { recursive: true });
  for (const old of readdirSync(CACHE)) if (old.startsWith('year-')) rmSync(join(CACHE, old), { recursive: true, force: true });
  const work = mkdtempSync(join(CACHE, 'making-'));
  log('reports: seeding a demo centre');
  const seeded = await startFoleni({ dataDir: work });
  await seeded.stop();
  log(`reports: generating ${tickets} tickets over ${days} days (cached for later runs today)`);
  const gen = startWorker('generate-year', [join(work, 'foleni.db'), String(tickets), String(days)]);
  const done = await gen.next<{ tickets: number; events: number; sec: number }>('done', 1_800_000);
  await gen.stop();
  log('reports: summarising the generated days, as a centre that lived them would have');
  const lived = await startFoleni({ dataDir: work });
  // Idle is not enough on a loaded machine (a year's summaries can outlast idle's two minutes): every past
  // day must have its summary, or the cached year would make every run today wait for the rest.
  for (let tries = 0; unsummarised(join(work, 'foleni.db')) > 0; tries++) {
    if (tries === 10) throw new Error('the server did not summarise the generated year within 20 minutes');
    await idle(lived.pid);
  }
  await lived.stop();
  writeFileSync(join(work, 'generated.json'), JSON.stringify(done));
  renameSync(work, dir);
  return { dir, generatedSec: done.sec, stats: done };
}

/** Past days (before the newest) with tickets and no summary, read beside the running server. */
function unsummarised(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare('SELECT COUNT(*) FROM (SELECT DISTINCT day FROM tickets) d WHERE d.day < (SELECT MAX(day) FROM tickets) AND d.day NOT IN (SELECT day FROM stats_days)')
      .pluck()
      .get() as number;
  } finally {
    db.close();
  }
}

/** Waits until the server process uses under 5% of a core over half a second (or gives up after 2 min). */
async function idle(pid: number): Promise<void> {
  const until = Date.now() + 120_000;
  let last = cpuMsOf(pid);
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpuMsOf(pid);
    if (now - last < 25) return;
    last = now;
  }
}

async function timeGets(pid: number, get: () => Promise<number>, n: number): Promise<Timing> {
  const times: number[] = [];
  const cpu0 = cpuMsOf(pid);
  for (let i = 0; i < n; i++) times.push(await get());
  return { p50: percentile(times, 0.5), p90: percentile(times, 0.9), n, cpuMs: (cpuMsOf(pid) - cpu0) / n };
}

export async function benchReports(opts: { tickets: number; days: number; log: (s: string) => void }): Promise<ReportsResult> {
  const { tickets, days, log } = opts;
  const year = await yearDataDir(tickets, days, log);
  const dataDir = mkdtempSync(join(tmpdir(), 'foleni-bench-year-'));
  const imported = mkdtempSync(join(tmpdir(), 'foleni-bench-imported-'));
  const small = mkdtempSync(join(tmpdir(), 'foleni-bench-small-'));
  try {
    cpSync(year.dir, dataDir, { recursive: true });
    const dbBytes = statSync(join(dataDir, 'foleni.db')).size;

    // Start-up baseline: a second start of a small demo centre (the first one seeds it).
    await (await startFoleni({ dataDir: small })).stop();
    const smallServer = await startFoleni({ dataDir: small });
    const smallMs = smallServer.startMs;
    await smallServer.stop();

    log('reports: starting on the year');
    const server = await startFoleni({ dataDir });
    try {
      const a = api(server.url);
      const token = await a.login('manager');
      const timed = async (path: string): Promise<number> => {
        const t0 = performance.now();
        const res = await fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
        return performance.now() - t0;
      };
      const to = new Date().toISOString().slice(0, 10);
      const from = new Date(Date.now() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
      const reportPath = `/stats/report?from=${from}&to=${to}&groupBy=service`;
      const hasReport = (await fetch(`${server.url}/api/v1/stats/report?from=${to}&to=${to}`, { headers: { authorization: `Bearer ${token}` } })).status !== 404;
      let reportFirst: number | null = null;
      if (hasReport) {
        log('reports: a year\'s report at once after start-up');
        reportFirst = await timed(reportPath);
      }
      // The server summarises past days for reports in the background after it starts: measure after that.
      const started = performance.now();
      await idle(server.pid);
      const busyAfterStartMs = performance.now() - started;

      const health = await timeGets(server.pid, () => timed('/health'), 30);
      const live = await timeGets(server.pid, () => timed('/stats/live'), 30);
      let report: Timing | null = null;
      let reportByDay: Timing | null = null;
      if (hasReport) {
        log('reports: a year\'s report, by service and by day');
        report = await timeGets(server.pid, () => timed(reportPath), 30);
        reportByDay = await timeGets(server.pid, () => timed(`/stats/report?from=${from}&to=${to}&groupBy=day`), 10);
      }
      return {
        tickets: year.stats.tickets,
        events: year.stats.events,
        dbBytes,
        generatedSec: year.generatedSec,
        startup: { yearMs: server.startMs, smallMs },
        busyAfterStartMs,
        afterImport: await reportAfterImport(year.dir, imported, days, log),
        health,
        live,
        reportFirst,
        report,
        reportByDay,
      };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(imported, { recursive: true, force: true });
    rmSync(small, { recursive: true, force: true });
  }
}

/** A year's report asked at once on a copy of the year without its summaries, with /health probed meanwhile. */
async function reportAfterImport(yearDir: string, dataDir: string, days: number, log: (s: string) => void): Promise<ReportsResult['afterImport']> {
  cpSync(yearDir, dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'foleni.db'));
  db.exec('DELETE FROM stats_daily; DELETE FROM stats_days');
  db.close();
  log('reports: a year imported without summaries, its report asked at once');
  const server = await startFoleni({ dataDir });
  try {
    const token = await api(server.url).login('manager');
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
    const t0 = performance.now();
    let done = false;
    const report = fetch(`${server.url}/api/v1/stats/report?from=${from}&to=${to}&groupBy=service`, { headers: { authorization: `Bearer ${token}` } }).then(async (res) => {
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`a year's report after an import: ${res.status}`);
      done = true;
      return performance.now() - t0;
    });
    const health: number[] = [];
    while (!done) {
      const h0 = performance.now();
      await (await fetch(`${server.url}/api/v1/health`)).arrayBuffer();
      health.push(performance.now() - h0);
      await new Promise((r) => setTimeout(r, 20));
    }
    return { reportMs: await report, healthP99: percentile(health, 0.99), healthMax: Math.max(...health), healthN: health.length };
  } finally {
    await server.stop();
  }
}
