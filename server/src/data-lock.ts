// One server per data folder: a second copy started by mistake (a double click on an outreach laptop) must
// not expire the first one's tickets or fail its print jobs at start-up. The lock names the process holding
// it; a lock left by a process that no longer runs (a kill -9, a power cut) is taken over.
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataFolderInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`Another Foleni server (process ${pid}) is already using ${dataDir}. Stop it first, or choose another FOLENI_DATA_DIR.`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The data folder holds the database, its backups before a restore and print previews (tickets): made 0700,
 * and a folder an older version made 0755 is closed at the next start. A shared folder (sticky, like /tmp)
 * or one another user owns is left as it is.
 */
export function makePrivateFolder(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const st = statSync(dataDir);
  const mine = process.getuid === undefined || st.uid === process.getuid();
  if (mine && (st.mode & 0o1000) === 0 && (st.mode & 0o077) !== 0) chmodSync(dataDir, st.mode & 0o700);
}

/** Takes the folder's lock or throws DataFolderInUse; returns the function that releases it. */
export function lockDataFolder(dataDir: string): () => void {
  makePrivateFolder(dataDir);
  const file = join(dataDir, 'foleni.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) throw new DataFolderInUse(dataDir, holder);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}.`);
}
