// Databases as an older version of Foleni left them, for tests of the migrations that came after.
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS_DIR, migrate } from './migrate.js';

export interface OldDatabase {
  /** Open, WAL and foreign keys on, with only the migrations before the version asked for. */
  db: Database.Database;
  file: string;
  /** Applies every migration there is now; answers the files it ran. */
  upgrade(): string[];
  /** Closes the database (if still open) and removes its folder. */
  dispose(): void;
}

/** A new database file in a folder of its own, made by the migrations numbered below `version` ('0006'). */
export function databaseBefore(version: string): OldDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'foleni-old-db-'));
  const older = join(dir, 'migrations');
  mkdirSync(older);
  for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql') && f < version)) copyFileSync(join(MIGRATIONS_DIR, f), join(older, f));
  const file = join(dir, 'old.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, older);
  return {
    db,
    file,
    upgrade: () => migrate(db),
    dispose: () => {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
