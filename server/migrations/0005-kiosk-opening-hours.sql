-- Whether the centre's kiosks issue tickets only during its opening hours (staff may still issue after
-- closing). On by default: a kiosk left on at night no longer hands out numbers the day close will expire.
ALTER TABLE centre ADD COLUMN kiosks_only_when_open INTEGER NOT NULL DEFAULT 1 CHECK (kiosks_only_when_open IN (0, 1));
