// Restoring a backup into a data folder, with the server stopped. The copy is checked (a Foleni database,
// SQLite integrity check) before anything is touched; the current database is kept beside it, never
// deleted; the swap is a rename, so a power cut leaves either the old or the new database in place.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDb } from '../db/db.js';

export const DB_FILE = 'foleni.db';
const COMPANIONS = ['', '-wal', '-shm'] as const;

export class RestoreError extends Error {}

export interface BackupInfo {
  centreCode: string;
  centreName: string;
  schemaVersion: number;
  tickets: number;
  lastTicketDay: string | null;
}

/** Opens a database file and checks that it is a whole Foleni database. */
export function inspectBackup(file: string): BackupInfo {
  if (!existsSync(file)) throw new RestoreError(`No file at ${file}.`);
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (e) {
    throw new RestoreError(`${file} cannot be opened as a database: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    for (const t of ['schema_migrations', 'centre', 'tickets', 'events', 'users']) {
      if (!tables.has(t)) throw new RestoreError(`${file} is not a Foleni database (it has no ${t} table).`);
    }
    const integrity = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      throw new RestoreError(`${file} is damaged: ${integrity.slice(0, 5).join('; ')}`);
    }
    const centre = db.prepare('SELECT code, name FROM centre WHERE id = 1').get() as { code: string; name: string } | undefined;
    return {
      centreCode: centre?.code ?? '',
      centreName: centre?.name ?? '(no centre settings)',
      schemaVersion: (db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null) ?? 0,
      tickets: db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number,
      lastTicketDay: (db.prepare('SELECT MAX(day) FROM tickets').pluck().get() as string | null) ?? null,
    };
  } catch (e) {
    if (e instanceof RestoreError) throw e;
    throw new RestoreError(`${file} cannot be read as a Foleni database: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    db.close();
  }
}

/** Process ids (Linux) that hold one of the database files open: a running server. */
export function processesUsing(dbFile: string): number[] {
  const targets = new Set(COMPANIONS.map((s) => resolve(dbFile + s)));
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return pids; // not Linux: the caller also checks the server's port
  }
  for (const pid of entries) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      try {
        if (targets.has(readlinkSync(`/proc/${pid}/fd/${fd}`))) {
          pids.push(Number(pid));
          break;
        }
      } catch {
        // closed meanwhile
      }
    }
  }
  return pids;
}

export interface RestoreOptions {
  backupFile: string;
  dataDir: string;
  /** For the name of the kept copy of the current database. */
  now?: Date;
}

export interface RestoreResult {
  restored: BackupInfo;
  /** Where the database that was in place went (null if there was none). */
  keptAs: string | null;
}

export function restoreBackup(opts: RestoreOptions): RestoreResult {
  const dataDir = resolve(opts.dataDir);
  const target = join(dataDir, DB_FILE);
  if (!existsSync(opts.backupFile)) throw new RestoreError(`No file at ${opts.backupFile}.`);
  const users = processesUsing(target);
  if (users.length > 0) {
    throw new RestoreError(`The database is in use by process ${users.join(', ')}: stop the Foleni server first.`);
  }
  mkdirSync(dataDir, { recursive: true });
  // Work on a copy in the data folder: the backup file itself is never changed, and the final step is a
  // rename within one file system.
  const staging = join(dataDir, `${DB_FILE}.restoring`);
  removeWithCompanions(staging);
  copyFileSync(resolve(opts.backupFile), staging);
  let info: BackupInfo;
  try {
    info = inspectBackup(staging);
  } catch (e) {
    removeWithCompanions(staging);
    throw e;
  }
  removeWithCompanions(staging, ['-wal', '-shm']);

  let keptAs: string | null = null;
  if (existsSync(target)) {
    const stamp = (opts.now ?? new Date()).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    keptAs = join(dataDir, `foleni-before-restore-${stamp}.db`);
    // The WAL travels with its database: it may hold the last committed tickets.
    for (const s of COMPANIONS) if (existsSync(target + s)) renameSync(target + s, keptAs + s);
  }
  renameSync(staging, target);
  // Bring the schema up to date now rather than at the next start, so a problem shows here.
  openDb({ file: target }).close();
  return { restored: info, keptAs };
}

function removeWithCompanions(file: string, which: readonly string[] = COMPANIONS): void {
  for (const s of which) rmSync(file + s, { force: true });
}
