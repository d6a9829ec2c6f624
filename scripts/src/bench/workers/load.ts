// Load generator process: runs autocannon against a URL and reports its summary over IPC. Kept apart
// from the server so both get their own event loop (and, on two cores, their own core).
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  /** Bodies sent in turn, so tickets spread over the services. */
  bodies: string[];
  connections: number;
  durationSec: number;
  /** Requests per second over all connections; omitted = as fast as the server answers. */
  overallRate?: number;
}

export interface LoadResult {
  rps: number;
  requests: number;
  latencyP50: number;
  latencyP99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const spec = JSON.parse(process.argv[2]!) as LoadSpec;
let turn = 0;
const r = await autocannon({
  url: spec.url,
  method: 'POST',
  headers: spec.headers,
  connections: spec.connections,
  duration: spec.durationSec,
  ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
  requests: [
    {
      setupRequest: (req) => ({ ...req, body: spec.bodies[turn++ % spec.bodies.length]! }),
    },
  ],
});
const result: LoadResult = {
  rps: r.requests.average,
  requests: r.requests.total,
  latencyP50: r.latency.p50,
  latencyP99: r.latency.p99,
  non2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
};
process.send!({ type: 'done', data: result }, () => process.exit(0));
