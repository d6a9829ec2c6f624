// A thin layer over better-sqlite3: open with the pragmas a durable queue needs, and small query helpers.
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** `:memory:` is for pure unit tests only; everything else uses a real file. */
  file: string;
  migrationsDir?: string;
}

/**
 * The database holds staff password hashes, session hashes and citizens' tickets: only the server's own user
 * may read it. A new file is made 0600 before SQLite opens it (SQLite gives its -wal and -shm the main file's
 * mode), and a file an older version made 0644 is put right at the next start.
 */
function keepPrivate(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

export function openDb({ file, migrationsDir }: OpenOptions): Db {
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
    keepPrivate(file);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  if (file !== ':memory:') keepPrivate(file);
  // FULL: a ticket we answered survives a power cut, not only a crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -32000');
  db.pragma('temp_store = MEMORY');
  migrate(db, migrationsDir);
  return db;
}
