// Forward-only numbered migrations (hq/migrations/NNNN-*.sql), the same SQL on PGlite and on a server.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Sql } from './sql.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export async function migrate(sql: Sql, dir = MIGRATIONS_DIR): Promise<string[]> {
  await sql.exec('CREATE TABLE IF NOT EXISTS hq_migrations (name text PRIMARY KEY, applied_at bigint NOT NULL)');
  const done = new Set((await sql.query<{ name: string }>('SELECT name FROM hq_migrations')).map((r) => r.name));
  const applied: string[] = [];
  for (const name of readdirSync(dir).filter((f) => /^\d{4}-.*\.sql$/.test(f)).sort()) {
    if (done.has(name)) continue;
    await sql.transaction(async (tx) => {
      await tx.exec(readFileSync(`${dir}/${name}`, 'utf8'));
      await tx.query('INSERT INTO hq_migrations (name, applied_at) VALUES ($1, $2)', [name, Date.now()]);
    });
    applied.push(name);
  }
  return applied;
}
