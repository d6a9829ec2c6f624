import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from './db.js';
import { migrate } from './migrate.js';
import { databaseBefore } from './migration-fixtures.js';

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

  it('upgrade a running centre made by 0001–0004 without losing or changing what it holds (0005–0008)', () => {
    // A database as the first four migrations left it, foreign keys on, with a centre, a service, tickets and
    // the events that point at them.
    const before = databaseBefore('0005');
    try {
      const old = before.db;
      old.prepare("INSERT INTO centre (id, code, name, updated_at) VALUES (1, 'GPO', 'Huduma Centre GPO', 0)").run();
      old.prepare("INSERT INTO services (id, code, name_en, name_sw, agency, created_at) VALUES ('svc_b', 'B', 'Birth', 'Kuzaliwa', 'CRS', 0)").run();
      const ticket = old.prepare(
        "INSERT INTO tickets (id, day, service_id, number, label, issued_at, arrival_at) VALUES (?, '2026-01-01', 'svc_b', ?, ?, ?, ?)",
      );
      const event = old.prepare("INSERT INTO events (at, day, type, ticket_rowid, service_id, data) VALUES (?, '2026-01-01', 'ticket.issued', ?, 'svc_b', ?)");
      for (let i = 1; i <= 3; i++) {
        const rowid = Number(ticket.run(`t${i}`, i, `B00${i}`, i, i).lastInsertRowid);
        event.run(i, rowid, `{"n":${i}}`);
      }
      const kept = old.prepare('SELECT * FROM events ORDER BY seq').all();
      old.close();

      const db = openDb({ file: before.file });
      // The copy of the event log does not stay behind in a grown WAL file.
      expect(statSync(`${before.file}-wal`).size).toBe(0);
      expect(db.prepare('SELECT * FROM events ORDER BY seq').all()).toEqual(kept);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name").pluck().all();
      expect(indexes).toEqual(['events_counter', 'events_day', 'events_ticket']);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'tickets_day'").get()).toBeUndefined();
      expect(Number(db.prepare("INSERT INTO events (at, day, type) VALUES (4, '2026-01-01', 't')").run().lastInsertRowid)).toBe(4);
      // A centre that already runs keeps issuing at its kiosks after hours until its admin says otherwise.
      expect(db.prepare('SELECT kiosks_only_when_open FROM centre').pluck().get()).toBe(0);
      expect(db.prepare('SELECT issued_by FROM tickets').pluck().all()).toEqual([null, null, null]);
      // 0010: how a rating came; nothing recorded it before.
      expect(db.prepare("SELECT name FROM pragma_table_info('feedback') WHERE name = 'via'").pluck().get()).toBe('via');
      db.close();
    } finally {
      before.dispose();
    }
  });
});
