package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"wohnbruecke/internal/domain"
)

// requestThrottle is one counted request in one bucket.
type requestThrottle struct {
	ID        int64
	Bucket    string
	CreatedAt time.Time
}

func (requestThrottle) TableName() string { return "request_throttle" }

// EmailBucket is the throttle bucket of an address: a hash, so the table keeps no address.
func EmailBucket(prefix, email string) string {
	sum := sha256.Sum256([]byte(NormalizeEmail(email)))
	return prefix + ":email:" + hex.EncodeToString(sum[:12])
}

// ThrottleRequest counts one request in each bucket (bucket → most requests allowed since
// since). Like ReserveLoginAttempt it counts and records in one transaction locked on the
// buckets, so parallel requests cannot slip past a limit; when a bucket is full nothing is
// recorded and the answer is domain.ErrThrottled.
func (s *Store) ThrottleRequest(ctx context.Context, since time.Time, limits map[string]int64) error {
	buckets := slices.Sorted(maps.Keys(limits))
	return s.tx(ctx, func(tx *Store) error {
		if err := tx.lockKeys(ctx, buckets...); err != nil {
			return err
		}
		rows := make([]requestThrottle, 0, len(buckets))
		for _, bucket := range buckets {
			var n int64
			if err := tx.q(ctx).Model(&requestThrottle{}).Where("bucket = ? AND created_at >= ?", bucket, since).Count(&n).Error; err != nil {
				return fmt.Errorf("store: throttle request: count: %w", err)
			}
			if n >= limits[bucket] {
				return fmt.Errorf("store: throttle request (%d in %s): %w", n, bucket, domain.ErrThrottled)
			}
			rows = append(rows, requestThrottle{Bucket: bucket, CreatedAt: tx.Now()})
		}
		if err := tx.q(ctx).Create(&rows).Error; err != nil {
			return fmt.Errorf("store: throttle request: %w", err)
		}
		return nil
	})
}

// lockKeys serialises transactions that count and then record for the same keys. On
// PostgreSQL it takes a transaction advisory lock per key, in sorted order, so two
// transactions never wait on each other in a cycle; a SQLite transaction already holds
// the database's write lock from BEGIN (_txlock=immediate).
func (s *Store) lockKeys(ctx context.Context, keys ...string) error {
	if s.dialect != "postgres" {
		return nil
	}
	for _, k := range slices.Sorted(slices.Values(keys)) {
		if err := s.q(ctx).Exec("SELECT pg_advisory_xact_lock(hashtext(?))", k).Error; err != nil {
			return fmt.Errorf("store: lock %s: %w", strings.SplitN(k, ":", 3)[0], err)
		}
	}
	return nil
}
