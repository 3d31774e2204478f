package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

func outboxMsg(key string) domain.OutboxMessage {
	return domain.OutboxMessage{DedupeKey: key, Kind: "test", ToAddress: key + "@example.org",
		Subject: "Betreff " + key, BodyText: "Text " + key}
}

func TestEnqueueMessages(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		first := outboxMsg("a")
		again := outboxMsg("a")
		again.Subject = "anderer Betreff"
		if err := st.EnqueueMessages(ctx, first, outboxMsg("b"), again); err != nil {
			t.Fatal(err)
		}
		// The same event written again, now inside a transaction with other work.
		err := st.Tx(ctx, func(tx *store.Store) error {
			return tx.EnqueueMessages(ctx, outboxMsg("b"), outboxMsg("c"))
		})
		if err != nil {
			t.Fatal(err)
		}
		// A transaction that fails leaves no message behind.
		boom := errors.New("boom")
		err = st.Tx(ctx, func(tx *store.Store) error {
			if err := tx.EnqueueMessages(ctx, outboxMsg("d")); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("tx error = %v", err)
		}
		page, err := st.ListOutbox(ctx, store.OutboxFilter{})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]domain.OutboxMessage{}
		for _, m := range page.Messages {
			got[m.DedupeKey] = m
		}
		if len(got) != 3 || page.Total != 3 {
			t.Fatalf("outbox holds %v (total %d), want a, b, c", keys(page.Messages), page.Total)
		}
		if a := got["a"]; a.Subject != "Betreff a" || a.State != domain.MessageQueued || a.Language != "de" {
			t.Errorf("first writer should win: %+v", a)
		}
		if err := st.EnqueueMessages(ctx, domain.OutboxMessage{DedupeKey: "x", Kind: "k"}); err == nil {
			t.Error("a message without recipient, subject and body was accepted")
		}
	})
}

func keys(ms []domain.OutboxMessage) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.DedupeKey)
	}
	return out
}

func TestClaimMessages(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		later := outboxMsg("later")
		later.NextAttemptAt = st.Now().Add(time.Hour)
		msgs := []domain.OutboxMessage{later}
		for i := range 5 {
			msgs = append(msgs, outboxMsg(fmt.Sprintf("due%d", i)))
		}
		if err := st.EnqueueMessages(ctx, msgs...); err != nil {
			t.Fatal(err)
		}
		first, err := st.ClaimMessages(ctx, 3, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		second, err := st.ClaimMessages(ctx, 10, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		third, err := st.ClaimMessages(ctx, 10, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if len(first) != 3 || len(second) != 2 || len(third) != 0 {
			t.Fatalf("claimed %v, %v, %v; want 3, then 2, then none", keys(first), keys(second), keys(third))
		}
		seen := map[string]bool{}
		for _, m := range append(first, second...) {
			if seen[m.DedupeKey] || m.DedupeKey == "later" {
				t.Errorf("claimed %s twice or before it was due", m.DedupeKey)
			}
			seen[m.DedupeKey] = true
			if m.State != domain.MessageSending || m.Attempts != 1 || m.LockedUntil == nil || m.Subject == "" {
				t.Errorf("claimed message %+v", m)
			}
		}
		if first[0].ID > first[1].ID {
			t.Error("claimed messages are not ordered by id")
		}
	})
}

func TestOutboxLifecycle(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		for _, k := range []string{"sent", "retry", "fail", "release", "crash"} {
			if err := st.EnqueueMessages(ctx, outboxMsg(k)); err != nil {
				t.Fatal(err)
			}
		}
		claimed, err := st.ClaimMessages(ctx, 4, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		// "crash" is claimed by an instance that dies: its lock is already expired.
		crashed, err := st.ClaimMessages(ctx, 1, -time.Second)
		if err != nil || len(claimed) != 4 || len(crashed) != 1 {
			t.Fatalf("claim: %v %d %d", err, len(claimed), len(crashed))
		}
		ids := map[string]int64{}
		for _, m := range append(claimed, crashed...) {
			ids[m.DedupeKey] = m.ID
		}
		if err := st.MarkMessageSent(ctx, ids["sent"]); err != nil {
			t.Fatal(err)
		}
		if err := st.MarkMessageSent(ctx, ids["sent"]); !errors.Is(err, domain.ErrConflict) {
			t.Errorf("second mark sent: %v, want ErrConflict", err)
		}
		retryAt := st.Now().Add(10 * time.Minute)
		if err := st.ScheduleMessageRetry(ctx, ids["retry"], retryAt, "421 try later"); err != nil {
			t.Fatal(err)
		}
		alert := outboxMsg("alert")
		if err := st.FailMessage(ctx, ids["fail"], "550 no such user", alert); err != nil {
			t.Fatal(err)
		}
		if err := st.ReleaseMessages(ctx, ids["release"]); err != nil {
			t.Fatal(err)
		}
		n, err := st.ReclaimExpiredMessages(ctx)
		if err != nil || n != 1 {
			t.Fatalf("reclaim: %d, %v; want 1", n, err)
		}
		want := map[string]struct {
			state    domain.MessageState
			attempts int
			lastErr  string
		}{
			"sent":    {domain.MessageSent, 1, ""},
			"retry":   {domain.MessageQueued, 1, "421 try later"},
			"fail":    {domain.MessageFailed, 1, "550 no such user"},
			"release": {domain.MessageQueued, 0, ""},
			"crash":   {domain.MessageQueued, 1, "Sperre abgelaufen"},
			"alert":   {domain.MessageQueued, 0, ""},
		}
		page, err := st.ListOutbox(ctx, store.OutboxFilter{PerPage: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range page.Messages {
			w, ok := want[m.DedupeKey]
			if !ok {
				t.Errorf("unexpected message %s", m.DedupeKey)
				continue
			}
			if m.State != w.state || m.Attempts != w.attempts || !strings.Contains(m.LastError, w.lastErr) {
				t.Errorf("%s: state %s attempts %d error %q; want %s %d %q", m.DedupeKey, m.State, m.Attempts,
					m.LastError, w.state, w.attempts, w.lastErr)
			}
			if m.State != domain.MessageSending && m.LockedUntil != nil {
				t.Errorf("%s keeps a lock in state %s", m.DedupeKey, m.State)
			}
			if (m.State == domain.MessageSent) != (m.SentAt != nil) {
				t.Errorf("%s: sent_at %v in state %s", m.DedupeKey, m.SentAt, m.State)
			}
		}
		if len(page.Messages) != len(want) {
			t.Errorf("outbox holds %v", keys(page.Messages))
		}
		// The retry is not due yet; the released and reclaimed messages and the alert are.
		due, err := st.ClaimMessages(ctx, 10, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(keys(due), ","); got != "release,crash,alert" {
			t.Errorf("due after the lifecycle: %s", got)
		}

		// Erneut senden: only a failed message, and then with attempts reset.
		// The retry and its audit entry commit together: a refused retry is not audited,
		// and an audit entry that cannot be written (an unknown user) undoes the retry.
		audit := func(id int64) *domain.AuditEntry {
			return domain.Actor{Label: "Test"}.Audit("outbox.retry", "outbox", id, "")
		}
		if err := st.RetryMessage(ctx, ids["sent"], audit(ids["sent"])); !errors.Is(err, domain.ErrConflict) {
			t.Errorf("retry of a sent message: %v, want ErrConflict", err)
		}
		if err := st.RetryMessage(ctx, 999999, audit(999999)); !errors.Is(err, domain.ErrNotFound) {
			t.Errorf("retry of a missing message: %v, want ErrNotFound", err)
		}
		broken := audit(ids["fail"])
		ghost := int64(987654)
		broken.ActorUserID = &ghost
		if err := st.RetryMessage(ctx, ids["fail"], broken); err == nil {
			t.Fatal("retry with an audit entry of an unknown user succeeded")
		}
		if m, _ := st.OutboxMessageByID(ctx, ids["fail"]); m.State != domain.MessageFailed {
			t.Fatalf("failed audit left the message %s", m.State)
		}
		if err := st.RetryMessage(ctx, ids["fail"], audit(ids["fail"])); err != nil {
			t.Fatal(err)
		}
		entries, err := st.AuditEntries(ctx, "outbox", 0, 10, 0)
		if err != nil || len(entries) != 1 || *entries[0].EntityID != ids["fail"] {
			t.Fatalf("audit entries %+v (%v), want exactly the one retry", entries, err)
		}
		m, err := st.OutboxMessageByID(ctx, ids["fail"])
		if err != nil {
			t.Fatal(err)
		}
		if m.State != domain.MessageQueued || m.Attempts != 0 {
			t.Errorf("after erneut senden: %s, %d attempts", m.State, m.Attempts)
		}
		counts, err := st.OutboxCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if counts[domain.MessageSent] != 1 || counts[domain.MessageSending] != 3 || counts[domain.MessageQueued] != 2 {
			t.Errorf("counts %v", counts)
		}
	})
}

func TestListOutboxFiltersAndPages(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		var msgs []domain.OutboxMessage
		for i := range 7 {
			msgs = append(msgs, outboxMsg(fmt.Sprintf("m%d", i)))
		}
		if err := st.EnqueueMessages(ctx, msgs...); err != nil {
			t.Fatal(err)
		}
		claimed, err := st.ClaimMessages(ctx, 2, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range claimed {
			if err := st.FailMessage(ctx, m.ID, "kaputt"); err != nil {
				t.Fatal(err)
			}
		}
		tests := []struct {
			filter         store.OutboxFilter
			wantLen, pages int
			wantTotal      int64
			wantFirstKey   string
			wantErr        bool
		}{
			{store.OutboxFilter{PerPage: 3}, 3, 3, 7, "m6", false},
			{store.OutboxFilter{PerPage: 3, Page: 3}, 1, 3, 7, "m0", false},
			{store.OutboxFilter{State: domain.MessageFailed}, 2, 1, 2, "m1", false},
			{store.OutboxFilter{State: domain.MessageQueued, PerPage: 4, Page: 2}, 1, 2, 5, "m2", false},
			{store.OutboxFilter{State: "bogus"}, 0, 0, 0, "", true},
		}
		for _, tc := range tests {
			page, err := st.ListOutbox(ctx, tc.filter)
			if tc.wantErr {
				if err == nil {
					t.Errorf("%+v: no error", tc.filter)
				}
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(page.Messages) != tc.wantLen || page.Total != tc.wantTotal || page.Pages() != tc.pages ||
				page.Messages[0].DedupeKey != tc.wantFirstKey {
				t.Errorf("%+v: got %v total %d pages %d", tc.filter, keys(page.Messages), page.Total, page.Pages())
			}
		}
	})
}

func TestMarkMessagesSent(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		if err := st.EnqueueMessages(ctx, outboxMsg("a"), outboxMsg("b"), outboxMsg("c")); err != nil {
			t.Fatal(err)
		}
		claimed, err := st.ClaimMessages(ctx, 2, time.Minute)
		if err != nil || len(claimed) != 2 {
			t.Fatalf("claim: %d, %v", len(claimed), err)
		}
		page, err := st.ListOutbox(ctx, store.OutboxFilter{State: domain.MessageQueued})
		if err != nil || page.Total != 1 {
			t.Fatalf("queued: %d, %v", page.Total, err)
		}
		// The queued message is not being sent, so it must not be marked.
		n, err := st.MarkMessagesSent(ctx, claimed[0].ID, claimed[1].ID, page.Messages[0].ID)
		if err != nil || n != 2 {
			t.Fatalf("mark messages sent: %d, %v; want 2", n, err)
		}
		counts, err := st.OutboxCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if counts[domain.MessageSent] != 2 || counts[domain.MessageQueued] != 1 {
			t.Errorf("counts %v", counts)
		}
	})
}
