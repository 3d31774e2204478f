-- +goose Up
-- The tenancy phase (docs/design.md §8): a tenancy (Mietverhältnis) starts when the lease is
-- recorded and ends with a date and a reason. Whether the household kept the placed flat and
-- whether it is stably housed anywhere are two facts: both hold while the tenancy runs; at its
-- end kept_flat becomes false and stably_housed says whether the household has a home.
-- next_visit_due is the day the next contact of the Wohnbegleitung is due under the tenancy's
-- rhythm (weekly in the first month, then monthly by default); visit_overdue_notified is the
-- due day the overdue job last announced, so each due day is announced once.
CREATE TABLE tenancies (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    match_id                BIGINT NOT NULL REFERENCES matches (id) ON DELETE RESTRICT,
    vacancy_id              BIGINT NOT NULL REFERENCES vacancies (id) ON DELETE RESTRICT,
    place                   SMALLINT NOT NULL DEFAULT 1 CHECK (place >= 1),
    household_id            BIGINT NOT NULL REFERENCES households (id) ON DELETE RESTRICT,
    landlord_id             BIGINT NOT NULL REFERENCES landlords (id) ON DELETE RESTRICT,
    companion_id            BIGINT REFERENCES users (id) ON DELETE SET NULL,
    contact_user_id         BIGINT REFERENCES users (id) ON DELETE SET NULL,
    status                  TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
    start_date              DATE NOT NULL,
    end_date                DATE,
    end_reason              TEXT CHECK (end_reason IN ('housed_elsewhere', 'moved_on', 'died', 'prison', 'care_home', 'eviction', 'notice_tenant', 'notice_landlord', 'other')),
    end_note                TEXT NOT NULL DEFAULT '',
    ended_by_id             BIGINT REFERENCES users (id) ON DELETE SET NULL,
    kept_flat               BOOLEAN NOT NULL DEFAULT TRUE,
    stably_housed           BOOLEAN NOT NULL DEFAULT TRUE,
    visit_early_days        INTEGER NOT NULL DEFAULT 7 CHECK (visit_early_days BETWEEN 1 AND 366),
    visit_early_months      INTEGER NOT NULL DEFAULT 1 CHECK (visit_early_months BETWEEN 0 AND 60),
    visit_later_days        INTEGER NOT NULL DEFAULT 30 CHECK (visit_later_days BETWEEN 1 AND 366),
    next_visit_due          DATE NOT NULL,
    visit_overdue_notified  DATE,
    created_at              DATETIME NOT NULL,
    updated_at              DATETIME NOT NULL,
    CHECK ((status = 'ended') = (end_date IS NOT NULL)),
    CHECK ((status = 'ended') = (end_reason IS NOT NULL)),
    CHECK (end_date IS NULL OR end_date >= start_date),
    CHECK (status = 'ended' OR (kept_flat AND stably_housed))
);
CREATE UNIQUE INDEX tenancies_match_key ON tenancies (match_id);
CREATE INDEX tenancies_household_id_idx ON tenancies (household_id);
CREATE INDEX tenancies_landlord_id_idx ON tenancies (landlord_id);
CREATE INDEX tenancies_companion_id_idx ON tenancies (companion_id);
CREATE INDEX tenancies_visit_due_idx ON tenancies (status, next_visit_due);
CREATE UNIQUE INDEX tenancies_one_active_per_household ON tenancies (household_id) WHERE status = 'active';

-- Contacts of the Wohnbegleitung with the household (never shown to landlords). topics is a
-- comma-separated list of Mietführerschein modules (domain.VisitTopics).
CREATE TABLE tenancy_visits (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    tenancy_id        BIGINT NOT NULL REFERENCES tenancies (id) ON DELETE CASCADE,
    visited_on        DATE NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('home', 'phone', 'office', 'landlord')),
    duration_minutes  INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 720),
    language          TEXT NOT NULL CHECK (language IN ('de', 'ro', 'bg', 'en', 'tr', 'ar', 'uk', 'pl')),
    topics            TEXT NOT NULL DEFAULT '',
    note              TEXT NOT NULL DEFAULT '',
    recorded_by_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at        DATETIME NOT NULL
);
CREATE INDEX tenancy_visits_tenancy_idx ON tenancy_visits (tenancy_id, visited_on);

-- Reports (Meldungen) of a landlord about a tenancy. respond_by is the response target
-- (end of the n-th working day in NRW after filing); first_answer_at the first answer of the
-- city's side; escalated_at the one escalation to all staff when the target passed unanswered.
CREATE TABLE tenancy_reports (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    tenancy_id       BIGINT NOT NULL REFERENCES tenancies (id) ON DELETE CASCADE,
    category         TEXT NOT NULL CHECK (category IN ('rent_arrears', 'noise', 'waste', 'damage', 'no_contact', 'other')),
    urgency          TEXT NOT NULL CHECK (urgency IN ('low', 'normal', 'urgent')),
    body             TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'in_progress', 'done')),
    filed_by_id      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    filed_by_name    TEXT NOT NULL DEFAULT '',
    respond_by       DATETIME NOT NULL,
    first_answer_at  DATETIME,
    in_progress_at   DATETIME,
    done_at          DATETIME,
    escalated_at     DATETIME,
    created_at       DATETIME NOT NULL,
    updated_at       DATETIME NOT NULL
);
CREATE INDEX tenancy_reports_tenancy_idx ON tenancy_reports (tenancy_id, created_at);
CREATE INDEX tenancy_reports_due_idx ON tenancy_reports (status, respond_by);

-- The thread of a report: replies of the landlord and of the city's side.
CREATE TABLE tenancy_report_replies (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id     BIGINT NOT NULL REFERENCES tenancy_reports (id) ON DELETE CASCADE,
    author_id     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    author_name   TEXT NOT NULL DEFAULT '',
    author_role   TEXT NOT NULL CHECK (author_role IN ('staff', 'caseworker', 'landlord', 'admin')),
    body          TEXT NOT NULL,
    created_at    DATETIME NOT NULL
);
CREATE INDEX tenancy_report_replies_report_idx ON tenancy_report_replies (report_id, created_at);

-- +goose Down
DROP TABLE tenancy_report_replies;
DROP TABLE tenancy_reports;
DROP TABLE tenancy_visits;
DROP TABLE tenancies;
