// Head-office accounts (admin, analyst) and their sessions, with the centre's password hashing, password
// rules and sign-in throttle (server/src/auth). Sessions and centre keys are stored hashed.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '@foleni/server/clock.js';
import { tooManyTries } from '@foleni/server/auth/auth.service.js';
import type { LoginThrottle } from '@foleni/server/auth/login-throttle.js';
import { requireGoodPassword } from '@foleni/server/auth/password-rules.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from '@foleni/server/auth/passwords.js';
import { AppError, unauthorized } from '@foleni/server/errors.js';
import type { Logger } from '@foleni/server/logger.js';
import type { HqRole, HqUser } from '@foleni/shared';
import type { Sql } from './db/sql.js';

export const HQ_SESSION_COOKIE = 'foleni_hq_session';
export const SESSION_DAYS = 7;

export type { HqRole, HqUser };

/** Who is calling: a head-office user, a centre by its key, or nobody. */
export type HqActor = { kind: 'user'; user: HqUser } | { kind: 'centre'; centreId: string } | { kind: 'anonymous' };

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
/** Session tokens and centre keys say what they are, so a key pasted as a password is recognised. */
export const newSessionToken = (): string => `fhs_${randomBytes(32).toString('base64url')}`;
export const newCentreKey = (): string => `fhk_${randomBytes(32).toString('base64url')}`;

export class HqAuthService {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly throttle: LoginThrottle,
    private readonly log: Logger,
  ) {}

  /** Makes the admin account on a new database; answers the password when it was made up here (shown once). */
  async ensureAdmin(password: string | null): Promise<string | null> {
    const [existing] = await this.sql.query('SELECT 1 FROM hq_users WHERE username = $1', ['admin']);
    if (existing) return null;
    const chosen = password ?? randomBytes(9).toString('base64url');
    await this.sql.query('INSERT INTO hq_users (id, username, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING', [
      randomUUID(),
      'admin',
      'admin',
      await hashPassword(chosen),
      this.clock.now(),
    ]);
    return password ? null : chosen;
  }

  async createUser(username: string, password: string, role: HqRole): Promise<HqUser> {
    requireGoodPassword(password, username);
    const id = randomUUID();
    const rows = await this.sql.query<HqUser>(
      'INSERT INTO hq_users (id, username, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING RETURNING id, username, role',
      [id, username, role, await hashPassword(password), this.clock.now()],
    );
    if (!rows[0]) throw new AppError(409, 'username-taken', `There is already an account named ${username}.`);
    return rows[0];
  }

  async listUsers(): Promise<HqUser[]> {
    return this.sql.query<HqUser>('SELECT id, username, role FROM hq_users ORDER BY username');
  }

  /** Throttled as a centre's sign-in is; scrypt runs for unknown names too, so timing tells nothing. */
  async login(username: string, password: string, address: string): Promise<{ user: HqUser; token: string; expiresAt: number }> {
    const admission = this.throttle.admit(username, address);
    if (!admission.ok) {
      this.log.info('hq sign-in throttled', { username, address, reason: admission.reason });
      throw tooManyTries(admission.reason, admission.retryAfterMs);
    }
    const [row] = await this.sql.query<HqUser & { password_hash: string }>('SELECT id, username, role, password_hash FROM hq_users WHERE username = $1', [username]);
    let ok: boolean;
    try {
      ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    } catch (e) {
      this.throttle.released(username, address);
      throw e;
    }
    if (!ok || !row) {
      this.throttle.failed(username, address);
      this.log.info('hq sign-in failed', { username, address, reason: row ? 'wrong-password' : 'unknown-user' });
      throw unauthorized('Wrong username or password.');
    }
    this.throttle.succeeded(username, address);
    const token = newSessionToken();
    const expiresAt = this.clock.now() + SESSION_DAYS * 86_400_000;
    await this.sql.query('INSERT INTO hq_sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [hashToken(token), row.id, expiresAt]);
    return { user: { id: row.id, username: row.username, role: row.role }, token, expiresAt };
  }

  async logout(token: string): Promise<void> {
    await this.sql.query('DELETE FROM hq_sessions WHERE token_hash = $1', [hashToken(token)]);
  }

  async resolve(token: string | undefined): Promise<HqActor> {
    if (!token) return { kind: 'anonymous' };
    const hash = hashToken(token);
    if (token.startsWith('fhs_')) {
      const [u] = await this.sql.query<HqUser>(
        'SELECT u.id, u.username, u.role FROM hq_sessions s JOIN hq_users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2',
        [hash, this.clock.now()],
      );
      return u ? { kind: 'user', user: u } : { kind: 'anonymous' };
    }
    if (token.startsWith('fhk_')) {
      const [c] = await this.sql.query<{ id: string }>('SELECT id FROM centres WHERE key_hash = $1', [hash]);
      return c ? { kind: 'centre', centreId: c.id } : { kind: 'anonymous' };
    }
    return { kind: 'anonymous' };
  }
}
