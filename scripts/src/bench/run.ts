// `npm run bench`: measures the targets in docs/architecture.md ("Performance targets"), each figure beside
// a baseline measured in the same run on the same machine, prints one table and writes it as JSON under
// bench/results/.
//
//   npm run bench                       everything (a few minutes on two cores)
//   npm run bench -- --quick            smaller sizes, to try the bench itself
//   npm run bench -- --only=issuing,calls,trackers,reports,bundles,hq,slots,sms
//
// Absolute times on a shared machine mean little; ratios to the baselines mean more. Run it on an idle
// machine for figures worth keeping.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchBundles } from './bundles.js';
import type { BundlesResult } from './bundles.js';
import { benchCallToScreen } from './call-to-screen.js';
import type { CallToScreenResult } from './call-to-screen.js';
import { benchHqIngest } from './hq-ingest.js';
import type { HqIngestResult } from './hq-ingest.js';
import { benchHqNational } from './hq-national.js';
import type { HqNationalResult } from './hq-national.js';
import { benchIssuing } from './issuing.js';
import type { IssuingResult } from './issuing.js';
import { ROOT } from './lib/processes.js';
import { renderTable, rowsFor } from './table.js';
import { usualBaseline } from './usual.js';
import type { UsualBaseline } from './usual.js';
import { benchReports } from './reports.js';
import { benchSlots } from './slots.js';
import type { SlotsResult } from './slots.js';
import type { ReportsResult } from './reports.js';
import { benchSms } from './sms.js';
import type { SmsBenchResult } from './sms.js';
import { benchTrackers } from './trackers.js';
import type { TrackersResult } from './trackers.js';

export interface BenchResults {
  at: string;
  /** Load averages show how busy the machine was with other work while the bench ran. */
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; loadAverageAtStart: number[]; loadAverageAtEnd?: number[] };
  sizes: Sizes;
  /** The 1-minute load average before and after each part: a part that began above 1 was not on a quiet machine. */
  loads: Record<string, { before: number; after: number }>;
  /** What the no-op baseline reached in earlier full runs, to tell a depressed baseline. */
  usualBaseline: UsualBaseline | null;
  issuing?: IssuingResult | { error: string };
  callToScreen?: CallToScreenResult | { error: string };
  trackers?: TrackersResult | { error: string };
  reports?: ReportsResult | { error: string };
  bundles?: BundlesResult | { error: string };
  hq?: HqIngestResult | { error: string };
  hqNational?: HqNationalResult | { error: string };
  slots?: SlotsResult | { error: string };
  sms?: SmsBenchResult | { error: string };
}

export interface Sizes {
  issueSec: number;
  issueRounds: number;
  /** SMS against no SMS: an even number, so each order runs as often. */
  smsRounds?: number;
  connections: number;
  clients: number;
  calls: number;
  trackers: number;
  tickets: number;
  days: number;
  clientProcesses: number;
}

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const wanted = (part: string) => !only || only.includes(part);

const sizes: Sizes = quick
  ? { issueSec: 4, issueRounds: 1, smsRounds: 2, connections: 50, clients: 500, calls: 10, trackers: 2_000, tickets: 200_000, days: 365, clientProcesses: 2 }
  : { issueSec: 6, issueRounds: 3, smsRounds: 6, connections: 50, clients: 2_000, calls: 100, trackers: 10_000, tickets: 2_000_000, days: 365, clientProcesses: 4 };

const log = (s: string) => process.stderr.write(`· ${s}\n`);

const load1 = () => Math.round(loadavg()[0]! * 100) / 100;

/**
 * Before a part whose ratio is judged against a quiet machine: waits (up to two minutes) for the 1-minute load
 * average to fall under 1, so the UIs' build or the part before it is not counted as a neighbour's load.
 */
async function settle(name: string): Promise<void> {
  const until = Date.now() + 120_000;
  if (load1() >= 1) log(`${name}: waiting for the load average (${load1()}) to fall under 1`);
  while (load1() >= 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 2_000));
}

function parter(loads: BenchResults['loads']) {
  return async function part<T>(name: string, run: () => Promise<T>, opts: { quiet?: boolean } = {}): Promise<T | { error: string }> {
    if (opts.quiet) await settle(name);
    const started = performance.now();
    const before = load1();
    try {
      const result = await run();
      log(`${name} done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      return result;
    } catch (e) {
      log(`${name} failed: ${e instanceof Error ? e.stack : String(e)}`);
      return { error: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
    } finally {
      loads[name] = { before, after: load1() };
      log(`${name}: load average ${before} before, ${loads[name].after} after`);
    }
  };
}

async function main(): Promise<void> {
  const results: BenchResults = {
    at: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    },
    sizes,
    loads: {},
    usualBaseline: usualBaseline(join(ROOT, 'bench/results')),
  };
  const part = parter(results.loads);
  if (wanted('bundles')) results.bundles = await part('bundles', () => benchBundles());
  if (wanted('issuing')) results.issuing = await part('issuing', () => benchIssuing({ durationSec: sizes.issueSec, connections: sizes.connections, rounds: sizes.issueRounds, log }), { quiet: true });
  if (wanted('calls')) results.callToScreen = await part('call → screen', () => benchCallToScreen({ clients: sizes.clients, calls: sizes.calls, workers: sizes.clientProcesses, log }), { quiet: true });
  if (wanted('trackers')) results.trackers = await part('trackers', () => benchTrackers({ trackers: sizes.trackers, workers: sizes.clientProcesses, log }));
  if (wanted('sms')) results.sms = await part('sms', () => benchSms({ durationSec: sizes.issueSec, connections: sizes.connections, rounds: sizes.smsRounds ?? sizes.issueRounds, log }), { quiet: true });
  if (wanted('reports')) results.reports = await part('reports', () => benchReports({ tickets: sizes.tickets, days: sizes.days, log }));
  if (wanted('hq')) results.hq = await part('hq ingest', () => benchHqIngest({ centres: 45, days: quick ? 1 : 5, ticketsPerDay: 400, senders: 4, log }));
  if (wanted('hq')) results.hqNational = await part('hq national', () => benchHqNational({ log }));
  if (wanted('slots')) results.slots = await part('slots', () => benchSlots({ bookings: quick ? 20_000 : 100_000, log }));

  results.machine.loadAverageAtEnd = loadavg().map((l) => Math.round(l * 100) / 100);
  const table = renderTable(rowsFor(results));
  const load = `load average ${results.machine.loadAverageAtStart[0]} at the start, ${results.machine.loadAverageAtEnd[0]} at the end`;
  process.stdout.write(
    `\nFoleni bench, ${results.at} — ${results.machine.cpus} × ${results.machine.cpuModel}, Node ${results.machine.node}, ${load}${quick ? ' (quick sizes)' : ''}\n\n${table}\n`,
  );

  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify({ ...results, table: rowsFor(results) }, null, 2) + '\n';
  const stamp = results.at.replace(/[:.]/g, '-');
  writeFileSync(join(dir, `${stamp}${quick ? '-quick' : ''}.json`), json);
  if (!quick && !only) writeFileSync(join(dir, 'latest.json'), json);
  process.stdout.write(`\nWritten to bench/results/${stamp}${quick ? '-quick' : ''}.json${!quick && !only ? ' and bench/results/latest.json' : ''}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
