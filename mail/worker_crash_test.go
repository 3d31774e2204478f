package mail_test

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/mail"
)

// errKilled is what a killed process's store calls "return": nothing reaches the database.
var errKilled = errors.New("process killed")

// killableOutbox is the store as seen by a worker whose process can be killed: once dead,
// no call reaches the database any more.
type killableOutbox struct {
	*store.Store
	dead atomic.Bool
}

func (k *killableOutbox) check() error {
	if k.dead.Load() {
		return errKilled
	}
	return nil
}

func (k *killableOutbox) ClaimMessages(ctx context.Context, limit int, lease time.Duration) ([]domain.OutboxMessage, error) {
	if err := k.check(); err != nil {
		return nil, err
	}
	return k.Store.ClaimMessages(ctx, limit, lease)
}

func (k *killableOutbox) MarkMessagesSent(ctx context.Context, ids ...int64) (int64, error) {
	if err := k.check(); err != nil {
		return 0, err
	}
	return k.Store.MarkMessagesSent(ctx, ids...)
}

func (k *killableOutbox) MarkMessageSent(ctx context.Context, id int64) error {
	if err := k.check(); err != nil {
		return err
	}
	return k.Store.MarkMessageSent(ctx, id)
}

func (k *killableOutbox) RenewMessageLease(ctx context.Context, lease time.Duration, ids ...int64) (int64, error) {
	if err := k.check(); err != nil {
		return 0, err
	}
	return k.Store.RenewMessageLease(ctx, lease, ids...)
}

func (k *killableOutbox) ScheduleMessageRetry(ctx context.Context, id int64, at time.Time, lastErr string) error {
	if err := k.check(); err != nil {
		return err
	}
	return k.Store.ScheduleMessageRetry(ctx, id, at, lastErr)
}

func (k *killableOutbox) FailMessage(ctx context.Context, id int64, lastErr string, alerts ...domain.OutboxMessage) error {
	if err := k.check(); err != nil {
		return err
	}
	return k.Store.FailMessage(ctx, id, lastErr, alerts...)
}

func (k *killableOutbox) ReleaseMessages(ctx context.Context, ids ...int64) error {
	if err := k.check(); err != nil {
		return err
	}
	return k.Store.ReleaseMessages(ctx, ids...)
}

func (k *killableOutbox) ReclaimExpiredMessages(ctx context.Context) (int64, error) {
	if err := k.check(); err != nil {
		return 0, err
	}
	return k.Store.ReclaimExpiredMessages(ctx)
}

// TestOutboxAfterAKilledWorker kills a worker (kill -9: it never talks to the database
// again) while the SMTP server takes message 11 of a claimed batch of 20, then lets a
// second instance take over. It measures how long the batch stays locked and how many
// messages arrive twice.
func TestOutboxAfterAKilledWorker(t *testing.T) {
	start := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	testutil.ForEachDialectAt(t, start, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		const batch, delivered = 20, 10
		if err := st.EnqueueMessages(ctx, plainMessages("crash", batch)...); err != nil {
			t.Fatal(err)
		}
		srv := testutil.NewSMTPServer(t)
		victim := &killableOutbox{Store: st}
		frozen := make(chan struct{})
		var once sync.Once
		var n atomic.Int32
		srv.OnMessage = func(testutil.ReceivedMail) {
			if n.Add(1) == delivered+1 {
				// The process dies while the server has message 11 but before it answers.
				once.Do(func() { victim.dead.Store(true); close(frozen) })
				<-t.Context().Done()
			}
		}
		srv.Start()
		w := mail.NewWorker(victim, smtpSender(t, srv), newComposer(t), mail.WorkerConfig{PollInterval: time.Hour, BatchSize: batch}, quietLog())
		go func() { _, _ = w.ProcessBatch(context.Background()) }()
		select {
		case <-frozen:
		case <-time.After(safety):
			t.Fatal("the worker never reached message 11")
		}
		// Another instance polls; the batch is locked until its lease runs out.
		survivor := mail.NewWorker(st, smtpSender(t, srv), newComposer(t), mail.WorkerConfig{PollInterval: time.Hour, BatchSize: batch}, quietLog())
		recovered := time.Duration(-1)
		for waited := time.Duration(0); waited <= 10*time.Minute; waited += 10 * time.Second {
			if n, err := st.ReclaimExpiredMessages(ctx); err != nil {
				t.Fatal(err)
			} else if n > 0 {
				recovered = waited
				break
			}
			clk.Advance(10 * time.Second)
		}
		for {
			got, err := survivor.ProcessBatch(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got == 0 {
				break
			}
		}
		counts, err := st.OutboxCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, r := range srv.Messages() {
			seen[testutil.ParseMail(t, r.Data).Header.Get("Message-Id")]++
		}
		duplicates := len(srv.Messages()) - len(seen)
		t.Logf("after the kill: batch taken over after %s, %d of %d messages arrived twice", recovered, duplicates, batch)
		if counts[domain.MessageSent] != batch || len(seen) != batch {
			t.Fatalf("outbox %v, %d different messages arrived; want all %d sent", counts, len(seen), batch)
		}
		if recovered < 0 || recovered > 2*time.Minute {
			t.Errorf("the killed worker's messages were taken over after %s, want within 2 minutes", recovered)
		}
		// Message 11 was with the server when the process died: it may arrive twice; the
		// ten before it were delivered and must not.
		if duplicates > 1 {
			t.Errorf("%d messages arrived twice, want at most the one in flight", duplicates)
		}
	})
}

// TestWorkerRenewsItsLeaseWhileSending sends a batch that takes about three times its
// lease (a slow SMTP server) while another instance keeps reclaiming expired claims: the
// renewed lease keeps the batch with the sending worker and nothing arrives twice.
func TestWorkerRenewsItsLeaseWhileSending(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		const n, lease = 24, 900 * time.Millisecond
		if err := st.EnqueueMessages(ctx, plainMessages("slow", n)...); err != nil {
			t.Fatal(err)
		}
		srv := testutil.NewSMTPServer(t)
		srv.OnMessage = func(testutil.ReceivedMail) { time.Sleep(lease / 9) }
		srv.Start()
		other, cancel := context.WithCancel(ctx)
		defer cancel()
		var reclaimed atomic.Int64
		go func() {
			for other.Err() == nil {
				if k, err := st.ReclaimExpiredMessages(other); err == nil {
					reclaimed.Add(k)
				}
				time.Sleep(lease / 10)
			}
		}()
		w := mail.NewWorker(st, smtpSender(t, srv), newComposer(t), mail.WorkerConfig{PollInterval: time.Hour, BatchSize: n, Lease: lease}, slog.New(slog.NewTextHandler(t.Output(), nil)))
		if got, err := w.ProcessBatch(ctx); err != nil || got != n {
			t.Fatalf("batch: %d, %v", got, err)
		}
		cancel()
		if k := reclaimed.Load(); k != 0 {
			t.Errorf("%d messages were taken from the sending worker", k)
		}
		counts, err := st.OutboxCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if counts[domain.MessageSent] != n {
			t.Errorf("outbox %v, want %d sent", counts, n)
		}
		exactlyOnce(t, srv.Messages(), n)
	})
}
