package mail_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/mail"
)

const mailFrom = "Wohnbrücke Hagen <wohnbruecke@hagen.example>"

// safety is how long a test waits for something that should happen at once; reaching it
// fails the test, it is not a performance bound.
const safety = 60 * time.Second

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func smtpSender(t testing.TB, srv *testutil.SMTPServer) mail.Sender {
	t.Helper()
	s, err := mail.NewSender(srv.URL(), mailFrom, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// runWorker starts w.Run and returns a stop function that cancels it and waits until Run
// has returned, so nothing is in flight afterwards.
func runWorker(t testing.TB, w *mail.Worker) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("worker: %v", err)
				}
			case <-time.After(safety):
				t.Error("worker did not stop")
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// waitOutbox polls the outbox until cond holds for the per-state counts.
func waitOutbox(t testing.TB, st *store.Store, what string, cond func(map[domain.MessageState]int64) bool) map[domain.MessageState]int64 {
	t.Helper()
	elapsed := clock.Stopwatch()
	for {
		counts, err := st.OutboxCounts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if cond(counts) {
			return counts
		}
		if elapsed() > safety {
			t.Fatalf("outbox never reached %s: %v", what, counts)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func plainMessages(prefix string, n int) []domain.OutboxMessage {
	msgs := make([]domain.OutboxMessage, n)
	for i := range msgs {
		msgs[i] = domain.OutboxMessage{DedupeKey: fmt.Sprintf("%s/%d", prefix, i), Kind: "test",
			ToAddress: fmt.Sprintf("empfaenger%d@example.org", i), Subject: fmt.Sprintf("Nachricht %d", i),
			BodyText: "Hallo", BodyHTML: "<p>Hallo</p>"}
	}
	return msgs
}

// exactlyOnce checks that every received message has a different Message-ID and that
// there are want of them.
func exactlyOnce(t testing.TB, got []testutil.ReceivedMail, want int) {
	t.Helper()
	seen := map[string]int{}
	for _, r := range got {
		p := testutil.ParseMail(t, r.Data)
		seen[p.Header.Get("Message-Id")]++
	}
	for id, n := range seen {
		if n > 1 {
			t.Errorf("message %s arrived %d times", id, n)
		}
	}
	if len(got) != want || len(seen) != want {
		t.Errorf("%d messages arrived (%d different), want %d", len(got), len(seen), want)
	}
}

func TestWorkerDeliversInvitation(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		srv := testutil.StartSMTPServer(t)
		c := newComposer(t)
		d := viewingData("ro")
		d.Viewing.MatchID = 0 // no match row in this database
		msgs, err := c.ViewingInvitation(d)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Tx(ctx, func(tx *store.Store) error { return tx.EnqueueMessages(ctx, msgs...) }); err != nil {
			t.Fatal(err)
		}
		w := mail.NewWorker(st, smtpSender(t, srv), c, mail.WorkerConfig{PollInterval: time.Hour}, quietLog())
		runWorker(t, w)
		got := srv.WaitFor(3, safety)
		waitOutbox(t, st, "3 sent", func(c map[domain.MessageState]int64) bool { return c[domain.MessageSent] == 3 })

		var applicant *testutil.ParsedMail
		for _, r := range got {
			if len(r.To) == 1 && r.To[0] == "maria.popescu@example.org" {
				applicant = testutil.ParseMail(t, r.Data)
			}
		}
		if applicant == nil {
			t.Fatalf("no message to the applicant among %d", len(got))
		}
		if !strings.HasPrefix(applicant.Subject, "Invitație: vizionarea unei locuințe") ||
			!strings.HasSuffix(applicant.Subject, "Einladung: Wohnungsbesichtigung am Dienstag, 14. April 2026") {
			t.Errorf("subject %q", applicant.Subject)
		}
		if got := applicant.Header.Get("Content-Language"); got != "ro, de" {
			t.Errorf("Content-Language %q", got)
		}
		if !strings.Contains(applicant.From, "wohnbruecke@hagen.example") || !strings.Contains(applicant.To, "Maria Popescu") {
			t.Errorf("from %q to %q", applicant.From, applicant.To)
		}
		for _, body := range []string{applicant.Text, applicant.HTML} {
			for _, want := range []string{"https://wb.example/a/confirm-tok", "https://wb.example/a/decline-tok",
				"https://wb.example/a/reschedule-tok", "Vă invităm să vedeți o locuință.", "Sie sind zu einer Wohnungsbesichtigung eingeladen."} {
				if !strings.Contains(body, want) {
					t.Errorf("body lacks %q", want)
				}
			}
		}
		if !strings.Contains(applicant.HTML, `lang="ro"`) {
			t.Error("HTML block not marked as Romanian")
		}
		if applicant.CalendarMethod != "REQUEST" || applicant.Calendar == "" {
			t.Errorf("calendar part method %q", applicant.CalendarMethod)
		}
		if att := applicant.Attachments["einladung.ics"]; string(att) != applicant.Calendar {
			t.Error("the .ics attachment differs from the calendar part")
		}
		checkCalendar(t, applicant.Calendar, ics.MethodRequest, d.Viewing, "CONFIRMED")
		if !strings.Contains(applicant.Calendar, "\r\n") {
			t.Error("calendar lost its CRLF line endings")
		}
		wantTypes := []string{"multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar", "application/ics"}
		if strings.Join(applicant.ContentTypes, ",") != strings.Join(wantTypes, ",") {
			t.Errorf("MIME structure %v, want %v", applicant.ContentTypes, wantTypes)
		}
	})
}

func TestWorkerSurvivesSMTPOutage(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		srv := testutil.StartSMTPServer(t)
		srv.Stop()
		const n = 30
		if err := st.EnqueueMessages(ctx, plainMessages("outage", n)...); err != nil {
			t.Fatal(err)
		}
		w := mail.NewWorker(st, smtpSender(t, srv), newComposer(t), mail.WorkerConfig{
			PollInterval: 5 * time.Millisecond, BatchSize: 7, MaxAttempts: 1000,
			RetryBase: time.Millisecond, RetryMax: 5 * time.Millisecond}, quietLog())
		stop := runWorker(t, w)
		// Wait until every message has failed at least twice while the server is down.
		waitOutbox(t, st, "retries", func(map[domain.MessageState]int64) bool {
			page, err := st.ListOutbox(ctx, store.OutboxFilter{PerPage: 200})
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range page.Messages {
				if m.Attempts < 2 || m.State == domain.MessageSent || m.State == domain.MessageFailed {
					return false
				}
			}
			return true
		})
		if srv.Count() != 0 {
			t.Fatalf("%d messages arrived while the server was down", srv.Count())
		}
		page, err := st.ListOutbox(ctx, store.OutboxFilter{State: domain.MessageQueued})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total == 0 || !strings.Contains(page.Messages[0].LastError, "connect") {
			t.Errorf("queued messages do not show the connection error: %+v", page.Messages)
		}

		srv.Start()
		waitOutbox(t, st, "all sent", func(c map[domain.MessageState]int64) bool { return c[domain.MessageSent] == n })
		stop()
		exactlyOnce(t, srv.Messages(), n)
	})
}

func TestWorkerFailsPermanentlyAndRetryMessageResends(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		srv := testutil.StartSMTPServer(t)
		srv.RejectRecipient("weg@example.org")
		msg := plainMessages("perm", 1)[0]
		msg.ToAddress = "weg@example.org"
		if err := st.EnqueueMessages(ctx, msg); err != nil {
			t.Fatal(err)
		}
		w := mail.NewWorker(st, smtpSender(t, srv), newComposer(t), mail.WorkerConfig{
			PollInterval: 5 * time.Millisecond, OutboxURL: "https://wb.example/staff/outbox"}, quietLog())
		stop := runWorker(t, w)
		waitOutbox(t, st, "failed and alert sent", func(c map[domain.MessageState]int64) bool {
			return c[domain.MessageFailed] == 1 && c[domain.MessageSent] == 1
		})
		stop()
		failed, err := st.ListOutbox(ctx, store.OutboxFilter{State: domain.MessageFailed})
		if err != nil {
			t.Fatal(err)
		}
		m := failed.Messages[0]
		if m.ToAddress != "weg@example.org" || !strings.Contains(m.LastError, "550") || m.Attempts != 1 {
			t.Errorf("failed message: to %s, %d attempts, error %q", m.ToAddress, m.Attempts, m.LastError)
		}
		// The alert went to staff, naming the recipient and the error.
		got := srv.Messages()
		if len(got) != 1 || got[0].To[0] != users.Staff.Email {
			t.Fatalf("alert: %+v", got)
		}
		alert := testutil.ParseMail(t, got[0].Data)
		if alert.Subject != "Nachricht nicht zustellbar an weg@example.org" ||
			!strings.Contains(alert.Text, "550") || !strings.Contains(alert.Text, "https://wb.example/staff/outbox") {
			t.Errorf("alert %q:\n%s", alert.Subject, alert.Text)
		}

		// "Erneut senden" after the address was fixed on the server side.
		srv.AcceptRecipient("weg@example.org")
		if err := st.RetryMessage(ctx, m.ID, nil); err != nil {
			t.Fatal(err)
		}
		w2 := mail.NewWorker(st, smtpSender(t, srv), newComposer(t), mail.WorkerConfig{PollInterval: 5 * time.Millisecond}, quietLog())
		stop2 := runWorker(t, w2)
		waitOutbox(t, st, "re-sent", func(c map[domain.MessageState]int64) bool {
			return c[domain.MessageSent] == 2 && c[domain.MessageFailed] == 0
		})
		stop2()
		got = srv.Messages()
		if len(got) != 2 || got[1].To[0] != "weg@example.org" {
			t.Errorf("after erneut senden: %d messages", len(got))
		}
	})
}

func TestWorkerGivesUpAfterMaxAttempts(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		srv := testutil.StartSMTPServer(t)
		srv.Stop()
		if err := st.EnqueueMessages(ctx, plainMessages("max", 1)...); err != nil {
			t.Fatal(err)
		}
		w := mail.NewWorker(st, smtpSender(t, srv), newComposer(t), mail.WorkerConfig{
			PollInterval: 5 * time.Millisecond, MaxAttempts: 3, RetryBase: time.Millisecond, RetryMax: time.Millisecond}, quietLog())
		stop := runWorker(t, w)
		waitOutbox(t, st, "failed", func(c map[domain.MessageState]int64) bool { return c[domain.MessageFailed] == 1 })
		stop()
		page, err := st.ListOutbox(ctx, store.OutboxFilter{State: domain.MessageFailed})
		if err != nil {
			t.Fatal(err)
		}
		if m := page.Messages[0]; m.Attempts != 3 || !strings.Contains(m.LastError, "connect") {
			t.Errorf("failed after %d attempts with %q", m.Attempts, m.LastError)
		}
	})
}

func TestWorkerStopsWithoutLosingClaimedMessages(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		const n = 10
		if err := st.EnqueueMessages(ctx, plainMessages("stop", n)...); err != nil {
			t.Fatal(err)
		}
		srv := testutil.NewSMTPServer(t)
		runCtx, cancel := context.WithCancel(ctx)
		defer cancel()
		// Shut the worker down while the SMTP server accepts the first message of the batch.
		srv.OnMessage = func(testutil.ReceivedMail) { cancel() }
		srv.Start()
		w := mail.NewWorker(st, smtpSender(t, srv), newComposer(t), mail.WorkerConfig{PollInterval: time.Hour, BatchSize: n}, quietLog())
		if err := w.Run(runCtx); err != nil {
			t.Fatal(err)
		}
		counts, err := st.OutboxCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if counts[domain.MessageSent] != 1 || counts[domain.MessageQueued] != n-1 || counts[domain.MessageSending] != 0 {
			t.Fatalf("after shutdown: %v; want 1 sent and %d queued", counts, n-1)
		}
		queued, err := st.ListOutbox(ctx, store.OutboxFilter{State: domain.MessageQueued})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range queued.Messages {
			if m.Attempts != 0 || m.LockedUntil != nil {
				t.Errorf("released message %d: %d attempts, lock %v", m.ID, m.Attempts, m.LockedUntil)
			}
		}

		// The next start delivers the rest.
		srv.Stop()
		srv.OnMessage = nil
		srv.Start()
		w2 := mail.NewWorker(st, smtpSender(t, srv), newComposer(t), mail.WorkerConfig{PollInterval: time.Hour}, quietLog())
		stop := runWorker(t, w2)
		waitOutbox(t, st, "all sent", func(c map[domain.MessageState]int64) bool { return c[domain.MessageSent] == n })
		stop()
		exactlyOnce(t, srv.Messages(), n)
	})
}

func TestTwoWorkersOnOnePostgresDeliverEachMessageOnce(t *testing.T) {
	stores := testutil.PostgresStores(t, 2)
	ctx := context.Background()
	const n = 1000
	if err := stores[0].EnqueueMessages(ctx, plainMessages("pair", n)...); err != nil {
		t.Fatal(err)
	}
	srv := testutil.StartSMTPServer(t)
	var stops []func()
	for _, st := range stores {
		w := mail.NewWorker(st, smtpSender(t, srv), newComposer(t),
			mail.WorkerConfig{PollInterval: 5 * time.Millisecond, BatchSize: 20}, quietLog())
		stops = append(stops, runWorker(t, w))
	}
	srv.WaitFor(n, 5*safety)
	waitOutbox(t, stores[1], "all sent", func(c map[domain.MessageState]int64) bool { return c[domain.MessageSent] == n })
	for _, stop := range stops {
		stop()
	}
	exactlyOnce(t, srv.Messages(), n)
}
