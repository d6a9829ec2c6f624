-- Booked appointments (docs/architecture.md, "Appointments"): a service's booking settings, the bookings, the
-- booked ticket's hold, and integration clients (another platform's backend) as a kind of device.

ALTER TABLE services ADD COLUMN booking_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE services ADD COLUMN booking_slot_minutes INTEGER NOT NULL DEFAULT 15;
ALTER TABLE services ADD COLUMN booking_per_slot INTEGER NOT NULL DEFAULT 2;
ALTER TABLE services ADD COLUMN booking_early_minutes INTEGER NOT NULL DEFAULT 10;
ALTER TABLE services ADD COLUMN booking_grace_minutes INTEGER NOT NULL DEFAULT 15;

-- A booked ticket's arrival_at is its slot's start (its place in routing); it is not called before not_before.
ALTER TABLE tickets ADD COLUMN not_before INTEGER;

CREATE TABLE appointments (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  reference TEXT NOT NULL,
  service_id TEXT NOT NULL REFERENCES services(id),
  -- The centre's day of the slot (YYYY-MM-DD), and the slot in ms since the epoch.
  day TEXT NOT NULL,
  slot_start INTEGER NOT NULL,
  slot_end INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'checked_in', 'served', 'no_show', 'cancelled')),
  channel TEXT NOT NULL CHECK (channel IN ('ehuduma', 'mobile', 'contact_centre', 'staff', 'import')),
  name TEXT,
  -- E.164; personal data, shown masked.
  phone TEXT,
  external_ref TEXT,
  -- Who booked: an integration client, or a staff user (the import's admin).
  device_id TEXT REFERENCES devices(id),
  user_id TEXT REFERENCES users(id),
  ticket_rowid INTEGER REFERENCES tickets(rowid),
  created_at INTEGER NOT NULL,
  checked_in_at INTEGER,
  cancelled_at INTEGER
);
-- Free places: bookings per slot of a service are counted from this index alone (cancelled ones free theirs).
CREATE INDEX appointments_slots ON appointments(service_id, slot_start) WHERE status <> 'cancelled';
-- A reference names one open booking; a closed one's reference may be given again later.
CREATE UNIQUE INDEX appointments_open_reference ON appointments(reference) WHERE status IN ('booked', 'checked_in');
CREATE INDEX appointments_reference ON appointments(reference);
CREATE UNIQUE INDEX appointments_external_ref ON appointments(external_ref) WHERE external_ref IS NOT NULL;
CREATE INDEX appointments_day ON appointments(day, slot_start);
CREATE INDEX appointments_ticket ON appointments(ticket_rowid) WHERE ticket_rowid IS NOT NULL;
-- Bookings still waiting for their citizen, for the no-show sweep.
CREATE INDEX appointments_booked ON appointments(slot_start) WHERE status = 'booked';

-- SQLite cannot change a CHECK in place: the devices table is made again with `integration` allowed. It is a
-- parent (tickets, print jobs and pairing codes point at it), so its rows are put back before the commit
-- checks the deferred foreign keys.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE devices_copy AS SELECT * FROM devices;
DROP TABLE devices;
CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('kiosk', 'display', 'integration')),
  name TEXT NOT NULL,
  zone TEXT NOT NULL DEFAULT 'main',
  token_hash TEXT UNIQUE,
  printer_url TEXT,
  paper_width INTEGER,
  printer_status TEXT NOT NULL DEFAULT 'unknown',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
  last_seen_at INTEGER,
  created_at INTEGER NOT NULL,
  paired_at INTEGER,
  paired_by TEXT
);
INSERT INTO devices (id, kind, name, zone, token_hash, printer_url, paper_width, printer_status, status, last_seen_at, created_at, paired_at, paired_by)
  SELECT id, kind, name, zone, token_hash, printer_url, paper_width, printer_status, status, last_seen_at, created_at, paired_at, paired_by FROM devices_copy;
DROP TABLE devices_copy;
