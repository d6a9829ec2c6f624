// Group commit. Writes that arrive in the same turn of the event loop run in one SQLite transaction
// (each in its own savepoint, so one failing write never undoes another) and share one fsync.
// With synchronous=FULL that fsync is what a durable answer costs; sharing it is what lets a busy
// centre issue thousands of tickets a second. Nobody is answered before the commit, and work that must
// follow the commit (pushes to screens) runs after it, in commit order.
import type { Db } from './db.js';

export interface Tx {
  /** Runs after the batch commits; dropped if this write fails. */
  afterCommit(fn: () => void): void;
  /**
   * Runs if this write is undone (it threw, or the batch's commit failed), newest first: for state kept in
   * memory beside the database, which a rollback would otherwise leave ahead of it.
   */
  onRollback(fn: () => void): void;
}

/** The write each database's queue is running now: what a read cache registers its undo with (see cached.ts). */
const running = new WeakMap<Db, Tx>();

/** The write a queue is running on this database right now, if any (none between writes, or outside the queue). */
export function runningWrite(db: Db): Tx | undefined {
  return running.get(db);
}

/** One write's commit and rollback work: a class, so that a batch makes no closures per write. */
class WriteTx implements Tx {
  readonly after: (() => void)[] = [];
  readonly undo: (() => void)[] = [];
  afterCommit(fn: () => void): void {
    this.after.push(fn);
  }
  onRollback(fn: () => void): void {
    this.undo.push(fn);
  }
}

interface Pending {
  fn: (tx: Tx) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class WriteQueue {
  private pending: Pending[] = [];
  private scheduled = false;
  private closed = false;
  private runCount = 0;

  // Made once: better-sqlite3 builds four wrappers each time a transaction function is made.
  private readonly transaction: (body: () => void) => void;
  /** A nested better-sqlite3 transaction is a savepoint. */
  private readonly savepoint: (fn: (tx: Tx) => unknown, tx: Tx) => unknown;

  constructor(
    private readonly db: Db,
    private readonly onAfterCommitError: (error: unknown) => void = (e) => console.error('after-commit work failed', e),
  ) {
    this.transaction = db.transaction((body: () => void) => body());
    this.savepoint = db.transaction((fn: (tx: Tx) => unknown, tx: Tx) => fn(tx));
  }

  /**
   * How many writes have run so far, whether they committed or not (one is counted as it starts). Unchanged
   * between two reads, nothing was written in between: what a reader may keep is still so.
   */
  get ran(): number {
    return this.runCount;
  }

  run<T>(fn: (tx: Tx) => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what is pending now; used by tests and at shutdown. */
  flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;

    const outcomes: { ok: boolean; value: unknown; after: (() => void)[]; undo: (() => void)[] }[] = [];
    try {
      this.transaction(() => {
        for (const item of batch) {
          const tx = new WriteTx();
          this.runCount++;
          try {
            running.set(this.db, tx);
            let value: unknown;
            try {
              value = this.savepoint(item.fn, tx);
            } finally {
              running.delete(this.db);
            }
            outcomes.push({ ok: true, value, after: tx.after, undo: tx.undo });
          } catch (error) {
            this.undo(tx.undo);
            // Some errors (a full disk, an I/O error) make SQLite roll back the whole transaction, not just
            // the savepoint: the writes after this one would then run and commit on their own. Stop the batch.
            if (!this.db.inTransaction) throw error;
            outcomes.push({ ok: false, value: error, after: [], undo: [] });
          }
        }
      });
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing in the batch happened.
      for (let i = outcomes.length - 1; i >= 0; i--) this.undo(outcomes[i]!.undo);
      for (const item of batch) item.reject(error);
      return;
    }

    outcomes.forEach((o, i) => {
      for (const f of o.after) {
        try {
          f();
        } catch (error) {
          this.onAfterCommitError(error);
        }
      }
      const item = batch[i]!;
      if (o.ok) item.resolve(o.value);
      else item.reject(o.value);
    });
  }

  private undo(fns: (() => void)[]): void {
    for (let i = fns.length - 1; i >= 0; i--) {
      try {
        fns[i]!();
      } catch (error) {
        this.onAfterCommitError(error);
      }
    }
  }

  close(): void {
    this.flush();
    this.closed = true;
  }
}
