-- Foleni schema, version 1. Times are UTC milliseconds; `day` is YYYY-MM-DD in the centre's time zone.

CREATE TABLE centre (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  timezone TEXT NOT NULL DEFAULT 'Africa/Nairobi',
  languages TEXT NOT NULL DEFAULT '["en","sw"]',
  opens TEXT NOT NULL DEFAULT '08:00',
  closes TEXT NOT NULL DEFAULT '17:00',
  footer_en TEXT NOT NULL DEFAULT '',
  footer_sw TEXT NOT NULL DEFAULT '',
  notices TEXT NOT NULL DEFAULT '[]',
  priority_head_start_min INTEGER NOT NULL DEFAULT 20,
  preference_bonus_min INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);

CREATE TABLE services (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  name_en TEXT NOT NULL,
  name_sw TEXT NOT NULL,
  agency TEXT NOT NULL,
  sla_minutes INTEGER NOT NULL DEFAULT 15,
  service_minutes REAL NOT NULL DEFAULT 5,
  active INTEGER NOT NULL DEFAULT 1,
  display_order INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  deleted_at INTEGER
);
CREATE UNIQUE INDEX services_code ON services(code) WHERE deleted_at IS NULL;

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL COLLATE NOCASE UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('clerk', 'manager', 'admin')),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE counters (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  zone TEXT NOT NULL DEFAULT 'main',
  status TEXT NOT NULL DEFAULT 'closed' CHECK (status IN ('closed', 'open', 'paused')),
  clerk_id TEXT REFERENCES users(id),
  active INTEGER NOT NULL DEFAULT 1,
  display_order INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  deleted_at INTEGER
);
-- A clerk holds at most one counter.
CREATE UNIQUE INDEX counters_clerk ON counters(clerk_id) WHERE clerk_id IS NOT NULL;

CREATE TABLE counter_services (
  counter_id TEXT NOT NULL REFERENCES counters(id) ON DELETE CASCADE,
  service_id TEXT NOT NULL REFERENCES services(id),
  rank INTEGER NOT NULL,
  PRIMARY KEY (counter_id, service_id)
);
CREATE INDEX counter_services_service ON counter_services(service_id);

CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('kiosk', 'display')),
  name TEXT NOT NULL,
  zone TEXT NOT NULL DEFAULT 'main',
  token_hash TEXT UNIQUE,
  printer_url TEXT,
  paper_width INTEGER,
  printer_status TEXT NOT NULL DEFAULT 'unknown',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
  last_seen_at INTEGER,
  created_at INTEGER NOT NULL
);

CREATE TABLE tickets (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  day TEXT NOT NULL,
  service_id TEXT NOT NULL REFERENCES services(id),
  number INTEGER NOT NULL,
  label TEXT NOT NULL,
  priority TEXT NOT NULL DEFAULT 'none',
  lang TEXT NOT NULL DEFAULT 'en',
  source TEXT NOT NULL DEFAULT 'kiosk',
  status TEXT NOT NULL DEFAULT 'waiting',
  counter_id TEXT REFERENCES counters(id),
  clerk_id TEXT REFERENCES users(id),
  device_id TEXT REFERENCES devices(id),
  issued_at INTEGER NOT NULL,
  -- Kept across transfers and no-show reactivation: the ticket keeps its place.
  arrival_at INTEGER NOT NULL,
  first_called_at INTEGER,
  called_at INTEGER,
  serving_at INTEGER,
  done_at INTEGER,
  call_count INTEGER NOT NULL DEFAULT 0,
  -- JSON array of {serviceId, at, counterId, note}: where it was before a transfer.
  journey TEXT NOT NULL DEFAULT '[]',
  idempotency_key TEXT,
  UNIQUE (day, label)
);
CREATE INDEX tickets_open ON tickets(status, service_id, arrival_at) WHERE status IN ('waiting', 'called', 'serving', 'no_show');
CREATE INDEX tickets_day ON tickets(day, service_id);
CREATE INDEX tickets_counter ON tickets(counter_id, status) WHERE status IN ('called', 'serving');
CREATE UNIQUE INDEX tickets_idempotency ON tickets(idempotency_key) WHERE idempotency_key IS NOT NULL;

-- Per service and day, the last number given: numbering restarts each day and never reuses a number.
CREATE TABLE ticket_numbers (
  day TEXT NOT NULL,
  code TEXT NOT NULL,
  last_number INTEGER NOT NULL,
  PRIMARY KEY (day, code)
) WITHOUT ROWID;

-- The append-only log: one row per change, with a global increasing seq. Every statistic comes from it.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  day TEXT NOT NULL,
  type TEXT NOT NULL,
  ticket_rowid INTEGER REFERENCES tickets(rowid),
  service_id TEXT,
  counter_id TEXT,
  user_id TEXT,
  data TEXT
);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_ticket ON events(ticket_rowid);

CREATE TABLE print_jobs (
  id INTEGER PRIMARY KEY,
  ticket_rowid INTEGER REFERENCES tickets(rowid),
  device_id TEXT REFERENCES devices(id),
  printer_url TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'ticket',
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'printing', 'done', 'failed', 'preview')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX print_jobs_open ON print_jobs(status) WHERE status IN ('queued', 'printing');
CREATE INDEX print_jobs_ticket ON print_jobs(ticket_rowid);

CREATE TABLE feedback (
  ticket_rowid INTEGER PRIMARY KEY REFERENCES tickets(rowid),
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment TEXT,
  at INTEGER NOT NULL
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  user_id TEXT,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  data TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
