-- Journeys: one visit of several services in order ("ID card replacement: registration → biometrics →
-- collection"), offered at the kiosk as one choice and served as one ticket (docs/decisions/0022-journeys.md).

CREATE TABLE journeys (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  name_en TEXT NOT NULL,
  name_sw TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  display_order INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX journeys_code ON journeys(code);

-- The steps of a journey as the admin defines them now, 2 to 6, in order.
CREATE TABLE journey_steps (
  journey_id TEXT NOT NULL REFERENCES journeys(id),
  position INTEGER NOT NULL,
  service_id TEXT NOT NULL REFERENCES services(id),
  PRIMARY KEY (journey_id, position)
) WITHOUT ROWID;

-- A ticket on a journey, beside the ticket row (which gains nothing: issuing a walk-in writes no more than
-- before). The steps are copied here at issue, so an edited journey never changes a ticket already on it.
-- `step` is the index (from 0) of the step the ticket is at; `legs` one entry per line it joined on the way,
-- {step, serviceId, queuedAt, calledAt, doneAt} in ms, the figures of each step's wait; `ended` says how the
-- journey ended (completed, ended early at a counter, left by a transfer, cancelled, expired), null while on it.
CREATE TABLE ticket_journeys (
  ticket_rowid INTEGER PRIMARY KEY REFERENCES tickets(rowid),
  journey_id TEXT NOT NULL REFERENCES journeys(id),
  day TEXT NOT NULL,
  steps TEXT NOT NULL,
  step INTEGER NOT NULL DEFAULT 0,
  legs TEXT NOT NULL DEFAULT '[]',
  ended TEXT CHECK (ended IN ('completed', 'ended', 'left', 'cancelled', 'expired')),
  ended_at INTEGER,
  note TEXT
);
CREATE INDEX ticket_journeys_day ON ticket_journeys(day);
