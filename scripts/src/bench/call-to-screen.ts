// (b) Call → screen: from the moment a clerk's call-next leaves the counter to the moment the call event
// reaches each of N connected clients (displays, staff screens, phone trackers on the called service),
// against a bare Socket.IO server broadcasting a message of the same size to the same number of clients.
// Both sets of clients stay connected the whole time and calls alternate between the two servers, so a
// busy neighbour on a shared machine slows both alike.
import { api, issueTickets, serviceByCode } from './lib/foleni-api.js';
import { startFoleni, startWorker } from './lib/processes.js';
import type { Worker } from './lib/processes.js';
import { percentile } from './lib/stats.js';
import type { ClientsSpec } from './workers/socket-clients.js';

export interface LatencyFigures {
  p50: number;
  p99: number;
  max: number;
  samples: number;
  missing: number;
}

export interface CallToScreenResult {
  clients: number;
  mix: { displays: number; staff: number; trackers: number };
  calls: number;
  foleni: LatencyFigures;
  baseline: LatencyFigures;
}

const now = () => performance.timeOrigin + performance.now();

async function startClients(url: string, auths: Record<string, string>[], workers: number, event: Pick<ClientsSpec, 'event' | 'keyPath' | 'readyEvent'>): Promise<Worker[]> {
  const per = Math.ceil(auths.length / workers);
  const list: Worker[] = [];
  for (let w = 0; w < workers; w++) {
    const spec: ClientsSpec = { url, auths: auths.slice(w * per, (w + 1) * per), ...event, batch: 100 };
    list.push(startWorker('socket-clients', [JSON.stringify(spec)]));
  }
  const ready = await Promise.all(list.map((w) => w.next<{ connected: number; failed: number }>('ready', 180_000)));
  const failed = ready.reduce((n, r) => n + r.failed, 0);
  if (failed > 0) throw new Error(`${failed} clients could not connect to ${url}`);
  return list;
}

async function arrivals(workers: Worker[], key: string): Promise<{ times: number[]; missing: number }> {
  for (const w of workers) w.send({ type: 'await', key });
  const answers = await Promise.all(workers.map((w) => w.next<{ times: number[]; missing: number }>('arrived', 30_000)));
  return { times: answers.flatMap((a) => a.times), missing: answers.reduce((n, a) => n + a.missing, 0) };
}

function figures(latencies: number[], missing: number): LatencyFigures {
  return {
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies.reduce((m, t) => Math.max(m, t), -Infinity),
    samples: latencies.length,
    missing,
  };
}

export async function benchCallToScreen(opts: { clients: number; calls: number; workers: number; log: (s: string) => void }): Promise<CallToScreenResult> {
  const { clients, calls, workers, log } = opts;
  const mix = { displays: Math.round(clients * 0.05), staff: Math.round(clients * 0.05), trackers: 0 };
  mix.trackers = clients - mix.displays - mix.staff;

  const foleni = await startFoleni();
  const bare = startWorker('bare-socketio', ['400']);
  const stopping: Worker[] = [bare];
  try {
    const a = api(foleni.url);
    const clerk = await a.login('wanjiru');
    const staffTokens = await Promise.all(['manager', 'otieno', 'achieng', 'kiprop', 'mwangi'].map((u) => a.login(u)));
    const services = await serviceByCode(a);
    const counter1 = ((await a.call<{ items: { id: string; name: string }[] }>('GET', '/counters', clerk)).body.items.find((c) => c.name === 'Counter 1'))!.id;
    await a.call('POST', `/counters/${counter1}/open`, clerk, {});
    log(`call → screen: issuing ${calls + mix.trackers} tickets of service A`);
    // The tickets to call first, then the trackers' tickets behind them in the same queue: every call of
    // service A goes to every tracker of A.
    await issueTickets(a, clerk, [services.get('A')!], calls, 4);
    const trackerTickets = await issueTickets(a, clerk, [services.get('A')!], mix.trackers, 16);

    // Spread each kind over all client processes.
    const auths: Record<string, string>[] = [];
    for (let i = 0; i < clients; i++) {
      if (i % 20 === 0 && auths.filter((x) => x.token === foleni.displayToken).length < mix.displays) auths.push({ token: foleni.displayToken });
      else if (i % 20 === 1 && auths.filter((x) => x.token && x.token !== foleni.displayToken).length < mix.staff) auths.push({ token: staffTokens[i % staffTokens.length]! });
      else auths.push({ ticketId: trackerTickets.pop()! });
    }
    log(`call → screen: connecting ${clients} clients to Foleni and ${clients} to a bare Socket.IO server`);
    // Screens hear the call itself; a phone hears only that its line moved (no label): it is keyed by the
    // line's waiting count after the call, which each call lowers by one (a served ticket does not rejoin).
    const screenAuths = auths.filter((x) => x.token);
    const trackerAuths = auths.filter((x) => x.ticketId);
    const trackerWorkers = Math.max(1, Math.round((workers * trackerAuths.length) / auths.length));
    const screenClients = await startClients(foleni.url, screenAuths, Math.max(1, workers - trackerWorkers), { event: 'ticket:called', keyPath: 'ticket.label', readyEvent: 'queue:snapshot' });
    const trackerClients = await startClients(foleni.url, trackerAuths, trackerWorkers, { event: 'queue:moved', keyPath: 'waiting', readyEvent: 'queue:snapshot' });
    stopping.push(...screenClients, ...trackerClients);
    const waitingA = async () =>
      (await a.call<{ items: { id: string; waiting: number }[] }>('GET', '/services', clerk)).body.items.find((s) => s.id === services.get('A'))!.waiting;
    let waiting = await waitingA();
    const { port } = await bare.next<{ port: number }>('ready');
    const bareUrl = `http://127.0.0.1:${port}`;
    const bareClients = await startClients(bareUrl, auths.map(() => ({})), workers, { event: 'ticket:called', keyPath: 'id', readyEvent: 'hello' });
    stopping.push(...bareClients);

    const foleniLat: number[] = [];
    const bareLat: number[] = [];
    let foleniMissing = 0;
    let bareMissing = 0;
    log(`call → screen: ${calls} calls on each, alternating`);
    for (let i = 0; i < calls; i++) {
      // Baseline: one broadcast over HTTP.
      const key = `b${i}`;
      const b0 = now();
      const sent = await fetch(`${bareUrl}/broadcast?id=${key}`, { method: 'POST' });
      await sent.text();
      const b = await arrivals(bareClients, key);
      bareLat.push(...b.times.map((t) => t - b0));
      bareMissing += b.missing;

      // Foleni: the clerk calls the next ticket; then serves it so the counter is free again.
      const f0 = now();
      const res = await a.call<{ ticket: { id: string; label: string } }>('POST', `/counters/${counter1}/call-next`, clerk, {});
      if (res.status !== 200) throw new Error(`call-next: ${res.status} ${JSON.stringify(res.body)}`);
      waiting--;
      const [screens, phones] = await Promise.all([arrivals(screenClients, res.body.ticket.label), arrivals(trackerClients, String(waiting))]);
      for (const f of [screens, phones]) {
        foleniLat.push(...f.times.map((t) => t - f0));
        foleniMissing += f.missing;
      }
      // Served, not a no-show: a no-show is refused until the fair minimum after the call has passed.
      for (const step of ['start', 'complete']) {
        const done = await a.call('POST', `/tickets/${res.body.ticket.id}/${step}`, clerk, {});
        if (done.status !== 200) throw new Error(`${step}: ${done.status} ${JSON.stringify(done.body)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return { clients, mix, calls, foleni: figures(foleniLat, foleniMissing), baseline: figures(bareLat, bareMissing) };
  } finally {
    for (const w of stopping) w.send({ type: 'stop' });
    await Promise.all(stopping.map((w) => w.stop()));
    await foleni.stop();
  }
}
