// Migration 0007 gives tickets the staff user who issued them; tickets written before it keep every column
// and name nobody (nothing recorded who issued them), and a database with foreign keys stays consistent.
import { describe, expect, it } from 'vitest';
import { databaseBefore } from '../db/migration-fixtures.js';

describe('migration 0007 on tickets written before it', () => {
  it('adds issued_by as NULL to old tickets and leaves the rest of each row as it was', () => {
    const old = databaseBefore('0007');
    try {
      const { db } = old;
      db.prepare("INSERT INTO services (id, code, name_en, name_sw, agency, created_at) VALUES ('svc_a', 'A', 'ID', 'Kitambulisho', 'NRB', 1)").run();
      const add = db.prepare(
        `INSERT INTO tickets (id, day, service_id, number, label, source, issued_at, arrival_at, queued_at, idempotency_key)
         VALUES (?, '2026-03-02', 'svc_a', ?, ?, 'staff', 1000, 1000, 1000, ?)`,
      );
      add.run('old-staff', 1, 'A001', 'desk-tap-old');
      add.run('old-plain', 2, 'A002', null);
      const before = db.prepare('SELECT * FROM tickets ORDER BY rowid').all();

      expect(old.upgrade().some((f) => f.startsWith('0007-'))).toBe(true);
      const after = db.prepare('SELECT * FROM tickets ORDER BY rowid').all() as Record<string, unknown>[];
      expect(after.map((r) => r.issued_by)).toEqual([null, null]);
      expect(after.map(({ issued_by: _, feedback_key: _key, not_before: _slot, ...rest }) => rest)).toEqual(before);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      old.dispose();
    }
  });
});
