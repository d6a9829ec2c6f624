// The outbox's sender: one message at a time, oldest first, in the background; it never holds up a ticket or a
// call (its writes are small and go through the same group commit). Each message is marked `sending` with an
// attempt id in its own durable commit BEFORE the gateway is asked, so a server killed mid-send finds it
// `sending` at the next start and counts it as sent (uncertain) instead of sending it twice: one message lost
// beats one message doubled (docs/decisions/0021-sms-outbox-at-most-once.md). When the gateway fails, the
// sender waits (backoff doubling up to its longest) and tries the same message again, so order is kept.
import { randomBytes } from 'node:crypto';
import type { SmsGatewayState } from '@foleni/shared';
import type { Clock } from '../clock.js';
import type { WriteQueue } from '../db/write-queue.js';
import type { Logger } from '../logger.js';
import type { CentreService } from '../queue/centre.service.js';
import type { SmsGateway } from './gateways/gateway.js';
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

/** With nothing to send, the sender looks again this often anyway (and at once when woken). */
const IDLE_MS = 5_000;

export class SmsSender {
  private stopped = true;
  private failures = 0;
  private sleeping: { timer: NodeJS.Timeout; resolve: () => void } | null = null;
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
    if (this.sleeping && this.failures === 0) this.sleeping.resolve();
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
   * Sends what is queued, oldest first, until the queue is empty ('none') or the gateway fails ('retry'). Each
   * message's outcome is written in the same commit that claims the next one (marks it `sending`): one
   * durable write per message, and still no message handed to the gateway before its claim is on disk.
   */
  private async sendNext(): Promise<'sent' | 'retry' | 'none'> {
    this.woken = false;
    let claim = await this.d.writes.run(() => this.claimNext());
    while (claim && !this.stopped) {
      const { m, attemptId } = claim;
      const outcome = await this.d.gateway.send(m.phone!, m.text, attemptId);
      const fields = { message: m.id, kind: m.kind, ticket: m.ticketLabel, attempt: m.attempts + 1, gateway: this.d.gateway.kind };
      const goOn = outcome.result === 'sent' || outcome.result === 'refused';
      const now = this.d.clock.now();
      claim = await this.d.writes.run(() => {
        switch (outcome.result) {
          case 'sent':
            this.d.repo.markSent(m.id, attemptId, outcome.gatewayId, false, null, now);
            break;
          case 'unknown':
            this.d.repo.markSent(m.id, attemptId, null, true, outcome.error, now);
            break;
          case 'refused':
            this.d.repo.markFailed(m.id, outcome.error, now, attemptId);
            break;
          case 'not-sent':
            this.d.repo.markNotSent(m.id, attemptId, outcome.error);
            break;
        }
        return goOn && !this.stopped ? this.claimNext() : null;
      });
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
          return 'retry';
        case 'not-sent':
          this.failing(outcome.error);
          this.d.log.error('sms: not sent, will try again', { ...fields, error: outcome.error, failures: this.failures });
          return 'retry';
      }
    }
    return 'none';
  }

  /** Inside a write: the oldest queued message of today, marked `sending` with a new attempt id; null if none. */
  private claimNext(): { m: OutboxRecord; attemptId: string } | null {
    const today = this.d.centre.today();
    for (;;) {
      const m = this.d.repo.nextQueued(today);
      if (!m) return null;
      if (m.phone === null) {
        this.d.repo.markFailed(m.id, 'the number was erased', this.d.clock.now());
        continue;
      }
      const attemptId = randomBytes(9).toString('base64url');
      this.d.repo.markSending(m.id, attemptId, this.d.gateway.kind);
      return { m, attemptId };
    }
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

  private sleep(ms: number): Promise<void> {
    if (this.woken && this.failures === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), ms);
      timer.unref();
      const done = () => {
        clearTimeout(timer);
        this.sleeping = null;
        resolve();
      };
      this.sleeping = { timer, resolve: done };
    });
  }
}
