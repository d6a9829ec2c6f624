-- The SMS sender finds queued messages from a cursor it keeps (every queued message has an id at or above it),
-- read through the rowid, so the index of queued messages is no longer read: it cost every message an index
-- entry when queued and another change when claimed (docs/architecture.md, "SMS").
DROP INDEX sms_outbox_queued;
