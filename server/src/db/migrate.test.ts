import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from './db.js';
import { migrate, MIGRATIONS_DIR } from './migrate.js';

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

  it('keep the event log append-only: events cannot be deleted, so seq only grows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'foleni-migrate-'));
    try {
      const db = openDb({ file: join(dir, 'seq.db') });
      const add = db.prepare("INSERT INTO events (at, day, type) VALUES (1, '2026-01-01', 't')");
      const a = Number(add.run().lastInsertRowid);
      expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM events WHERE seq = ?').run(a)).toThrow(/append-only/);
      const b = Number(add.run().lastInsertRowid);
      expect(b).toBe(a + 1);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('carry an existing event log over to the seq without AUTOINCREMENT, every event and seq kept (0006)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'foleni-migrate-'));
    try {
      // A database as the first five migrations left it, with its events.
      const before = join(dir, 'migrations');
      mkdirSync(before);
      for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => f < '0006')) copyFileSync(join(MIGRATIONS_DIR, f), join(before, f));
      const file = join(dir, 'old.db');
      const old = new Database(file);
      migrate(old, before);
      const add = old.prepare("INSERT INTO events (at, day, type, data) VALUES (?, '2026-01-01', 't', ?)");
      for (let i = 1; i <= 3; i++) add.run(i, `{"n":${i}}`);
      const kept = old.prepare('SELECT * FROM events ORDER BY seq').all();
      old.close();

      const db = openDb({ file });
      expect(db.prepare('SELECT * FROM events ORDER BY seq').all()).toEqual(kept);
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name").pluck().all();
      expect(indexes).toEqual(['events_counter', 'events_day', 'events_ticket']);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'tickets_day'").get()).toBeUndefined();
      expect(Number(db.prepare("INSERT INTO events (at, day, type) VALUES (4, '2026-01-01', 't')").run().lastInsertRowid)).toBe(4);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
