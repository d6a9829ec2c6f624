// Restore from the admin's Backup page: the chosen backup is checked and set aside in the data folder as
// foleni.db.pending-restore while the server runs, and put in place at the next start, before the database
// is opened (restore.ts, which keeps the database it replaces beside it). The running server never has its
// database swapped under it; the admin restarts the service to finish.
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo } from './restore.js';
import { inspectBackup, restoreBackup, type RestoreResult } from './restore.js';

export const PENDING_RESTORE = 'foleni.db.pending-restore';

/** Checks `backupFile` and sets it aside for the next start; throws RestoreError when it is not a whole Foleni database. */
export function stageRestore(backupFile: string, dataDir: string): BackupInfo {
  const part = join(dataDir, `${PENDING_RESTORE}.part`);
  copyFileSync(backupFile, part);
  try {
    const info = inspectBackup(part);
    renameSync(part, join(dataDir, PENDING_RESTORE));
    return info;
  } catch (err) {
    rmSync(part, { force: true });
    throw err;
  }
}

/** At start-up, with the data folder locked and before the database is opened: puts a staged backup in place. */
export function applyPendingRestore(dataDir: string): RestoreResult | null {
  const pending = join(dataDir, PENDING_RESTORE);
  if (!existsSync(pending)) return null;
  const result = restoreBackup({ backupFile: pending, dataDir });
  rmSync(pending, { force: true });
  return result;
}
