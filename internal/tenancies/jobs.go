package tenancies

import (
	"context"
	"log/slog"
	"time"
)

// RunPeriodic runs the tenancy phase's periodic jobs every interval until ctx ends: the
// escalation of unanswered reports and the notice of overdue contacts. Both are safe with
// several instances: each record is claimed by a guarded update. observe, when not nil, is
// told about every run and its error (metrics).
func (s *Service) RunPeriodic(ctx context.Context, interval time.Duration, logger *slog.Logger, observe func(job string, err error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		for _, j := range s.jobs() {
			n, err := j.run(ctx)
			if ctx.Err() != nil {
				return
			}
			if observe != nil {
				observe(j.name, err)
			}
			if err != nil {
				logger.Error("periodic job failed", "job", j.name, "err", err)
			} else if n > 0 {
				logger.Info("periodic job", "job", j.name, "count", n)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

type job struct {
	name string
	run  func(context.Context) (int, error)
}

func (s *Service) jobs() []job {
	return []job{{"report_escalation", s.EscalateReports}, {"visits_overdue", s.NoticeOverdueVisits}}
}
