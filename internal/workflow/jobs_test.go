package workflow_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
	"wohnbruecke/mail"
)

func exec(t *testing.T, st *store.Store, q string) {
	t.Helper()
	db, err := st.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(context.Background(), q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func outboxKinds(t *testing.T, st *store.Store) map[string]int {
	t.Helper()
	page, err := st.ListOutbox(context.Background(), store.OutboxFilter{PerPage: 200})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, m := range page.Messages {
		out[m.Kind]++
	}
	return out
}

// The periodic jobs: a reminder 24 hours before the viewing, a stall reminder after seven
// days without movement, and after a confirmed viewing the request to the landlord to record
// the outcome — each exactly once, however often the jobs run (also from two instances).
func TestPeriodicJobsSendEachMessageOnce(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		h := testutil.Household(t, st, nil)
		one, _ := mailingService(t, st)
		two, _ := mailingService(t, st) // a second instance
		a := mustApprove(t, one, users, v, h)
		// The fixture's slot is three days ahead: no reminder yet.
		if n, err := one.SendReminders(ctx); err != nil || n != 0 {
			t.Fatalf("reminders three days ahead: %d, %v", n, err)
		}
		exec(t, st, fmt.Sprintf("UPDATE viewings SET starts_at = '%s', ends_at = '%s' WHERE id = %d",
			st.Now().Add(20*time.Hour).Format("2006-01-02 15:04:05.999999999-07:00"),
			st.Now().Add(21*time.Hour).Format("2006-01-02 15:04:05.999999999-07:00"), a.Viewing.ID))
		total := 0
		for _, svc := range []*workflow.Service{one, two, one} {
			n, err := svc.SendReminders(ctx)
			if err != nil {
				t.Fatal(err)
			}
			total += n
		}
		if total != 1 || outboxKinds(t, st)[mail.KindViewingReminder] != 1 {
			t.Fatalf("reminders sent %d times, %d queued; want exactly one", total, outboxKinds(t, st)[mail.KindViewingReminder])
		}

		if n, _ := one.RemindStalled(ctx); n != 0 {
			t.Fatalf("fresh match reminded as stalled")
		}
		exec(t, st, fmt.Sprintf("UPDATE matches SET state_changed_at = '%s' WHERE id = %d",
			st.Now().Add(-8*24*time.Hour).Format("2006-01-02 15:04:05.999999999-07:00"), a.Match.ID))
		n1, err1 := one.RemindStalled(ctx)
		n2, err2 := two.RemindStalled(ctx)
		if err1 != nil || err2 != nil || n1+n2 != 1 || outboxKinds(t, st)[mail.KindStaffMatchStalled] != 1 {
			t.Fatalf("stall reminders %d+%d (%v %v), queued %d", n1, n2, err1, err2, outboxKinds(t, st)[mail.KindStaffMatchStalled])
		}

		if _, err := one.Answer(ctx, domain.Applicant(a.ApplicantToken), a.ApplicantToken, workflow.AnswerConfirm); err != nil {
			t.Fatal(err)
		}
		exec(t, st, fmt.Sprintf("UPDATE viewings SET starts_at = '%s', ends_at = '%s' WHERE id = %d",
			st.Now().Add(-3*time.Hour).Format("2006-01-02 15:04:05.999999999-07:00"),
			st.Now().Add(-2*time.Hour).Format("2006-01-02 15:04:05.999999999-07:00"), a.Viewing.ID))
		n1, _ = one.CloseEndedViewings(ctx)
		n2, _ = two.CloseEndedViewings(ctx)
		m, _ := st.MatchByID(ctx, a.Match.ID)
		if n1+n2 != 1 || m.State != "viewed" || outboxKinds(t, st)[mail.KindLandlordOutcome] != 1 {
			t.Fatalf("ended viewing: closed %d+%d, state %s, outcome requests %d", n1, n2, m.State, outboxKinds(t, st)[mail.KindLandlordOutcome])
		}
		// The landlord can still record the outcome of a viewed match.
		if err := one.RecordOutcome(ctx, domain.Actor{User: users.Landlord}, workflow.Outcome{MatchID: a.Match.ID, Accepted: true}); err != nil {
			t.Fatal(err)
		}
	})
}
