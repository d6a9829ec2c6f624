import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFolderInUse, lockDataFolder } from './data-lock.js';

describe('one server per data folder', () => {
  const dirs: string[] = [];
  const folder = () => {
    const d = mkdtempSync(join(tmpdir(), 'foleni-lock-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('refuses a folder a running process holds, and takes over one a dead process left', async () => {
    const dir = folder();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(join(dir, 'foleni.lock'), String(other.pid));
      expect(() => lockDataFolder(dir)).toThrow(DataFolderInUse);
    } finally {
      other.kill('SIGKILL');
      await new Promise((r) => other.once('exit', r));
    }
    // The holder is gone (as after a kill -9): the lock is taken over, and released.
    const release = lockDataFolder(dir);
    expect(existsSync(join(dir, 'foleni.lock'))).toBe(true);
    release();
    expect(existsSync(join(dir, 'foleni.lock'))).toBe(false);
  });
});
