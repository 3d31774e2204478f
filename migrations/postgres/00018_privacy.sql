-- +goose Up
-- Data protection (issue 15). left_on is the day a household left the active pool (closed
-- or marked versorgt); the retention job anonymises it a configured number of months later
-- and records when (anonymised_at). Households closed before this migration count from
-- their last change (in Hagen's time). purged_at marks sent mail whose bodies were removed
-- after delivery.
ALTER TABLE households ADD COLUMN left_on DATE;
ALTER TABLE households ADD COLUMN anonymised_at TIMESTAMPTZ;
UPDATE households SET left_on = (updated_at AT TIME ZONE 'Europe/Berlin')::date WHERE status IN ('housed', 'closed');
CREATE INDEX households_retention_idx ON households (left_on) WHERE anonymised_at IS NULL;
ALTER TABLE outbox ADD COLUMN purged_at TIMESTAMPTZ;
CREATE INDEX outbox_purge_idx ON outbox (sent_at) WHERE purged_at IS NULL;

-- Characteristics of the statutory counts (WoBerichtsG § 4, NRW count on 30 June) for
-- Fachstelle cases: kind and provider of the accommodation and since when; empty is
-- "unbekannt". A Senioren-WG vacancy can be marked as newly created for "Endlich ein ZUHAUSE!".
ALTER TABLE households ADD COLUMN accommodation_kind TEXT NOT NULL DEFAULT '' CHECK (accommodation_kind IN ('', 'emergency_shelter', 'transitional_flat', 'hotel', 'facility', 'womens_refuge', 'other'));
ALTER TABLE households ADD COLUMN accommodation_provider TEXT NOT NULL DEFAULT '' CHECK (accommodation_provider IN ('', 'municipality', 'free_provider', 'commercial'));
ALTER TABLE households ADD COLUMN accommodated_since DATE;
ALTER TABLE vacancies ADD COLUMN senior_wg_new BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE vacancies DROP COLUMN senior_wg_new;
ALTER TABLE households DROP COLUMN accommodated_since;
ALTER TABLE households DROP COLUMN accommodation_provider;
ALTER TABLE households DROP COLUMN accommodation_kind;
DROP INDEX outbox_purge_idx;
ALTER TABLE outbox DROP COLUMN purged_at;
DROP INDEX households_retention_idx;
ALTER TABLE households DROP COLUMN anonymised_at;
ALTER TABLE households DROP COLUMN left_on;
