-- +goose Up
-- The ranking keeps the candidate rows in memory per instance and reloads them when the
-- households or matches changed; these indexes make that check a lookup, not a scan.
CREATE INDEX households_updated_at_idx ON households (updated_at);
CREATE INDEX matches_updated_at_idx ON matches (updated_at);

-- +goose Down
DROP INDEX matches_updated_at_idx;
DROP INDEX households_updated_at_idx;
