// Data read from SQL and kept in memory between writes, under one rule for transactions (docs/architecture.md,
// "Read caches"). A cache never holds uncommitted rows, so it may be read inside a transaction too:
// - it is filled only outside a transaction;
// - a write made through its repository drops it, so the rest of that transaction reads its own rows from SQL;
// - if that write rolls back (its savepoint, or the whole batch), the committed value it dropped is put back;
// - once the batch commits, a value cache is filled again at once, so the next batch's writes find it.
// Every write to the tables a cache is read from must go through a repository method that drops it.
import type { Db } from './db.js';
import type { Tx } from './write-queue.js';
import { runningWrite } from './write-queue.js';

abstract class TransactionAware<Held> {
  /** Undefined: not filled, or dropped. */
  protected held: Held | undefined;

  constructor(protected readonly db: Db) {}

  /** Call from every repository method that writes what the cache was read from, before or after the SQL. */
  drop(): void {
    const before = this.held;
    this.held = undefined;
    // A write outside the queue (start-up, a transaction of its own) has no undo to join: the cache is filled
    // again, from what committed, by the next read outside a transaction.
    const write = this.db.inTransaction ? runningWrite(this.db) : undefined;
    if (!write) return;
    // Nothing fills the cache inside a transaction, so it is still empty when the write's undo runs.
    if (before !== undefined) {
      write.onRollback(() => {
        this.held ??= before;
      });
    }
    this.droppedIn(write);
  }

  protected droppedIn(_write: Tx): void {}
}

/** One value computed from SQL (a table read whole, a count per service). */
export class CachedValue<T> extends TransactionAware<{ value: T }> {
  constructor(
    db: Db,
    private readonly load: () => T,
  ) {
    super(db);
  }

  /** The value: from memory when held, else from SQL (kept only when read outside a transaction). */
  get(): T {
    if (this.held) return this.held.value;
    const value = this.load();
    if (!this.db.inTransaction) this.held = { value };
    // Read inside a write: the next batch would read SQL again on every write it runs; fill it after this commit.
    else runningWrite(this.db)?.afterCommit(this.fill);
    return value;
  }

  private readonly fill = (): void => {
    if (!this.held && !this.db.inTransaction) this.held = { value: this.load() };
  };

  protected override droppedIn(write: Tx): void {
    write.afterCommit(this.fill);
  }
}

/**
 * Values by key, each read from SQL when first asked for outside a transaction (a user by id, a session by
 * token). Only found values are kept: a key that finds nothing is asked of SQL again. A write drops them all.
 */
export class CachedMap<K, V> extends TransactionAware<Map<K, V>> {
  constructor(
    db: Db,
    private readonly load: (key: K) => V | undefined,
  ) {
    super(db);
  }

  get(key: K): V | undefined {
    const hit = this.held?.get(key);
    if (hit !== undefined) return hit;
    const value = this.load(key);
    if (value !== undefined && !this.db.inTransaction) (this.held ??= new Map()).set(key, value);
    return value;
  }
}
