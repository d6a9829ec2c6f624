// Head office on embedded PGlite, persisted in its data directory: `npm run hq` works on a fresh machine.
import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import type { Sql } from './sql.js';
import { DATE, INT8, NUMERIC, keepText, parseInt8 } from './sql.js';

const PARSERS = { [INT8]: parseInt8, [NUMERIC]: parseInt8, [DATE]: keepText };

type Queryable = Pick<PGlite, 'query' | 'exec'> | Transaction;

function wrap(db: Queryable, kind: 'pglite', tx: ((fn: (tx: Sql) => Promise<unknown>) => Promise<unknown>) | null): Sql {
  const sql: Sql = {
    kind,
    async query<T extends object>(text: string, params: unknown[] = []) {
      return (await db.query<T>(text, params, { parsers: PARSERS })).rows;
    },
    async exec(text) {
      await db.exec(text);
    },
    transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      // Already inside one (PGlite has a single connection): the caller's transaction holds.
      if (!tx) return fn(sql);
      return tx(fn as (tx: Sql) => Promise<unknown>) as Promise<T>;
    },
    async close() {},
  };
  return sql;
}

export async function openPglite(dataDir: string | null): Promise<Sql> {
  const db = dataDir === null ? new PGlite() : new PGlite(dataDir);
  await db.waitReady;
  const inner = wrap(db, 'pglite', null);
  return {
    ...inner,
    transaction: <T>(fn: (tx: Sql) => Promise<T>) => db.transaction((t) => fn(wrap(t, 'pglite', null))),
    close: () => db.close(),
  };
}
