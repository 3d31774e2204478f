package mail_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/mail"
)

func TestNewSMTPSenderReadsSMTPURL(t *testing.T) {
	tests := []struct {
		url     string
		wantErr bool
	}{
		{"smtp://user:pass@mail.example.org:587", false},
		{"smtp://mail.example.org?tls=opportunistic", false},
		{"smtp://relay.local:25?tls=none", false},
		{"smtps://user:p%40ss@mail.example.org", false},
		{"smtp://mail.example.org?tls=sometimes", true},
		{"http://mail.example.org", true},
		{"smtp://:25", true},
		{"smtp://mail.example.org:99999", true},
	}
	for _, tc := range tests {
		t.Run(tc.url, func(t *testing.T) {
			_, err := mail.NewSMTPSender(tc.url, mailFrom, nil)
			if (err != nil) != tc.wantErr {
				t.Errorf("error %v, want error: %v", err, tc.wantErr)
			}
		})
	}
}

func TestSMTPSenderAuthenticates(t *testing.T) {
	srv := testutil.NewSMTPServer(t)
	srv.Username, srv.Password = "wohnbruecke", "geheim"
	srv.Start()
	msg := plainMessages("auth", 1)[0]
	msg.ID = 1
	tests := []struct {
		name      string
		url       string
		delivered bool
	}{
		{"right password", srv.URL(), true},
		{"wrong password", strings.Replace(srv.URL(), "geheim", "falsch", 1), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := srv.Count()
			s, err := mail.NewSMTPSender(tc.url, mailFrom, nil)
			if err != nil {
				t.Fatal(err)
			}
			res := s.Send(context.Background(), []domain.OutboxMessage{msg}, nil)
			if (res[0] == nil) != tc.delivered || (srv.Count() > before) != tc.delivered {
				t.Errorf("result %v, %d new messages; want delivered=%v", res[0], srv.Count()-before, tc.delivered)
			}
		})
	}
}

func TestSMTPSenderStopsBetweenMessages(t *testing.T) {
	srv := testutil.StartSMTPServer(t)
	s, err := mail.NewSMTPSender(srv.URL(), mailFrom, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := s.Send(ctx, plainMessages("cancelled", 3), nil)
	for i, err := range res {
		if !errors.Is(err, mail.ErrNotAttempted) {
			t.Errorf("message %d: %v, want ErrNotAttempted", i, err)
		}
	}
	if srv.Count() != 0 {
		t.Errorf("%d messages sent after cancel", srv.Count())
	}
}

func TestFileSenderWritesParseableEml(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dir := filepath.Join(t.TempDir(), "mail")
		sender, err := mail.NewSender("", mailFrom, dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		c := newComposer(t)
		d := viewingData("uk")
		d.Viewing.MatchID = 0
		msgs, err := c.ViewingCancelled(d)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.EnqueueMessages(ctx, msgs...); err != nil {
			t.Fatal(err)
		}
		w := mail.NewWorker(st, sender, c, mail.WorkerConfig{PollInterval: time.Hour}, quietLog())
		if n, err := w.ProcessBatch(ctx); err != nil || n != 3 {
			t.Fatalf("process: %d, %v", n, err)
		}
		files, err := filepath.Glob(filepath.Join(dir, "*.eml"))
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != 3 {
			t.Fatalf("%d .eml files, want 3", len(files))
		}
		page, err := st.ListOutbox(ctx, store.OutboxFilter{State: domain.MessageSent})
		if err != nil || page.Total != 3 {
			t.Fatalf("sent rows: %d, %v", page.Total, err)
		}
		for _, m := range page.Messages {
			if m.Kind != mail.KindViewingCancelled {
				continue
			}
			raw, err := os.ReadFile(filepath.Join(dir, mail.FileName(m)))
			if err != nil {
				t.Fatal(err)
			}
			p := testutil.ParseMail(t, raw)
			if !strings.HasPrefix(p.Subject, "Скасовано: огляд квартири") || !strings.Contains(p.Text, "не відбудеться") {
				t.Errorf("subject %q, text:\n%s", p.Subject, p.Text)
			}
			if p.CalendarMethod != "CANCEL" || p.Attachments["absage.ics"] == nil {
				t.Errorf("calendar method %q, attachments %v", p.CalendarMethod, len(p.Attachments))
			}
			checkCalendar(t, p.Calendar, ics.MethodCancel, d.Viewing, "CANCELLED")
		}
	})
}
