//go:build unix

package matching

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user and system) the process has used so far, so that
// benchmarks can report the work apart from the wait for a shared machine's cores.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
