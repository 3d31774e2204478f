package stats_test

import (
	"context"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/followups"
	"wohnbruecke/internal/stats"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/tenancies"
	"wohnbruecke/internal/testutil"
)

// leaseTenancy leases a flat to a new household (adjusted by change) so that the tenancy
// starts on day.
func leaseTenancy(t *testing.T, st *store.Store, clk *clock.Manual, users testutil.Users, day domain.Date, change func(*domain.Household)) *domain.Tenancy {
	t.Helper()
	clk.Set(day.Midnight().Add(10 * time.Hour).Add(-73 * time.Hour))
	l := testutil.Lease(t, st, clk, users, change)
	if l.Tenancy.StartDate != day {
		t.Fatalf("tenancy starts on %v, want %v", l.Tenancy.StartDate, day)
	}
	return l.Tenancy
}

func fachstelle(focus domain.FocusGroup, certificate bool) func(*domain.Household) {
	return func(h *domain.Household) {
		cat, urg := domain.EmergencyCategory("A2"), domain.Urgency(2)
		h.FachstelleCase, h.EmergencyCategory, h.Urgency, h.FocusGroup = true, &cat, &urg, focus
		if !certificate {
			h.CertificatePassedOn, h.CertificateNumber = 0, ""
		}
	}
}

// cell is a sustainment cell written by hand: counted, kept the flat, stably housed.
type cell [3]int

func cellsOf(g stats.Group) []cell {
	out := make([]cell, len(g.Cells))
	for i, c := range g.Cells {
		out[i] = cell{c.Counted, c.Kept, c.Housed}
	}
	return out
}

func groupByKey(groups []stats.Group, key string) stats.Group {
	for _, g := range groups {
		if g.Key == key {
			return g
		}
	}
	return stats.Group{Key: key, Cells: make([]stats.Cell, 3)}
}

// A hand-made history of five tenancies, its figures computed by hand on several days:
//
//	A 31.01.2026 certificate, no focus group        runs
//	B 15.01.2026 Fachstelle, women                 ended 10.05.2026 eviction, no home
//	C 28.02.2026 accompaniment, EU-2               ended 30.09.2026 housed elsewhere
//	E 15.03.2026 Fachstelle, mental health         ended 01.08.2026 notice by the household, no
//	                                               home; the 6-month follow-up (15.09.2026)
//	                                               found it housed elsewhere
//	D 30.06.2026 Fachstelle + certificate, seniors runs
//
// Horizon days: A 31.07.2026 / 31.01.2027 / 31.01.2028; B 15.07. / 15.01.2027 / 15.01.2028;
// C 28.08. / 28.02.2027 / 28.02.2028; E 15.09. / 15.03.2027 / 15.03.2028; D 30.12. /
// 30.06.2027 / 30.06.2028. A tenancy counts at a horizon once its day has come.
func TestSustainmentEqualsTheHandComputedFigures(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2026, 1, 1, 9, 0, 0, 0, domain.Berlin), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		staff, landlord := domain.Actor{User: users.Staff}, domain.Actor{User: users.Landlord}
		b := leaseTenancy(t, st, clk, users, domain.NewDate(2026, 1, 15), fachstelle(domain.FocusWomen, false))
		a := leaseTenancy(t, st, clk, users, domain.NewDate(2026, 1, 31), nil)
		c := leaseTenancy(t, st, clk, users, domain.NewDate(2026, 2, 28), func(h *domain.Household) {
			h.CertificatePassedOn, h.CertificateNumber = 0, ""
			h.AccompanimentFrom, h.CompanionName, h.FocusGroup = domain.NewDate(2025, 12, 1), "Klartext", domain.FocusEU2Family
		})
		e := leaseTenancy(t, st, clk, users, domain.NewDate(2026, 3, 15), fachstelle(domain.FocusMentalHealth, false))
		d := leaseTenancy(t, st, clk, users, domain.NewDate(2026, 6, 30), fachstelle(domain.FocusSeniorCare, true))
		ten := tenancies.New(st)
		no, yes := false, true
		for _, end := range []struct {
			t   *domain.Tenancy
			end domain.TenancyEnd
		}{
			{b, domain.TenancyEnd{EndDate: domain.NewDate(2026, 5, 10), Reason: domain.EndEviction, StablyHoused: &no}},
			{c, domain.TenancyEnd{EndDate: domain.NewDate(2026, 9, 30), Reason: domain.EndHousedElsewhere, StablyHoused: &yes}},
			{e, domain.TenancyEnd{EndDate: domain.NewDate(2026, 8, 1), Reason: domain.EndNoticeTenant, StablyHoused: &no}},
		} {
			if err := ten.End(ctx, staff, end.t.ID, end.end); err != nil {
				t.Fatal(err)
			}
		}
		// Two reports: one answered three hours after filing, one never.
		at := domain.NewDate(2026, 7, 7).Midnight().Add(9 * time.Hour) // a Tuesday
		clk.Set(at)
		r1, err := ten.FileReport(ctx, landlord, a.ID, domain.ReportInput{Category: domain.ReportDamage, Urgency: domain.ReportUrgencies[0].Value, Body: "Wasserschaden im Bad."})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ten.FileReport(ctx, landlord, d.ID, domain.ReportInput{Category: domain.ReportRentArrears, Urgency: domain.ReportUrgencies[0].Value, Body: "Miete Juli fehlt."}); err != nil {
			t.Fatal(err)
		}
		clk.Set(at.Add(3 * time.Hour))
		if _, err := ten.Reply(ctx, staff, r1.ID, "Wir kümmern uns heute."); err != nil {
			t.Fatal(err)
		}
		clk.Set(domain.NewDate(2026, 9, 20).Midnight().Add(9 * time.Hour))
		fu := followups.New(st, testutil.Composer(t), "https://wohnbruecke.example")
		if _, err := fu.MakeDue(ctx); err != nil {
			t.Fatal(err)
		}
		recordE := func(months int, r domain.FollowUpRecord) {
			t.Helper()
			if _, err := fu.MakeDue(ctx); err != nil {
				t.Fatal(err)
			}
			rows, err := st.FollowUps(ctx, store.FollowUpScope{TenancyID: e.ID})
			if err != nil {
				t.Fatal(err)
			}
			for _, row := range rows {
				if row.Months == months {
					if _, err := fu.Record(ctx, staff, row.ID, r); err != nil {
						t.Fatal(err)
					}
					return
				}
			}
			t.Fatalf("E has no follow-up at %d months", months)
		}
		recordE(6, domain.FollowUpRecord{Outcome: domain.OutcomeElsewhere})
		svc := stats.New(st)
		// From 16.03.2027 on, E's 12-month follow-up says it lost that home again: E counts
		// as housed at 6 months (its observation then) and as not housed at 12.
		for _, c := range []struct {
			today                 domain.Date
			total, fach, cohortJa []cell // at 6, 12, 24 months
			recordE12             bool
		}{
			{domain.NewDate(2026, 10, 1), []cell{{4, 2, 3}, {}, {}}, []cell{{2, 0, 1}, {}, {}}, []cell{{2, 1, 1}, {}, {}}, false},
			{domain.NewDate(2026, 12, 29), []cell{{4, 2, 3}, {}, {}}, []cell{{2, 0, 1}, {}, {}}, []cell{{2, 1, 1}, {}, {}}, false},
			{domain.NewDate(2026, 12, 30), []cell{{5, 3, 4}, {}, {}}, []cell{{3, 1, 2}, {}, {}}, []cell{{2, 1, 1}, {}, {}}, false},
			{domain.NewDate(2027, 3, 1), []cell{{5, 3, 4}, {3, 1, 2}, {}}, []cell{{3, 1, 2}, {1, 0, 0}, {}}, []cell{{2, 1, 1}, {2, 1, 1}, {}}, false},
			{domain.NewDate(2027, 3, 16), []cell{{5, 3, 4}, {4, 1, 2}, {}}, []cell{{3, 1, 2}, {2, 0, 0}, {}}, []cell{{2, 1, 1}, {2, 1, 1}, {}}, true},
			{domain.NewDate(2028, 2, 27), []cell{{5, 3, 4}, {5, 2, 3}, {2, 1, 1}}, []cell{{3, 1, 2}, {3, 1, 1}, {1, 0, 0}}, []cell{{2, 1, 1}, {2, 1, 1}, {2, 1, 1}}, false},
			{domain.NewDate(2028, 2, 29), []cell{{5, 3, 4}, {5, 2, 3}, {3, 1, 2}}, []cell{{3, 1, 2}, {3, 1, 1}, {1, 0, 0}}, []cell{{2, 1, 1}, {2, 1, 1}, {2, 1, 1}}, false},
		} {
			clk.Set(c.today.Midnight().Add(12 * time.Hour))
			if c.recordE12 {
				recordE(12, domain.FollowUpRecord{Outcome: domain.OutcomeLost, Reason: domain.EndOther})
			}
			s, err := svc.Sustainment(ctx, staff)
			if err != nil {
				t.Fatal(err)
			}
			for _, check := range []struct {
				name string
				got  stats.Group
				want []cell
			}{
				{"all", s.Total, c.total},
				{"Fachstelle", groupByKey(s.ByTrack, string(domain.TrackFachstelle)), c.fach},
				{"cohort 2026-01", groupByKey(s.ByCohort, "2026-01"), c.cohortJa},
				{"landlord", groupByKey(s.ByLandlord, users.LandlordOrg.Name), c.total},
			} {
				if got := cellsOf(check.got); !equalCells(got, check.want) {
					t.Errorf("%v, %s: %v, want %v", c.today, check.name, got, check.want)
				}
			}
			if g := groupByKey(s.ByFocusGroup, string(domain.FocusWomen)); g.Tenancies != 1 || g.Cells[0] != (stats.Cell{Counted: 1}) {
				t.Errorf("%v, women: %+v", c.today, g)
			}
			if s.Total.Tenancies != 5 || len(s.ByCohort) != 4 {
				t.Errorf("%v: %d tenancies in %d cohorts", c.today, s.Total.Tenancies, len(s.ByCohort))
			}
		}
		clk.Set(domain.NewDate(2026, 10, 1).Midnight().Add(12 * time.Hour)) // the months below
		s, err := svc.Sustainment(ctx, staff)
		if err != nil {
			t.Fatal(err)
		}
		rp := s.Reports
		if rp.Total != 2 || rp.Answered != 1 || rp.WithinTarget != 1 || rp.ByCategory["damage"] != 1 || rp.ByCategory["rent_arrears"] != 1 ||
			rp.MedianHoursToAnswer == nil || *rp.MedianHoursToAnswer != 3 || *rp.WithinTargetShare() != 50 {
			t.Errorf("reports: %+v", rp)
		}
		// Tenancies running per month, November 2025 to October 2026 (no visits recorded).
		want := []int{0, 0, 2, 3, 4, 4, 4, 4, 4, 4, 3, 2}
		if len(s.Visits) != len(want) {
			t.Fatalf("%d visit months", len(s.Visits))
		}
		for i, v := range s.Visits {
			if v.Tenancies != want[i] || v.Visits != 0 {
				t.Errorf("%s: %d tenancies, %d visits; want %d", v.Month, v.Tenancies, v.Visits, want[i])
			}
		}
		// The job ran late (20.09.2026 and 16.03.2027): only A and D still ran when their
		// 3-month follow-up was made due, so only they got the satisfaction check.
		if sat := s.Satisfaction[0]; sat.Months != 3 || sat.Sent != 2 || sat.Answered != 0 {
			t.Errorf("satisfaction: %+v", sat)
		}
	})
}

func equalCells(a, b []cell) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
