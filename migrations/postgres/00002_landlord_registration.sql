-- +goose Up
-- A landlord who registered on their own waits for activation by staff; one invited by
-- staff waits for their first password. Both are 'invited' until then, this tells them apart.
ALTER TABLE landlords ADD COLUMN self_registered BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX user_tokens_user_id_idx ON user_tokens (user_id, purpose);

-- +goose Down
DROP INDEX user_tokens_user_id_idx;
ALTER TABLE landlords DROP COLUMN self_registered;
