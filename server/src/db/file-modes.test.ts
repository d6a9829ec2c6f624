// The database holds password and session hashes and citizens' tickets: only the server's user may read it.
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataFolder } from '../data-lock.js';
import { openDb } from './db.js';

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('file modes', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const scratch = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'foleni-modes-'));
    dirs.push(d);
    return d;
  };

  it('makes the data folder 0700 and the database, its WAL and shared memory 0600, whatever the umask', () => {
    const old = process.umask(0o022);
    try {
      const data = join(scratch(), 'data');
      const unlock = lockDataFolder(data);
      const file = join(data, 'foleni.db');
      const db = openDb({ file });
      db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
      expect(mode(data)).toBe(0o700);
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}-wal`)).toBe(0o600);
      expect(mode(`${file}-shm`)).toBe(0o600);
      db.close();
      unlock();
    } finally {
      process.umask(old);
    }
  });

  it('closes a folder and files an older version left readable by everyone', () => {
    const data = scratch();
    chmodSync(data, 0o755);
    const file = join(data, 'foleni.db');
    openDb({ file }).close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      writeFileSync(f, '', { flag: 'a' });
      chmodSync(f, 0o644);
    }
    const unlock = lockDataFolder(data);
    openDb({ file }).close();
    unlock();
    expect(mode(data)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
  });
});
