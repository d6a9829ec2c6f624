import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from './db.js';
import { migrate } from './migrate.js';

describe('migrations', () => {
  it('build an empty file into the full schema, once, with the pragmas a durable queue needs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'foleni-migrate-'));
    try {
      const db = openDb({ file: join(dir, 'fresh.db') });
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(
        expect.arrayContaining(['centre', 'services', 'counters', 'counter_services', 'users', 'sessions', 'devices', 'tickets', 'ticket_numbers', 'events', 'print_jobs', 'feedback', 'audit_log', 'schema_migrations']),
      );
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const applied = db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get() as number;
      expect(applied).toBeGreaterThanOrEqual(1);
      expect(migrate(db)).toEqual([]);
      db.close();
      // Reopening applies nothing twice.
      const again = openDb({ file: join(dir, 'fresh.db') });
      expect(again.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(applied);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keep the event log append-only in numbering: seq only grows, even after deletes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'foleni-migrate-'));
    try {
      const db = openDb({ file: join(dir, 'seq.db') });
      const add = db.prepare("INSERT INTO events (at, day, type) VALUES (1, '2026-01-01', 't')");
      const a = Number(add.run().lastInsertRowid);
      db.prepare('DELETE FROM events').run();
      const b = Number(add.run().lastInsertRowid);
      expect(b).toBeGreaterThan(a);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
