import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchResults } from './run.js';
import { rowsFor } from './table.js';
import { usualBaseline } from './usual.js';

const load = { rps: 0, latencyP50: 1, latencyP99: 2, requests: 1, non2xx: 0, errors: 0, timeouts: 0 };

function results(opts: { foleni: [number, number]; baseline: [number, number]; loads?: [number, number]; usual?: [number, number] }): BenchResults {
  return {
    at: '2026-12-07T00:00:00Z',
    machine: { cpus: 2, cpuModel: 'test', memoryGb: 24, node: 'v20', loadAverageAtStart: [0.2] },
    sizes: { issueSec: 6, issueRounds: 3, connections: 50, clients: 2000, calls: 30, trackers: 10000, tickets: 2e6, days: 365, clientProcesses: 4 },
    loads: { issuing: { before: opts.loads?.[0] ?? 0.3, after: opts.loads?.[1] ?? 0.6 } },
    usualBaseline: opts.usual ? { runs: 5, rps: opts.usual[0], cpuUsPerRequest: opts.usual[1] } : null,
    issuing: {
      rounds: 3,
      foleni: { ...load, rps: opts.foleni[0], cpuUsPerRequest: opts.foleni[1] },
      baseline: { ...load, rps: opts.baseline[0], cpuUsPerRequest: opts.baseline[1] },
      steadyRate: 1000,
      foleniSteady: load,
      baselineSteady: load,
      commit: { fullUs: 100, normalUs: 10 },
    } as BenchResults['issuing'],
  };
}

const verdicts = (r: BenchResults) => rowsFor(r).filter((row) => row.measure.startsWith('Issue a ticket')).map((row) => row.verdict);

describe('the bench table', () => {
  it('judges issuing by throughput and by CPU per ticket against the same run', () => {
    expect(verdicts(results({ foleni: [5200, 210], baseline: [6400, 175], usual: [6400, 172] }))).toEqual(['met', 'met']);
    // 81% of the throughput, but 1.4× the CPU per request: the second target is missed.
    expect(verdicts(results({ foleni: [5200, 245], baseline: [6400, 175], usual: [6400, 172] }))).toEqual(['met', 'MISSED']);
  });

  it('does not call a ratio met when the baseline was slowed, or when the machine was busy', () => {
    const slowed = results({ foleni: [3300, 210], baseline: [4000, 250], usual: [6400, 172] });
    expect(verdicts(slowed)).toEqual(['met?', 'met?']);
    expect(rowsFor(slowed).find((row) => row.verdict === 'check')?.baseline).toContain('4000/s against a usual 6400/s');
    expect(verdicts(results({ foleni: [5200, 210], baseline: [6400, 175], loads: [1.6, 2.1] }))).toEqual(['met (loaded)', 'met (loaded)']);
    expect(rowsFor(results({ foleni: [5200, 210], baseline: [6400, 175], loads: [1.6, 2.1] })).at(-1)?.foleni).toBe('issuing 1.6 → 2.1');
    // Quiet before, and no more after than the bench's own processes make: met. Far more after: a neighbour.
    expect(verdicts(results({ foleni: [5200, 210], baseline: [6400, 175], loads: [0.4, 1.9] }))).toEqual(['met', 'met']);
    expect(verdicts(results({ foleni: [5200, 210], baseline: [6400, 175], loads: [0.4, 3.4] }))).toEqual(['met (loaded)', 'met (loaded)']);
  });

  it('judges the national report by its median against 500 ms, beside GET /auth/me', () => {
    const t = (p50: number) => ({ p50, min: p50 - 5, max: p50 + 40, bytes: 15_000 });
    const r = { ...results({ foleni: [5200, 210], baseline: [6400, 175] }) };
    r.hqNational = { centres: 45, days: 365, tickets: 15_998_470, summaryRows: 270_900, madeInSec: null, byCentre: t(80), byCentreCsv: t(70), byService: t(60), byDay: t(620), me: t(20) };
    const rows = rowsFor(r).filter((row) => row.target === '< 500 ms');
    expect(rows.map((row) => row.verdict)).toEqual(['met', 'met', 'met', 'MISSED']);
    expect(rows[0]!.measure).toContain('16.0M tickets in 270,900 day-summary rows (cached year)');
    expect(rows[0]!.ratio).toBe('4.00×');
  });

  it('judges SMS by its best rounds, and shows each pair and their median beside them', () => {
    const r = results({ foleni: [5200, 210], baseline: [6400, 175] });
    const pair = (withoutRps: number, halfRps: number) => ({ withoutRps, halfRps, withoutCpuUs: 200, halfCpuUs: 210 });
    r.sms = {
      rounds: 3,
      without: { ...load, rps: 5000, cpuUsPerRequest: 200 },
      halfWithPhone: { ...load, rps: 4800, cpuUsPerRequest: 210 },
      pairs: [pair(5000, 4600), pair(4000, 3800), pair(4500, 4800)],
      medianPairRatio: 0.95,
      queued: 0,
      sent: 20_000,
    };
    const rows = rowsFor(r).filter((row) => row.measure.includes('SMS') || row.measure.startsWith('The same'));
    expect(rows[0]!).toMatchObject({ ratio: '96%', verdict: 'met' });
    expect(rows.at(-1)!).toMatchObject({ foleni: '92%, 95%, 107%', ratio: '95%' });
  });

  it('reads the usual baseline from earlier full runs, quick runs apart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'foleni-bench-'));
    const saved = (rps: number, cpu: number) => JSON.stringify({ issuing: { baseline: { rps, cpuUsPerRequest: cpu } } });
    writeFileSync(join(dir, 'a.json'), saved(6000, 180));
    expect(usualBaseline(dir)).toBeNull();
    writeFileSync(join(dir, 'b.json'), saved(6400, 170));
    writeFileSync(join(dir, 'c.json'), saved(6600, 160));
    writeFileSync(join(dir, 'd-quick.json'), saved(100, 999));
    expect(usualBaseline(dir)).toEqual({ runs: 3, rps: 6400, cpuUsPerRequest: 170 });
  });
});
