package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
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
// since). It records first and counts afterwards, like ReserveLoginAttempt, so parallel
// requests cannot slip past a limit; when a bucket is over its limit, the request's rows
// are removed again and the answer is domain.ErrThrottled.
func (s *Store) ThrottleRequest(ctx context.Context, since time.Time, limits map[string]int64) error {
	rows := make([]requestThrottle, 0, len(limits))
	for bucket := range limits {
		rows = append(rows, requestThrottle{Bucket: bucket, CreatedAt: s.Now()})
	}
	if err := s.q(ctx).Create(&rows).Error; err != nil {
		return fmt.Errorf("store: throttle request: %w", err)
	}
	for bucket, limit := range limits {
		var n int64
		if err := s.q(ctx).Model(&requestThrottle{}).Where("bucket = ? AND created_at >= ?", bucket, since).Count(&n).Error; err != nil {
			return fmt.Errorf("store: throttle request: count: %w", err)
		}
		if n > limit {
			ids := make([]int64, len(rows))
			for i, r := range rows {
				ids[i] = r.ID
			}
			if err := s.q(ctx).Delete(&requestThrottle{}, ids).Error; err != nil {
				return fmt.Errorf("store: throttle request: release: %w", err)
			}
			return fmt.Errorf("store: throttle request (%d in %s): %w", n, bucket, domain.ErrThrottled)
		}
	}
	return nil
}
