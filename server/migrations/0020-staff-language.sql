-- The language each member of staff reads their pages in (issue #18): chosen with the switch on any staff
-- page and kept with the account, so it follows them to another computer. NULL: not chosen yet (English).
ALTER TABLE users ADD COLUMN lang TEXT CHECK (lang IS NULL OR lang IN ('en', 'sw'));
