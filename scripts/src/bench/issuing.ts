// (a) Issuing: tickets per second through POST /api/v1/tickets against a no-op Express handler, with the
// same load generator in its own process; then latency at one steady offered load on both.
import type { LoadResult, LoadSpec } from './workers/load.js';
import { startFoleni, startWorker } from './lib/processes.js';
import type { FoleniProcess } from './lib/processes.js';

export interface IssuingResult {
  foleni: LoadResult;
  baseline: LoadResult;
  steadyRate: number;
  foleniSteady: LoadResult;
  baselineSteady: LoadResult;
  ticketsStored: number;
}

async function load(spec: LoadSpec): Promise<LoadResult> {
  const w = startWorker('load', [JSON.stringify(spec)]);
  const r = await w.next<LoadResult>('done', (spec.durationSec + 60) * 1000);
  await w.stop();
  return r;
}

async function staffToken(f: FoleniProcess): Promise<string> {
  const res = await fetch(`${f.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'manager', password: 'foleni-demo' }),
  });
  return ((await res.json()) as { token: string }).token;
}

export async function serviceIds(url: string): Promise<string[]> {
  const res = await fetch(`${url}/api/v1/services`);
  return ((await res.json()) as { items: { id: string }[] }).items.map((s) => s.id);
}

export async function benchIssuing(opts: { durationSec: number; connections: number; log: (s: string) => void }): Promise<IssuingResult> {
  const { durationSec, connections, log } = opts;
  const foleni = await startFoleni();
  try {
    const token = await staffToken(foleni);
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
      log('issuing: no-op Express, full speed');
      const baseline = await load({ url: noopUrl, headers, bodies, connections, durationSec });
      log('issuing: Foleni, full speed');
      const full = await load({ url: foleniUrl, headers, bodies, connections, durationSec });
      // A steady load both can carry: half of what Foleni reached, at most 1,000 a second
      // (a very busy centre issues that many in an hour).
      const steadyRate = Math.max(50, Math.min(1000, Math.round(full.rps / 2 / 50) * 50));
      log(`issuing: steady ${steadyRate}/s on both`);
      const baselineSteady = await load({ url: noopUrl, headers, bodies, connections: 10, durationSec, overallRate: steadyRate });
      const foleniSteady = await load({ url: foleniUrl, headers, bodies, connections: 10, durationSec, overallRate: steadyRate });
      const queue = await fetch(`${foleni.url}/api/v1/queue`, { headers: { authorization: `Bearer ${token}` } });
      const ticketsStored = ((await queue.json()) as { items: { tickets: unknown[] }[] }).items.reduce((n, s) => n + s.tickets.length, 0);
      return { foleni: full, baseline, steadyRate, foleniSteady, baselineSteady, ticketsStored };
    } finally {
      await noop.stop();
    }
  } finally {
    await foleni.stop();
  }
}
