// The live feed to head office: a background loop that pushes the event log, in seq order and in batches, to
// `POST {FOLENI_HQ_URL}/hq/api/v1/ingest` whenever head office answers, and remembers durably how far head
// office has acknowledged. It never stands in the centre's way: no request waits on it, the log is read in
// small pages between other work, and a slow or absent head office only delays the feed
// (docs/decisions/0024-hq-feed.md).
import { INGEST_MAX_BYTES, INGEST_MAX_EVENTS, IngestAnswer, SeqGapAnswer } from '@foleni/shared';
import type { HqFeedStatus } from '@foleni/shared';
import type { Clock } from '../clock.js';
import type { WriteQueue } from '../db/write-queue.js';
import type { Logger } from '../logger.js';
import { eventLine } from '../stats/event-export.js';
import type { HqFeedRepository } from './hq-feed.repository.js';

export interface HqLink {
  /** Head office's base address, without a trailing slash. */
  url: string;
  key: string;
}

export interface HqFeedOptions {
  /** How often the log is looked at once head office holds all of it. */
  pollMs: number;
  /** One request gives up after this long. */
  timeoutMs: number;
  /** The wait after a failure: `firstMs`, doubling with each failure in a row, never above `maxMs`. */
  backoff: { firstMs: number; maxMs: number };
  /** Events read from the database per turn of the event loop. */
  pageSize: number;
}

export const DEFAULT_HQ_FEED_OPTIONS: HqFeedOptions = {
  pollMs: 1000,
  timeoutMs: 30_000,
  backoff: { firstMs: 2000, maxMs: 5 * 60_000 },
  pageSize: 250,
};

type Names = Parameters<typeof eventLine>[1];

export interface HqFeedDeps {
  link: HqLink | null;
  repo: HqFeedRepository;
  /** Readable names of services and counters, put beside their ids in each line. */
  names: () => Names;
  writes: WriteQueue;
  clock: Clock;
  log: Logger;
  options?: Partial<HqFeedOptions>;
}

interface Batch {
  fromSeq: number;
  toSeq: number;
  count: number;
  body: string;
}

/** What one attempt came to: the loop sends again at once, or waits. */
type Outcome = 'progress' | 'failed' | 'stopped';

export class HqFeed {
  private readonly opts: HqFeedOptions;
  private acked = 0;
  private lastContactAt: number | null = null;
  private lastError: { text: string; at: number } | null = null;
  private nextAttemptAt: number | null = null;
  private failures = 0;
  /** Lowered when head office says a body is too large (413), so the next batch fits. */
  private maxEvents = INGEST_MAX_EVENTS;
  private readonly stopping = new AbortController();
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly deps: HqFeedDeps) {
    this.opts = { ...DEFAULT_HQ_FEED_OPTIONS, ...deps.options };
  }

  get enabled(): boolean {
    return this.deps.link !== null;
  }

  /** Starts the loop from the acknowledged position on file; nothing happens without FOLENI_HQ_URL and FOLENI_HQ_KEY. */
  start(): void {
    if (!this.deps.link || this.loop) return;
    const p = this.deps.repo.position();
    this.acked = p.ackedSeq;
    this.lastContactAt = p.lastContactAt;
    this.loop = this.run(this.deps.link).catch((e: unknown) => {
      // A bug, not head office: said loudly, and the centre goes on without its feed.
      this.deps.log.error('head-office feed stopped', { error: e instanceof Error ? e.stack : String(e) });
    });
  }

  /** Ends a request in flight and the loop; the acknowledged position already on file stays. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.wake?.();
    await this.loop;
  }

  status(): HqFeedStatus {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    const latestSeq = this.deps.repo.lastSeq();
    if (!this.deps.link) {
      return { state: 'off', hqUrl: null, sentUpToSeq: 0, latestSeq, lastContactAt: null, lastError: null, lastErrorAt: null, nextAttemptAt: null };
    }
    return {
      state: this.nextAttemptAt !== null ? 'retrying' : this.acked < latestSeq ? 'sending' : 'caught-up',
      hqUrl: this.deps.link.url,
      sentUpToSeq: this.acked,
      latestSeq,
      lastContactAt: iso(this.lastContactAt),
      lastError: this.lastError?.text ?? null,
      lastErrorAt: iso(this.lastError?.at ?? null),
      nextAttemptAt: iso(this.nextAttemptAt),
    };
  }

  private async run(link: HqLink): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      if (this.deps.repo.lastSeq() <= this.acked) {
        await this.sleep(this.opts.pollMs);
        continue;
      }
      const batch = await this.read(this.acked + 1);
      if (signal.aborted) return;
      if (batch.count === 0) {
        await this.sleep(this.opts.pollMs);
        continue;
      }
      const outcome = await this.send(link, batch);
      if (outcome === 'stopped') return;
      if (outcome === 'failed') {
        this.failures += 1;
        const wait = Math.min(this.opts.backoff.maxMs, this.opts.backoff.firstMs * 2 ** (this.failures - 1));
        // Spread out: forty-five centres that lost head office together should not all come back in step.
        const jittered = Math.round(wait * (0.8 + Math.random() * 0.4));
        this.nextAttemptAt = this.deps.clock.now() + jittered;
        await this.sleep(jittered);
        this.nextAttemptAt = null;
      }
    }
  }

  /**
   * The next batch from `fromSeq`: at most `maxEvents` lines and INGEST_MAX_BYTES of body, read a page at a
   * time with a turn of the event loop between pages, so requests are served while a big backlog is read.
   */
  private async read(fromSeq: number): Promise<Batch> {
    const names = this.deps.names();
    const head = `{"fromSeq":${fromSeq},"events":[`;
    const lines: string[] = [];
    let bytes = head.length + 2;
    let after = fromSeq - 1;
    let full = false;
    while (!full && lines.length < this.maxEvents && !this.stopping.signal.aborted) {
      const limit = Math.min(this.opts.pageSize, this.maxEvents - lines.length);
      const page = this.deps.repo.eventsAfter(after, limit);
      for (const e of page) {
        const line = JSON.stringify(eventLine(e, names));
        const size = Buffer.byteLength(line) + 1;
        if (lines.length > 0 && bytes + size > INGEST_MAX_BYTES) {
          full = true;
          break;
        }
        lines.push(line);
        bytes += size;
        after = e.seq;
      }
      if (page.length < limit) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { fromSeq, toSeq: after, count: lines.length, body: `${head}${lines.join(',')}]}` };
  }

  private async send(link: HqLink, batch: Batch): Promise<Outcome> {
    const signal = AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.opts.timeoutMs)]);
    let status: number;
    let text: string;
    try {
      const res = await fetch(`${link.url}/hq/api/v1/ingest`, {
        method: 'POST',
        headers: { authorization: `Bearer ${link.key}`, 'content-type': 'application/json', accept: 'application/json' },
        body: batch.body,
        signal,
      });
      status = res.status;
      text = await res.text();
    } catch (e) {
      if (this.stopping.signal.aborted) return 'stopped';
      return this.fail(unreachable(e, this.opts.timeoutMs), batch);
    }
    this.lastContactAt = this.deps.clock.now();
    const json = parseJson(text);

    if (status === 200) {
      const answer = IngestAnswer.safeParse(json);
      if (!answer.success) return this.fail('Head office answered 200 with something other than {ackSeq}', batch);
      if (answer.data.ackSeq < batch.fromSeq) {
        return this.fail(`Head office did not take the batch from event ${batch.fromSeq} (it holds up to ${answer.data.ackSeq})`, batch);
      }
      const latest = this.deps.repo.lastSeq();
      if (answer.data.ackSeq > latest) {
        // Head office holds seqs this centre has not written: the database was replaced or restored from an
        // older copy, and new events would reuse seqs head office already has. Only people can sort that out.
        this.note(`Head office holds events up to ${answer.data.ackSeq} but this centre's log ends at ${latest}: was the database restored or replaced?`);
      } else {
        this.lastError = null;
      }
      await this.acknowledge(answer.data.ackSeq);
      this.failures = 0;
      return 'progress';
    }
    if (status === 409) {
      const gap = SeqGapAnswer.safeParse(json);
      // Head office asks again for what it was just sent: a fault on its side, not a gap to chase in a tight loop.
      if (gap.success && gap.data.needSeq !== batch.fromSeq) {
        this.deps.log.info('head office asked for earlier events', { fromSeq: batch.fromSeq, needSeq: gap.data.needSeq });
        this.note(`Head office asked to send again from event ${gap.data.needSeq}`);
        await this.acknowledge(gap.data.needSeq - 1);
        return 'progress';
      }
    }
    if (status === 413 && this.maxEvents > 1) {
      this.maxEvents = Math.max(1, Math.floor(batch.count / 2));
      this.note(`Head office found a batch of ${batch.count} events too large; sending ${this.maxEvents} at a time`);
      return 'progress';
    }
    if (status === 401 || status === 403) return this.fail(`Head office refused this centre's key (${status}): check FOLENI_HQ_KEY`, batch);
    return this.fail(`Head office answered ${status}${errorMessage(json) ? `: ${errorMessage(json)}` : ''}`, batch);
  }

  /** Head office holds every event up to `seq`: kept durably, in the next group commit. */
  private async acknowledge(seq: number): Promise<void> {
    this.acked = Math.max(0, seq);
    const position = { ackedSeq: this.acked, lastContactAt: this.lastContactAt };
    try {
      await this.deps.writes.run(() => this.deps.repo.save(position));
    } catch (e) {
      // At shutdown the queue is closed: head office is sent these again next time, and takes them once.
      if (!this.stopping.signal.aborted) this.deps.log.error('could not keep the head-office position', { seq, error: String(e) });
    }
  }

  private note(text: string): void {
    this.lastError = { text, at: this.deps.clock.now() };
  }

  private fail(text: string, batch: Batch): Outcome {
    this.note(text);
    this.deps.log.info('head-office feed: batch not taken', { problem: text, fromSeq: batch.fromSeq, toSeq: batch.toSeq, failures: this.failures + 1 });
    return 'failed';
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopping.signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function errorMessage(json: unknown): string | null {
  if (typeof json !== 'object' || json === null || !('error' in json)) return null;
  const error = (json as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' ? error.message : null;
}

/** Why no answer came, in words an admin can act on. */
function unreachable(e: unknown, timeoutMs: number): string {
  if (e instanceof Error && e.name === 'TimeoutError') return `Head office did not answer within ${Math.round(timeoutMs / 1000)} s`;
  const cause = e instanceof Error ? (e.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  if (code === 'ECONNREFUSED') return 'Head office could not be reached (connection refused): it may be down';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return "Head office's address could not be found: check FOLENI_HQ_URL and the internet link";
  if (code) return `Head office could not be reached (${code})`;
  return `Head office could not be reached (${e instanceof Error ? e.message : String(e)})`;
}
