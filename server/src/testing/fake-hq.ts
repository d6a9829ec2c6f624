// A fake head office for tests: a real HTTP server on a port of this machine speaking the ingest contract
// (POST /hq/api/v1/ingest, @foleni/shared's hq/wire.ts) for one centre, with its faults on demand: away
// (connection refused), holding answers, answering late, refusing, or having lost events (a seq gap).
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INGEST_MAX_BYTES, IngestBody } from '@foleni/shared';
import type { HqEvent } from '@foleni/shared';

export interface IngestRequest {
  fromSeq: number;
  count: number;
  /** The first and last seq of the batch (null when empty). */
  firstSeq: number | null;
  lastSeq: number | null;
  status: number;
  /** The answer's ackSeq or needSeq. */
  ackSeq?: number;
  needSeq?: number;
}

export class FakeHq {
  /** What head office holds, by seq: each seq once, as first received. */
  readonly events = new Map<number, HqEvent>();
  readonly requests: IngestRequest[] = [];
  /** Lines received again for a seq already held, with different content (must stay 0). */
  conflicts = 0;
  /** Lines received again for a seq already held (resending is allowed; counted to show it is rare). */
  resent = 0;
  private ack = 0;
  private server: Server;
  private port = 0;
  private delayMs = 0;
  private held: (() => void)[] = [];
  private holding = false;
  private failures: number[] = [];
  /** Requests received and not yet answered. */
  pending = 0;

  private constructor(readonly key: string) {
    this.server = this.makeServer();
  }

  static async start(key = 'centre-key-for-tests'): Promise<FakeHq> {
    const hq = new FakeHq(key);
    await hq.listen(0);
    return hq;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The highest seq held with nothing missing before it. */
  get ackSeq(): number {
    return this.ack;
  }

  /** Stops listening and drops every connection: the centre now meets "connection refused". */
  async down(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  /** Listens again on the same port. */
  async up(): Promise<void> {
    this.server = this.makeServer();
    await this.listen(this.port);
  }

  /** Answers each request only after this long. */
  slow(ms: number): void {
    this.delayMs = ms;
  }

  /** Holds every answer until release(). */
  hold(): void {
    this.holding = true;
  }

  release(): void {
    this.holding = false;
    for (const go of this.held.splice(0)) go();
  }

  /** The next requests are answered with these statuses (and nothing is stored). */
  failNext(...statuses: number[]): void {
    this.failures.push(...statuses);
  }

  /** Head office lost everything from `seq` on (restored from an older backup): the next batch gets a gap answer. */
  forgetFrom(seq: number): void {
    for (const s of [...this.events.keys()]) if (s >= seq) this.events.delete(s);
    this.ack = Math.min(this.ack, seq - 1);
  }

  async close(): Promise<void> {
    this.release();
    if (this.server.listening) await this.down();
  }

  private async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  private makeServer(): Server {
    return createServer((req, res) => {
      this.pending += 1;
      res.once('close', () => (this.pending -= 1));
      void this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) answer(res, 500, { error: { code: 'internal', message: String(e) } });
      });
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      chunks.push(chunk);
    }
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.holding) await new Promise<void>((resolve) => this.held.push(resolve));
    if (res.destroyed) return;

    if (req.method !== 'POST' || req.url !== '/hq/api/v1/ingest') return answer(res, 404, { error: { code: 'not-found', message: 'no such route' } });
    if (req.headers.authorization !== `Bearer ${this.key}`) return answer(res, 401, { error: { code: 'unauthorized', message: 'unknown key' } });
    if (size > INGEST_MAX_BYTES) return answer(res, 413, { error: { code: 'too-large', message: 'at most 5 MB' } });
    let parsed;
    try {
      parsed = IngestBody.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    } catch {
      return answer(res, 400, { error: { code: 'invalid-body', message: 'not JSON' } });
    }
    if (!parsed.success) return answer(res, 400, { error: { code: 'invalid-body', message: parsed.error.message } });
    const { fromSeq, events } = parsed.data;
    const record: IngestRequest = { fromSeq, count: events.length, firstSeq: events[0]?.seq ?? null, lastSeq: events.at(-1)?.seq ?? null, status: 0 };
    this.requests.push(record);

    const failure = this.failures.shift();
    if (failure !== undefined) {
      record.status = failure;
      return answer(res, failure, { error: { code: 'unavailable', message: `failing on demand (${failure})` } });
    }
    if (fromSeq > this.ack + 1) {
      record.status = 409;
      record.needSeq = this.ack + 1;
      return answer(res, 409, { error: { code: 'seq-gap', message: `send from ${this.ack + 1}` }, needSeq: this.ack + 1 });
    }
    let expected = fromSeq;
    for (const e of events) {
      if (e.seq !== expected) return answer(res, 400, { error: { code: 'not-contiguous', message: `expected seq ${expected}, got ${e.seq}` } });
      expected += 1;
      const held = this.events.get(e.seq);
      if (held) {
        this.resent += 1;
        if (JSON.stringify(held) !== JSON.stringify(e)) this.conflicts += 1;
      } else {
        this.events.set(e.seq, e);
      }
    }
    while (this.events.has(this.ack + 1)) this.ack += 1;
    record.status = 200;
    record.ackSeq = this.ack;
    answer(res, 200, { ackSeq: this.ack });
  }
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
