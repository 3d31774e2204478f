package auth

import (
	"context"
	"errors"
	"time"
)

// ErrBusy means no hashing slot became free in time.
var ErrBusy = errors.New("auth: password hashing busy")

// Gate bounds how many password hashes run at once. Each argon2id hash holds 19 MiB while
// it runs and keeps a core busy, so without a bound a flood of logins grows memory with the
// number of requests; with it, memory stays at slots × 19 MiB and the rest wait briefly
// or are turned away.
type Gate struct {
	slots chan struct{}
	wait  time.Duration
}

// NewGate returns a gate with n slots; a caller waits at most wait for one.
func NewGate(n int, wait time.Duration) *Gate {
	if n < 1 {
		n = 1
	}
	return &Gate{slots: make(chan struct{}, n), wait: wait}
}

// Do runs fn in a slot, or returns ErrBusy when none is free within the wait (or ctx ends).
func (g *Gate) Do(ctx context.Context, fn func()) error {
	select {
	case g.slots <- struct{}{}:
	default:
		timer := time.NewTimer(g.wait)
		defer timer.Stop()
		select {
		case g.slots <- struct{}{}:
		case <-timer.C:
			return ErrBusy
		case <-ctx.Done():
			return ErrBusy
		}
	}
	defer func() { <-g.slots }()
	fn()
	return nil
}
