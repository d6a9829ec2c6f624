// (c) Scale: 10,000 phone trackers connected at once (clients spread over several processes), and the
// server's resident memory, against a bare Socket.IO server holding the same number of clients.
import { api, issueTickets, serviceByCode } from './lib/foleni-api.js';
import { rssOf, startFoleni, startWorker } from './lib/processes.js';
import type { Worker } from './lib/processes.js';
import type { ClientsSpec } from './workers/socket-clients.js';

export interface TrackersResult {
  trackers: number;
  foleni: { idleRss: number; connectedRss: number; peakRss: number; connectSec: number };
  baseline: { idleRss: number; connectedRss: number; peakRss: number; connectSec: number };
}

async function connectAll(url: string, auths: Record<string, string>[], workers: number, readyEvent: string): Promise<{ list: Worker[]; sec: number }> {
  const started = performance.now();
  const per = Math.ceil(auths.length / workers);
  const list: Worker[] = [];
  for (let w = 0; w < workers; w++) {
    const spec: ClientsSpec = { url, auths: auths.slice(w * per, (w + 1) * per), event: 'ticket:called', keyPath: 'ticket.label', readyEvent, batch: 200 };
    list.push(startWorker('socket-clients', [JSON.stringify(spec)], {}));
  }
  const ready = await Promise.all(list.map((w) => w.next<{ connected: number; failed: number }>('ready', 300_000)));
  const failed = ready.reduce((n, r) => n + r.failed, 0);
  if (failed > 0) throw new Error(`${failed} of ${auths.length} clients could not connect to ${url}`);
  return { list, sec: (performance.now() - started) / 1000 };
}

async function stopAll(list: Worker[]): Promise<void> {
  for (const w of list) w.send({ type: 'stop' });
  await Promise.all(list.map((w) => w.stop()));
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchTrackers(opts: { trackers: number; workers: number; log: (s: string) => void }): Promise<TrackersResult> {
  const { trackers, workers, log } = opts;

  log('trackers: bare Socket.IO baseline');
  const bare = startWorker('bare-socketio', ['400']);
  let baseline: TrackersResult['baseline'];
  try {
    const { port } = await bare.next<{ port: number }>('ready');
    await settle(500);
    const idle = rssOf(bare.child.pid!);
    // The worker runs under `sh -c … exec node`, so its pid is node's own.
    const { list, sec } = await connectAll(`http://127.0.0.1:${port}`, Array.from({ length: trackers }, () => ({})), workers, 'hello');
    await settle(2000);
    const connected = rssOf(bare.child.pid!);
    await stopAll(list);
    baseline = { idleRss: idle.rss, connectedRss: connected.rss, peakRss: connected.peak, connectSec: sec };
  } finally {
    await bare.stop();
  }

  const foleni = await startFoleni();
  try {
    const a = api(foleni.url);
    const clerk = await a.login('wanjiru');
    log(`trackers: issuing ${trackers} tickets`);
    const ids = await issueTickets(a, clerk, [...(await serviceByCode(a)).values()], trackers, 16);
    await settle(1000);
    const idle = rssOf(foleni.pid);
    log(`trackers: connecting ${trackers} trackers to Foleni`);
    const { list, sec } = await connectAll(foleni.url, ids.map((ticketId) => ({ ticketId })), workers, 'queue:snapshot');
    await settle(2000);
    const connected = rssOf(foleni.pid);
    await stopAll(list);
    return { trackers, foleni: { idleRss: idle.rss, connectedRss: connected.rss, peakRss: connected.peak, connectSec: sec }, baseline };
  } finally {
    await foleni.stop();
  }
}
