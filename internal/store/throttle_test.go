package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// Parallel requests cannot slip past a throttle: of 40 at once against a limit of 3 in one
// bucket, exactly 3 pass, and a full bucket records nothing more.
func TestThrottleRequestHoldsUnderParallelRequests(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		since := st.Now().Add(-time.Hour)
		limits := map[string]int64{"reset:ip:198.51.100.7": 10, store.EmailBucket("reset", "Anna@Example.test"): 3}
		var passed, refused, failed int
		var mu sync.Mutex
		var wg sync.WaitGroup
		for i := 0; i < 40; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := st.ThrottleRequest(ctx, since, limits)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					passed++
				case errors.Is(err, domain.ErrThrottled):
					refused++
				default:
					failed++
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if passed != 3 || refused != 37 || failed != 0 {
			t.Fatalf("%d passed, %d refused, %d failed; want 3 and 37", passed, refused, failed)
		}
		// The address bucket is the same for any spelling of the address.
		other := map[string]int64{store.EmailBucket("reset", " anna@example.TEST "): 3}
		if err := st.ThrottleRequest(ctx, since, other); !errors.Is(err, domain.ErrThrottled) {
			t.Fatalf("same address, other spelling: %v, want throttled", err)
		}
		// The IP bucket holds only the 3 that passed.
		if err := st.ThrottleRequest(ctx, since, map[string]int64{"reset:ip:198.51.100.7": 4}); err != nil {
			t.Fatalf("ip bucket with room for one more: %v", err)
		}
	})
}
