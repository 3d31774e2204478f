-- +goose Up
-- Art. 22 GDPR: a person decides. When staff approve a household other than the best-ranked
-- eligible one that is free for the flat, the approval keeps the written reason with the
-- ranking snapshot it was made from: a code of domain.OverrideReasons and the free text.
-- Approvals of the top candidate (and those written before) have no override_reason.
ALTER TABLE ranking_snapshots ADD COLUMN override_reason TEXT CHECK (override_reason IN ('better_fit', 'support_plan', 'top_unreachable', 'top_not_ready', 'other'));
ALTER TABLE ranking_snapshots ADD COLUMN override_note TEXT NOT NULL DEFAULT '';
ALTER TABLE ranking_snapshots ADD COLUMN top_household_id BIGINT;
-- Refusals cost nothing: the household may say why it declined a viewing (optional, a code of
-- domain.DeclineReasons); the reason is for the equity figures only and never lowers a rank.
ALTER TABLE matches ADD COLUMN decline_reason TEXT CHECK (decline_reason IN ('flat_unsuitable', 'too_expensive', 'found_elsewhere', 'personal', 'other'));

-- +goose Down
ALTER TABLE matches DROP COLUMN decline_reason;
ALTER TABLE ranking_snapshots DROP COLUMN top_household_id;
ALTER TABLE ranking_snapshots DROP COLUMN override_note;
ALTER TABLE ranking_snapshots DROP COLUMN override_reason;
