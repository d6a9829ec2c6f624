// Many Socket.IO clients in one process, standing in for displays, counters and phones. Each records
// when the timed event reached it (wall-clock ms with sub-ms precision, comparable across processes on
// one machine), keyed by what the driver said it sent (a ticket label, or a baseline message id).
//
// IPC in:  { type: 'await', key }  → answers { type: 'arrived', data: { key, times, missing } } once every
//          client has the event with that key (or after 10 s);
//          { type: 'stop' }.
// IPC out: { type: 'ready', data: { connected, failed } } once every client is connected and has its
//          first message (the snapshot, or the baseline's hello).
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';

export interface ClientsSpec {
  url: string;
  /** One entry per client: its handshake auth. */
  auths: Record<string, string>[];
  /** The event to time, and the payload field that names it (dot path). */
  event: string;
  keyPath: string;
  /** The first message each client waits for before it counts as ready. */
  readyEvent: string;
  /** Connections opened at once. */
  batch?: number;
}

const spec = JSON.parse(process.argv[2]!) as ClientsSpec;
const now = () => performance.timeOrigin + performance.now();
const pick = (payload: unknown, path: string): string =>
  String(path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k], payload));

const sockets: Socket[] = [];
/** key → arrival time per client index. */
const arrivals = new Map<string, Float64Array>();
const counts = new Map<string, number>();
const awaiting = new Map<string, () => void>();

function record(i: number, key: string): void {
  let times = arrivals.get(key);
  if (!times) {
    times = new Float64Array(spec.auths.length).fill(Number.NaN);
    arrivals.set(key, times);
  }
  if (!Number.isNaN(times[i]!)) return;
  times[i] = now();
  const n = (counts.get(key) ?? 0) + 1;
  counts.set(key, n);
  if (n === spec.auths.length) awaiting.get(key)?.();
}

function connect(i: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = io(spec.url, { auth: spec.auths[i]!, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 60_000 });
    sockets[i] = s;
    const timer = setTimeout(() => resolve(false), 90_000);
    s.once(spec.readyEvent, () => {
      clearTimeout(timer);
      resolve(true);
    });
    s.once('connect_error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    s.on(spec.event, (payload: unknown) => record(i, pick(payload, spec.keyPath)));
  });
}

async function main(): Promise<void> {
  const batch = spec.batch ?? 100;
  let connected = 0;
  for (let i = 0; i < spec.auths.length; i += batch) {
    const ok = await Promise.all(spec.auths.slice(i, i + batch).map((_, j) => connect(i + j)));
    connected += ok.filter(Boolean).length;
  }
  process.send!({ type: 'ready', data: { connected, failed: spec.auths.length - connected } });
}

process.on('message', (m: { type: string; key?: string }) => {
  if (m.type === 'await') {
    const key = m.key!;
    const answer = () => {
      clearTimeout(timer);
      awaiting.delete(key);
      const times = arrivals.get(key) ?? new Float64Array(0);
      const got = [...times].filter((t) => !Number.isNaN(t));
      process.send!({ type: 'arrived', data: { key, times: got, missing: spec.auths.length - got.length } });
    };
    const timer = setTimeout(answer, 10_000);
    if ((counts.get(key) ?? 0) === spec.auths.length) answer();
    else awaiting.set(key, answer);
  } else if (m.type === 'stop') {
    for (const s of sockets) s?.disconnect();
    process.exit(0);
  }
});

void main();
