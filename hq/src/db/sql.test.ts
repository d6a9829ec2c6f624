// The one SQL door: the same migrations build an empty database on PGlite and on PostgreSQL, rows come back
// alike from both, and PGlite keeps its data in its folder across a restart. (Each test opens its own
// database: PGlite's start is slow on a busy machine, hence the longer timeouts.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKENDS, openTestSql } from '../testing/hq-test-env.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite-sql.js';

describe.each(BACKENDS)('head-office SQL on %s', (backend) => {
  it('builds the schema from nothing and answers bigint as number, date as text', async () => {
    const { sql, drop } = await openTestSql(backend);
    try {
      expect(await migrate(sql)).toEqual([]);
      const tables = (await sql.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).map((r) => r.t);
      expect(tables).toEqual(expect.arrayContaining(['centres', 'day_summaries', 'hq_users', 'received', 'tickets']));
      const [r] = await sql.query<{ big: unknown; day: unknown; n: unknown }>("SELECT 9007199254740::bigint AS big, '2026-12-07'::date AS day, count(*) AS n FROM centres");
      expect(r).toEqual({ big: 9007199254740, day: '2026-12-07', n: 0 });
    } finally {
      await drop();
    }
  }, 120_000);

  it('rolls a failed transaction back', async () => {
    const { sql, drop } = await openTestSql(backend);
    try {
      const insert = "INSERT INTO hq_users (id, username, role, password_hash, created_at) VALUES ($1, $1, 'analyst', 'x', 0)";
      await expect(
        sql.transaction(async (tx) => {
          await tx.query(insert, ['kept-not']);
          await tx.query(insert, ['kept-not']);
        }),
      ).rejects.toThrow();
      expect(await sql.query('SELECT 1 FROM hq_users')).toEqual([]);
    } finally {
      await drop();
    }
  }, 120_000);
});

describe('PGlite in its folder', () => {
  it('keeps what it stored across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foleni-hq-pglite-'));
    try {
      const first = await openPglite(dir);
      await migrate(first);
      await first.query("INSERT INTO hq_users (id, username, role, password_hash, created_at) VALUES ('u1', 'amina', 'analyst', 'x', 0)");
      await first.close();
      const again = await openPglite(dir);
      expect(await migrate(again)).toEqual([]);
      expect(await again.query('SELECT username FROM hq_users')).toEqual([{ username: 'amina' }]);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
