import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from './db.js';
import { WriteQueue } from './write-queue.js';

describe('group commit', () => {
  const withDb = async (fn: (db: ReturnType<typeof openDb>) => Promise<void>) => {
    const dir = mkdtempSync(join(tmpdir(), 'foleni-wq-'));
    const db = openDb({ file: join(dir, 'q.db') });
    db.exec('CREATE TABLE t (v INTEGER)');
    try {
      await fn(db);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const count = (db: ReturnType<typeof openDb>) => db.prepare('SELECT COUNT(*) FROM t').pluck().get();

  it('undoes only the write that failed, and runs after-commit work in order', async () => {
    await withDb(async (db) => {
      const q = new WriteQueue(db);
      const order: number[] = [];
      const results = await Promise.allSettled([
        q.run((tx) => {
          db.prepare('INSERT INTO t VALUES (1)').run();
          tx.afterCommit(() => order.push(1));
        }),
        q.run(() => {
          db.prepare('INSERT INTO t VALUES (2)').run();
          throw new Error('refused');
        }),
        q.run((tx) => {
          db.prepare('INSERT INTO t VALUES (3)').run();
          tx.afterCommit(() => order.push(3));
        }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(db.prepare('SELECT v FROM t ORDER BY v').pluck().all()).toEqual([1, 3]);
      expect(order).toEqual([1, 3]);
    });
  });

  it('counts every write it runs, failed ones too: a count unchanged means nothing was written since', async () => {
    await withDb(async (db) => {
      const q = new WriteQueue(db);
      const start = q.ran;
      let seenInside = -1;
      await Promise.allSettled([
        q.run(() => {
          seenInside = q.ran;
        }),
        q.run(() => {
          throw new Error('refused');
        }),
        q.run(() => db.prepare('INSERT INTO t VALUES (1)').run()),
      ]);
      // The first write sees itself counted; the two after it in the same commit count as well.
      expect(seenInside).toBe(start + 1);
      expect(q.ran).toBe(start + 3);
    });
  });

  it('fails the whole batch, and commits none of it, when SQLite rolled the transaction back', async () => {
    await withDb(async (db) => {
      const q = new WriteQueue(db);
      const results = await Promise.allSettled([
        q.run(() => db.prepare('INSERT INTO t VALUES (1)').run()),
        q.run(() => {
          // What a full disk does: the whole transaction is gone, not just this savepoint.
          db.exec('ROLLBACK');
          throw new Error('SQLITE_FULL');
        }),
        q.run(() => db.prepare('INSERT INTO t VALUES (3)').run()),
      ]);
      expect(results.every((r) => r.status === 'rejected')).toBe(true);
      expect(count(db)).toBe(0);
      expect(db.inTransaction).toBe(false);
    });
  });
});
