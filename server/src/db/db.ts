// A thin layer over better-sqlite3: open with the pragmas a durable queue needs, and small query helpers.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** `:memory:` is for pure unit tests only; everything else uses a real file. */
  file: string;
  migrationsDir?: string;
}

export function openDb({ file, migrationsDir }: OpenOptions): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: a ticket we answered survives a power cut, not only a crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -32000');
  db.pragma('temp_store = MEMORY');
  migrate(db, migrationsDir);
  return db;
}
