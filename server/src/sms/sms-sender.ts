// The outbox's sender: oldest first, in the background; it never holds up a ticket or a call (its writes are
// small and go through the same group commit). Messages are marked `sending`, each with an attempt id, in a
// durable commit BEFORE the gateway is asked (up to CLAIM_AT_MOST at once), so a server killed mid-send finds
// them `sending` at the next start and counts them as sent (uncertain) instead of sending them twice: a message
// lost beats a message doubled (docs/decisions/0021-sms-outbox-at-most-once.md). When the gateway fails, the
// sender waits (backoff doubling up to its longest) and tries the same message again, so order is kept.
import { randomBytes } from 'node:crypto';
import type { SmsGatewayState } from '@foleni/shared';
import type { Clock } from '../clock.js';
import type { WriteQueue } from '../db/write-queue.js';
import type { Logger } from '../logger.js';
import type { CentreService } from '../queue/centre.service.js';
import type { SendOutcome, SmsGateway } from './gateways/gateway.js';
import type { OutboxRecord, SmsRepository } from './sms.repository.js';

export interface SmsSenderDeps {
  repo: SmsRepository;
  writes: WriteQueue;
  clock: Clock;
  centre: CentreService;
  log: Logger;
  gateway: SmsGateway;
  backoffMs: { first: number; max: number };
}

/** With nothing to send, the sender looks again this often anyway (and soon after it is woken). */
const IDLE_MS = 5_000;

/**
 * Woken by a new message, the sender waits this long before it claims: messages queued meanwhile go in the
 * same batch and the same commit (a busy kiosk hour queues several a second), and no citizen notices 50 ms.
 */
const GATHER_MS = 50;

/**
 * The most messages claimed in one commit. A server killed while handing a batch over counts all of it as sent
 * (uncertain) at its next start, so this bounds what a crash can lose; it also divides the commits per message.
 */
export const CLAIM_AT_MOST = 20;

interface Claim {
  m: OutboxRecord;
  attemptId: string;
}

export class SmsSender {
  private stopped = true;
  private failures = 0;
  private sleeping: { resolve: () => void; soon: () => void } | null = null;
  private woken = false;
  private erasedBefore: string | null = null;
  private lastError: string | null = null;
  private lastSentAt: number | null = null;
  private failingSince: number | null = null;
  private loop: Promise<void> = Promise.resolve();

  constructor(private readonly d: SmsSenderDeps) {}

  /** Settles messages a stopped server left mid-send, erases numbers of closed days, then sends. */
  async start(): Promise<void> {
    const settled = await this.d.writes.run(() => this.d.repo.settleInterrupted());
    if (settled) this.d.log.info('sms: messages interrupted mid-send counted as sent, not sent again', { count: settled });
    await this.eraseClosedDays();
    this.stopped = false;
    this.loop = this.run();
  }

  /** A message was queued: send it now rather than at the next look. */
  wake(): void {
    this.woken = true;
    if (this.sleeping && this.failures === 0) this.sleeping.soon();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.sleeping?.resolve();
    await this.loop;
    await this.d.gateway.close();
  }

  gatewayState(): SmsGatewayState {
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    return {
      kind: this.d.gateway.kind,
      target: this.d.gateway.target,
      state: this.failingSince !== null ? 'failing' : this.lastSentAt !== null ? 'ok' : 'idle',
      lastError: this.lastError,
      lastSentAt: iso(this.lastSentAt),
      failingSince: iso(this.failingSince),
    };
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.eraseClosedDays();
        const sent = await this.sendNext();
        if (this.stopped) break;
        if (sent === 'retry') await this.sleep(Math.min(this.d.backoffMs.first * 2 ** (this.failures - 1), this.d.backoffMs.max));
        else if (sent === 'none') await this.sleep(IDLE_MS);
      } catch (e) {
        // A write that failed (disk full): look again later rather than spin.
        this.d.log.error('sms: sender failed', { error: e instanceof Error ? e.message : String(e) });
        await this.sleep(IDLE_MS);
      }
    }
  }

  /** The day close: numbers of earlier days are erased and their unsent messages dropped. */
  private async eraseClosedDays(): Promise<void> {
    const today = this.d.centre.today();
    if (this.erasedBefore === today) return;
    const erased = await this.d.writes.run(() => this.d.repo.eraseBefore(today, this.d.clock.now()));
    if (erased) this.d.log.info('sms: numbers of closed days erased', { count: erased });
    this.erasedBefore = today;
  }

  /**
   * Sends what is queued, oldest first, until the queue is empty ('none') or the gateway fails ('retry'). A batch
   * of up to CLAIM_AT_MOST messages is claimed (marked `sending`) in one durable commit before any of them is
   * handed to the gateway; their outcomes are written in the commit that claims the next batch, and what was
   * claimed but not handed over (the gateway failed first, the server is stopping) goes back in the queue there.
   */
  private async sendNext(): Promise<'retry' | 'none'> {
    this.woken = false;
    let batch = await this.d.writes.run(() => this.claimBatch());
    while (batch.length > 0 && !this.stopped) {
      const handed: { claim: Claim; outcome: SendOutcome; at: number }[] = [];
      let failed = false;
      for (const claim of batch) {
        if (this.stopped || failed) break;
        // A change since the claim (the ticket called, the day closed) may have dropped it: then it is not sent.
        if (!this.d.repo.stillClaimed(claim.m.id, claim.attemptId)) continue;
        const outcome = await this.d.gateway.send(claim.m.phone!, claim.m.text, claim.attemptId);
        handed.push({ claim, outcome, at: this.d.clock.now() });
        failed = outcome.result === 'unknown' || outcome.result === 'not-sent';
      }
      batch = await this.d.writes.run(() => {
        for (const h of handed) this.record(h.claim, h.outcome, h.at);
        for (const c of batch) if (!handed.some((h) => h.claim === c)) this.d.repo.release(c.m.id, c.attemptId);
        // A full batch means more are likely waiting: claim them now. Otherwise gather for a moment first.
        return failed || this.stopped || batch.length < CLAIM_AT_MOST ? [] : this.claimBatch();
      });
      for (const h of handed) this.report(h.claim, h.outcome);
      if (failed) return 'retry';
    }
    return 'none';
  }

  /** Inside a write: a message's outcome. */
  private record({ m, attemptId }: Claim, outcome: SendOutcome, at: number): void {
    switch (outcome.result) {
      case 'sent':
        this.d.repo.markSent(m.id, attemptId, outcome.gatewayId, false, null, at);
        break;
      case 'unknown':
        this.d.repo.markSent(m.id, attemptId, null, true, outcome.error, at);
        break;
      case 'refused':
        this.d.repo.markFailed(m.id, outcome.error, at, attemptId);
        break;
      case 'not-sent':
        this.d.repo.markNotSent(m.id, attemptId, outcome.error);
        break;
    }
  }

  /** After the outcome's commit: the gateway's state for staff, and the log. */
  private report({ m }: Claim, outcome: SendOutcome): void {
    const fields = { message: m.id, kind: m.kind, ticket: m.ticketLabel, attempt: m.attempts + 1, gateway: this.d.gateway.kind };
    switch (outcome.result) {
      case 'sent':
        this.ok();
        this.d.log.debug('sms: sent', fields);
        break;
      case 'refused':
        this.lastError = outcome.error;
        this.d.log.error('sms: refused by the gateway', { ...fields, error: outcome.error });
        break;
      case 'unknown':
        this.failing(outcome.error);
        this.d.log.error('sms: outcome unknown, counted as sent and not sent again', { ...fields, error: outcome.error });
        break;
      case 'not-sent':
        this.failing(outcome.error);
        this.d.log.error('sms: not sent, will try again', { ...fields, error: outcome.error, failures: this.failures });
        break;
    }
  }

  /** Inside a write: the oldest queued messages of today, each marked `sending` with an attempt id of its own. */
  private claimBatch(): Claim[] {
    const today = this.d.centre.today();
    const claims: Claim[] = [];
    // One random draw per batch: each message's attempt id is the batch's, then its place in the batch.
    const batchId = randomBytes(9).toString('base64url');
    for (const m of this.d.repo.nextQueued(today, CLAIM_AT_MOST)) {
      if (m.phone === null) {
        this.d.repo.markFailed(m.id, 'the number was erased', this.d.clock.now());
        continue;
      }
      const attemptId = `${batchId}.${claims.length}`;
      this.d.repo.markSending(m.id, attemptId, this.d.gateway.kind);
      claims.push({ m, attemptId });
    }
    return claims;
  }

  private ok(): void {
    this.failures = 0;
    this.failingSince = null;
    this.lastSentAt = this.d.clock.now();
  }

  private failing(error: string): void {
    this.failures++;
    this.lastError = error;
    this.failingSince ??= this.d.clock.now();
  }

  /** Sleeps `ms`, or only GATHER_MS once woken (a message queued while it was sending woke it already). */
  private sleep(ms: number): Promise<void> {
    let gathering = this.woken && this.failures === 0;
    return new Promise((resolve) => {
      let timer = setTimeout(() => done(), gathering ? GATHER_MS : ms);
      timer.unref();
      const done = () => {
        clearTimeout(timer);
        this.sleeping = null;
        resolve();
      };
      const soon = () => {
        if (gathering) return;
        gathering = true;
        clearTimeout(timer);
        timer = setTimeout(done, GATHER_MS);
        timer.unref();
      };
      this.sleeping = { resolve: done, soon };
    });
  }
}
