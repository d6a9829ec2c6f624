// Opens head office's database as configured and brings its schema up to date.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrate.js';
import { openPglite } from './pglite-sql.js';
import { openPostgres } from './pg-sql.js';
import type { Sql } from './sql.js';

export async function openDatabase(opts: { databaseUrl: string | null; dataDir: string }): Promise<Sql> {
  let sql: Sql;
  if (opts.databaseUrl) sql = await openPostgres(opts.databaseUrl);
  else {
    mkdirSync(opts.dataDir, { recursive: true });
    sql = await openPglite(join(opts.dataDir, 'pglite'));
  }
  await migrate(sql);
  return sql;
}
