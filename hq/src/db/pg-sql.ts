// Head office on a PostgreSQL server (FOLENI_HQ_DATABASE_URL), through a pg.Pool.
import pg from 'pg';
import type { Sql } from './sql.js';
import { DATE, INT8, NUMERIC, keepText, parseInt8 } from './sql.js';

const types = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === INT8 || oid === NUMERIC) return parseInt8;
    if (oid === DATE) return keepText;
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

function onClient(client: pg.PoolClient): Sql {
  const sql: Sql = {
    kind: 'postgres',
    async query<T extends object>(text: string, params: unknown[] = []) {
      return (await client.query<T>(text, params)).rows;
    },
    async exec(text) {
      await client.query(text);
    },
    transaction: (fn) => fn(sql),
    async close() {},
  };
  return sql;
}

export async function openPostgres(url: string, max = 8): Promise<Sql> {
  const pool = new pg.Pool({ connectionString: url, max, types });
  // An idle connection the server closed (a restart, an administrator, a dropped test database) is an 'error'
  // on the pool, which throws when nobody listens: the pool has already let that connection go and opens a
  // new one for the next query, and a server that is really gone fails that query, answered as an error.
  pool.on('error', () => {});
  // A server that is not there is said at start-up, not at the first request.
  await (await pool.connect()).release();
  return {
    kind: 'postgres',
    async query<T extends object>(text: string, params: unknown[] = []) {
      return (await pool.query<T>(text, params)).rows;
    },
    async exec(text) {
      await pool.query(text);
    },
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(onClient(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
