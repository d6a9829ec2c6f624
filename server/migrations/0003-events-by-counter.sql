-- A counter's latest events, read at each day close to find counters left open since an earlier day.
CREATE INDEX events_counter ON events(counter_id, seq) WHERE counter_id IS NOT NULL;
