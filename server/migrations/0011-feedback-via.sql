-- How a rating came: 'tracker' (the citizen's own ticket page, the only way the API takes one) or 'demo'
-- (the demo centre's simulated past). Ratings given before this stay NULL: nothing recorded how they came,
-- and a signed-in clerk could then rate a visit in the citizen's place.
ALTER TABLE feedback ADD COLUMN via TEXT CHECK (via IN ('tracker', 'demo'));
