package tenancies_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/tenancies"
	"wohnbruecke/internal/testutil"
)

// monday9 is a Monday morning in Hagen.
var monday9 = time.Date(2026, time.March, 2, 9, 0, 0, 0, domain.Berlin)

func countRows(t *testing.T, st *store.Store, table string) int {
	t.Helper()
	db, err := st.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLeaseStartsTheTenancy(t *testing.T) {
	testutil.ForEachDialectAt(t, monday9, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		users := testutil.SeedUsers(t, st)
		l := testutil.Lease(t, st, clk, users, nil)
		tn := l.Tenancy
		today := st.Today()
		if tn.Status != domain.TenancyActive || tn.StartDate != today || tn.VacancyID != l.Vacancy.ID || tn.Place != 1 ||
			tn.LandlordID != users.LandlordOrg.ID || tn.HouseholdID != l.Household.ID {
			t.Fatalf("tenancy %+v", tn)
		}
		if tn.CompanionID == nil || *tn.CompanionID != users.Caseworker.ID || tn.ContactUserID == nil || *tn.ContactUserID != users.Staff.ID {
			t.Fatalf("companion %v, Ansprechperson %v", tn.CompanionID, tn.ContactUserID)
		}
		if !tn.KeptFlat || !tn.StablyHoused || tn.NextVisitDue != today.AddDays(7) || tn.VisitEarlyDays != 7 || tn.VisitLaterDays != 30 {
			t.Fatalf("facts and rhythm: %+v", tn)
		}
		m, err := st.MatchByID(context.Background(), tn.MatchID)
		if err != nil || m.State != domain.MatchLeaseSigned || m.HouseholdID != l.Household.ID {
			t.Fatalf("match %+v %v", m, err)
		}
		if n := countRows(t, st, "audit_log WHERE action = 'tenancy.start'"); n != 1 {
			t.Fatalf("%d start entries", n)
		}
	})
}

func TestNewLeaseEndsTheEarlierTenancyAndARefusedLeaseStartsNone(t *testing.T) {
	testutil.ForEachDialectAt(t, monday9, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		first := testutil.Lease(t, st, clk, users, nil)
		// A refused lease (the match is leased already) leaves no tenancy behind.
		if err := testutil.Workflow(st).SignLease(ctx, domain.Actor{User: users.Staff}, first.Tenancy.MatchID); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("second lease of one match: %v", err)
		}
		if n := countRows(t, st, "tenancies"); n != 1 {
			t.Fatalf("%d tenancies after a refused lease", n)
		}
		// Made active again and leased elsewhere, the household's first tenancy ends (housed
		// elsewhere) in the second lease's transaction.
		if err := st.SetHouseholdStatus(ctx, first.Household.ID, domain.HouseholdActive); err != nil {
			t.Fatal(err)
		}
		second := testutil.LeaseHousehold(t, st, clk, users, first.Household)
		old, err := st.TenancyByID(ctx, first.Tenancy.ID)
		if err != nil || old.Status != domain.TenancyEnded || *old.EndReason != domain.EndHousedElsewhere || !old.StablyHoused ||
			old.KeptFlat || old.EndDate != st.Today() {
			t.Fatalf("first tenancy: %+v %v", old, err)
		}
		if second.Tenancy.ID == old.ID || second.Tenancy.VacancyID != second.Vacancy.ID {
			t.Fatalf("second tenancy %+v", second.Tenancy)
		}
	})
}

func TestTenanciesListedPerRole(t *testing.T) {
	testutil.ForEachDialectAt(t, monday9, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		l := testutil.Lease(t, st, clk, users, nil)
		svc := tenancies.New(st)
		other := &domain.User{Email: "cw2@test.de", Name: "Zweite Begleitung", Role: domain.RoleCaseworker, Active: true}
		if err := st.CreateUser(ctx, other); err != nil {
			t.Fatal(err)
		}
		otherOrg := &domain.Landlord{Name: "Andere", Kind: domain.LandlordPrivate, Status: domain.LandlordActive}
		if err := st.CreateLandlord(ctx, otherOrg); err != nil {
			t.Fatal(err)
		}
		otherLandlord := &domain.User{Email: "ll2@test.de", Name: "Andere Vermieterin", Role: domain.RoleLandlord, LandlordID: &otherOrg.ID, Active: true}
		if err := st.CreateUser(ctx, otherLandlord); err != nil {
			t.Fatal(err)
		}
		for name, c := range map[string]struct {
			a    domain.Actor
			want int
			err  error
		}{
			"staff":          {domain.Actor{User: users.Staff}, 1, nil},
			"companion":      {domain.Actor{User: users.Caseworker}, 1, nil},
			"landlord":       {domain.Actor{User: users.Landlord}, 1, nil},
			"other worker":   {domain.Actor{User: other}, 0, nil},
			"other landlord": {domain.Actor{User: otherLandlord}, 0, nil},
			"applicant":      {domain.Applicant("x"), 0, domain.ErrForbidden},
		} {
			rows, err := svc.List(ctx, c.a, store.TenancyFilter{})
			if !errors.Is(err, c.err) || len(rows) != c.want {
				t.Errorf("%s: %d rows, %v; want %d, %v", name, len(rows), err, c.want, c.err)
			}
			if _, err := svc.Get(ctx, c.a, l.Tenancy.ID); (c.want == 1) != (err == nil) {
				t.Errorf("%s: get: %v", name, err)
			}
		}
		rows, err := st.ListTenancies(ctx, store.TenancyFilter{HouseholdID: l.Household.ID})
		if err != nil || len(rows) != 1 || rows[0].HouseholdReference != l.Household.Reference ||
			rows[0].CompanionName != users.Caseworker.Name || rows[0].ContactName != users.Staff.Name ||
			rows[0].LandlordName != users.LandlordOrg.Name || rows[0].Street != l.Vacancy.Street {
			t.Fatalf("by household: %+v %v", rows, err)
		}
		for _, f := range []store.TenancyFilter{{LandlordID: otherOrg.ID}, {CompanionID: other.ID}, {HouseholdID: l.Household.ID + 1000},
			{Status: domain.TenancyEnded}, {Overdue: st.Today()}} {
			if rows, err := st.ListTenancies(ctx, f); err != nil || len(rows) != 0 {
				t.Errorf("filter %+v: %d rows, %v", f, len(rows), err)
			}
		}
		if rows, _ := st.ListTenancies(ctx, store.TenancyFilter{Overdue: st.Today().AddDays(8)}); len(rows) != 1 {
			t.Errorf("overdue a week and a day after the start: %d rows", len(rows))
		}
	})
}

func TestEndTenancy(t *testing.T) {
	testutil.ForEachDialectAt(t, monday9, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		l := testutil.Lease(t, st, clk, users, nil)
		svc := tenancies.New(st)
		clk.Advance(40 * 24 * time.Hour)
		end := domain.TenancyEnd{EndDate: st.Today(), Reason: domain.EndNoticeLandlord}
		// Refusals change nothing.
		if err := svc.End(ctx, domain.Actor{User: users.Landlord}, l.Tenancy.ID, end); !errors.Is(err, domain.ErrForbidden) {
			t.Fatalf("landlord ends: %v", err)
		}
		var ve *domain.ValidationError
		if err := svc.End(ctx, domain.Actor{User: users.Caseworker}, l.Tenancy.ID, end); !errors.As(err, &ve) || !ve.Has("stably_housed") {
			t.Fatalf("no answer to stably housed: %v", err)
		}
		if tn, _ := st.TenancyByID(ctx, l.Tenancy.ID); tn.Status != domain.TenancyActive {
			t.Fatal("refused end wrote")
		}
		no := false
		end.StablyHoused = &no
		// Two ends at once: exactly one wins.
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, a := range []domain.Actor{{User: users.Caseworker}, {User: users.Staff}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = svc.End(ctx, a, l.Tenancy.ID, end)
			}()
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			if err == nil {
				won++
			} else if !errors.Is(err, domain.ErrConflict) {
				t.Fatalf("loser: %v, want a conflict", err)
			}
		}
		if won != 1 {
			t.Fatalf("%d winners: %v", won, errs)
		}
		tn, err := st.TenancyByID(ctx, l.Tenancy.ID)
		if err != nil || tn.Status != domain.TenancyEnded || tn.EndDate != st.Today() || tn.EndReason == nil ||
			*tn.EndReason != domain.EndNoticeLandlord || tn.KeptFlat || tn.StablyHoused || tn.EndedByID == nil {
			t.Fatalf("ended: %+v %v", tn, err)
		}
		if tn.InPlacedFlatOn(st.Today()) || !tn.InPlacedFlatOn(st.Today().AddDays(-1)) {
			t.Error("in the placed flat until the day before the end")
		}
		if n := countRows(t, st, "audit_log WHERE action = 'tenancy.end'"); n != 1 {
			t.Fatalf("%d end entries", n)
		}
	})
}
