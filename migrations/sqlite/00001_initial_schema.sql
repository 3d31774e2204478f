-- +goose Up
-- Initial schema for every entity of DESIGN §3 plus accounts, sessions and audit.
-- Units: money in euro cents (BIGINT), living area in hundredths of m² (area_centi_m2),
-- rooms in half rooms (rooms_half: 2.5 rooms = 5). Dates are DATE, instants DATETIME (stored as text by the driver).

CREATE TABLE landlords (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind          TEXT NOT NULL CHECK (kind IN ('private', 'company', 'cooperative')),
    contact_name  TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    street        TEXT NOT NULL DEFAULT '',
    postal_code   TEXT NOT NULL DEFAULT '',
    city          TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'active', 'blocked')),
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL
);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    email          TEXT NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    phone          TEXT NOT NULL DEFAULT '',
    role           TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'caseworker', 'landlord')),
    landlord_id    BIGINT REFERENCES landlords (id) ON DELETE RESTRICT,
    password_hash  TEXT NOT NULL DEFAULT '',
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    last_login_at  DATETIME,
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL,
    CHECK ((role = 'landlord') = (landlord_id IS NOT NULL))
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_landlord_id_idx ON users (landlord_id);

CREATE TABLE cooperation_agreements (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    landlord_id            BIGINT NOT NULL REFERENCES landlords (id) ON DELETE CASCADE,
    version                TEXT NOT NULL,
    signed_at              DATETIME,
    signed_by_user_id      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    signed_by_name         TEXT NOT NULL DEFAULT '',
    contact_user_id        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    accepts_certificate    BOOLEAN NOT NULL DEFAULT FALSE,
    accepts_accompaniment  BOOLEAN NOT NULL DEFAULT FALSE,
    accepts_fachstelle     BOOLEAN NOT NULL DEFAULT FALSE,
    yearly_quota           INTEGER NOT NULL DEFAULT 0 CHECK (yearly_quota BETWEEN 0 AND 10000),
    guarantee              BOOLEAN NOT NULL DEFAULT FALSE,
    created_at             DATETIME NOT NULL,
    updated_at             DATETIME NOT NULL,
    CHECK ((signed_at IS NULL) = (signed_by_name = ''))
);
CREATE UNIQUE INDEX cooperation_agreements_landlord_version_key ON cooperation_agreements (landlord_id, version);

CREATE TABLE sessions (
    id_hash       TEXT PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    DATETIME NOT NULL,
    last_seen_at  DATETIME NOT NULL,
    expires_at    DATETIME NOT NULL,
    ip            TEXT NOT NULL DEFAULT '',
    user_agent    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

CREATE TABLE login_attempts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    email       TEXT NOT NULL,
    ip          TEXT NOT NULL,
    success     BOOLEAN NOT NULL,
    created_at  DATETIME NOT NULL
);
CREATE INDEX login_attempts_email_idx ON login_attempts (email, created_at);
CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, created_at);

CREATE TABLE user_tokens (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
    token_hash  TEXT NOT NULL,
    expires_at  DATETIME NOT NULL,
    used_at     DATETIME,
    created_at  DATETIME NOT NULL
);
CREATE UNIQUE INDEX user_tokens_token_hash_key ON user_tokens (token_hash);

CREATE TABLE api_tokens (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash      TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'caseworker', 'landlord')),
    user_id         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_by_id   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    expires_at      DATETIME,
    last_used_at    DATETIME,
    revoked_at      DATETIME,
    created_at      DATETIME NOT NULL
);
CREATE UNIQUE INDEX api_tokens_token_hash_key ON api_tokens (token_hash);

CREATE TABLE households (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    reference               TEXT NOT NULL,
    contact_name            TEXT NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 200),
    email                   TEXT,
    phone                   TEXT NOT NULL DEFAULT '',
    language                TEXT NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'ro', 'bg', 'en', 'tr', 'ar', 'uk', 'pl')),
    nationality             TEXT NOT NULL DEFAULT '',
    caseworker_id           BIGINT REFERENCES users (id) ON DELETE SET NULL,
    certificate_passed_on   DATE,
    certificate_number      TEXT NOT NULL DEFAULT '',
    accompaniment_from      DATE,
    accompaniment_until     DATE,
    companion_name          TEXT NOT NULL DEFAULT '',
    companion_email         TEXT NOT NULL DEFAULT '',
    companion_phone         TEXT NOT NULL DEFAULT '',
    fachstelle_case         BOOLEAN NOT NULL DEFAULT FALSE,
    emergency_category      TEXT CHECK (emergency_category IN ('A1', 'A2', 'B', 'C')),
    urgency                 SMALLINT CHECK (urgency BETWEEN 1 AND 4),
    homeless_since          DATE,
    focus_group             TEXT NOT NULL DEFAULT 'none' CHECK (focus_group IN ('none', 'senior_care', 'mental_health', 'women', 'eu2_family')),
    health_notes            TEXT NOT NULL DEFAULT '',
    benefit                 TEXT NOT NULL DEFAULT 'none' CHECK (benefit IN ('none', 'sgb2', 'sgb12', 'wohngeld')),
    direct_payment_consent  BOOLEAN NOT NULL DEFAULT FALSE,
    yearly_income_cents     BIGINT CHECK (yearly_income_cents >= 0),
    wbs_valid_until         DATE,
    wbs_persons             SMALLINT CHECK (wbs_persons BETWEEN 1 AND 30),
    needs_wheelchair        BOOLEAN NOT NULL DEFAULT FALSE,
    needs_step_free         BOOLEAN NOT NULL DEFAULT FALSE,
    has_pets                BOOLEAN NOT NULL DEFAULT FALSE,
    preferred_boroughs      TEXT NOT NULL DEFAULT '',
    excluded_boroughs       TEXT NOT NULL DEFAULT '',
    earliest_move_in        DATE,
    registered_on           DATE NOT NULL,
    lottery_number          BIGINT NOT NULL CHECK (lottery_number >= 0),
    status                  TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'housed', 'closed')),
    paused_reason           TEXT NOT NULL DEFAULT '',
    paused_until            DATE,
    created_at              DATETIME NOT NULL,
    updated_at              DATETIME NOT NULL,
    CHECK (fachstelle_case OR (emergency_category IS NULL AND urgency IS NULL AND homeless_since IS NULL)),
    CHECK (NOT fachstelle_case OR (emergency_category IS NOT NULL AND urgency IS NOT NULL)),
    CHECK (accompaniment_until IS NULL OR (accompaniment_from IS NOT NULL AND accompaniment_until >= accompaniment_from)),
    CHECK ((wbs_valid_until IS NULL) = (wbs_persons IS NULL)),
    CHECK (status <> 'paused' OR paused_reason <> '')
);
CREATE UNIQUE INDEX households_reference_key ON households (reference);
CREATE UNIQUE INDEX households_lottery_number_key ON households (lottery_number);
CREATE INDEX households_status_idx ON households (status);
CREATE INDEX households_caseworker_id_idx ON households (caseworker_id);

CREATE TABLE household_members (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    household_id  BIGINT NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    birth_year    SMALLINT NOT NULL CHECK (birth_year BETWEEN 1900 AND 2100),
    sex           TEXT NOT NULL CHECK (sex IN ('f', 'm', 'd')),
    position      SMALLINT NOT NULL DEFAULT 0
);
CREATE INDEX household_members_household_id_idx ON household_members (household_id);

CREATE TABLE consents (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    household_id  BIGINT NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('data_processing', 'share_with_landlord', 'direct_payment_disclosure', 'health_data', 'email_contact')),
    given_at      DATETIME NOT NULL,
    revoked_at    DATETIME,
    recorded_by   BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX consents_household_id_idx ON consents (household_id);

CREATE TABLE vacancies (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    landlord_id            BIGINT NOT NULL REFERENCES landlords (id) ON DELETE RESTRICT,
    street                 TEXT NOT NULL CHECK (length(street) BETWEEN 1 AND 200),
    postal_code            TEXT NOT NULL CHECK (length(postal_code) = 5),
    district               TEXT NOT NULL,
    borough                TEXT NOT NULL CHECK (borough IN ('mitte', 'nord', 'hohenlimburg', 'eilpe_dahl', 'haspe')),
    floor                  SMALLINT NOT NULL CHECK (floor BETWEEN -1 AND 40),
    elevator               BOOLEAN NOT NULL DEFAULT FALSE,
    step_free              BOOLEAN NOT NULL DEFAULT FALSE,
    wheelchair             BOOLEAN NOT NULL DEFAULT FALSE,
    rooms_half             SMALLINT NOT NULL CHECK (rooms_half BETWEEN 1 AND 40),
    area_centi_m2          INTEGER NOT NULL CHECK (area_centi_m2 BETWEEN 500 AND 100000),
    net_cold_rent_cents    BIGINT NOT NULL CHECK (net_cold_rent_cents >= 0),
    service_charges_cents  BIGINT NOT NULL CHECK (service_charges_cents >= 0),
    heating_costs_cents    BIGINT NOT NULL CHECK (heating_costs_cents >= 0),
    deposit_cents          BIGINT NOT NULL DEFAULT 0 CHECK (deposit_cents >= 0),
    available_from         DATE NOT NULL,
    wbs_required           BOOLEAN NOT NULL DEFAULT FALSE,
    pets_allowed           BOOLEAN NOT NULL DEFAULT FALSE,
    max_occupants          SMALLINT CHECK (max_occupants BETWEEN 1 AND 30),
    places                 SMALLINT NOT NULL DEFAULT 1 CHECK (places BETWEEN 1 AND 30),
    restriction            TEXT NOT NULL DEFAULT 'none' CHECK (restriction IN ('none', 'women_only', 'senior_wg')),
    accepts_certificate    BOOLEAN NOT NULL DEFAULT FALSE,
    accepts_accompaniment  BOOLEAN NOT NULL DEFAULT FALSE,
    accepts_fachstelle     BOOLEAN NOT NULL DEFAULT FALSE,
    description            TEXT NOT NULL DEFAULT '',
    status                 TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'published', 'let', 'withdrawn')),
    review_comment         TEXT NOT NULL DEFAULT '',
    submitted_at           DATETIME,
    published_at           DATETIME,
    created_at             DATETIME NOT NULL,
    updated_at             DATETIME NOT NULL
);
CREATE INDEX vacancies_landlord_id_idx ON vacancies (landlord_id);
CREATE INDEX vacancies_status_idx ON vacancies (status);

CREATE TABLE viewing_slots (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    vacancy_id  BIGINT NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
    starts_at   DATETIME NOT NULL,
    ends_at     DATETIME NOT NULL,
    place       TEXT NOT NULL DEFAULT '',
    capacity    SMALLINT NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 50),
    booked      SMALLINT NOT NULL DEFAULT 0,
    created_at  DATETIME NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK (booked BETWEEN 0 AND capacity)
);
CREATE INDEX viewing_slots_vacancy_id_idx ON viewing_slots (vacancy_id);

CREATE TABLE policies (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    version        INTEGER NOT NULL CHECK (version >= 1),
    weights_json   TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    created_by_id  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at     DATETIME NOT NULL
);
CREATE UNIQUE INDEX policies_version_key ON policies (version);

CREATE TABLE settings (
    key            TEXT PRIMARY KEY,
    value_json     TEXT NOT NULL,
    updated_by_id  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    updated_at     DATETIME NOT NULL
);

CREATE TABLE ranking_snapshots (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    vacancy_id      BIGINT NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
    policy_version  INTEGER NOT NULL,
    computed_on     DATE NOT NULL,
    inputs_json     TEXT NOT NULL,
    result_json     TEXT NOT NULL,
    created_by_id   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at      DATETIME NOT NULL
);
CREATE INDEX ranking_snapshots_vacancy_id_idx ON ranking_snapshots (vacancy_id);

CREATE TABLE matches (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    vacancy_id           BIGINT NOT NULL REFERENCES vacancies (id) ON DELETE RESTRICT,
    household_id         BIGINT NOT NULL REFERENCES households (id) ON DELETE RESTRICT,
    place                SMALLINT NOT NULL DEFAULT 1 CHECK (place >= 1),
    state                TEXT NOT NULL CHECK (state IN ('proposed', 'approved', 'viewing_scheduled', 'viewing_confirmed', 'viewed', 'landlord_accepted', 'lease_signed', 'declined_by_applicant', 'no_show', 'landlord_rejected', 'withdrawn', 'expired')),
    score                REAL NOT NULL DEFAULT 0,
    rank                 INTEGER NOT NULL DEFAULT 0,
    explanation_json     TEXT NOT NULL DEFAULT '{}',
    snapshot_id          BIGINT REFERENCES ranking_snapshots (id) ON DELETE SET NULL,
    policy_version       INTEGER NOT NULL DEFAULT 0,
    proposed_by_id       BIGINT REFERENCES users (id) ON DELETE SET NULL,
    approved_by_id       BIGINT REFERENCES users (id) ON DELETE SET NULL,
    approved_at          DATETIME,
    rejection_reason     TEXT CHECK (rejection_reason IN ('other_tenant', 'household_size', 'income', 'impression', 'no_contact', 'withdrawn_offer', 'other')),
    rejection_note       TEXT NOT NULL DEFAULT '',
    state_changed_at     DATETIME NOT NULL,
    stall_reminded_at    DATETIME,
    created_at           DATETIME NOT NULL,
    updated_at           DATETIME NOT NULL,
    CHECK ((state = 'landlord_rejected') = (rejection_reason IS NOT NULL))
);
CREATE INDEX matches_vacancy_id_idx ON matches (vacancy_id);
CREATE INDEX matches_household_id_idx ON matches (household_id);
CREATE INDEX matches_state_idx ON matches (state);
CREATE UNIQUE INDEX matches_one_active_per_household ON matches (household_id)
    WHERE state IN ('approved', 'viewing_scheduled', 'viewing_confirmed', 'viewed', 'landlord_accepted');
CREATE UNIQUE INDEX matches_one_lease_per_place ON matches (vacancy_id, place)
    WHERE state = 'lease_signed';

CREATE TABLE viewings (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    match_id      BIGINT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    slot_id       BIGINT REFERENCES viewing_slots (id) ON DELETE SET NULL,
    starts_at     DATETIME NOT NULL,
    ends_at       DATETIME NOT NULL,
    place         TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'confirmed', 'cancelled', 'held', 'no_show')),
    calendar_uid  TEXT NOT NULL,
    sequence      INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
    reminded_at   DATETIME,
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE UNIQUE INDEX viewings_calendar_uid_key ON viewings (calendar_uid);
CREATE INDEX viewings_match_id_idx ON viewings (match_id);
CREATE INDEX viewings_slot_id_idx ON viewings (slot_id);

CREATE TABLE applicant_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    viewing_id   BIGINT NOT NULL REFERENCES viewings (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL,
    expires_at   DATETIME NOT NULL,
    answered_at  DATETIME,
    answer       TEXT CHECK (answer IN ('confirm', 'decline', 'reschedule')),
    created_at   DATETIME NOT NULL
);
CREATE UNIQUE INDEX applicant_tokens_token_hash_key ON applicant_tokens (token_hash);
CREATE INDEX applicant_tokens_viewing_id_idx ON applicant_tokens (viewing_id);

CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    dedupe_key       TEXT NOT NULL,
    kind             TEXT NOT NULL,
    to_address       TEXT NOT NULL,
    to_name          TEXT NOT NULL DEFAULT '',
    language         TEXT NOT NULL DEFAULT 'de',
    subject          TEXT NOT NULL,
    body_text        TEXT NOT NULL,
    body_html        TEXT NOT NULL DEFAULT '',
    ics              TEXT NOT NULL DEFAULT '',
    match_id         BIGINT REFERENCES matches (id) ON DELETE SET NULL,
    state            TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  DATETIME NOT NULL,
    locked_until     DATETIME,
    last_error       TEXT NOT NULL DEFAULT '',
    sent_at          DATETIME,
    created_at       DATETIME NOT NULL,
    updated_at       DATETIME NOT NULL
);
CREATE UNIQUE INDEX outbox_dedupe_key_key ON outbox (dedupe_key);
CREATE INDEX outbox_due_idx ON outbox (state, next_attempt_at);

CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at             DATETIME NOT NULL,
    actor_user_id  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    actor_label    TEXT NOT NULL DEFAULT '',
    action         TEXT NOT NULL,
    entity         TEXT NOT NULL,
    entity_id      BIGINT,
    detail         TEXT NOT NULL DEFAULT '',
    ip             TEXT NOT NULL DEFAULT '',
    request_id     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
CREATE INDEX audit_log_at_idx ON audit_log (at);

-- +goose Down
-- Forward-only: rolling back the initial schema is not supported.
SELECT 1;
