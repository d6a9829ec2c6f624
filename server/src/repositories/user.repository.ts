// Staff accounts and their sessions.
import type { Role, User } from '@foleni/shared';
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
  constructor(private readonly q: Statements) {}

  list(): UserRecord[] {
    return this.q.all<UserRow>('SELECT * FROM users ORDER BY role, username').map(toRecord);
  }

  get(id: string): UserRecord | undefined {
    const row = this.q.first<UserRow>('SELECT * FROM users WHERE id = ?', id);
    return row && toRecord(row);
  }

  byUsername(username: string): UserRecord | undefined {
    const row = this.q.first<UserRow>('SELECT * FROM users WHERE username = ?', username);
    return row && toRecord(row);
  }

  count(): number {
    return this.q.get('SELECT COUNT(*) FROM users').pluck().get() as number;
  }

  insert(u: UserRecord, now: number): void {
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

  update(u: UserRecord): void {
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
  constructor(private readonly q: Statements) {}

  insert(tokenHash: string, userId: string, now: number, expiresAt: number): void {
    this.q.run('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', tokenHash, userId, now, expiresAt);
  }

  userFor(tokenHash: string, now: number): string | undefined {
    return this.q.get('SELECT user_id FROM sessions WHERE token_hash = ? AND expires_at > ?').pluck().get(tokenHash, now) as
      | string
      | undefined;
  }

  delete(tokenHash: string): void {
    this.q.run('DELETE FROM sessions WHERE token_hash = ?', tokenHash);
  }

  deleteForUser(userId: string): void {
    this.q.run('DELETE FROM sessions WHERE user_id = ?', userId);
  }

  deleteExpired(now: number): void {
    this.q.run('DELETE FROM sessions WHERE expires_at <= ?', now);
  }
}
