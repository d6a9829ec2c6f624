-- The live feed to head office (server/src/hq-feed/hq-feed.ts): how far head office has acknowledged the event
-- log, kept durably so a restarted centre goes on from there instead of sending everything again. One row.
CREATE TABLE hq_feed (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  acked_seq INTEGER NOT NULL DEFAULT 0,
  last_contact_at INTEGER
);
INSERT INTO hq_feed (id, acked_seq) VALUES (1, 0);
