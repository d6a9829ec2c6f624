-- Issuing a ticket writes as little as it can: every index on `tickets` and `events` is another B-tree that each
-- new ticket dirties, and with synchronous=FULL every dirty page is written and synced before the answer.

-- A day's tickets are found by the UNIQUE (day, label) index, whose first column is the day; the index on
-- (day, service_id) only served two admin checks, and cost every ticket a page of its own.
DROP INDEX tickets_day;

-- The event log's seq needs no AUTOINCREMENT (which updates sqlite_sequence on every insert): nothing ever
-- deletes an event, so the next seq is always the last plus one. A trigger makes "nothing deletes" a rule.
CREATE TABLE events_new (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  day TEXT NOT NULL,
  type TEXT NOT NULL,
  ticket_rowid INTEGER REFERENCES tickets(rowid),
  service_id TEXT,
  counter_id TEXT,
  user_id TEXT,
  data TEXT
);
INSERT INTO events_new (seq, at, day, type, ticket_rowid, service_id, counter_id, user_id, data)
  SELECT seq, at, day, type, ticket_rowid, service_id, counter_id, user_id, data FROM events ORDER BY seq;
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;
CREATE INDEX events_day ON events(day);
CREATE INDEX events_ticket ON events(ticket_rowid);
CREATE INDEX events_counter ON events(counter_id, seq) WHERE counter_id IS NOT NULL;
DELETE FROM sqlite_sequence WHERE name = 'events';
CREATE TRIGGER events_append_only BEFORE DELETE ON events BEGIN
  SELECT RAISE(ABORT, 'the event log is append-only: events are never deleted');
END;
