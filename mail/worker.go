package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/links"
	"wohnbruecke/internal/logsafe"
)

// Outbox is what the worker needs from the store; *store.Store implements it.
type Outbox interface {
	ClaimMessages(ctx context.Context, limit int, lease time.Duration) ([]domain.OutboxMessage, error)
	MarkMessageSent(ctx context.Context, id int64) error
	MarkMessagesSent(ctx context.Context, ids ...int64) (int64, error)
	KeepSentBodies(ctx context.Context, msgs ...domain.OutboxMessage) error
	RenewMessageLease(ctx context.Context, lease time.Duration, ids ...int64) (int64, error)
	ScheduleMessageRetry(ctx context.Context, id int64, at time.Time, lastErr string) error
	FailMessage(ctx context.Context, id int64, lastErr string, alerts ...domain.OutboxMessage) error
	ReleaseMessages(ctx context.Context, ids ...int64) error
	ReclaimExpiredMessages(ctx context.Context) (int64, error)
	UsersByRole(ctx context.Context, role domain.Role) ([]domain.User, error)
	Now() time.Time
}

// WorkerConfig tunes the outbox worker; zero values take the defaults.
type WorkerConfig struct {
	// PollInterval is how often the worker looks for due messages (default 5 s). Wake
	// makes it look at once.
	PollInterval time.Duration
	// BatchSize is how many messages one claim takes and one SMTP connection carries
	// (default 50).
	BatchSize int
	// MaxAttempts is how many failed attempts make a message "failed" (default 8).
	MaxAttempts int
	// RetryBase is the wait after the first failed attempt; it doubles with every further
	// attempt up to RetryMax (defaults 1 min and 2 h: with 8 attempts a message is retried
	// for about four hours).
	RetryBase time.Duration
	RetryMax  time.Duration
	// Lease is how long a claim holds a message without renewal (default 1 min). The
	// worker renews it every third of the lease while it sends and stops sending when a
	// renewal fails, so the lease does not run out while it still holds a message; after
	// a crash, another instance takes the messages over once the lease has passed.
	Lease time.Duration
	// OutboxURL is the Postausgang page, linked from the alert about a failed message.
	OutboxURL string
}

func (c WorkerConfig) withDefaults() WorkerConfig {
	if c.PollInterval <= 0 {
		c.PollInterval = 5 * time.Second
	}
	if c.BatchSize <= 0 {
		c.BatchSize = 50
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 8
	}
	if c.RetryBase <= 0 {
		c.RetryBase = time.Minute
	}
	if c.RetryMax <= 0 {
		c.RetryMax = 2 * time.Hour
	}
	c.RetryMax = max(c.RetryMax, c.RetryBase)
	if c.Lease <= 0 {
		c.Lease = time.Minute
	}
	return c
}

// Worker delivers the outbox. Several workers (one per instance) may run against one
// PostgreSQL database; on SQLite run one.
type Worker struct {
	store    Outbox
	sender   Sender
	composer *Composer
	cfg      WorkerConfig
	log      *slog.Logger
}

// NewWorker returns a worker; start it with Run. The composer renders the alert to staff
// when a message fails for good.
func NewWorker(st Outbox, sender Sender, composer *Composer, cfg WorkerConfig, log *slog.Logger) *Worker {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Worker{store: st, sender: sender, composer: composer, cfg: cfg.withDefaults(),
		log: log.With("component", "mail-worker")}
}

// Run delivers due messages until ctx ends. On shutdown it finishes the message it is
// sending, records the outcome, and puts the claimed messages it did not try back in the
// queue; then it returns nil. Database errors are logged and retried at the next poll.
func (w *Worker) Run(ctx context.Context) error {
	w.log.Info("mail worker started", "poll", w.cfg.PollInterval, "batch", w.cfg.BatchSize)
	ticker := time.NewTicker(w.cfg.PollInterval)
	defer ticker.Stop()
	for {
		if n, err := w.store.ReclaimExpiredMessages(ctx); err != nil {
			if ctx.Err() == nil {
				w.log.Error("reclaim expired messages", "err", logsafe.Err(err))
			}
		} else if n > 0 {
			w.log.Warn("messages of a stopped instance taken back into the queue", "count", n)
		}
		for ctx.Err() == nil {
			n, err := w.ProcessBatch(ctx)
			if err != nil {
				if ctx.Err() == nil {
					w.log.Error("deliver outbox", "err", logsafe.Err(err))
				}
				break
			}
			if n < w.cfg.BatchSize {
				break
			}
		}
		select {
		case <-ctx.Done():
			w.log.Info("mail worker stopped")
			return nil
		case <-ticker.C:
		}
	}
}

// ProcessBatch claims up to BatchSize due messages, delivers them and records each
// outcome; it returns how many it claimed. Tests and one-off tools call it directly.
func (w *Worker) ProcessBatch(ctx context.Context) (int, error) {
	msgs, err := w.store.ClaimMessages(ctx, w.cfg.BatchSize, w.cfg.Lease)
	if err != nil {
		return 0, fmt.Errorf("mail: claim: %w", err)
	}
	if len(msgs) == 0 {
		return 0, nil
	}
	// Outcomes are recorded even when ctx was cancelled meanwhile: a message that went out
	// must be marked sent, one that was not tried must go back to the queue.
	recordCtx := context.WithoutCancel(ctx)
	sendCtx, cancelSend := context.WithCancel(ctx)
	stopRenewing := w.keepLease(sendCtx, cancelSend, msgs)
	// Each delivered message is marked sent at once: after a crash only the message in
	// flight can go out twice, not the rest of the batch.
	marked := make([]bool, len(msgs))
	results := w.sender.Send(sendCtx, msgs, func(i int) {
		markCtx, cancel := context.WithTimeout(recordCtx, 10*time.Second)
		defer cancel()
		if err := w.store.MarkMessageSent(markCtx, msgs[i].ID); err != nil {
			w.log.Warn("message sent, marking it sent failed; retried after the batch", "message", msgs[i].ID, "err", err)
			return
		}
		marked[i] = true
	})
	cancelSend()
	stopRenewing()
	if len(results) != len(msgs) {
		return len(msgs), fmt.Errorf("mail: sender returned %d results for %d messages", len(results), len(msgs))
	}
	dbCtx, cancel := context.WithTimeout(recordCtx, 30*time.Second)
	defer cancel()

	var release, sent []int64
	var masked []domain.OutboxMessage
	var errs []error
	for i, m := range msgs {
		sendErr := results[i]
		log := w.log.With("message", m.ID, "kind", m.Kind, "attempt", m.Attempts)
		if sendErr == nil {
			// A sent message keeps no personal link token in its stored body.
			if text, html := links.MaskTokens(m.BodyText), links.MaskTokens(m.BodyHTML); text != m.BodyText || html != m.BodyHTML {
				masked = append(masked, domain.OutboxMessage{ID: m.ID, BodyText: text, BodyHTML: html})
			}
		}
		switch {
		case sendErr == nil && marked[i]:
			log.Debug("message sent")
		case sendErr == nil:
			sent = append(sent, m.ID)
			log.Debug("message sent")
		case errors.Is(sendErr, ErrNotAttempted):
			release = append(release, m.ID)
		case IsPermanent(sendErr) || m.Attempts >= w.cfg.MaxAttempts:
			if err := w.fail(dbCtx, m, sendErr); err != nil {
				errs = append(errs, err)
			}
			log.Warn("message failed for good", "err", logsafe.Err(sendErr))
		default:
			at := w.store.Now().Add(w.backoff(m.Attempts))
			if err := w.store.ScheduleMessageRetry(dbCtx, m.ID, at, sendErr.Error()); err != nil {
				errs = append(errs, err)
				continue
			}
			log.Info("message will be retried", "at", at, "err", logsafe.Err(sendErr))
		}
	}
	// Delivered messages whose immediate marking failed get one more try, in one statement.
	if n, err := w.store.MarkMessagesSent(dbCtx, sent...); err != nil {
		errs = append(errs, err)
		w.log.Error("messages sent but not marked sent", "ids", sent, "err", logsafe.Err(err))
	} else if n != int64(len(sent)) {
		w.log.Warn("some sent messages were taken over by another instance", "sent", len(sent), "marked", n)
	}
	// A sent message keeps no usable personal link: the recipient has it, the copy needn't.
	if err := w.store.KeepSentBodies(dbCtx, masked...); err != nil {
		errs = append(errs, err)
	}
	if err := w.store.ReleaseMessages(dbCtx, release...); err != nil {
		errs = append(errs, err)
	}
	return len(msgs), errors.Join(errs...)
}

// keepLease renews the lease on the batch every third of it until the returned function
// is called (which waits for the renewer to stop). When a renewal fails, or finds that
// another instance took all messages over, it cancels sending through cancelSend while
// two thirds of the lease are still left, so no message is sent by two instances at once.
func (w *Worker) keepLease(ctx context.Context, cancelSend context.CancelFunc, msgs []domain.OutboxMessage) (stop func()) {
	ids := make([]int64, len(msgs))
	for i, m := range msgs {
		ids[i] = m.ID
	}
	return clock.Every(ctx, w.cfg.Lease/3, func(ctx context.Context) bool {
		renewCtx, cancel := context.WithTimeout(ctx, w.cfg.Lease/3)
		n, err := w.store.RenewMessageLease(renewCtx, w.cfg.Lease, ids...)
		cancel()
		if ctx.Err() != nil {
			return false
		}
		if err != nil || n == 0 {
			w.log.Warn("lease on claimed messages not renewed; sending stops", "renewed", n, "err", err)
			cancelSend()
			return false
		}
		return true
	})
}

// backoff is the wait after the given number of failed attempts: RetryBase doubled per
// further attempt, capped at RetryMax, with up to 10 % jitter so instances do not retry
// in lockstep.
func (w *Worker) backoff(attempts int) time.Duration {
	d := w.cfg.RetryBase
	for i := 1; i < attempts && d < w.cfg.RetryMax; i++ {
		d *= 2
	}
	d = min(d, w.cfg.RetryMax)
	if jitter := int64(d / 10); jitter > 0 {
		d += time.Duration(rand.Int64N(jitter))
	}
	return d
}

// fail marks the message failed and queues the alert to staff in the same transaction.
// An alert that fails itself raises no further alert.
func (w *Worker) fail(ctx context.Context, m domain.OutboxMessage, sendErr error) error {
	var alerts []domain.OutboxMessage
	if m.Kind != KindStaffMessageFailed && w.composer != nil {
		var err error
		if alerts, err = w.alerts(ctx, m, sendErr); err != nil {
			// The failure is recorded anyway; the Postausgang shows it.
			w.log.Error("compose alert about failed message", "message", m.ID, "err", logsafe.Err(err))
			alerts = nil
		}
	}
	if err := w.store.FailMessage(ctx, m.ID, sendErr.Error(), alerts...); err != nil {
		return fmt.Errorf("mail: mark message %d failed: %w", m.ID, err)
	}
	return nil
}

func (w *Worker) alerts(ctx context.Context, m domain.OutboxMessage, sendErr error) ([]domain.OutboxMessage, error) {
	users, err := w.store.UsersByRole(ctx, domain.RoleStaff)
	if err != nil {
		return nil, fmt.Errorf("mail: staff for alert: %w", err)
	}
	staff := make([]Contact, 0, len(users))
	for _, u := range users {
		staff = append(staff, Contact{Name: u.Name, Email: u.Email, Phone: u.Phone})
	}
	m.LastError = sendErr.Error()
	m.State = domain.MessageFailed
	return w.composer.StaffMessageFailed(MessageFailed{Staff: staff, Message: m, FailedAt: w.store.Now(),
		OutboxURL: w.cfg.OutboxURL})
}
