package workflow_test

import (
	"context"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
	"wohnbruecke/mail"
)

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
// Time moves with the clock, as it would in a running instance.
func TestPeriodicJobsSendEachMessageOnce(t *testing.T) {
	start := time.Date(2026, time.December, 28, 9, 15, 0, 0, domain.Berlin) // the jobs run across the year end
	testutil.ForEachDialectAt(t, start, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil) // viewing 71–72 hours ahead
		h := testutil.Household(t, st, nil)
		later := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) {
			v.Slots[0].StartsAt = v.Slots[0].StartsAt.Add(30 * 24 * time.Hour)
			v.Slots[0].EndsAt = v.Slots[0].EndsAt.Add(30 * 24 * time.Hour)
		})
		other := testutil.Household(t, st, nil)
		one, _ := mailingService(t, st)
		two, _ := mailingService(t, st) // a second instance
		a := mustApprove(t, one, users, v, h)
		mustApprove(t, one, users, later, other) // its viewing is a month away: it stalls
		// The fixture's slot is three days ahead: no reminder yet.
		if n, err := one.SendReminders(ctx); err != nil || n != 0 {
			t.Fatalf("reminders three days ahead: %d, %v", n, err)
		}
		clk.Advance(51 * time.Hour) // the viewing is 20–21 hours ahead
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

		if _, err := one.Answer(ctx, domain.Applicant(a.ApplicantToken), a.ApplicantToken, workflow.AnswerConfirm); err != nil {
			t.Fatal(err)
		}
		if n, _ := one.CloseEndedViewings(ctx); n != 0 {
			t.Fatalf("a viewing still ahead was closed")
		}
		clk.Advance(23 * time.Hour) // the viewing ended one to two hours ago
		n1, _ := one.CloseEndedViewings(ctx)
		n2, _ := two.CloseEndedViewings(ctx)
		m, _ := st.MatchByID(ctx, a.Match.ID)
		if n1+n2 != 1 || m.State != "viewed" || outboxKinds(t, st)[mail.KindLandlordOutcome] != 1 {
			t.Fatalf("ended viewing: closed %d+%d, state %s, outcome requests %d", n1, n2, m.State, outboxKinds(t, st)[mail.KindLandlordOutcome])
		}
		// Seven days after its approval the match with the distant viewing has not moved.
		clk.Set(start.Add(workflow.StallAfter - time.Minute))
		if n, _ := one.RemindStalled(ctx); n != 0 {
			t.Fatalf("reminded a minute before the stall period ends")
		}
		clk.Set(start.Add(workflow.StallAfter + time.Minute))
		n1, err1 := one.RemindStalled(ctx)
		n2, err2 := two.RemindStalled(ctx)
		if err1 != nil || err2 != nil || n1+n2 != 1 || outboxKinds(t, st)[mail.KindStaffMatchStalled] != 1 {
			t.Fatalf("stall reminders %d+%d (%v %v), queued %d", n1, n2, err1, err2, outboxKinds(t, st)[mail.KindStaffMatchStalled])
		}
		// The landlord can still record the outcome of a viewed match.
		if err := one.RecordOutcome(ctx, domain.Actor{User: users.Landlord}, workflow.Outcome{MatchID: a.Match.ID, Accepted: true}); err != nil {
			t.Fatal(err)
		}
	})
}
