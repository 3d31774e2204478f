package clock

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

// safety bounds the waits below; they end as soon as the loop has done what is awaited.
const safety = 30 * time.Second

func TestEveryRunsUntilStoppedOrFalse(t *testing.T) {
	// fn returning false ends the loop: no fourth call, however long the test waits.
	var calls atomic.Int32
	third := make(chan struct{})
	stop := Every(context.Background(), time.Millisecond, func(context.Context) bool {
		n := calls.Add(1)
		if n == 3 {
			close(third)
		}
		return n < 3
	})
	select {
	case <-third:
	case <-time.After(safety):
		t.Fatal("fn was not called three times")
	}
	stop() // waits until the loop has exited
	if n := calls.Load(); n != 3 {
		t.Errorf("%d calls, want 3 (fn returned false on the third)", n)
	}

	// stop ends a loop whose fn keeps returning true: once stop returned, nothing runs.
	var running atomic.Int32
	first := make(chan struct{}, 1)
	stop = Every(context.Background(), time.Millisecond, func(context.Context) bool {
		running.Add(1)
		select {
		case first <- struct{}{}:
		default:
		}
		return true
	})
	select {
	case <-first:
	case <-time.After(safety):
		t.Fatal("fn was never called")
	}
	stop()
	after := running.Load()
	time.Sleep(5 * time.Millisecond) // several intervals: a loop still running would call fn
	if running.Load() != after {
		t.Errorf("calls before stop %d, after stop %d; want none after stop", after, running.Load())
	}
}
