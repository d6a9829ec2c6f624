-- The front desk and the staff's day (docs/architecture.md, "Front desk, fair no-shows, breaks").
-- One row of settings: the manager's no-show rules and the admin's list of pause reasons (JSON: key, names in
-- English and Kiswahili, the dashboard's limit in minutes or null). A pause's reason itself is kept in the
-- data of its `counter.paused` event, so attendance is read from the event log like every other figure.
CREATE TABLE desk_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  no_show_min_seconds INTEGER NOT NULL DEFAULT 120,
  no_show_min_recalls INTEGER NOT NULL DEFAULT 2,
  return_place TEXT NOT NULL DEFAULT 'behind_first' CHECK (return_place IN ('old_place', 'behind_first', 'end')),
  return_behind INTEGER NOT NULL DEFAULT 3,
  pause_reasons TEXT NOT NULL
);
INSERT INTO desk_settings (id, pause_reasons) VALUES (1, '[
  {"id":"tea","name":{"en":"Tea break","sw":"Mapumziko ya chai"},"limitMinutes":20},
  {"id":"lunch","name":{"en":"Lunch","sw":"Chakula cha mchana"},"limitMinutes":60},
  {"id":"meeting","name":{"en":"Meeting","sw":"Mkutano"},"limitMinutes":60},
  {"id":"system-down","name":{"en":"System down","sw":"Mfumo haufanyi kazi"},"limitMinutes":30},
  {"id":"other","name":{"en":"Other","sw":"Sababu nyingine"},"limitMinutes":30}
]');

-- "I am on my way", tapped on the tracker after a call: shown on the clerk's card for that call. One row a
-- ticket (the latest tap); it says nothing once the ticket is no longer called.
CREATE TABLE ticket_on_my_way (
  ticket_rowid INTEGER PRIMARY KEY REFERENCES tickets(rowid),
  at INTEGER NOT NULL
);
