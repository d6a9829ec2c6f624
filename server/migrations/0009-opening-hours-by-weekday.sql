-- Opening hours by weekday, and closed dates (public holidays). A weekday the centre opens has a row with its
-- hours; a weekday without a row is closed. A closed date closes the centre whatever its weekday. A centre that
-- already runs keeps its hours Monday to Saturday, closed on Sunday, as Huduma Centres open; its admin adds
-- a shorter Saturday and the holidays on the Centre page. The old single opens/closes columns go: the week
-- is now the only place the hours live.
CREATE TABLE centre_hours (
  weekday TEXT PRIMARY KEY CHECK (weekday IN ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')),
  opens TEXT NOT NULL CHECK (opens GLOB '[0-2][0-9]:[0-5][0-9]'),
  closes TEXT NOT NULL CHECK (closes GLOB '[0-2][0-9]:[0-5][0-9]'),
  CHECK (opens < closes)
) WITHOUT ROWID;

CREATE TABLE centre_closed_dates (
  day TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
) WITHOUT ROWID;

INSERT INTO centre_hours (weekday, opens, closes)
SELECT w.weekday, c.opens, c.closes
FROM centre c, (SELECT 'mon' AS weekday UNION ALL SELECT 'tue' UNION ALL SELECT 'wed' UNION ALL SELECT 'thu'
                UNION ALL SELECT 'fri' UNION ALL SELECT 'sat') w
WHERE c.id = 1;

ALTER TABLE centre DROP COLUMN opens;
ALTER TABLE centre DROP COLUMN closes;
