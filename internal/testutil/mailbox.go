package testutil

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"wohnbruecke/internal/store"
	"wohnbruecke/mail"
)

// MailTestFrom is the sender address of the test composer.
const MailTestFrom = "wohnbruecke@hagen.test"

// Mailbox is the real outbox worker delivering a store's outbox to an in-process SMTP
// server, so a test reads the emails as recipients receive them.
type Mailbox struct {
	SMTP     *SMTPServer
	Composer *mail.Composer
	worker   *mail.Worker
	seen     int
}

// StartMailbox starts an SMTP server and a worker for st's outbox; both stop with the test.
func StartMailbox(t testing.TB, st *store.Store) *Mailbox {
	t.Helper()
	return StartMailboxLogging(t, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// StartMailboxLogging is StartMailbox with the worker logging to logger.
func StartMailboxLogging(t testing.TB, st *store.Store, logger *slog.Logger) *Mailbox {
	t.Helper()
	smtp := StartSMTPServer(t)
	composer, err := mail.NewComposer(mail.ComposerConfig{MailFrom: MailTestFrom, FachstellePhone: "02331 207-0", Now: st.Now})
	if err != nil {
		t.Fatal(err)
	}
	sender, err := mail.NewSender(smtp.URL(), MailTestFrom, "", st.Now)
	if err != nil {
		t.Fatal(err)
	}
	w := mail.NewWorker(st, sender, composer, mail.WorkerConfig{}, logger)
	return &Mailbox{SMTP: smtp, Composer: composer, worker: w}
}

// Deliver sends every queued message and returns the messages that arrived since the last
// call, parsed, with their envelope recipient.
func (m *Mailbox) Deliver(t testing.TB) []Delivered {
	t.Helper()
	for {
		n, err := m.worker.ProcessBatch(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	all := m.SMTP.Messages()
	out := make([]Delivered, 0, len(all)-m.seen)
	for _, r := range all[m.seen:] {
		out = append(out, Delivered{To: r.To[0], ParsedMail: ParseMail(t, r.Data)})
	}
	m.seen = len(all)
	return out
}

// Delivered is one received message and its (first) envelope recipient.
type Delivered struct {
	To string
	*ParsedMail
}
