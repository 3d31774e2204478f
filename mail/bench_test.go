package mail_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/mail"
)

// BenchmarkWorkerDelivery1000 measures the delivery rate of the worker: 1,000 queued
// invitation-sized messages from the outbox to the in-process SMTP server, batches of 50
// over one connection each. It reports messages per second; the number goes into the
// issue note, not into an assertion.
func BenchmarkWorkerDelivery1000(b *testing.B) {
	for _, dialect := range testutil.Dialects(b) {
		b.Run(dialect, func(b *testing.B) {
			st := testutil.Open(b, dialect)
			srv := testutil.StartSMTPServer(b)
			c := newComposer(b)
			d := viewingData("ro")
			d.Viewing.MatchID = 0
			template, err := c.ViewingInvitation(d)
			if err != nil {
				b.Fatal(err)
			}
			w := mail.NewWorker(st, smtpSender(b, srv), c, mail.WorkerConfig{BatchSize: 50}, quietLog())
			ctx := context.Background()
			const n = 1000
			var elapsed time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				msgs := make([]domain.OutboxMessage, 0, n)
				for j := range n {
					m := template[0]
					m.DedupeKey = fmt.Sprintf("bench/%d/%d", i, j)
					msgs = append(msgs, m)
				}
				if err := st.EnqueueMessages(ctx, msgs...); err != nil {
					b.Fatal(err)
				}
				before := srv.Count()
				b.StartTimer()
				since := clock.Stopwatch()
				for {
					k, err := w.ProcessBatch(ctx)
					if err != nil {
						b.Fatal(err)
					}
					if k == 0 {
						break
					}
				}
				elapsed += since()
				b.StopTimer()
				if got := srv.Count() - before; got != n {
					b.Fatalf("%d of %d messages arrived", got, n)
				}
			}
			b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "msgs/s")
		})
	}
}
