-- A citizen at a kiosk asks for a member of staff (server/src/kiosk-help/): which kiosk, when, and who said
-- "I'm coming", when. Kept apart from the event log, whose seq every screen follows and head office receives
-- (docs/decisions/0028-kiosk-help-requests.md). No foreign keys: a request outlives a deleted user or device,
-- so the answerer's name is kept as it was.
CREATE TABLE kiosk_help (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  asked_at INTEGER NOT NULL,
  answered_at INTEGER,
  answered_by TEXT,
  answered_by_name TEXT
);
-- The staff's list: requests still open or lately answered, found by when they were asked.
CREATE INDEX kiosk_help_asked ON kiosk_help(asked_at);
