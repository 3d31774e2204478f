-- +goose Up
-- Printed viewing invitations handed over in person (households without email): who handed
-- over which version of the viewing and when. A rescheduled viewing raises its sequence, so
-- its new invitation is a new print task until it is handed over too.
CREATE TABLE invitation_handovers (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    viewing_id         BIGINT NOT NULL REFERENCES viewings (id) ON DELETE CASCADE,
    sequence           INTEGER NOT NULL CHECK (sequence >= 0),
    handed_over_by_id  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    handed_over_by     TEXT NOT NULL DEFAULT '',
    handed_over_at     DATETIME NOT NULL
);
CREATE UNIQUE INDEX invitation_handovers_viewing_key ON invitation_handovers (viewing_id, sequence);

-- +goose Down
DROP TABLE invitation_handovers;
