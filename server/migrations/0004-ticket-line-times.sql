-- When a ticket joined the line it is in now (issue, transfer, or a requeue such as a no-show reactivated)
-- and when it was first called in that line (a recall does not move it), so the counter shows the wait in
-- the current line. Old rows: joined at the last transfer (the journey's last step), else at issue; first
-- called in that line at the first call if never transferred, else at the latest call (the best left).
ALTER TABLE tickets ADD COLUMN queued_at INTEGER;
ALTER TABLE tickets ADD COLUMN line_called_at INTEGER;
UPDATE tickets SET
  queued_at = CASE WHEN journey = '[]' THEN issued_at
    ELSE CAST(strftime('%s', json_extract(journey, '$[#-1].at')) AS INTEGER) * 1000 + CAST(substr(json_extract(journey, '$[#-1].at'), 21, 3) AS INTEGER) END,
  line_called_at = CASE WHEN journey = '[]' THEN first_called_at ELSE called_at END;
