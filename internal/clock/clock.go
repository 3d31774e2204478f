// Package clock is the one place that reads the system time. Everything else gets the time
// from a Clock passed in (usually through the store), so tests can run any code on any day:
// month and year ends, 29 February, the days the clocks change.
package clock

import (
	"sync"
	"time"
)

// Clock returns the current instant.
type Clock func() time.Time

// System reads the machine's clock. cmd/ passes it to the store; nothing else calls it.
func System() time.Time { return time.Now() }

// Stopwatch starts measuring elapsed wall time (monotonic, unaffected by a Clock set in a
// test) and returns a function that reports the time since the start. Request logs use
// it for their durations, which are measurements, not domain time.
func Stopwatch() func() time.Duration {
	start := time.Now()
	return func() time.Duration { return time.Since(start) }
}

// Manual is a clock that stands still until it is set or advanced. It is safe for
// concurrent use; tests share one between the store, the services and the jobs.
type Manual struct {
	mu  sync.Mutex
	now time.Time
}

// At returns a manual clock showing t.
func At(t time.Time) *Manual { return &Manual{now: t} }

// Now returns the instant the clock shows.
func (m *Manual) Now() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.now
}

// Set moves the clock to t (backwards too).
func (m *Manual) Set(t time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.now = t
}

// Advance moves the clock forward by d.
func (m *Manual) Advance(d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.now = m.now.Add(d)
}
