import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from './db.js';
import { migrate } from './migrate.js';
import { CentreRepository } from '../repositories/centre.repository.js';
import { Statements } from '../repositories/statements.js';
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
      // 0011: how a rating came; nothing recorded it before.
      expect(db.prepare("SELECT name FROM pragma_table_info('feedback') WHERE name = 'via'").pluck().get()).toBe('via');
      db.close();
    } finally {
      before.dispose();
    }
  });

  it('give a running centre its hours Monday to Saturday, closed on Sunday, with no holidays (0009)', () => {
    const before = databaseBefore('0009');
    try {
      const old = before.db;
      old
        .prepare("INSERT INTO centre (id, code, name, opens, closes, kiosks_only_when_open, updated_at) VALUES (1, 'KTI', 'Huduma Centre Kitui', '07:30', '16:30', 1, 0)")
        .run();
      old.close();

      const db = openDb({ file: before.file });
      expect(db.prepare('SELECT weekday FROM centre_hours ORDER BY weekday').pluck().all()).toEqual(['fri', 'mon', 'sat', 'thu', 'tue', 'wed']);
      const centre = new CentreRepository(new Statements(db)).get()!;
      const hours = { opens: '07:30', closes: '16:30' };
      expect(centre.openingHours).toEqual({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: hours, sun: null, closedDates: [], kiosksOnlyWhenOpen: true });
      expect(centre).toMatchObject({ code: 'KTI', name: 'Huduma Centre Kitui' });
      // The week is the only place the hours live now.
      const columns = db.prepare("SELECT name FROM pragma_table_info('centre')").pluck().all();
      expect(columns).not.toContain('opens');
      expect(columns).not.toContain('closes');
      // The tables keep their rules: no hours that close before they open, no unknown weekday.
      expect(() => db.prepare("INSERT INTO centre_hours (weekday, opens, closes) VALUES ('sun', '13:00', '09:00')").run()).toThrow(/CHECK/);
      expect(() => db.prepare("INSERT INTO centre_hours (weekday, opens, closes) VALUES ('sunday', '09:00', '13:00')").run()).toThrow(/CHECK/);
      expect(() => db.prepare("INSERT INTO centre_closed_dates (day) VALUES ('25/12/2026')").run()).toThrow(/CHECK/);
      db.close();
    } finally {
      before.dispose();
    }
  });

  it('leave a database without a centre yet without hours, for the first start to give the defaults (0009)', () => {
    const before = databaseBefore('0009');
    try {
      expect(before.upgrade()).toContain('0009-opening-hours-by-weekday.sql');
      expect(before.db.prepare('SELECT COUNT(*) FROM centre_hours').pluck().get()).toBe(0);
    } finally {
      before.dispose();
    }
  });

  it('keep the screens paired by the old links paired (0010)', () => {
    const before = databaseBefore('0010');
    try {
      const insert = before.db.prepare("INSERT INTO devices (id, kind, name, token_hash, created_at) VALUES (?, 'kiosk', ?, ?, ?)");
      insert.run('dev_paired', 'Entrance kiosk', 'hash-of-a-token', 1000);
      insert.run('dev_revoked', 'Annex kiosk', null, 2000);
      before.db.close();
      const db = openDb({ file: before.file });
      expect(db.prepare('SELECT id, paired_at, paired_by FROM devices ORDER BY id').all()).toEqual([
        { id: 'dev_paired', paired_at: 1000, paired_by: null },
        { id: 'dev_revoked', paired_at: null, paired_by: null },
      ]);
      expect(db.prepare('SELECT COUNT(*) FROM pairing_codes').pluck().get()).toBe(0);
      db.close();
    } finally {
      before.dispose();
    }
  });

  it('leave the tickets issued before feedback keys without one, and give new ones theirs (0012)', () => {
    const before = databaseBefore('0012');
    try {
      const old = before.db;
      old.prepare("INSERT INTO services (id, code, name_en, name_sw, agency, created_at) VALUES ('svc_b', 'B', 'Birth', 'Kuzaliwa', 'CRS', 0)").run();
      old.prepare("INSERT INTO tickets (id, day, service_id, number, label, issued_at, arrival_at) VALUES ('t_old', '2026-01-01', 'svc_b', 1, 'B001', 1, 1)").run();
      old.close();
      const db = openDb({ file: before.file });
      // NULL: rated on its id alone, as before (nothing could prove who holds an old ticket).
      expect(db.prepare("SELECT feedback_key FROM tickets WHERE id = 't_old'").pluck().get()).toBeNull();
      db.prepare(
        "INSERT INTO tickets (id, day, service_id, number, label, issued_at, arrival_at, feedback_key) VALUES ('t_new', '2026-01-01', 'svc_b', 2, 'B002', 2, 2, 'k3y')",
      ).run();
      expect(db.prepare("SELECT feedback_key FROM tickets WHERE id = 't_new'").pluck().get()).toBe('k3y');
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    } finally {
      before.dispose();
    }
  });
});
