// What one durable commit costs on this disk, beside the same commit without waiting for the disk: a
// ticket is answered only after its commit reached the disk (WAL, synchronous=FULL), which the no-op
// baseline never waits for. Group commit shares this wait among the tickets of one event-loop turn.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { median } from './stats.js';

export interface CommitCost {
  /** Wall time of one single-row commit, µs, median. */
  fullUs: number;
  normalUs: number;
}

function commitTimes(file: string, synchronous: 'FULL' | 'NORMAL', n: number): number[] {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const commit = db.transaction(() => insert.run('x'.repeat(300)));
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = process.hrtime.bigint();
      commit();
      times.push(Number(process.hrtime.bigint() - t) / 1000);
    }
    return times;
  } finally {
    db.close();
  }
}

/** Measured in the temporary folder, on the disk the bench's server writes to. */
export function measureCommitCost(n = 300): CommitCost {
  const dir = mkdtempSync(join(tmpdir(), 'foleni-bench-commit-'));
  try {
    return { fullUs: median(commitTimes(join(dir, 'full.db'), 'FULL', n)), normalUs: median(commitTimes(join(dir, 'normal.db'), 'NORMAL', n)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
