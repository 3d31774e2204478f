-- +goose Up
-- Mietführerschein (docs/design.md §11): courses of the Quartiersmanagement with sessions,
-- participants (of a household or not yet linked), attendance, exam results and the issued
-- certificates (Integrationszertifikat Wohnen). The household keeps a copy of its valid
-- certificate (passed on, number, valid until, certificate id) that only the course service
-- writes, so the ranking's candidate rows and its change detection stay as they are.
ALTER TABLE users ADD COLUMN course_staff BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE households ADD COLUMN certificate_until DATE;
ALTER TABLE households ADD COLUMN certificate_id BIGINT;

CREATE TABLE courses (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    title                   TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    languages               TEXT NOT NULL DEFAULT 'de',
    interpreters            TEXT NOT NULL DEFAULT '',
    trainers                TEXT NOT NULL DEFAULT '',
    capacity                INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 200),
    min_attendance_percent  INTEGER NOT NULL DEFAULT 75 CHECK (min_attendance_percent BETWEEN 0 AND 100),
    validity_months         INTEGER NOT NULL DEFAULT 24 CHECK (validity_months BETWEEN 1 AND 120),
    refresher               BOOLEAN NOT NULL DEFAULT FALSE,
    status                  TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'running', 'completed', 'cancelled')),
    exam_on                 DATE,
    resit_on                DATE,
    panel                   TEXT NOT NULL DEFAULT '',
    created_at              DATETIME NOT NULL,
    updated_at              DATETIME NOT NULL
);
CREATE INDEX courses_status_idx ON courses (status);

CREATE TABLE course_sessions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    course_id  BIGINT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    starts_at  DATETIME NOT NULL,
    ends_at    DATETIME NOT NULL,
    place      TEXT NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
    modules    TEXT NOT NULL DEFAULT '',
    CHECK (ends_at > starts_at)
);
CREATE INDEX course_sessions_course_idx ON course_sessions (course_id, starts_at);

CREATE TABLE course_participants (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    course_id     BIGINT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    household_id  BIGINT REFERENCES households (id) ON DELETE SET NULL,
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email         TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    language      TEXT NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'ro', 'bg', 'en', 'tr', 'ar', 'uk', 'pl')),
    waitlisted    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    DATETIME NOT NULL
);
CREATE INDEX course_participants_course_idx ON course_participants (course_id);
CREATE INDEX course_participants_household_idx ON course_participants (household_id);

CREATE TABLE course_attendance (
    participant_id  BIGINT NOT NULL REFERENCES course_participants (id) ON DELETE CASCADE,
    session_id      BIGINT NOT NULL REFERENCES course_sessions (id) ON DELETE CASCADE,
    present         BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (participant_id, session_id)
);

CREATE TABLE exam_results (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    participant_id  BIGINT NOT NULL REFERENCES course_participants (id) ON DELETE CASCADE,
    attempt         INTEGER NOT NULL CHECK (attempt IN (1, 2)),
    taken_on        DATE NOT NULL,
    written         INTEGER NOT NULL CHECK (written BETWEEN 0 AND 20),
    practical       INTEGER NOT NULL CHECK (practical BETWEEN 0 AND 20),
    oral            INTEGER NOT NULL CHECK (oral BETWEEN 0 AND 20),
    passed          BOOLEAN NOT NULL,
    panel           TEXT NOT NULL DEFAULT '',
    created_at      DATETIME NOT NULL
);
CREATE UNIQUE INDEX exam_results_attempt_key ON exam_results (participant_id, attempt);

CREATE TABLE certificates (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    number          TEXT NOT NULL CHECK (length(number) = 17),
    participant_id  BIGINT NOT NULL REFERENCES course_participants (id) ON DELETE CASCADE,
    household_id    BIGINT REFERENCES households (id) ON DELETE SET NULL,
    holder_name     TEXT NOT NULL,
    language        TEXT NOT NULL DEFAULT 'de',
    issued_on       DATE NOT NULL,
    valid_until     DATE NOT NULL,
    revoked_at      DATETIME,
    revoked_reason  TEXT NOT NULL DEFAULT '',
    reminded_at     DATETIME,
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL,
    CHECK (valid_until >= issued_on),
    CHECK ((revoked_at IS NULL) = (revoked_reason = ''))
);
CREATE UNIQUE INDEX certificates_number_key ON certificates (number);
CREATE UNIQUE INDEX certificates_participant_key ON certificates (participant_id);
CREATE INDEX certificates_household_idx ON certificates (household_id);
CREATE INDEX certificates_valid_until_idx ON certificates (valid_until);

-- Certificates typed into the household form before the portal issued them: valid for the
-- default 24 months (§ 188 BGB, as domain.CertificateValidUntil).
UPDATE households SET certificate_until =
    date(certificate_passed_on, 'start of month', '+24 months', '+' || (CAST(strftime('%d', certificate_passed_on) AS INTEGER) - 1) || ' days', '-1 day')
WHERE certificate_passed_on IS NOT NULL
  AND strftime('%d', certificate_passed_on) <= strftime('%d', date(certificate_passed_on, 'start of month', '+25 months', '-1 day'));
UPDATE households SET certificate_until = date(certificate_passed_on, 'start of month', '+25 months', '-1 day')
WHERE certificate_passed_on IS NOT NULL AND certificate_until IS NULL;

-- +goose Down
DROP TABLE certificates;
DROP TABLE exam_results;
DROP TABLE course_attendance;
DROP TABLE course_participants;
DROP TABLE course_sessions;
DROP TABLE courses;
ALTER TABLE households DROP COLUMN certificate_id;
ALTER TABLE households DROP COLUMN certificate_until;
ALTER TABLE users DROP COLUMN course_staff;
