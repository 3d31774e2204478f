package stats_test

import (
	"context"
	"fmt"
	"reflect"
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

// TestEquityFiguresEqualHandCount builds a small history by hand — nine households, seven
// proposals, every kind of ending — and checks every figure of the equity dashboard against
// the counts worked out below, on both databases and on days where calendar reckoning goes
// wrong (month and year ends, 29 February, the clock changes).
func TestEquityFiguresEqualHandCount(t *testing.T) {
	instants := []time.Time{
		berlin(2026, time.December, 1, 0, 30),
		berlin(2026, time.December, 31, 23, 45),
		berlin(2027, time.January, 1, 0, 15),
		berlin(2028, time.February, 29, 9, 0),
		berlin(2028, time.March, 1, 0, 5),
		berlin(2026, time.March, 29, 3, 30),
		berlin(2026, time.October, 25, 2, 30),
	}
	for _, at := range instants {
		t.Run(at.Format("2006-01-02T15:04"), func(t *testing.T) {
			testutil.ForEachDialectAt(t, at, func(t *testing.T, st *store.Store, clk *clock.Manual) {
				equityAt(t, st, clk, at)
			})
		})
	}
}

// history drives one proposal at a time through the workflow at noon of given days.
type history struct {
	t     *testing.T
	st    *store.Store
	clk   *clock.Manual
	wf    *workflow.Service
	users testutil.Users
	today domain.Date
}

// noon is 12:00 in Hagen, d days before today (d ≥ 0 in the past).
func (h *history) noon(d int) time.Time {
	return time.Date(h.today.Time().Year(), h.today.Time().Month(), h.today.Time().Day()-d, 12, 0, 0, 0, domain.Berlin)
}

// propose publishes a flat published days before the approval and approves hh into it
// `ago` days before today (the viewing is three days later).
func (h *history) propose(hh *domain.Household, ago, publishedBefore int, reason domain.Reason) *workflow.Approved {
	h.t.Helper()
	h.clk.Set(h.noon(ago))
	published := h.noon(ago + publishedBefore)
	v := testutil.Vacancy(h.t, h.st, h.users.LandlordOrg.ID, func(v *domain.Vacancy) { v.PublishedAt, v.SubmittedAt = &published, &published })
	res, err := h.wf.Approve(context.Background(), domain.Actor{User: h.users.Staff},
		workflow.ApproveRequest{VacancyID: v.ID, HouseholdID: hh.ID, SlotID: v.Slots[0].ID, Override: reason})
	if err != nil {
		h.t.Fatal(err)
	}
	return res
}

// outcome records the landlord's outcome an hour after the viewing began.
func (h *history) outcome(res *workflow.Approved, o workflow.Outcome) {
	h.t.Helper()
	h.clk.Set(res.Viewing.StartsAt.Add(time.Hour))
	o.MatchID = res.Match.ID
	if err := h.wf.RecordOutcome(context.Background(), domain.Actor{User: h.users.Landlord}, o); err != nil {
		h.t.Fatal(err)
	}
}

// lease records the lease a day after the viewing (at noon).
func (h *history) lease(res *workflow.Approved) time.Time {
	h.t.Helper()
	h.outcome(res, workflow.Outcome{Accepted: true})
	at := res.Viewing.StartsAt.Add(24 * time.Hour)
	h.clk.Set(at)
	if err := h.wf.SignLease(context.Background(), domain.Actor{User: h.users.Staff}, res.Match.ID); err != nil {
		h.t.Fatal(err)
	}
	return at
}

func equityAt(t *testing.T, st *store.Store, clk *clock.Manual, at time.Time) {
	ctx := context.Background()
	users := testutil.SeedUsers(t, st)
	today := domain.Today(at)
	h := &history{t: t, st: st, clk: clk, wf: workflow.New(st, ranking.New(st)), users: users, today: today}
	signed := h.noon(400)
	if err := st.CreateAgreement(ctx, &domain.CooperationAgreement{LandlordID: users.LandlordOrg.ID, Version: "2026-01",
		SignedAt: &signed, SignedByName: "Vera Vermieterin", AcceptsCertificate: true, AcceptsAccompaniment: true,
		AcceptsFachstelle: true, YearlyQuota: 12}); err != nil {
		t.Fatal(err)
	}
	fachstelle := func(group domain.FocusGroup, urgency domain.Urgency, registered int) func(*domain.Household) {
		return func(x *domain.Household) {
			cat := domain.EmergencySheltered
			x.CertificatePassedOn, x.FachstelleCase, x.EmergencyCategory, x.Urgency, x.FocusGroup = 0, true, &cat, &urgency, group
			x.RegisteredOn = today.AddDays(-registered)
		}
	}
	certificate := func(group domain.FocusGroup, registered int) func(*domain.Household) {
		return func(x *domain.Household) { x.FocusGroup, x.RegisteredOn = group, today.AddDays(-registered) }
	}
	none := domain.Reason{}

	// G: closed 60 days ago, before the period: not in its pool.
	clk.Set(h.noon(60))
	g := testutil.Household(t, st, certificate("none", 400))
	if err := st.SetHouseholdStatus(ctx, g.ID, domain.HouseholdClosed); err != nil {
		t.Fatal(err)
	}
	if err := st.Audit(ctx, domain.Actor{User: users.Staff}.Audit("household.close", "household", g.ID, "moved_away")); err != nil {
		t.Fatal(err)
	}
	// I: approved 45 days ago, lease 41 days ago: housed before the period, outside it.
	clk.Set(h.noon(45))
	i := testutil.Household(t, st, certificate("none", 200))
	h.lease(h.propose(i, 45, 2, none))
	// A (certificate, none, registered 100 days ago): approved 20 days ago, flat published
	// 2 days before, lease 16 days ago: 84 days to placement, 6 days to let.
	clk.Set(h.noon(20))
	a := testutil.Household(t, st, certificate("none", 100))
	h.lease(h.propose(a, 20, 2, none))
	// B (Fachstelle, women, registered 300 days ago): approved 15 days ago, flat published 5
	// days before, lease 11 days ago: 289 days, 9 days to let.
	clk.Set(h.noon(15))
	b := testutil.Household(t, st, fachstelle("women", domain.UrgencyHigh, 300))
	b.Members = b.Members[:1]
	h.lease(h.propose(b, 15, 5, none))
	// C (certificate, EU-2 family, registered 400 days ago): approved, then declined as too
	// expensive.
	clk.Set(h.noon(10))
	c := testutil.Household(t, st, certificate("eu2_family", 400))
	resC := h.propose(c, 10, 1, none)
	clk.Set(h.noon(10).Add(time.Hour))
	if _, err := h.wf.AnswerWithReason(ctx, domain.Applicant(resC.ApplicantToken), resC.ApplicantToken, workflow.AnswerDecline, "too_expensive"); err != nil {
		t.Fatal(err)
	}
	// D (certificate, none, registered 200 days ago): C waited longer and is still free, so
	// approving D is out of rank order and needs the written reason; then D does not come.
	clk.Set(h.noon(9))
	d := testutil.Household(t, st, certificate("none", 200))
	resD := h.propose(d, 9, 1, domain.Reason{Code: "top_unreachable", Note: "C ist seit Tagen telefonisch nicht erreichbar."})
	// E (Fachstelle, mental health, urgency 1): first in rank, approved, then rejected.
	clk.Set(h.noon(8))
	e := testutil.Household(t, st, fachstelle("mental_health", domain.UrgencyVeryHigh, 250))
	resE := h.propose(e, 8, 1, none)
	h.outcome(resD, workflow.Outcome{NoShow: true})
	h.outcome(resE, workflow.Outcome{Reason: "income"})
	// F (Fachstelle, senior care): waiting, no proposal.
	clk.Set(at)
	testutil.Household(t, st, fachstelle("senior_care", domain.UrgencyMedium, 50))

	r := stats.Range{From: today.AddDays(-30), To: today.AddDays(1)}
	rep, err := stats.New(st).Equity(ctx, domain.Actor{User: users.Staff}, r)
	if err != nil {
		t.Fatal(err)
	}
	// By hand: the pool is A, B, C, D, E, F (G closed and I housed before the period);
	// proposals A, B, C, D, E (I's before); viewings that took place A, B, E; placements
	// A, B; leased A, B; declined C, no-show D, rejected E; one override (D).
	type want struct {
		pool, proposals, viewings, placements, leased, declined, noShow, rejected, overrides int
		poolShare, proposalShare, placementShare, success, median, p90                       *float64
	}
	f := func(x float64) *float64 { return &x }
	check := func(name string, g stats.EquityGroup, w want) {
		t.Helper()
		got := want{g.Pool, g.Proposals, g.Viewings, g.Placements, g.Leased, g.Declined, g.NoShow, g.Rejected, g.Overrides,
			g.PoolShare, g.ProposalShare, g.PlacementShare, g.SuccessRate, g.MedianDays, g.P90Days}
		if !equalWant(got, w) {
			t.Errorf("%s:\n got %s\nwant %s", name, show(got), show(w))
		}
	}
	check("alle", rep.Totals, want{6, 5, 3, 2, 2, 1, 1, 1, 1, f(100), f(100), f(100), f(40), f(186.5), f(289)})
	groups := map[string]stats.EquityGroup{}
	for _, g := range append(rep.FocusGroups, rep.Tracks...) {
		groups[g.Code] = g
	}
	check("none", groups["none"], want{2, 2, 1, 1, 1, 0, 1, 0, 1, f(33.3), f(40), f(50), f(50), f(84), f(84)})
	check("women", groups["women"], want{1, 1, 1, 1, 1, 0, 0, 0, 0, f(16.7), f(20), f(50), f(100), f(289), f(289)})
	check("eu2_family", groups["eu2_family"], want{1, 1, 0, 0, 0, 1, 0, 0, 0, f(16.7), f(20), f(0), f(0), nil, nil})
	check("mental_health", groups["mental_health"], want{1, 1, 1, 0, 0, 0, 0, 1, 0, f(16.7), f(20), f(0), f(0), nil, nil})
	check("senior_care", groups["senior_care"], want{1, 0, 0, 0, 0, 0, 0, 0, 0, f(16.7), f(0), f(0), nil, nil, nil})
	check("certificate", groups["certificate"], want{3, 3, 1, 1, 1, 1, 1, 0, 1, f(50), f(60), f(50), f(33.3), f(84), f(84)})
	check("fachstelle", groups["fachstelle"], want{3, 2, 2, 1, 1, 0, 0, 1, 0, f(50), f(40), f(50), f(50), f(289), f(289)})
	check("accompaniment", groups["accompaniment"], want{0, 0, 0, 0, 0, 0, 0, 0, 0, f(0), f(0), f(0), nil, nil, nil})

	refusals := map[string]int{}
	for _, x := range rep.Refusals {
		if x.Count > 0 {
			refusals[x.Side+"/"+x.Reason] = x.Count
			if x.Rate == nil || *x.Rate != 20 {
				t.Errorf("refusal %s/%s rate %v, want 20 %%", x.Side, x.Reason, x.Rate)
			}
		}
	}
	if len(refusals) != 3 || refusals["declined_by_applicant/too_expensive"] != 1 || refusals["no_show/"] != 1 || refusals["landlord_rejected/income"] != 1 {
		t.Errorf("refusals %v", refusals)
	}
	for _, o := range rep.Overrides {
		if wantN := map[string]int{"top_unreachable": 1}[o.Reason]; o.Count != wantN {
			t.Errorf("overrides %s: %d, want %d", o.Reason, o.Count, wantN)
		}
	}
	if len(rep.Landlords) != 1 || rep.Landlords[0].Lets != 2 || !same(rep.Landlords[0].MedianDaysToLet, f(7.5)) || !same(rep.Landlords[0].ProposalsPerLet, f(1)) {
		t.Errorf("landlords %+v", rep.Landlords)
	}
	// 12 flats a year for 31 days: 12 × 31 / 365 = 1.02 → 1.0; offered A–E's flats, let A's and B's.
	if len(rep.Quotas) != 1 || rep.Quotas[0] != (stats.QuotaAttainment{Name: "Testvermietung GmbH", YearlyQuota: 12, Target: 1, Offered: 5, Let: 2}) {
		t.Errorf("quotas %+v", rep.Quotas)
	}
}

func same(a, b *float64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func equalWant[T any](got, want T) bool { return show(got) == show(want) }

// show prints a struct's fields with pointers followed ("–" for nil).
func show(x any) string {
	v := reflect.ValueOf(x)
	out := ""
	for i := range v.NumField() {
		f := v.Field(i)
		if f.Kind() == reflect.Pointer {
			if f.IsNil() {
				out += " –"
				continue
			}
			f = f.Elem()
		}
		out += fmt.Sprintf(" %v", f)
	}
	return out
}
