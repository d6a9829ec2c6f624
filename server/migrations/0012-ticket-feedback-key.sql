-- The secret that lets the citizen, and only the citizen, rate a visit: it travels in the tracking link printed
-- and shown at issue (never in staff screens, events or exports, which all carry the ticket id). Tickets issued
-- before this stay NULL and can be rated by their id alone, as before: nothing else could prove who holds them.
ALTER TABLE tickets ADD COLUMN feedback_key TEXT;
