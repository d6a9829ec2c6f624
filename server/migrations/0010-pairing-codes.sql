-- Pairing by a one-time code instead of by the device's token (issue 16): an admin's pairing link carries
-- a short code, valid minutes, that a screen exchanges once for a fresh token. Only the code's hash is
-- kept; a used or expired code stays, so that a second try is told "used" or "expired" rather than
-- "unknown". paired_at and paired_by say when a screen took the token, and which browser it was.
CREATE TABLE pairing_codes (
  code_hash TEXT PRIMARY KEY,
  device_id TEXT NOT NULL REFERENCES devices(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX pairing_codes_device ON pairing_codes(device_id);

ALTER TABLE devices ADD COLUMN paired_at INTEGER;
ALTER TABLE devices ADD COLUMN paired_by TEXT;
-- A device paired by the old link held its token from the day it was made (the link was the token).
UPDATE devices SET paired_at = created_at WHERE token_hash IS NOT NULL;
