// Staff sign-in, sessions (stored hashed, so they survive a restart) and bearer tokens for devices.
import { createHash } from 'node:crypto';
import type { User } from '@foleni/shared';
import type { Clock } from '../clock.js';
import { unauthorized } from '../errors.js';
import { newToken } from '../ids.js';
import type { Repositories } from '../repositories/index.js';
import { publicUser } from '../repositories/user.repository.js';
import type { Actor } from './actor.js';
import { ANONYMOUS } from './actor.js';
import { DUMMY_HASH, verifyPassword } from './passwords.js';

export const SESSION_COOKIE = 'foleni_session';
export const SESSION_DAYS = 7;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export class AuthService {
  private signedOut: ((userId: string) => void)[] = [];
  // The hash of each token seen lately: a screen sends the same token with every request, and hashing it
  // each time was ~1.5% of the CPU of issuing a ticket. Bounded; a token not in it is simply hashed again.
  private readonly hashes = new Map<string, string>();

  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
  ) {}

  async login(username: string, password: string): Promise<{ user: User; token: string; expiresAt: number }> {
    const record = this.repos.users.byUsername(username);
    // Always run scrypt, so a wrong username takes as long as a wrong password.
    const ok = await verifyPassword(password, record?.passwordHash ?? DUMMY_HASH);
    if (!record || !ok || !record.active) throw unauthorized('Wrong username or password.');
    const token = newToken('staff');
    const now = this.clock.now();
    const expiresAt = now + SESSION_DAYS * 86_400_000;
    this.repos.sessions.insert(hashToken(token), record.id, now, expiresAt);
    return { user: publicUser(record), token, expiresAt };
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
