// (a) Issuing: tickets per second through POST /api/v1/tickets against a no-op Express handler, with the
// same load generator (autocannon, in its own process). The two alternate over several rounds and the
// best round of each counts, so a busy neighbour on a shared machine does not decide the ratio; the CPU
// time each server spends per request is measured too (from /proc), which such a neighbour hardly moves.
// Then latency at one steady offered load on both.
import type { LoadResult, LoadSpec } from './workers/load.js';
import { measureCommitCost } from './lib/commit-cost.js';
import type { CommitCost } from './lib/commit-cost.js';
import { api } from './lib/foleni-api.js';
import { cpuMsOf, startFoleni, startWorker } from './lib/processes.js';

export interface IssuingResult {
  rounds: number;
  foleni: LoadResult & { cpuUsPerRequest: number };
  baseline: LoadResult & { cpuUsPerRequest: number };
  steadyRate: number;
  foleniSteady: LoadResult;
  baselineSteady: LoadResult;
  commit: CommitCost;
}

async function load(spec: LoadSpec): Promise<LoadResult> {
  const w = startWorker('load', [JSON.stringify(spec)]);
  const r = await w.next<LoadResult>('done', (spec.durationSec + 60) * 1000);
  await w.stop();
  return r;
}

/** A load run, with the CPU the server used for it. */
async function measured(pid: number, spec: LoadSpec): Promise<LoadResult & { cpuUsPerRequest: number }> {
  const before = cpuMsOf(pid);
  const r = await load(spec);
  return { ...r, cpuUsPerRequest: ((cpuMsOf(pid) - before) * 1000) / Math.max(1, r.requests) };
}

export async function serviceIds(url: string): Promise<string[]> {
  const res = await fetch(`${url}/api/v1/services`);
  return ((await res.json()) as { items: { id: string }[] }).items.map((s) => s.id);
}

export async function benchIssuing(opts: { durationSec: number; connections: number; rounds: number; log: (s: string) => void }): Promise<IssuingResult> {
  const { durationSec, connections, rounds, log } = opts;
  const foleni = await startFoleni();
  try {
    // A clerk's session, as the staff app issues (a kiosk's tickets also print, which is not what is
    // measured here; printing runs after the answer).
    const token = await api(foleni.url).login('manager');
    const bodies = (await serviceIds(foleni.url)).map((serviceId) => JSON.stringify({ serviceId }));
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

    const noop = startWorker('noop-express');
    const { port } = await noop.next<{ port: number }>('ready');
    const noopUrl = `http://127.0.0.1:${port}/api/v1/tickets`;
    const foleniUrl = `${foleni.url}/api/v1/tickets`;
    try {
      log('issuing: warming up');
      await load({ url: noopUrl, headers, bodies, connections, durationSec: 2 });
      await load({ url: foleniUrl, headers, bodies, connections, durationSec: 2 });
      let baseline: IssuingResult['baseline'] | undefined;
      let full: IssuingResult['foleni'] | undefined;
      for (let round = 1; round <= rounds; round++) {
        log(`issuing: round ${round} of ${rounds}, no-op Express then Foleni, full speed`);
        const b = await measured(noop.child.pid!, { url: noopUrl, headers, bodies, connections, durationSec });
        const f = await measured(foleni.pid, { url: foleniUrl, headers, bodies, connections, durationSec });
        if (!baseline || b.rps > baseline.rps) baseline = b;
        if (!full || f.rps > full.rps) full = f;
      }
      // A steady load both can carry: half of what Foleni reached, at most 1,000 a second
      // (a very busy centre issues that many in an hour).
      const steadyRate = Math.max(50, Math.min(1000, Math.round(full!.rps / 2 / 50) * 50));
      log(`issuing: steady ${steadyRate}/s on both`);
      const baselineSteady = await load({ url: noopUrl, headers, bodies, connections: 10, durationSec, overallRate: steadyRate });
      const foleniSteady = await load({ url: foleniUrl, headers, bodies, connections: 10, durationSec, overallRate: steadyRate });
      const commit = measureCommitCost();
      return { rounds, foleni: full!, baseline: baseline!, steadyRate, foleniSteady, baselineSteady, commit };
    } finally {
      await noop.stop();
    }
  } finally {
    await foleni.stop();
  }
}
