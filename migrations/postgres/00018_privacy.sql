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

-- +goose Down
DROP INDEX outbox_purge_idx;
ALTER TABLE outbox DROP COLUMN purged_at;
DROP INDEX households_retention_idx;
ALTER TABLE households DROP COLUMN anonymised_at;
ALTER TABLE households DROP COLUMN left_on;
