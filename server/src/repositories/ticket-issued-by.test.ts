// Migration 0007 gives tickets the staff user who issued them; tickets written before it keep every column
// and name nobody (nothing recorded who issued them), and a database with foreign keys stays consistent.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS_DIR, migrate } from '../db/migrate.js';

describe('migration 0007 on tickets written before it', () => {
  it('adds issued_by as NULL to old tickets and leaves the rest of each row as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'foleni-issued-by-'));
    try {
      const all = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql'));
      const copy = (sub: string, files: string[]) => {
        const d = mkdtempSync(join(dir, sub));
        for (const f of files) copyFileSync(join(MIGRATIONS_DIR, f), join(d, f));
        return d;
      };
      const db = new Database(join(dir, 'old.db'));
      db.pragma('foreign_keys = ON');
      migrate(db, copy('old-', all.filter((f) => f < '0007')));
      db.prepare("INSERT INTO services (id, code, name_en, name_sw, agency, created_at) VALUES ('svc_a', 'A', 'ID', 'Kitambulisho', 'NRB', 1)").run();
      const add = db.prepare(
        `INSERT INTO tickets (id, day, service_id, number, label, source, issued_at, arrival_at, queued_at, idempotency_key)
         VALUES (?, '2026-03-02', 'svc_a', ?, ?, 'staff', 1000, 1000, 1000, ?)`,
      );
      add.run('old-staff', 1, 'A001', 'desk-tap-old');
      add.run('old-plain', 2, 'A002', null);
      const before = db.prepare('SELECT * FROM tickets ORDER BY rowid').all();

      expect(migrate(db, copy('new-', all)).some((f) => f.startsWith('0007-'))).toBe(true);
      const after = db.prepare('SELECT * FROM tickets ORDER BY rowid').all() as Record<string, unknown>[];
      expect(after.map((r) => r.issued_by)).toEqual([null, null]);
      expect(after.map(({ issued_by: _, ...rest }) => rest)).toEqual(before);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
