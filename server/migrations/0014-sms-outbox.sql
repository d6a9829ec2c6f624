-- SMS (docs/architecture.md, "SMS"; docs/decisions/0021-sms-outbox-at-most-once.md).
-- A citizen's mobile number, kept beside the ticket, not in it: the ticket row is written on every step of the
-- queue and read by every screen, the number is personal data read only to send. Erased when the day closes.
-- near_due: 1 while the "your turn is near" message may still be owed to this ticket.
CREATE TABLE ticket_phones (
  ticket_rowid INTEGER PRIMARY KEY REFERENCES tickets(rowid),
  phone TEXT NOT NULL,
  near_due INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ticket_phones_near ON ticket_phones(near_due) WHERE near_due = 1;

-- The durable outbox: each message is written in the commit of the change that causes it, then sent by a
-- background loop. subject + kind is unique: at most one message of each kind per ticket ('t:<rowid>') or
-- per booking reminder ('b:<id>:<when>'). status: queued → sending (marked durably before the gateway is
-- asked) → sent → delivered | failed; dropped when it no longer makes sense. A row found 'sending' at start-up
-- was interrupted mid-send and becomes sent with uncertain = 1, never sent again.
-- phone is NULL once erased (the day closed); the text never holds the number.
CREATE TABLE sms_outbox (
  id INTEGER PRIMARY KEY,
  subject TEXT NOT NULL,
  kind TEXT NOT NULL,
  ticket_rowid INTEGER REFERENCES tickets(rowid),
  day TEXT NOT NULL,
  lang TEXT NOT NULL,
  phone TEXT,
  text TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued',
  attempts INTEGER NOT NULL DEFAULT 0,
  attempt_id TEXT,
  gateway TEXT,
  gateway_id TEXT,
  uncertain INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  done_at INTEGER,
  UNIQUE (subject, kind)
);
CREATE INDEX sms_outbox_queued ON sms_outbox(status, id) WHERE status = 'queued';
CREATE INDEX sms_outbox_day ON sms_outbox(day);
CREATE INDEX sms_outbox_gateway_id ON sms_outbox(gateway_id) WHERE gateway_id IS NOT NULL;

-- The admin's SMS settings: one row.
CREATE TABLE sms_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  near_ahead INTEGER NOT NULL DEFAULT 3,
  kinds TEXT NOT NULL DEFAULT '["issued","near","called","transferred","reminder","ready"]'
);
INSERT INTO sms_settings (id) VALUES (1);
