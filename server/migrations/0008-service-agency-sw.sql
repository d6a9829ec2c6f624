-- A service's agency in Kiswahili, for the kiosk's headings when a citizen reads it in Kiswahili (the
-- agency column stays the name as the centre writes it, and the grouping key). Existing services stay
-- NULL: their screens show the agency as written until the admin gives its Kiswahili name.
ALTER TABLE services ADD COLUMN agency_sw TEXT;
