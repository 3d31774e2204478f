package clock

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

func TestEveryRunsUntilStoppedOrFalse(t *testing.T) {
	var calls atomic.Int32
	stop := Every(context.Background(), time.Millisecond, func(context.Context) bool { return calls.Add(1) < 3 })
	time.Sleep(50 * time.Millisecond)
	stop()
	if n := calls.Load(); n != 3 {
		t.Errorf("%d calls, want 3 (fn returned false on the third)", n)
	}
	var running atomic.Int32
	stop = Every(context.Background(), time.Millisecond, func(context.Context) bool { running.Add(1); return true })
	time.Sleep(20 * time.Millisecond)
	stop()
	after := running.Load()
	time.Sleep(20 * time.Millisecond)
	if after == 0 || running.Load() != after {
		t.Errorf("calls before stop %d, after stop %d; want some, then none", after, running.Load())
	}
}
