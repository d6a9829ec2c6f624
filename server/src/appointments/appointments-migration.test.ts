import { describe, expect, it } from 'vitest';
import { databaseBefore } from '../db/migration-fixtures.js';

describe('migration 0013 (appointments)', () => {
  it('lets devices be integration clients and keeps every device, ticket and pairing pointing at them', () => {
    const before = databaseBefore('0013');
    try {
      const old = before.db;
      old.prepare("INSERT INTO services (id, code, name_en, name_sw, agency, created_at) VALUES ('svc_b', 'B', 'Birth', 'Kuzaliwa', 'CRS', 0)").run();
      old.prepare("INSERT INTO devices (id, kind, name, token_hash, created_at, paired_at) VALUES ('dev_k', 'kiosk', 'Kiosk 1', 'h1', 5, 6)").run();
      old.prepare("INSERT INTO tickets (id, day, service_id, number, label, device_id, issued_at, arrival_at) VALUES ('t1', '2026-01-05', 'svc_b', 1, 'B001', 'dev_k', 10, 10)").run();
      old.prepare("INSERT INTO pairing_codes (code_hash, device_id, created_at, expires_at) VALUES ('c', 'dev_k', 1, 2)").run();
      expect(() => old.prepare("INSERT INTO devices (id, kind, name, created_at) VALUES ('dev_i', 'integration', 'eHuduma', 1)").run()).toThrow(/CHECK/);

      expect(before.upgrade()).toContain('0013-appointments.sql');
      const db = before.db;
      expect(db.prepare("SELECT id, kind, name, token_hash, paired_at FROM devices").all()).toEqual([{ id: 'dev_k', kind: 'kiosk', name: 'Kiosk 1', token_hash: 'h1', paired_at: 6 }]);
      db.prepare("INSERT INTO devices (id, kind, name, created_at) VALUES ('dev_i', 'integration', 'eHuduma', 1)").run();
      expect(() => db.prepare("INSERT INTO devices (id, kind, name, created_at) VALUES ('dev_x', 'phone', 'x', 1)").run()).toThrow(/CHECK/);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      // Foreign keys still hold against the new table.
      expect(() => db.prepare("INSERT INTO tickets (id, day, service_id, number, label, device_id, issued_at, arrival_at) VALUES ('t2', '2026-01-05', 'svc_b', 2, 'B002', 'nope', 10, 10)").run()).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare("DELETE FROM devices WHERE id = 'dev_k'").run()).toThrow(/FOREIGN KEY/);
      expect(db.prepare("SELECT booking_enabled, booking_slot_minutes FROM services").get()).toEqual({ booking_enabled: 0, booking_slot_minutes: 15 });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      before.dispose();
    }
  });
});

describe('migration 0021 (a booking’s language)', () => {
  it('gives bookings made before it the centre’s first language, and takes only en or sw after', () => {
    const before = databaseBefore('0021');
    try {
      const old = before.db;
      old.prepare(`INSERT INTO centre (id, code, name, languages, updated_at) VALUES (1, 'X', 'Centre', '["sw","en"]', 0)`).run();
      old.prepare("INSERT INTO services (id, code, name_en, name_sw, agency, created_at) VALUES ('svc_b', 'B', 'Birth', 'Kuzaliwa', 'CRS', 0)").run();
      const insert = (id: string, ref: string) =>
        old.prepare("INSERT INTO appointments (id, reference, service_id, day, slot_start, slot_end, channel, created_at) VALUES (?, ?, 'svc_b', '2026-12-08', 1, 2, 'ehuduma', 0)").run(id, ref);
      insert('apt_1', 'ACDEFH');
      expect(before.upgrade()).toContain('0021-booking-language.sql');
      const db = before.db;
      expect(db.prepare("SELECT lang FROM appointments WHERE id = 'apt_1'").pluck().get()).toBe('sw');
      expect(() => db.prepare("UPDATE appointments SET lang = 'fr'").run()).toThrow(/CHECK/);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      before.dispose();
    }
  });
});
