-- +goose Up
-- The complete inputs and order of the ranking behind an approval, so it can be rebuilt and
-- checked exactly (ranking.Snapshot): data is the compressed form (format 1), the hashes are
-- the SHA-256 of its uncompressed inputs and order. Snapshots written before have format 0
-- and no data.
ALTER TABLE ranking_snapshots ADD COLUMN format SMALLINT NOT NULL DEFAULT 0 CHECK (format >= 0);
ALTER TABLE ranking_snapshots ADD COLUMN inputs_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE ranking_snapshots ADD COLUMN order_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE ranking_snapshots ADD COLUMN data BYTEA;

-- +goose Down
ALTER TABLE ranking_snapshots DROP COLUMN data;
ALTER TABLE ranking_snapshots DROP COLUMN order_sha256;
ALTER TABLE ranking_snapshots DROP COLUMN inputs_sha256;
ALTER TABLE ranking_snapshots DROP COLUMN format;
