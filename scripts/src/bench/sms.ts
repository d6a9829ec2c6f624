// (f) SMS: issuing with half the tickets leaving a mobile number, against issuing without, on the same server in
// the same run (best of each over the rounds; within a round the two run back to back, the order swapped each
// round so neither always meets the day the other has just grown). A number costs its ticket's commit a row in
// ticket_phones and one in the outbox, and the sender (log gateway, in the server's process) sends each one
// afterwards; the target is that issuing stays within 5% of issuing without SMS (docs/architecture.md, "SMS").
import type { LoadResult, LoadSpec } from './workers/load.js';
import { serviceIds } from './issuing.js';
import { api } from './lib/foleni-api.js';
import { cpuMsOf, startFoleni, startWorker } from './lib/processes.js';

export interface SmsBenchResult {
  rounds: number;
  without: LoadResult & { cpuUsPerRequest: number };
  halfWithPhone: LoadResult & { cpuUsPerRequest: number };
  /** Each round's pair, as run: a noisy machine shows in how far they spread. */
  pairs: { withoutRps: number; halfRps: number; withoutCpuUs: number; halfCpuUs: number }[];
  /** The median over rounds of each pair's ratio (half with a number / without): less swayed by one lucky run. */
  medianPairRatio: number;
  /** Messages still queued (none once drained) and sent, when the runs ended. */
  queued: number;
  sent: number;
}

async function load(spec: LoadSpec): Promise<LoadResult> {
  const w = startWorker('load', [JSON.stringify(spec)]);
  const r = await w.next<LoadResult>('done', (spec.durationSec + 60) * 1000);
  await w.stop();
  return r;
}

/**
 * A load run on a drained outbox, with the CPU the server used for it until its outbox was drained again: the
 * messages a run queues are paid for by that run, not by the next one.
 */
async function measured(pid: number, spec: LoadSpec, drained: () => Promise<void>): Promise<LoadResult & { cpuUsPerRequest: number }> {
  await drained();
  const before = cpuMsOf(pid);
  const r = await load(spec);
  await drained();
  return { ...r, cpuUsPerRequest: ((cpuMsOf(pid) - before) * 1000) / Math.max(1, r.requests) };
}

export async function benchSms(opts: { durationSec: number; connections: number; rounds: number; log: (s: string) => void }): Promise<SmsBenchResult> {
  const { durationSec, connections, rounds, log } = opts;
  const foleni = await startFoleni({ env: { FOLENI_SMS_GATEWAY: 'log' } });
  try {
    const token = await api(foleni.url).login('manager');
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const ids = await serviceIds(foleni.url);
    const plain = ids.map((serviceId) => JSON.stringify({ serviceId }));
    // Every other request leaves a number (all different, so every one is a new message).
    const half = ids.flatMap((serviceId, i) => [JSON.stringify({ serviceId }), JSON.stringify({ serviceId, phone: `0712 ${String(100000 + i * 7919).slice(-6)}` })]);
    const url = `${foleni.url}/api/v1/tickets`;
    const overview = async () =>
      (await (await fetch(`${foleni.url}/api/v1/sms`, { headers: { authorization: `Bearer ${token}` } })).json()) as { today: { queued: number; sent: number } };
    const drained = async () => {
      const until = Date.now() + 120_000;
      while ((await overview()).today.queued > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    };
    log('sms: warming up');
    await load({ url, headers, bodies: plain, connections, durationSec: 2 });
    await load({ url, headers, bodies: half, connections, durationSec: 2 });
    let without: SmsBenchResult['without'] | undefined;
    let halfWithPhone: SmsBenchResult['halfWithPhone'] | undefined;
    const pairs: SmsBenchResult['pairs'] = [];
    const run = (bodies: string[]) => measured(foleni.pid, { url, headers, bodies, connections, durationSec }, drained);
    for (let round = 1; round <= rounds; round++) {
      const withoutFirst = round % 2 === 1;
      log(`sms: round ${round} of ${rounds}, ${withoutFirst ? 'without SMS then half the tickets with a number' : 'half the tickets with a number then without SMS'}`);
      const first = withoutFirst ? await run(plain) : null;
      const withPhone = await run(half);
      const plainRun = first ?? (await run(plain));
      pairs.push({ withoutRps: plainRun.rps, halfRps: withPhone.rps, withoutCpuUs: plainRun.cpuUsPerRequest, halfCpuUs: withPhone.cpuUsPerRequest });
      if (!without || plainRun.rps > without.rps) without = plainRun;
      if (!halfWithPhone || withPhone.rps > halfWithPhone.rps) halfWithPhone = withPhone;
    }
    const end = await overview();
    const ratios = pairs.map((p) => p.halfRps / p.withoutRps).sort((x, y) => x - y);
    const mid = ratios.length >> 1;
    const medianPairRatio = ratios.length % 2 ? ratios[mid]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
    return { rounds, without: without!, halfWithPhone: halfWithPhone!, pairs, medianPairRatio, queued: end.today.queued, sent: end.today.sent };
  } finally {
    await foleni.stop();
  }
}
