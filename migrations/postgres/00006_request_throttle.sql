-- +goose Up
-- One row per throttled request (password reset, registration) and bucket it counts in:
-- "reset:ip:203.0.113.7", "reset:email:<SHA-256 prefix of the address>". Refused requests
-- leave no row; rows older than a day are deleted with the expired sessions.
CREATE TABLE request_throttle (
    id          BIGSERIAL PRIMARY KEY,
    bucket      TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX request_throttle_bucket_idx ON request_throttle (bucket, created_at);

-- +goose Down
DROP TABLE request_throttle;
