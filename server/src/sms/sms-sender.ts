// The outbox's sender: oldest first, in the background; it never holds up a ticket or a call (its writes are
// small and go through the same group commit). Messages are marked `sending`, each with an attempt id, in a
// durable commit BEFORE the gateway is asked (a batch at once), so a server killed mid-send finds
// them `sending` at the next start and counts them as sent (uncertain) instead of sending them twice: a message
// lost beats a message doubled (docs/decisions/0021-sms-outbox-at-most-once.md). When the gateway fails, the
// sender waits (backoff doubling up to its longest) and tries the same message again, so order is kept.
import { randomBytes } from 'node:crypto';
import type { SmsGatewayState } from '@foleni/shared';
import type { Clock } from '../clock.js';
import type { Tx, WriteQueue } from '../db/write-queue.js';
import type { Logger } from '../logger.js';
import type { CentreService } from '../queue/centre.service.js';
import type { SendOutcome, SmsGateway } from './gateways/gateway.js';
import type { ClaimedMessage, SmsRepository } from './sms.repository.js';

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
 * A batch is what the gateway lately took in about this long. A server killed while handing a batch over counts
 * all of it as sent (uncertain) at its next start, so this bounds what a crash can lose, in time rather than in
 * messages: one at a time through a modem (seconds each), a few through Africa's Talking, a whole burst into the
 * log. Bigger batches divide the sender's commits, and the pages they write, per message.
 */
const HANDOVER_MS = 1_000;

/** A message handed to the gateway, with what came of it and when. */
interface Handed {
  claim: ClaimedMessage;
  outcome: SendOutcome;
  at: number;
}

/** The most messages claimed in one commit, however fast the gateway. */
const CLAIM_AT_MOST = 200;

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
  /** How many to claim next: one until the gateway's pace is known. */
  private batchSize = 1;
  /** The write queue's count of writes run, as the last batch was claimed (its claim included). */
  private claimedAt = -1;
  /** Every queued message has an id at or above this: where a claim starts reading. */
  private queuedFrom = 0;

  constructor(private readonly d: SmsSenderDeps) {}

  /** Settles messages a stopped server left mid-send, erases numbers of closed days, then sends. */
  async start(): Promise<void> {
    const settled = await this.d.writes.run(() => this.d.repo.settleInterrupted());
    if (settled) this.d.log.info('sms: messages interrupted mid-send counted as sent, not sent again', { count: settled });
    await this.eraseClosedDays();
    this.queuedFrom = await this.d.writes.run(() => this.d.repo.firstQueuedId(this.d.centre.today()));
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
   * (see HANDOVER_MS) is claimed (marked `sending`) in one durable commit before any of them is
   * handed to the gateway; their outcomes are written in the commit that claims the next batch, and what was
   * claimed but not handed over (the gateway failed first, the server is stopping) goes back in the queue there.
   */
  private async sendNext(): Promise<'retry' | 'none'> {
    // Not woken by a message (a look every IDLE_MS, a retry): the cursor is read again from the database, so
    // nothing can stay queued unseen below it.
    const look = !this.woken;
    this.woken = false;
    let batch = await this.d.writes.run((tx) => {
      if (look) this.queuedFrom = Math.min(this.queuedFrom, this.d.repo.firstQueuedId(this.d.centre.today()));
      return this.claimBatch(tx);
    });
    while (batch.length > 0 && !this.stopped) {
      const claimed = batch.length;
      const started = performance.now();
      const { handed, failed } = this.d.gateway.sendMany ? await this.handOverAtOnce(batch) : await this.handOverInTurn(batch);
      this.paced(handed.length, performance.now() - started, failed);
      batch = await this.d.writes.run((tx) => {
        this.record(handed);
        const went = new Set(handed.map((h) => h.claim));
        for (const c of batch) {
          if (went.has(c)) continue;
          this.d.repo.release(c.id, c.attemptId);
          this.queuedAgain(c.id);
        }
        // A full batch means more are likely waiting: claim them now. Otherwise gather for a moment first.
        return failed || this.stopped || claimed < this.batchSize ? [] : this.claimBatch(tx);
      });
      for (const h of handed) this.report(h.claim, h.outcome);
      if (failed) return 'retry';
    }
    return 'none';
  }

  /**
   * A change since the claim (the ticket called, the day closed) may have dropped some: those are not sent. Only
   * a write can drop one: the rest of the batch is read again whenever one has run since the last read (once
   * for a batch a fast gateway takes at once; before each message when a gateway is slow).
   */
  private async handOverInTurn(batch: readonly ClaimedMessage[]): Promise<{ handed: Handed[]; failed: boolean }> {
    const handed: Handed[] = [];
    let failed = false;
    let readAt = this.claimedAt;
    let still: Set<number> | null = null;
    for (const [i, claim] of batch.entries()) {
      if (this.stopped || failed) break;
      if (this.d.writes.ran !== readAt) {
        readAt = this.d.writes.ran;
        still = this.d.repo.stillClaimed(batch.slice(i));
      }
      if (still && !still.has(claim.id)) continue;
      const outcome = await this.d.gateway.send(claim.phone!, claim.text, claim.attemptId);
      handed.push({ claim, outcome, at: this.d.clock.now() });
      failed = outcome.result === 'unknown' || outcome.result === 'not-sent';
    }
    return { handed, failed };
  }

  /** The same for a gateway that takes a batch in one go: read again once if a write ran, then all of it. */
  private async handOverAtOnce(batch: readonly ClaimedMessage[]): Promise<{ handed: Handed[]; failed: boolean }> {
    const still = this.d.writes.ran === this.claimedAt ? null : this.d.repo.stillClaimed(batch);
    const going = still ? batch.filter((c) => still.has(c.id)) : batch;
    if (going.length === 0 || this.stopped) return { handed: [], failed: false };
    const outcomes = await this.d.gateway.sendMany!(going.map((c) => ({ to: c.phone!, text: c.text, attemptId: c.attemptId })));
    const at = this.d.clock.now();
    const handed = going.map((claim, i) => ({ claim, outcome: outcomes[i]!, at }));
    return { handed, failed: outcomes.some((o) => o.result === 'unknown' || o.result === 'not-sent') };
  }

  /**
   * The next batch's size, from how long the gateway took over the last one's messages. A batch that failed
   * says nothing of the pace (a refused connection is quick): the size stays.
   */
  private paced(handed: number, ms: number, failed: boolean): void {
    if (!failed && handed > 0) this.batchSize = Math.max(1, Math.min(CLAIM_AT_MOST, Math.floor((HANDOVER_MS * handed) / Math.max(ms, 0.001))));
  }

  /** Inside a write: the outcomes of a batch, those the gateway took in one statement. */
  private record(handed: readonly Handed[]): void {
    const sent: { id: number; attemptId: string; gatewayId: string | null; at: number }[] = [];
    for (const { claim, outcome, at } of handed) if (outcome.result === 'sent') sent.push({ id: claim.id, attemptId: claim.attemptId, gatewayId: outcome.gatewayId, at });
    if (sent.length > 0) this.d.repo.markAllSent(sent);
    for (const { claim, outcome, at } of handed) if (outcome.result !== 'sent') this.recordOne(claim, outcome, at);
  }

  private recordOne({ id, attemptId }: ClaimedMessage, outcome: Exclude<SendOutcome, { result: 'sent' }>, at: number): void {
    switch (outcome.result) {
      case 'unknown':
        this.d.repo.markUncertain(id, attemptId, outcome.error, at);
        break;
      case 'refused':
        this.d.repo.markFailed(id, outcome.error, at, attemptId);
        break;
      case 'not-sent':
        this.d.repo.markNotSent(id, attemptId, outcome.error);
        this.queuedAgain(id);
        break;
    }
  }

  /** After the outcome's commit: the gateway's state for staff, and the log. */
  private report(m: ClaimedMessage, outcome: SendOutcome): void {
    if (outcome.result === 'sent') {
      this.ok();
      this.d.log.debug('sms: sent', { message: m.id, kind: m.kind, attempt: m.attempts, gateway: this.d.gateway.kind });
      return;
    }
    const fields = { message: m.id, kind: m.kind, ticket: this.d.repo.get(m.id)?.ticketLabel ?? null, attempt: m.attempts, gateway: this.d.gateway.kind };
    switch (outcome.result) {
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

  /** A claimed message went back in the queue: the cursor comes back to it. */
  private queuedAgain(id: number): void {
    this.queuedFrom = Math.min(this.queuedFrom, id);
  }

  /** Inside a write: the oldest queued messages of today, marked `sending` with attempt ids of this batch. */
  private claimBatch(tx: Tx): ClaimedMessage[] {
    const from = this.queuedFrom;
    // One random draw per batch: each message's attempt id is the batch's, then its own id.
    const claims = this.d.repo.claimQueued(from, this.d.centre.today(), this.batchSize, randomBytes(9).toString('base64url'), this.d.gateway.kind);
    this.claimedAt = this.d.writes.ran;
    if (claims.length > 0) {
      // The first `batchSize` queued from the cursor on: none is left queued below the last of them.
      this.queuedFrom = claims[claims.length - 1]!.id + 1;
      tx.onRollback(() => {
        this.queuedFrom = Math.min(this.queuedFrom, from);
      });
    }
    const erased = claims.filter((m) => m.phone === null);
    if (erased.length === 0) return claims;
    for (const m of erased) this.d.repo.markFailed(m.id, 'the number was erased', this.d.clock.now(), m.attemptId);
    return claims.filter((m) => m.phone !== null);
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
