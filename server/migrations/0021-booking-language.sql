-- The citizen's language on a booking (issue #11): the reminders and the checked-in ticket speak it. Given
-- when booking (the centre's first language if not), and changed by a kiosk check-in in the other language.
-- Bookings made before this read as the centre's first language, as their reminders did.
ALTER TABLE appointments ADD COLUMN lang TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'sw'));
UPDATE appointments SET lang = (SELECT CASE json_extract(languages, '$[0]') WHEN 'sw' THEN 'sw' ELSE 'en' END FROM centre LIMIT 1)
  WHERE EXISTS (SELECT 1 FROM centre);
