// Online backup: SQLite's backup API copies the live database page by page into a temporary file while
// the centre keeps working; the copy is one consistent moment of the database, WAL included.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/db.js';

export interface BackupFile {
  path: string;
  /** Removes the temporary copy. */
  remove(): void;
}

export async function backupToTemp(db: Db): Promise<BackupFile> {
  // A private folder: the copy holds password and token hashes.
  const dir = mkdtempSync(join(tmpdir(), 'foleni-backup-'));
  const path = join(dir, 'foleni.db');
  try {
    await db.backup(path);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `foleni-<centre>-<YYYYMMDD-HHMM>.db`, in UTC. */
export function backupFileName(centreCode: string, at: number): string {
  const code = centreCode.replace(/[^A-Za-z0-9_-]+/g, '-') || 'centre';
  const stamp = new Date(at).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `foleni-${code}-${stamp}.db`;
}
