package tenancies

import (
	"context"
	"log/slog"
	"time"

	"wohnbruecke/internal/store"
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

// eachClaimed handles every item in a transaction of its own: claim reports whether this
// instance won the item (a guarded update), then send queues what follows from it. It
// counts the items won; a failing item stops the run (the next run retries it).
func eachClaimed[T any](ctx context.Context, st *store.Store, items []T, claim func(tx *store.Store, item *T) (bool, error),
	send func(tx *store.Store, item *T) error) (int, error) {
	done := 0
	for i := range items {
		won := false
		err := st.Tx(ctx, func(tx *store.Store) error {
			var err error
			if won, err = claim(tx, &items[i]); err != nil || !won {
				return err
			}
			return send(tx, &items[i])
		})
		if err != nil {
			return done, err
		}
		if won {
			done++
		}
	}
	return done, nil
}
