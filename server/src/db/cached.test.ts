// The read-cache rule, on a real SQLite file and the real write queue: filled only outside transactions,
// read inside them while it holds committed rows, dropped by writes, put back by their rollback.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CachedMap, CachedValue } from './cached.js';
import type { Db } from './db.js';
import { openDb } from './db.js';
import { WriteQueue } from './write-queue.js';

describe('read caches', () => {
  let dir: string;
  let db: Db;
  let writes: WriteQueue;
  /** How many times the cached value was read from SQL. */
  let loads: number;
  let values: CachedValue<number[]>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'foleni-cached-'));
    db = openDb({ file: join(dir, 'c.db') });
    db.exec('CREATE TABLE t (v INTEGER NOT NULL)');
    db.exec('INSERT INTO t VALUES (1)');
    writes = new WriteQueue(db);
    loads = 0;
    values = new CachedValue(db, () => {
      loads++;
      return db.prepare('SELECT v FROM t ORDER BY v').pluck().all() as number[];
    });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What a repository's write does: the SQL, and a drop of what it changes. */
  const insert = (v: number) => {
    db.prepare('INSERT INTO t VALUES (?)').run(v);
    values.drop();
  };

  it('fills outside a transaction, and is read from memory inside one', async () => {
    expect(values.get()).toEqual([1]);
    expect(values.get()).toEqual([1]);
    expect(loads).toBe(1);
    expect(await writes.run(() => values.get())).toEqual([1]);
    expect(db.transaction(() => values.get())()).toEqual([1]);
    expect(loads).toBe(1);
  });

  it('is not filled inside a transaction, and a write that read it fills it once committed', async () => {
    db.transaction(() => {
      expect(values.get()).toEqual([1]);
      expect(values.get()).toEqual([1]);
    })();
    expect(loads).toBe(2);
    await Promise.all([writes.run(() => values.get()), writes.run(() => values.get())]);
    // Two reads inside the batch, then one fill after its commit.
    expect(loads).toBe(5);
    expect(await writes.run(() => values.get())).toEqual([1]);
    expect(loads).toBe(5);
  });

  it('is dropped by a write: the rest of its transaction reads its rows, and it is filled again after the commit', async () => {
    expect(values.get()).toEqual([1]);
    const seen = await writes.run(() => {
      insert(2);
      return values.get();
    });
    expect(seen).toEqual([1, 2]);
    const loadsAfterCommit = loads;
    expect(values.get()).toEqual([1, 2]);
    expect(loads).toBe(loadsAfterCommit);
  });

  it('is filled again after the commit of a write that only changed it, for the next batch to read from memory', async () => {
    expect(values.get()).toEqual([1]);
    await writes.run(() => insert(2));
    const loadsAfterCommit = loads;
    expect(await writes.run(() => values.get())).toEqual([1, 2]);
    expect(loads).toBe(loadsAfterCommit);
  });

  it('shows a later write of the same batch what an earlier one wrote', async () => {
    expect(values.get()).toEqual([1]);
    const [, seen] = await Promise.all([writes.run(() => insert(2)), writes.run(() => values.get())]);
    expect(seen).toEqual([1, 2]);
    expect(values.get()).toEqual([1, 2]);
  });

  it('puts back the committed value when the write that dropped it rolls back', async () => {
    expect(values.get()).toEqual([1]);
    const failed = writes.run(() => {
      insert(2);
      expect(values.get()).toEqual([1, 2]);
      throw new Error('refused');
    });
    await expect(failed).rejects.toThrow('refused');
    const loadsBefore = loads;
    expect(values.get()).toEqual([1]);
    // Put back, not read again.
    expect(loads).toBe(loadsBefore);
  });

  it('undoes only the savepoint that rolled back in a group commit', async () => {
    expect(values.get()).toEqual([1]);
    const results = await Promise.allSettled([
      writes.run(() => insert(2)),
      writes.run(() => {
        insert(3);
        throw new Error('refused');
      }),
      writes.run(() => values.get()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // The third write saw the first one's row, and not the second's (rolled back to its savepoint).
    expect(results[2]).toEqual({ status: 'fulfilled', value: [1, 2] });
    expect(values.get()).toEqual([1, 2]);
    expect(db.prepare('SELECT v FROM t ORDER BY v').pluck().all()).toEqual([1, 2]);
  });

  it('is read from memory by the writes that follow one that dropped it and rolled back', async () => {
    expect(values.get()).toEqual([1]);
    const loadsBefore = loads;
    const results = await Promise.allSettled([
      writes.run(() => {
        insert(3);
        throw new Error('refused');
      }),
      writes.run(() => values.get()),
    ]);
    expect(results[1]).toEqual({ status: 'fulfilled', value: [1] });
    // The second write found the value the first one's rollback put back: no read from SQL.
    expect(loads).toBe(loadsBefore);
  });

  it('puts back the committed value when the whole batch fails to commit', async () => {
    expect(values.get()).toEqual([1]);
    const results = await Promise.allSettled([
      writes.run(() => insert(2)),
      writes.run(() => {
        // What a full disk does: the whole transaction is gone, not just this savepoint.
        db.exec('ROLLBACK');
        throw new Error('SQLITE_FULL');
      }),
    ]);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    const loadsBefore = loads;
    expect(values.get()).toEqual([1]);
    expect(loads).toBe(loadsBefore);
  });

  it('is refilled from SQL after a write outside the queue', () => {
    expect(values.get()).toEqual([1]);
    insert(2);
    expect(values.get()).toEqual([1, 2]);
    // A transaction of the write's own has no undo to join: rolled back, the cache is read again.
    expect(() =>
      db.transaction(() => {
        insert(3);
        throw new Error('refused');
      })(),
    ).toThrow('refused');
    expect(values.get()).toEqual([1, 2]);
  });

  describe('by key', () => {
    let keyLoads: number;
    let byValue: CachedMap<number, { v: number }>;
    beforeEach(() => {
      keyLoads = 0;
      byValue = new CachedMap(db, (v) => {
        keyLoads++;
        const found = db.prepare('SELECT v FROM t WHERE v = ?').pluck().get(v) as number | undefined;
        return found === undefined ? undefined : { v: found };
      });
    });
    const insertKeyed = (v: number) => {
      db.prepare('INSERT INTO t VALUES (?)').run(v);
      byValue.drop();
    };

    it('keeps what it found outside a transaction, and nothing inside one', async () => {
      expect(byValue.get(1)).toEqual({ v: 1 });
      expect(byValue.get(1)).toEqual({ v: 1 });
      expect(keyLoads).toBe(1);
      // A key that finds nothing is not kept (a guessed token must not fill memory).
      expect(byValue.get(9)).toBeUndefined();
      expect(byValue.get(9)).toBeUndefined();
      expect(keyLoads).toBe(3);
      await writes.run(() => {
        expect(byValue.get(1)).toEqual({ v: 1 });
        expect(byValue.get(1)).toEqual({ v: 1 });
      });
      expect(keyLoads).toBe(3);
    });

    it('is dropped by a write, sees its rows inside it, and gets back what a rollback undid', async () => {
      expect(byValue.get(1)).toEqual({ v: 1 });
      const results = await Promise.allSettled([
        writes.run(() => {
          insertKeyed(2);
          return [byValue.get(1), byValue.get(2)];
        }),
        writes.run(() => {
          insertKeyed(3);
          throw new Error('refused');
        }),
        writes.run(() => byValue.get(3)),
      ]);
      expect(results[0]).toEqual({ status: 'fulfilled', value: [{ v: 1 }, { v: 2 }] });
      expect(results[2]).toEqual({ status: 'fulfilled', value: undefined });
      expect(byValue.get(3)).toBeUndefined();
      expect(byValue.get(2)).toEqual({ v: 2 });

      // A lone write that rolls back leaves the keys found before it in memory.
      const loadsBefore = keyLoads;
      const failed = writes.run(() => {
        insertKeyed(4);
        expect(byValue.get(4)).toEqual({ v: 4 });
        throw new Error('refused');
      });
      await expect(failed).rejects.toThrow('refused');
      expect(byValue.get(2)).toEqual({ v: 2 });
      expect(keyLoads).toBe(loadsBefore + 1);
      expect(byValue.get(4)).toBeUndefined();
    });
  });
});
