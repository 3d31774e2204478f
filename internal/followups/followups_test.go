package followups_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/followups"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// leaseOn leases a new flat to a new household of the users' landlord so that the tenancy
// starts on day (the lease is recorded at 10:00 in Hagen); the clock stays there.
func leaseOn(t *testing.T, st *store.Store, clk *clock.Manual, users testutil.Users, day domain.Date) testutil.Leased {
	t.Helper()
	clk.Set(day.Midnight().Add(10 * time.Hour).Add(-73 * time.Hour))
	l := testutil.Lease(t, st, clk, users, nil)
	if l.Tenancy.StartDate != day {
		t.Fatalf("tenancy starts on %v, want %v", l.Tenancy.StartDate, day)
	}
	return l
}

// at sets the clock to the given minute of a day in Hagen.
func at(clk *clock.Manual, d domain.Date, hour, minute int) {
	clk.Set(d.Midnight().Add(time.Duration(hour)*time.Hour + time.Duration(minute)*time.Minute))
}

func followUps(t *testing.T, st *store.Store, tenancyID int64) map[int]store.FollowUpRow {
	t.Helper()
	rows, err := st.FollowUps(context.Background(), store.FollowUpScope{TenancyID: tenancyID})
	if err != nil {
		t.Fatal(err)
	}
	out := map[int]store.FollowUpRow{}
	for _, r := range rows {
		if _, dup := out[r.Months]; dup {
			t.Fatalf("two follow-ups at %d months", r.Months)
		}
		out[r.Months] = r
	}
	return out
}

func outbox(t *testing.T, st *store.Store) []domain.OutboxMessage {
	t.Helper()
	page, err := st.ListOutbox(context.Background(), store.OutboxFilter{PerPage: 200})
	if err != nil {
		t.Fatal(err)
	}
	return page.Messages
}

func kinds(msgs []domain.OutboxMessage) map[string]int {
	out := map[string]int{}
	for _, m := range msgs {
		out[m.Kind]++
	}
	return out
}

// A tenancy that starts on 31 January 2028 (a leap year) has its follow-ups on 30 April
// (3 months), 31 July (6), 31 January 2029 (12) and 31 January 2030 (24); each becomes
// due on its day in Hagen, not a minute earlier, exactly once however often the job runs,
// with the notice to the companion and, at 3 and 12 months, the landlord's satisfaction
// check.
func TestFollowUpsBecomeDueOnTheirDayOnce(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2028, 1, 1, 9, 0, 0, 0, domain.Berlin), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		l := leaseOn(t, st, clk, users, domain.NewDate(2028, 1, 31))
		svc := followups.New(st, testutil.Composer(t), "https://wohnbruecke.example")
		run := func(want int) {
			t.Helper()
			n, err := svc.MakeDue(ctx)
			if err != nil || n != want {
				t.Fatalf("%v: made %d due (%v), want %d", st.Now(), n, err, want)
			}
		}
		for _, step := range []struct {
			day        domain.Date
			months     int
			satisfying bool
		}{
			{domain.NewDate(2028, 4, 30), 3, true},
			{domain.NewDate(2028, 7, 31), 6, false},
			{domain.NewDate(2029, 1, 31), 12, true},
			{domain.NewDate(2030, 1, 31), 24, false},
		} {
			at(clk, step.day.AddDays(-1), 23, 59)
			run(0)
			before := kinds(outbox(t, st))
			at(clk, step.day, 0, 1)
			run(1)
			run(0)
			fu := followUps(t, st, l.Tenancy.ID)[step.months]
			if fu.DueOn != step.day || !fu.Open() {
				t.Fatalf("%d months: %+v", step.months, fu.FollowUp)
			}
			after := kinds(outbox(t, st))
			if after["follow_up_due"] != before["follow_up_due"]+1 {
				t.Errorf("%d months: %d notices, want one more than %d", step.months, after["follow_up_due"], before["follow_up_due"])
			}
			wantSat := before["landlord_satisfaction_request"]
			if step.satisfying {
				wantSat++
			}
			if after["landlord_satisfaction_request"] != wantSat {
				t.Errorf("%d months: %d satisfaction mails, want %d", step.months, after["landlord_satisfaction_request"], wantSat)
			}
		}
		if n := len(followUps(t, st, l.Tenancy.ID)); n != 4 {
			t.Fatalf("%d follow-ups, want 4", n)
		}
		for _, m := range outbox(t, st) {
			if m.Kind == "follow_up_due" && m.ToAddress != users.Caseworker.Email {
				t.Errorf("notice went to %s, want the companion %s", m.ToAddress, users.Caseworker.Email)
			}
			if m.Kind == "landlord_satisfaction_request" && m.ToAddress != users.Landlord.Email {
				t.Errorf("satisfaction check went to %s, want the landlord %s", m.ToAddress, users.Landlord.Email)
			}
		}
	})
}

// Two instances on one PostgreSQL run the job at the same moment: each follow-up exists
// once and each mail was queued once.
func TestFollowUpsBecomeDueOnceWithTwoInstances(t *testing.T) {
	dsn := testutil.PostgresURL(t)
	clk := clock.At(time.Date(2026, 5, 1, 9, 0, 0, 0, domain.Berlin))
	ctx := context.Background()
	var stores []*store.Store
	for range 2 {
		st, err := store.Open(ctx, store.Options{DatabaseURL: dsn, Now: clk.Now})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = st.Close() })
		stores = append(stores, st)
	}
	if _, err := stores[0].Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	st := stores[0]
	users := testutil.SeedUsers(t, st)
	var leased []testutil.Leased
	for _, d := range []domain.Date{domain.NewDate(2026, 5, 31), domain.NewDate(2026, 8, 31), domain.NewDate(2026, 11, 30)} {
		leased = append(leased, leaseOn(t, st, clk, users, d))
	}
	at(clk, domain.NewDate(2028, 12, 1), 8, 0) // every follow-up of all three is due
	for round := range 3 {
		var wg sync.WaitGroup
		counts := make([]int, len(stores))
		errs := make([]error, len(stores))
		for i, s := range stores {
			wg.Add(1)
			go func() {
				defer wg.Done()
				counts[i], errs[i] = followups.New(s, testutil.Composer(t), "https://wohnbruecke.example").MakeDue(ctx)
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		want := 12
		if round > 0 {
			want = 0
		}
		if counts[0]+counts[1] != want {
			t.Fatalf("round %d: the instances made %v due, want %d in all", round, counts, want)
		}
	}
	for _, l := range leased {
		if n := len(followUps(t, st, l.Tenancy.ID)); n != 4 {
			t.Errorf("tenancy %d: %d follow-ups, want 4", l.Tenancy.ID, n)
		}
	}
	k := kinds(outbox(t, st))
	if k["follow_up_due"] != 12 || k["landlord_satisfaction_request"] != 6 {
		t.Fatalf("mails: %v, want 12 notices and 6 satisfaction checks", k)
	}
}

func mustRecord(t *testing.T, svc *followups.Service, a domain.Actor, id int64, r domain.FollowUpRecord) {
	t.Helper()
	if _, err := svc.Record(context.Background(), a, id, r); err != nil {
		t.Fatal(err)
	}
}

// Recording a follow-up applies the one rule (domain.FollowUpEffect) to the tenancy:
// "elsewhere" and "lost" end a running tenancy on the day given, with the reason and whether
// the household is stably housed; on an ended tenancy they update only the latter. A
// second record of the same follow-up is a conflict; bad input names its fields and writes
// nothing; a caseworker reaches only her own households' follow-ups.
func TestRecordFollowUpEndsOrUpdatesTheTenancy(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2026, 1, 1, 9, 0, 0, 0, domain.Berlin), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		staff := domain.Actor{User: users.Staff}
		cw := domain.Actor{User: users.Caseworker}
		kept := leaseOn(t, st, clk, users, domain.NewDate(2026, 1, 15))
		moved := leaseOn(t, st, clk, users, domain.NewDate(2026, 1, 16))
		lost := leaseOn(t, st, clk, users, domain.NewDate(2026, 1, 17))
		at(clk, domain.NewDate(2026, 7, 20), 9, 0) // 3 and 6 months due for all
		svc := followups.New(st, nil, "")
		if n, err := svc.MakeDue(ctx); err != nil || n != 6 {
			t.Fatalf("made %d due: %v", n, err)
		}
		fu := func(l testutil.Leased, m int) store.FollowUpRow { return followUps(t, st, l.Tenancy.ID)[m] }
		tenancy := func(l testutil.Leased) *domain.Tenancy {
			tn, err := st.TenancyByID(ctx, l.Tenancy.ID)
			if err != nil {
				t.Fatal(err)
			}
			return tn
		}

		// Bad input: nothing written.
		_, err := svc.Record(ctx, cw, fu(moved, 3).ID, domain.FollowUpRecord{Outcome: domain.OutcomeElsewhere})
		var ve *domain.ValidationError
		if !errors.As(err, &ve) || !ve.Has("end_date") {
			t.Fatalf("elsewhere without a date: %v", err)
		}
		if !fu(moved, 3).Open() || !tenancy(moved).Active() {
			t.Fatal("a refused record changed something")
		}

		mustRecord(t, svc, cw, fu(kept, 3).ID, domain.FollowUpRecord{Outcome: domain.OutcomeInFlat, Note: "alles gut"})
		mustRecord(t, svc, staff, fu(moved, 3).ID, domain.FollowUpRecord{Outcome: domain.OutcomeElsewhere, EndDate: domain.NewDate(2026, 4, 1)})
		mustRecord(t, svc, cw, fu(lost, 3).ID, domain.FollowUpRecord{Outcome: domain.OutcomeLost, EndDate: domain.NewDate(2026, 3, 31),
			Reason: domain.EndEviction})
		if tn := tenancy(kept); !tn.Active() || !tn.KeptFlat || !tn.StablyHoused {
			t.Errorf("in flat: %+v", tn)
		}
		if tn := tenancy(moved); tn.Active() || tn.EndDate != domain.NewDate(2026, 4, 1) || tn.KeptFlat || !tn.StablyHoused ||
			*tn.EndReason != domain.EndHousedElsewhere {
			t.Errorf("elsewhere: %+v", tn)
		}
		if tn := tenancy(lost); tn.Active() || tn.EndDate != domain.NewDate(2026, 3, 31) || tn.KeptFlat || tn.StablyHoused ||
			*tn.EndReason != domain.EndEviction {
			t.Errorf("lost: %+v", tn)
		}

		// Later follow-ups of ended tenancies update whether the household is housed.
		_, err = svc.Record(ctx, staff, fu(moved, 6).ID, domain.FollowUpRecord{Outcome: domain.OutcomeInFlat})
		if !errors.As(err, &ve) || !ve.Has("outcome") {
			t.Fatalf("in flat after the end: %v", err)
		}
		mustRecord(t, svc, staff, fu(moved, 6).ID, domain.FollowUpRecord{Outcome: domain.OutcomeLost, Reason: domain.EndNoticeLandlord})
		mustRecord(t, svc, staff, fu(lost, 6).ID, domain.FollowUpRecord{Outcome: domain.OutcomeElsewhere})
		if tn := tenancy(moved); tn.StablyHoused || tn.EndDate != domain.NewDate(2026, 4, 1) || *tn.EndReason != domain.EndHousedElsewhere {
			t.Errorf("moved, then lost: %+v", tn)
		}
		if tn := tenancy(lost); !tn.StablyHoused || *tn.EndReason != domain.EndEviction {
			t.Errorf("lost, then housed elsewhere: %+v", tn)
		}

		// Once only; concurrent records: one wins.
		_, err = svc.Record(ctx, staff, fu(kept, 3).ID, domain.FollowUpRecord{Outcome: domain.OutcomeInFlat})
		var ce *domain.ConflictError
		if !errors.As(err, &ce) {
			t.Fatalf("second record: %v", err)
		}
		var wg sync.WaitGroup
		results := make([]error, 4)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, results[i] = svc.Record(ctx, staff, fu(kept, 6).ID, domain.FollowUpRecord{Outcome: domain.OutcomeInFlat})
			}()
		}
		wg.Wait()
		wins := 0
		for _, err := range results {
			switch {
			case err == nil:
				wins++
			case !errors.As(err, &ce):
				t.Fatalf("concurrent record: %v", err)
			}
		}
		if wins != 1 {
			t.Fatalf("%d concurrent records won", wins)
		}

		// Another caseworker does not reach the follow-up; a landlord may not at all.
		other := testutil.Household(t, st, nil) // no caseworker
		_ = other
		stranger := &domain.User{ID: users.Caseworker.ID + 1000, Role: domain.RoleCaseworker, Name: "Fremd", Active: true}
		if _, err := svc.Get(ctx, domain.Actor{User: stranger}, fu(kept, 3).ID); !errors.Is(err, domain.ErrNotFound) {
			t.Errorf("another caseworker: %v", err)
		}
		if _, err := svc.List(ctx, domain.Actor{User: users.Landlord}, nil, 0); !errors.Is(err, domain.ErrForbidden) {
			t.Errorf("landlord: %v", err)
		}
		if rows, err := svc.List(ctx, domain.Actor{User: stranger}, nil, 0); err != nil || len(rows) != 0 {
			t.Errorf("another caseworker lists %d, %v", len(rows), err)
		}
	})
}

var tokenInLink = regexp.MustCompile(`/zufriedenheit/([A-Za-z0-9_%-]+)`)

// The landlord's satisfaction check: the mail carries a login-free link whose token is
// stored only as its hash; the answer is taken once, a second answer or an expired link
// finds nothing, bad answers name their fields.
func TestSatisfactionCheckOnceThroughTheLink(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2026, 2, 1, 9, 0, 0, 0, domain.Berlin), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		first := leaseOn(t, st, clk, users, domain.NewDate(2026, 2, 10))
		second := leaseOn(t, st, clk, users, domain.NewDate(2026, 2, 11))
		at(clk, domain.NewDate(2026, 5, 12), 9, 0)
		svc := followups.New(st, testutil.Composer(t), "https://wohnbruecke.example")
		if _, err := svc.MakeDue(ctx); err != nil {
			t.Fatal(err)
		}
		var tokens []string
		for _, m := range outbox(t, st) {
			if m.Kind == "landlord_satisfaction_request" {
				mt := tokenInLink.FindStringSubmatch(m.BodyText)
				if mt == nil {
					t.Fatalf("no link in %q", m.BodyText)
				}
				tokens = append(tokens, mt[1])
				for _, secret := range testutil.LandlordSecrets(first.Household) {
					if strings.Contains(m.BodyText+m.BodyHTML, secret) {
						t.Errorf("the landlord's mail shows %q", secret)
					}
				}
			}
		}
		if len(tokens) != 2 {
			t.Fatalf("%d satisfaction links, want 2", len(tokens))
		}
		page, err := svc.OpenSatisfaction(ctx, tokens[0])
		if err != nil {
			t.Fatal(err)
		}
		if page.Check.TokenHash != auth.HashToken(tokens[0]) || page.Check.TokenHash == tokens[0] {
			t.Fatal("the token is not stored as its hash")
		}
		bad := domain.SatisfactionAnswer{Scores: [3]domain.SatisfactionScore{5, 0, 6}}
		var ve *domain.ValidationError
		if err := svc.AnswerSatisfaction(ctx, tokens[0], bad); !errors.As(err, &ve) || !ve.Has("support_score") ||
			!ve.Has("overall_score") || ve.Has("contact_score") {
			t.Fatalf("bad answer: %v", err)
		}
		good := domain.SatisfactionAnswer{Scores: [3]domain.SatisfactionScore{5, 4, 4}, Comment: "Sehr hilfreich."}
		if err := svc.AnswerSatisfaction(ctx, tokens[0], good); err != nil {
			t.Fatal(err)
		}
		if err := svc.AnswerSatisfaction(ctx, tokens[0], good); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("second answer: %v", err)
		}
		if _, err := svc.OpenSatisfaction(ctx, "unbekannt"); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("unknown link: %v", err)
		}
		clk.Advance(domain.SatisfactionValidity)
		if err := svc.AnswerSatisfaction(ctx, tokens[1], good); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("expired link: %v", err)
		}
		checks, err := st.SatisfactionChecks(ctx)
		if err != nil {
			t.Fatal(err)
		}
		answered := 0
		for _, c := range checks {
			if c.AnsweredAt != nil {
				answered++
				if c.TenancyID != first.Tenancy.ID && c.TenancyID != second.Tenancy.ID || *c.OverallScore != 4 || c.Comment != "Sehr hilfreich." {
					t.Errorf("answer: %+v", c.SatisfactionCheck)
				}
			}
		}
		if answered != 1 {
			t.Fatalf("%d answered checks, want 1", answered)
		}
	})
}
