// Staff sign-in, sessions (stored hashed, so they survive a restart) and bearer tokens for devices. Every
// password check (sign-in, changing one's own) goes through the throttle, and every failure is logged.
import { createHash } from 'node:crypto';
import type { User } from '@foleni/shared';
import type { Clock } from '../clock.js';
import type { WriteQueue } from '../db/write-queue.js';
import { AppError, badRequest, unauthorized } from '../errors.js';
import { newToken } from '../ids.js';
import type { Logger } from '../logger.js';
import type { Repositories } from '../repositories/index.js';
import { publicUser } from '../repositories/user.repository.js';
import type { UserRecord } from '../repositories/user.repository.js';
import type { Actor, StaffActor } from './actor.js';
import { ANONYMOUS } from './actor.js';
import type { AttackReport, LoginThrottle, ThrottleReason } from './login-throttle.js';
import { requireGoodPassword } from './password-rules.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';

export const SESSION_COOKIE = 'foleni_session';
export const SESSION_DAYS = 7;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const WAIT_WORDS: Record<ThrottleReason, string> = {
  'name-and-address': 'Too many wrong passwords for this username from this device.',
  address: 'Too many wrong passwords from this device.',
};

/** 429 `rate-limited`; the seconds to wait go in `Retry-After` (errors.middleware.ts) and in the details. */
export function tooManyTries(reason: ThrottleReason, retryAfterMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const wait = seconds === 1 ? '1 second' : seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return new AppError(429, 'rate-limited', `${WAIT_WORDS[reason]} Wait ${wait} and try again.`, { retryAfterSeconds: seconds });
}

export interface AuthServiceOptions {
  throttle: LoginThrottle;
  log: Logger;
  /** For the audit log's entries (a name under attack, a password changed). */
  writes: WriteQueue;
}

export class AuthService {
  private signedOut: ((userId: string) => void)[] = [];
  // The hash of each token seen lately: a screen sends the same token with every request, and hashing it
  // each time was ~1.5% of the CPU of issuing a ticket. Bounded; a token not in it is simply hashed again.
  private readonly hashes = new Map<string, string>();

  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
    private readonly opts: AuthServiceOptions,
  ) {}

  /**
   * `username` comes normalised by LoginBody (trimmed, NFC, lower-case); `address` is the caller's (req.ip,
   * right behind a proxy when FOLENI_TRUST_PROXY says so).
   */
  async login(username: string, password: string, address: string): Promise<{ user: User; token: string; expiresAt: number }> {
    const record = this.repos.users.byUsername(username);
    const outcome = await this.checkPassword(username, address, password, record?.passwordHash, record ? (record.active ? null : 'inactive-user') : 'unknown-user', 'sign-in');
    if (!outcome || !record) throw unauthorized('Wrong username or password.');
    const token = newToken('staff');
    const now = this.clock.now();
    const expiresAt = now + SESSION_DAYS * 86_400_000;
    this.repos.sessions.insert(hashToken(token), record.id, now, expiresAt);
    return { user: publicUser(record), token, expiresAt };
  }

  /**
   * A signed-in user changes their own password: the current one is checked as a sign-in is (throttled,
   * failures logged), the new one must pass the rules of an admin's reset, and every other session of the
   * user ends (their sockets are told through onSignOut). Recorded in the audit log.
   */
  async changePassword(actor: StaffActor, currentToken: string | undefined, currentPassword: string, newPassword: string, address: string): Promise<{ signedOut: number }> {
    const record = this.repos.users.get(actor.id);
    if (!record) throw unauthorized();
    const name = record.username.normalize('NFC').toLowerCase();
    const ok = await this.checkPassword(name, address, currentPassword, record.passwordHash, null, 'change-password');
    if (!ok) throw badRequest('wrong-password', 'The current password is not right.', [{ path: 'currentPassword', message: 'The current password is not right.' }]);
    requireGoodPassword(newPassword, record.username, 'newPassword');
    if (newPassword === currentPassword) throw badRequest('invalid-body', 'The new password is the current one: choose another.', [{ path: 'newPassword', message: 'The new password is the current one: choose another.' }]);
    const passwordHash = await hashPassword(newPassword);
    const keep = currentToken ? hashToken(currentToken) : null;
    const signedOut = await this.opts.writes.run((tx) => {
      const current = this.repos.users.get(actor.id);
      if (!current) throw unauthorized();
      this.repos.users.update({ ...current, passwordHash });
      const ended = this.repos.sessions.deleteForUserExcept(actor.id, keep);
      this.repos.audit.append({ at: this.clock.now(), userId: actor.id, action: 'change-own-password', entity: 'users', entityId: actor.id, data: { signedOutSessions: ended } });
      tx.afterCommit(() => {
        if (ended > 0) for (const l of this.signedOut) l(actor.id);
      });
      return ended;
    });
    this.opts.log.info('password changed', { user: record.username, address, signedOutSessions: signedOut });
    return { signedOut };
  }

  /**
   * Checks a password through the throttle: refused with 429 while the (name, address) or the address must
   * wait; otherwise scrypt always runs (so an unknown name takes as long as a wrong password) and a failure is
   * counted and logged, never with the password. `refusal` is why the account fails even with the right one.
   */
  private async checkPassword(
    username: string,
    address: string,
    password: string,
    hash: string | undefined,
    refusal: 'unknown-user' | 'inactive-user' | null,
    during: 'sign-in' | 'change-password',
  ): Promise<boolean> {
    const { throttle, log } = this.opts;
    const admission = throttle.admit(username, address);
    if (!admission.ok) {
      const error = tooManyTries(admission.reason, admission.retryAfterMs);
      log.info('sign-in throttled', { username, address, during, reason: admission.reason, retryAfterSeconds: (error.details as { retryAfterSeconds: number }).retryAfterSeconds });
      throw error;
    }
    let ok: boolean;
    try {
      ok = await verifyPassword(password, hash ?? DUMMY_HASH);
    } catch (e) {
      throttle.released(username, address);
      throw e;
    }
    const reason = refusal ?? (ok ? null : 'wrong-password');
    if (!reason) {
      throttle.succeeded(username, address);
      return true;
    }
    const attack = throttle.failed(username, address);
    log.info('sign-in failed', { username, address, during, reason });
    if (attack) await this.reportAttack(attack);
    return false;
  }

  /** A name failing from many tries at once: once per window, a warning and an audit-log entry for the admin. */
  private async reportAttack(a: AttackReport): Promise<void> {
    const windowMinutes = Math.round((this.clock.now() - a.since) / 60_000);
    this.opts.log.warn('sign-in attack: many wrong passwords for one username', { username: a.username, failures: a.failures, addresses: a.addresses, minutes: windowMinutes });
    const user: UserRecord | undefined = this.repos.users.byUsername(a.username);
    await this.opts.writes
      .run(() =>
        this.repos.audit.append({
          at: this.clock.now(),
          userId: null,
          action: 'login-attack',
          entity: 'users',
          entityId: user?.id ?? null,
          data: { username: a.username, failures: a.failures, addresses: a.addresses, minutes: windowMinutes },
        }),
      )
      .catch((e: unknown) => this.opts.log.error('could not record a sign-in attack', { username: a.username, error: String(e) }));
  }

  /** Told whenever a user signs out, so their open sockets can be closed. */
  onSignOut(listener: (userId: string) => void): void {
    this.signedOut.push(listener);
  }

  logout(token: string): void {
    const hash = hashToken(token);
    const userId = this.repos.sessions.userFor(hash, this.clock.now());
    this.repos.sessions.delete(hash);
    if (userId) for (const l of this.signedOut) l(userId);
  }

  /** Resolves a session or device token; anything unknown is anonymous. */
  resolve(token: string | undefined): Actor {
    if (!token) return ANONYMOUS;
    const hash = this.hashOf(token);
    if (token.startsWith('fs_')) {
      const userId = this.repos.sessions.userFor(hash, this.clock.now());
      const user = userId ? this.repos.users.get(userId) : undefined;
      if (!user || !user.active) return ANONYMOUS;
      return { kind: 'user', id: user.id, username: user.username, displayName: user.displayName, role: user.role };
    }
    if (token.startsWith('fd_')) {
      const device = this.repos.devices.byTokenHash(hash);
      return device ? { kind: 'device', device } : ANONYMOUS;
    }
    return ANONYMOUS;
  }

  private hashOf(token: string): string {
    let hash = this.hashes.get(token);
    if (hash === undefined) {
      if (this.hashes.size >= 1000) this.hashes.clear();
      hash = hashToken(token);
      this.hashes.set(token, hash);
    }
    return hash;
  }
}
