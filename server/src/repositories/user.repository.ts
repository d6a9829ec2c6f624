// Staff accounts and their sessions.
import type { Lang, Role, User } from '@foleni/shared';
import { CachedMap } from '../db/cached.js';
import type { Statements } from './statements.js';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  active: number;
  password_hash: string;
}

export interface UserRecord extends User {
  passwordHash: string;
}

const toRecord = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  active: r.active === 1,
  passwordHash: r.password_hash,
});

export const publicUser = ({ passwordHash: _hash, ...user }: UserRecord): User => user;

export class UserRepository {
  /** Users by id, as read: every staff request looks up its user. */
  private readonly byId: CachedMap<string, UserRecord>;

  constructor(private readonly q: Statements) {
    this.byId = new CachedMap(q.db, (id) => {
      const row = q.first<UserRow>('SELECT * FROM users WHERE id = ?', id);
      return row && toRecord(row);
    });
  }

  list(): UserRecord[] {
    return this.q.all<UserRow>('SELECT * FROM users ORDER BY role, username').map(toRecord);
  }

  get(id: string): UserRecord | undefined {
    const user = this.byId.get(id);
    return user && { ...user };
  }

  byUsername(username: string): UserRecord | undefined {
    const row = this.q.first<UserRow>('SELECT * FROM users WHERE username = ?', username);
    return row && toRecord(row);
  }

  count(): number {
    return this.q.get('SELECT COUNT(*) FROM users').pluck().get() as number;
  }

  insert(u: UserRecord, now: number): void {
    this.byId.drop();
    this.q.run(
      'INSERT INTO users (id, username, display_name, role, password_hash, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      u.id,
      u.username,
      u.displayName,
      u.role,
      u.passwordHash,
      u.active ? 1 : 0,
      now,
    );
  }

  /** The language the user chose for staff pages, or null when they have not chosen. */
  langOf(id: string): Lang | null {
    return this.q.first<{ lang: Lang | null }>('SELECT lang FROM users WHERE id = ?', id)?.lang ?? null;
  }

  setLang(id: string, lang: Lang): void {
    this.q.run('UPDATE users SET lang = ? WHERE id = ?', lang, id);
  }

  update(u: UserRecord): void {
    this.byId.drop();
    this.q.run(
      'UPDATE users SET display_name = ?, role = ?, active = ?, password_hash = ? WHERE id = ?',
      u.displayName,
      u.role,
      u.active ? 1 : 0,
      u.passwordHash,
      u.id,
    );
  }
}

export class SessionRepository {
  /** Sessions found, by token hash: every staff request looks up its session. */
  private readonly byToken: CachedMap<string, { userId: string; expiresAt: number }>;

  constructor(private readonly q: Statements) {
    this.byToken = new CachedMap(q.db, (tokenHash) => {
      const row = q.first<{ user_id: string; expires_at: number }>('SELECT user_id, expires_at FROM sessions WHERE token_hash = ?', tokenHash);
      return row && { userId: row.user_id, expiresAt: row.expires_at };
    });
  }

  insert(tokenHash: string, userId: string, now: number, expiresAt: number): void {
    this.byToken.drop();
    this.q.run('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', tokenHash, userId, now, expiresAt);
  }

  userFor(tokenHash: string, now: number): string | undefined {
    const session = this.byToken.get(tokenHash);
    return session && session.expiresAt > now ? session.userId : undefined;
  }

  delete(tokenHash: string): void {
    this.byToken.drop();
    this.q.run('DELETE FROM sessions WHERE token_hash = ?', tokenHash);
  }

  deleteForUser(userId: string): void {
    this.byToken.drop();
    this.q.run('DELETE FROM sessions WHERE user_id = ?', userId);
  }

  /** Ends every session of a user but the one kept (the one changing its password); answers how many ended. */
  deleteForUserExcept(userId: string, keepTokenHash: string | null): number {
    this.byToken.drop();
    return this.q.run('DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?', userId, keepTokenHash).changes;
  }

  deleteExpired(now: number): void {
    // Runs every minute; most runs delete nothing, and the sessions kept would all be read again.
    if (this.q.run('DELETE FROM sessions WHERE expires_at <= ?', now).changes > 0) this.byToken.drop();
  }
}
