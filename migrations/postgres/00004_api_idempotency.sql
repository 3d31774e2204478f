-- +goose Up
-- Idempotency keys of the JSON API: a retried POST with the same key returns the first
-- answer. caller is "token:<id>" or "user:<id>"; status 0 means the first request is still
-- being processed. Rows older than 24 hours are ignored and removed by the janitor.
CREATE TABLE api_idempotency_keys (
    id              BIGSERIAL PRIMARY KEY,
    caller          TEXT NOT NULL,
    idem_key        TEXT NOT NULL CHECK (length(idem_key) BETWEEN 1 AND 255),
    method          TEXT NOT NULL,
    path            TEXT NOT NULL,
    request_hash    TEXT NOT NULL,
    response_status INTEGER NOT NULL DEFAULT 0,
    response_body   TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX api_idempotency_keys_caller_key ON api_idempotency_keys (caller, idem_key);
CREATE INDEX api_idempotency_keys_created_at ON api_idempotency_keys (created_at);
CREATE INDEX api_tokens_user_id ON api_tokens (user_id);

-- +goose Down
DROP INDEX api_tokens_user_id;
DROP TABLE api_idempotency_keys;
