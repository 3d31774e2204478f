package clock

import (
	"context"
	"time"
)

// Every calls fn every interval, in its own goroutine, until ctx ends or fn returns false.
// The returned stop ends the loop and waits until fn is no longer running. Leases that a
// long piece of work renews while it runs use it.
func Every(ctx context.Context, interval time.Duration, fn func(ctx context.Context) bool) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if !fn(ctx) {
					return
				}
			}
		}
	}()
	return func() { cancel(); <-done }
}
