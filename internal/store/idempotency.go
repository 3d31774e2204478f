package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"wohnbruecke/internal/domain"
)

// IdempotencyTTL is how long an idempotency key is remembered.
const IdempotencyTTL = 24 * time.Hour

// IdempotencyLease is how long a reservation (a key whose first request is still being
// processed) holds without being renewed. The request renews it while it runs; a
// reservation older than the lease belongs to a process that died (kill -9, power loss)
// and is taken over by the next request with the key, so a client retrying after a crash
// waits seconds, not the 24 hours of IdempotencyTTL.
const IdempotencyLease = 30 * time.Second

// IdempotencyKey is the remembered answer to a POST sent with an Idempotency-Key header.
// ResponseStatus 0 means the first request is still being processed; while it is,
// CreatedAt is the time of the last renewal of the reservation (the lease's start).
type IdempotencyKey struct {
	ID             int64
	Caller         string
	IdemKey        string
	Method         string
	Path           string
	RequestHash    string
	ResponseStatus int
	ResponseBody   string
	CreatedAt      time.Time
}

// TableName names the table.
func (IdempotencyKey) TableName() string { return "api_idempotency_keys" }

// ReserveIdempotencyKey claims a key for a caller. It returns (nil, nil) when the key is new
// and now reserved, or the row stored for it before (which may still be in progress). A row
// older than IdempotencyTTL, or a reservation whose lease ran out (IdempotencyLease), is
// forgotten and the key reserved afresh.
func (s *Store) ReserveIdempotencyKey(ctx context.Context, k *IdempotencyKey) (*IdempotencyKey, error) {
	now := s.Now()
	if err := s.q(ctx).Where("caller = ? AND idem_key = ? AND (created_at < ? OR (response_status = 0 AND created_at < ?))",
		k.Caller, k.IdemKey, now.Add(-IdempotencyTTL), now.Add(-IdempotencyLease)).
		Delete(&IdempotencyKey{}).Error; err != nil {
		return nil, fmt.Errorf("store: expire idempotency key: %w", err)
	}
	k.CreatedAt, k.ResponseStatus, k.ResponseBody = now, 0, ""
	err := s.q(ctx).Create(k).Error
	if err == nil {
		return nil, nil
	}
	if !isUniqueViolation(err) {
		return nil, fmt.Errorf("store: reserve idempotency key: %w", err)
	}
	var prev IdempotencyKey
	err = s.q(ctx).Where("caller = ? AND idem_key = ?", k.Caller, k.IdemKey).Take(&prev).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		// Released between our insert and this read: the caller may retry.
		return nil, domain.Conflict(domain.CodeIdempotencyAborted, "Eine Anfrage mit diesem Idempotency-Key wurde gerade abgebrochen. Bitte senden Sie sie noch einmal.")
	}
	if err != nil {
		return nil, fmt.Errorf("store: idempotency key: %w", err)
	}
	return &prev, nil
}

// RenewIdempotencyKey extends the lease of a reservation whose request is still running.
// It returns domain.ErrConflict when the reservation is gone (taken over after its lease
// ran out, or completed).
func (s *Store) RenewIdempotencyKey(ctx context.Context, id int64) error {
	res := s.q(ctx).Model(&IdempotencyKey{}).Where("id = ? AND response_status = 0", id).Update("created_at", s.Now())
	if res.Error != nil {
		return fmt.Errorf("store: renew idempotency key: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: renew idempotency key %d: %w", id, domain.ErrConflict)
	}
	return nil
}

// CompleteIdempotencyKey stores the answer of the request that reserved the key.
func (s *Store) CompleteIdempotencyKey(ctx context.Context, id int64, status int, body string) error {
	err := s.q(ctx).Model(&IdempotencyKey{}).Where("id = ?", id).
		Updates(map[string]any{"response_status": status, "response_body": body}).Error
	if err != nil {
		return fmt.Errorf("store: complete idempotency key: %w", err)
	}
	return nil
}

// ReleaseIdempotencyKey forgets a reservation whose request failed unexpectedly, so that a
// retry runs again.
func (s *Store) ReleaseIdempotencyKey(ctx context.Context, id int64) error {
	if err := s.q(ctx).Where("id = ?", id).Delete(&IdempotencyKey{}).Error; err != nil {
		return fmt.Errorf("store: release idempotency key: %w", err)
	}
	return nil
}

// DeleteOldIdempotencyKeys removes keys older than IdempotencyTTL.
func (s *Store) DeleteOldIdempotencyKeys(ctx context.Context) error {
	err := s.q(ctx).Where("created_at < ?", s.Now().Add(-IdempotencyTTL)).Delete(&IdempotencyKey{}).Error
	if err != nil {
		return fmt.Errorf("store: delete old idempotency keys: %w", err)
	}
	return nil
}
