package stats_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/stats"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

// berlin returns the instant of a wall-clock time in Hagen.
func berlin(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, domain.Berlin)
}

// lease takes a new household through approval, a viewing with Zusage and the lease, so
// that the lease is recorded at the instant at; the clock ends at at.
func lease(t *testing.T, st *store.Store, clk *clock.Manual, wf *workflow.Service, users testutil.Users, at time.Time, change func(*domain.Household)) {
	t.Helper()
	ctx := context.Background()
	clk.Set(at.Add(-5 * 24 * time.Hour)) // the fixture's viewing is three days after approval
	h := testutil.Household(t, st, change)
	v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
	res, err := wf.Approve(ctx, domain.Actor{User: users.Staff}, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	clk.Set(at.Add(-time.Hour))
	if err := wf.RecordOutcome(ctx, domain.Actor{User: users.Landlord}, workflow.Outcome{MatchID: res.Match.ID, Accepted: true}); err != nil {
		t.Fatal(err)
	}
	clk.Set(at)
	if err := wf.SignLease(ctx, domain.Actor{User: users.Staff}, res.Match.ID); err != nil {
		t.Fatal(err)
	}
}

// TestReportCountsPlacementsConversionAndWaiting runs the whole report on days where a
// reckoning in instants instead of calendar days goes wrong: the first and last minutes of
// a month and of a year, 29 February, and the days the clocks change.
func TestReportCountsPlacementsConversionAndWaiting(t *testing.T) {
	instants := []time.Time{
		berlin(2026, time.December, 1, 0, 30), // the day CI turned red: 30 minutes into the month
		berlin(2026, time.December, 1, 12, 0),
		berlin(2026, time.December, 31, 23, 45),
		berlin(2027, time.January, 1, 0, 15),
		berlin(2028, time.February, 29, 9, 0),
		berlin(2026, time.March, 29, 3, 30),   // clocks go forward
		berlin(2026, time.October, 25, 2, 30), // clocks go back
		berlin(2026, time.July, 31, 23, 59),
	}
	for _, at := range instants {
		t.Run(at.Format("2006-01-02T15:04"), func(t *testing.T) {
			testutil.ForEachDialectAt(t, at, func(t *testing.T, st *store.Store, clk *clock.Manual) {
				reportAt(t, st, clk, at)
			})
		})
	}
}

func reportAt(t *testing.T, st *store.Store, clk *clock.Manual, at time.Time) {
	ctx := context.Background()
	users := testutil.SeedUsers(t, st)
	wf := workflow.New(st, ranking.New(st))
	today := domain.Today(at)
	// Household A: certificate, registered 100 days ago → lease. B: Fachstelle (women,
	// urgency 2), registered 300 days ago → lease. C: approved, then declined.
	lease(t, st, clk, wf, users, at, func(h *domain.Household) { h.RegisteredOn = today.AddDays(-100) })
	lease(t, st, clk, wf, users, at, func(h *domain.Household) {
		cat, urg := domain.EmergencySheltered, domain.UrgencyHigh
		h.CertificatePassedOn, h.FachstelleCase, h.EmergencyCategory, h.Urgency, h.FocusGroup = 0, true, &cat, &urg, "women"
		h.RegisteredOn = today.AddDays(-300)
		h.Members, h.Benefit = h.Members[:1], "none"
	})
	c := testutil.Household(t, st, nil)
	waitingCat, waitingUrg := domain.EmergencyStreet, domain.UrgencyVeryHigh
	testutil.Household(t, st, func(h *domain.Household) {
		h.FachstelleCase, h.EmergencyCategory, h.Urgency, h.FocusGroup = true, &waitingCat, &waitingUrg, "senior_care"
	})
	v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
	res, err := wf.Approve(ctx, domain.Actor{User: users.Staff}, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: c.ID, SlotID: v.Slots[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wf.Answer(ctx, domain.Applicant(res.ApplicantToken), res.ApplicantToken, workflow.AnswerDecline); err != nil {
		t.Fatal(err)
	}

	rep, err := stats.New(st).Report(ctx, domain.Actor{User: users.Staff}, stats.DefaultRange(st.Today()))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Placements != 2 || len(rep.Months) != 12 {
		t.Fatalf("placements %d, months %d; want 2 and 12", rep.Placements, len(rep.Months))
	}
	last := rep.Months[len(rep.Months)-1]
	if last.Month != today.Month() {
		t.Fatalf("last month %s, want %s", last.Month, today.Month())
	}
	if last.Total != 2 || last.ByTrack["certificate"] != 1 || last.ByTrack["fachstelle"] != 1 || last.ByFocusGroup["women"] != 1 || last.ByFocusGroup["none"] != 1 {
		t.Fatalf("this month: %+v", last)
	}
	if rep.MedianDaysToLease == nil || *rep.MedianDaysToLease != 200 {
		t.Fatalf("median days %v, want 200", rep.MedianDaysToLease)
	}
	// The two leased matches were approved five days before today: inside the range unless
	// today lies in the range's first five days, which none of the instants does.
	if rep.Conversion != (stats.Conversion{Approved: 3, Viewed: 2, Leased: 2}) {
		t.Fatalf("conversion %+v", rep.Conversion)
	}
	var senior *stats.WaitingGroup
	for i := range rep.Waiting {
		if rep.Waiting[i].FocusGroup == "senior_care" {
			senior = &rep.Waiting[i]
		}
	}
	if senior == nil || senior.ByUrgency[1] != 1 || rep.WaitingByUrgency["1"] != 1 || rep.WaitingByUrgency["none"] != 1 {
		t.Fatalf("waiting %+v by urgency %v", rep.Waiting, rep.WaitingByUrgency)
	}
	if len(rep.Landlords) != 1 || rep.Landlords[0].Offered != 0 {
		t.Fatalf("landlords %+v (fixtures have no submission date)", rep.Landlords)
	}
	empty, err := stats.New(st).Report(ctx, domain.Actor{User: users.Staff}, stats.Range{From: today.AddDays(-400), To: today.AddDays(-380)})
	if err != nil || empty.Placements != 0 || empty.MedianDaysToLease != nil || empty.Conversion.Approved != 0 {
		t.Fatalf("empty range: %+v %v", empty, err)
	}
}

// TestReportOnEveryDay records leases at the edges of months and years (minutes after
// midnight in Hagen, which is still the previous day in UTC), then reads the default report
// with the clock set to every day of 2026 and 2027: each lease counts exactly once, in the
// month of its day in Hagen, on every day whose twelve months include it (at the first and
// at the last minute of the day).
func TestReportOnEveryDay(t *testing.T) {
	leases := []time.Time{
		berlin(2025, time.December, 31, 23, 50),
		berlin(2026, time.January, 1, 0, 10),
		berlin(2026, time.February, 28, 23, 59),
		berlin(2026, time.March, 1, 0, 1),
		berlin(2026, time.March, 29, 3, 0),
		berlin(2026, time.June, 30, 23, 30),
		berlin(2026, time.July, 1, 0, 30),
		berlin(2026, time.October, 25, 2, 30),
		berlin(2026, time.December, 1, 0, 30),
		berlin(2026, time.December, 31, 23, 59),
		berlin(2027, time.January, 1, 0, 0),
		berlin(2027, time.May, 31, 22, 30),
		berlin(2027, time.December, 1, 0, 5),
	}
	testutil.ForEachDialectAt(t, leases[0], func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		wf := workflow.New(st, ranking.New(st))
		for _, at := range leases {
			lease(t, st, clk, wf, users, at, nil)
		}
		svc := stats.New(st)
		for day := domain.NewDate(2026, time.January, 1); day <= domain.NewDate(2027, time.December, 31); day++ {
			// Alternately the first and the last minute of the day in Hagen.
			if day%2 == 0 {
				clk.Set(day.Midnight().Add(time.Minute))
			} else {
				clk.Set(day.AddDays(1).Midnight().Add(-time.Minute))
			}
			today := st.Today()
			if today != day {
				t.Fatalf("clock at %v reads %v, want %v", clk.Now(), today, day)
			}
			rep, err := svc.Report(ctx, domain.Actor{User: users.Staff}, stats.DefaultRange(today))
			if err != nil {
				t.Fatalf("%v: %v", day, err)
			}
			want := map[string]int{}
			total := 0
			for _, at := range leases {
				d := domain.Today(at)
				if d >= today.AddMonths(-11) && d <= today {
					want[d.Month()]++
					total++
				}
			}
			got := map[string]int{}
			for _, m := range rep.Months {
				if m.Total > 0 {
					got[m.Month] = m.Total
				}
			}
			if rep.Placements != total || fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("on %v: placements %d by month %v; want %d by month %v", day, rep.Placements, got, total, want)
			}
			if n := len(rep.Months); n != 12 || rep.Months[n-1].Month != today.Month() {
				t.Fatalf("on %v: %d months ending %s", day, n, rep.Months[n-1].Month)
			}
		}
	})
}

// TestMonthsAndDefaultRange checks the calendar arithmetic on its own: on every day of
// 2026 to 2028 the default range is the current month and the eleven before it, and ranges
// that end on the first of a month or cross a year or 29 February list the right months.
func TestMonthsAndDefaultRange(t *testing.T) {
	for day := domain.NewDate(2026, time.January, 1); day <= domain.NewDate(2028, time.December, 31); day++ {
		r := stats.DefaultRange(day)
		ms := stats.Months(r)
		y, m, _ := day.Time().Date()
		first := time.Date(y, m-11, 1, 12, 0, 0, 0, time.UTC).Format("2006-01")
		if len(ms) != 12 || ms[0].Month != first || ms[11].Month != day.Month() || r.To != day.AddDays(1) {
			t.Fatalf("%v: range %v..%v months %d (%s..%s)", day, r.From, r.To, len(ms), ms[0].Month, ms[len(ms)-1].Month)
		}
	}
	d := domain.NewDate
	cases := []struct {
		name     string
		from, to domain.Date // [from, to)
		want     string
	}{
		{"ends on the first", d(2026, 11, 15), d(2026, 12, 2), "[2026-11 2026-12]"},
		{"ends the day before the first", d(2026, 11, 15), d(2026, 12, 1), "[2026-11]"},
		{"one day, the first", d(2026, 12, 1), d(2026, 12, 2), "[2026-12]"},
		{"one day, the last", d(2026, 12, 31), d(2027, 1, 1), "[2026-12]"},
		{"across the year", d(2026, 12, 31), d(2027, 1, 2), "[2026-12 2027-01]"},
		{"29 February", d(2028, 2, 29), d(2028, 3, 1), "[2028-02]"},
		{"from 31 January", d(2027, 1, 31), d(2027, 3, 1), "[2027-01 2027-02]"},
		{"empty", d(2026, 5, 1), d(2026, 5, 1), "[]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range stats.Months(stats.Range{From: tc.from, To: tc.to}) {
				got = append(got, m.Month)
			}
			if fmt.Sprint(got) != tc.want {
				t.Fatalf("months %v, want %s", got, tc.want)
			}
		})
	}
}
