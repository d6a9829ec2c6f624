-- Whether the centre's kiosks issue tickets only during its opening hours (staff may still issue after
-- closing). A new centre is made with it on (a kiosk left on at night no longer hands out numbers the day close
-- will expire); a centre that already runs keeps working as it did until its admin turns it on.
ALTER TABLE centre ADD COLUMN kiosks_only_when_open INTEGER NOT NULL DEFAULT 0 CHECK (kiosks_only_when_open IN (0, 1));
