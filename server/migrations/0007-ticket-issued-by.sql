-- The staff user who issued a ticket (a kiosk's tickets name their device in device_id instead). An
-- Idempotency-Key belongs to whoever sent it: without the issuer, two clerks sending the same key would get
-- each other's ticket. Tickets issued before this stay NULL: nothing recorded who issued them.
ALTER TABLE tickets ADD COLUMN issued_by TEXT REFERENCES users(id);
