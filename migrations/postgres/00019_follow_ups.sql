-- +goose Up
-- Follow-ups of a tenancy (Nachsorge, docs/design.md §8.4): 3, 6, 12 and 24 months after the
-- tenancy's start the periodic job inserts the row (due_on is the anniversary day, see
-- domain.FollowUpDue); the unique index makes the insert the claim, so with several instances
-- exactly one creates it and sends its mails. Staff or the companion record the outcome: still
-- in the flat, housed elsewhere, or lost it (end_reason from the tenancies' catalogue).
CREATE TABLE follow_ups (
    id                BIGSERIAL PRIMARY KEY,
    tenancy_id        BIGINT NOT NULL REFERENCES tenancies (id) ON DELETE CASCADE,
    months            SMALLINT NOT NULL CHECK (months IN (3, 6, 12, 24)),
    due_on            DATE NOT NULL,
    outcome           TEXT CHECK (outcome IN ('in_flat', 'elsewhere', 'lost')),
    end_reason        TEXT CHECK (end_reason IN ('housed_elsewhere', 'moved_on', 'died', 'prison', 'care_home', 'eviction', 'notice_tenant', 'notice_landlord', 'other')),
    note              TEXT NOT NULL DEFAULT '',
    recorded_at       TIMESTAMPTZ,
    recorded_by_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    recorded_by_name  TEXT NOT NULL DEFAULT '',
    created_at        TIMESTAMPTZ NOT NULL,
    CHECK ((outcome IS NULL) = (recorded_at IS NULL)),
    CHECK (outcome IS NULL OR outcome = 'in_flat' OR end_reason IS NOT NULL)
);
CREATE UNIQUE INDEX follow_ups_tenancy_months_key ON follow_ups (tenancy_id, months);
CREATE INDEX follow_ups_due_idx ON follow_ups (recorded_at, due_on);

-- The landlord's satisfaction check at 3 and 12 months: a login-free link in a mail, only the
-- SHA-256 of its token stored, answerable once until expires_at; three answers on a scale of
-- 1 (sehr unzufrieden) to 5 (sehr zufrieden) and an optional comment.
CREATE TABLE satisfaction_checks (
    id              BIGSERIAL PRIMARY KEY,
    tenancy_id      BIGINT NOT NULL REFERENCES tenancies (id) ON DELETE CASCADE,
    months          SMALLINT NOT NULL CHECK (months IN (3, 12)),
    token_hash      TEXT NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    answered_at     TIMESTAMPTZ,
    contact_score   SMALLINT CHECK (contact_score BETWEEN 1 AND 5),
    support_score   SMALLINT CHECK (support_score BETWEEN 1 AND 5),
    overall_score   SMALLINT CHECK (overall_score BETWEEN 1 AND 5),
    comment         TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    CHECK ((answered_at IS NULL) = (overall_score IS NULL)),
    CHECK ((answered_at IS NULL) = (contact_score IS NULL)),
    CHECK ((answered_at IS NULL) = (support_score IS NULL))
);
CREATE UNIQUE INDEX satisfaction_checks_tenancy_months_key ON satisfaction_checks (tenancy_id, months);
CREATE UNIQUE INDEX satisfaction_checks_token_key ON satisfaction_checks (token_hash);

-- +goose Down
DROP TABLE satisfaction_checks;
DROP TABLE follow_ups;
