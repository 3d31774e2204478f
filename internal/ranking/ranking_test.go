package ranking_test

import (
	"context"
	"reflect"
	"testing"

	"wohnbruecke/internal/demo"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
	"wohnbruecke/matching"
)

func TestRankingOnDemoDataUsesConstantQueries(t *testing.T) {
	for _, d := range testutil.Dialects(t) {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			st, queries := testutil.OpenCounting(t, d)
			if _, err := demo.Load(ctx, st, demo.Options{}); err != nil {
				t.Fatal(err)
			}
			vs, err := st.PublishedVacancies(ctx)
			if err != nil || len(vs) == 0 {
				t.Fatalf("published vacancies: %d, %v", len(vs), err)
			}
			svc := ranking.New(st)
			queries.Store(0)
			r, err := svc.RankVacancy(ctx, vs[0].ID, 0)
			if err != nil {
				t.Fatal(err)
			}
			// version, vacancy + slots, policy, limits setting, households, members, matches
			if n := queries.Load(); n > 8 {
				t.Errorf("ranking took %d queries, want a constant ≤ 8", n)
			}
			// Unchanged data: the candidates come from this instance's cache.
			queries.Store(0)
			if _, err := svc.RankVacancy(ctx, vs[0].ID, 0); err != nil {
				t.Fatal(err)
			}
			if n := queries.Load(); n > 5 {
				t.Errorf("ranking with unchanged data took %d queries, want ≤ 5", n)
			}
			total := len(r.Result.Candidates) + len(r.Result.Excluded)
			if total != len(r.Rows) || total < 250 {
				t.Fatalf("candidates %d + excluded %d != %d rows", len(r.Result.Candidates), len(r.Result.Excluded), len(r.Rows))
			}
			if len(r.Result.Candidates) == 0 || len(r.Result.Excluded) == 0 {
				t.Fatalf("demo ranking should have both candidates (%d) and excluded (%d)", len(r.Result.Candidates), len(r.Result.Excluded))
			}
			for _, e := range r.Result.Excluded {
				reasons := r.Explain(e)
				if len(reasons) == 0 || reasons[0].Message == "" {
					t.Fatalf("household %d excluded without a reason", e.HouseholdID(r.Households))
				}
			}
			// Paused households are excluded as inactive.
			for i, row := range r.Rows {
				if row.Status == "paused" && row.PausedUntil > r.Today {
					if !matching.Check(r.Input, r.Households[i], r.Policy, matching.Date(r.Today)).Has(matching.ReasonHouseholdInactive) {
						t.Errorf("paused household %s not excluded as inactive", row.Reference)
					}
				}
			}
			// The same number of queries with more households: no N+1.
			queries.Store(0)
			if _, err := svc.Allocate(ctx); err != nil {
				t.Fatal(err)
			}
			if n := queries.Load(); n > 8 {
				t.Errorf("allocation took %d queries, want ≤ 8", n)
			}
		})
	}
}

// TestEngineNamesAreTheDomainLabels: the engine has no import of the domain, so its German
// names for boroughs and tracks (in exclusion messages) must equal the domain tables' labels.
func TestEngineNamesAreTheDomainLabels(t *testing.T) {
	for _, b := range domain.Boroughs.Values() {
		mb := ranking.VacancyOf(&domain.Vacancy{Borough: b, Places: 1, Restriction: domain.RestrictionNone}).Borough
		if mb.String() != b.Label() || mb.Code() != string(b) {
			t.Errorf("borough %s: engine says %q (%s), domain %q", b, mb, mb.Code(), b.Label())
		}
	}
	for _, tr := range domain.TrackTable {
		v := ranking.VacancyOf(&domain.Vacancy{Places: 1, Restriction: domain.RestrictionNone,
			AcceptsCertificate: tr.Track == domain.TrackCertificate, AcceptsAccompaniment: tr.Track == domain.TrackAccompaniment,
			AcceptsFachstelle: tr.Track == domain.TrackFachstelle})
		if v.Accepts.String() != tr.Label {
			t.Errorf("track %s: engine says %q, domain %q", tr.Track, v.Accepts, tr.Label)
		}
	}
	if n := len(matching.AllBoroughs()); n != len(domain.Boroughs) {
		t.Errorf("engine knows %d boroughs, domain %d", n, len(domain.Boroughs))
	}
}

func TestMappingCoversEveryEnumValue(t *testing.T) {
	for _, b := range domain.Boroughs.Values() {
		v := ranking.VacancyOf(&domain.Vacancy{Borough: b, Places: 1, Restriction: "none"})
		want, err := matching.ParseBorough(string(b))
		if err != nil || v.Borough != want || v.Borough == matching.BoroughUnknown {
			t.Errorf("borough %s maps to %v, want %v (%v)", b, v.Borough, want, err)
		}
	}
	for _, r := range domain.Restrictions.Values() {
		v := ranking.VacancyOf(&domain.Vacancy{Restriction: r})
		if r != domain.RestrictionNone && v.Restriction == matching.RestrictionNone {
			t.Errorf("restriction %s not mapped", r)
		}
	}
	seen := map[matching.FocusGroup]bool{}
	for _, f := range domain.FocusGroups.Codes() {
		h := ranking.HouseholdOf(storeRow{FocusGroup: f, Status: "active", Benefit: "none"}.row())
		if seen[h.FocusGroup] {
			t.Errorf("focus group %s maps onto another group", f)
		}
		seen[h.FocusGroup] = true
	}
	for _, b := range domain.Benefits.Values() {
		h := ranking.HouseholdOf(storeRow{Benefit: string(b), Status: "active", FocusGroup: "none"}.row())
		if b != domain.BenefitNone && h.Benefit == matching.BenefitNone {
			t.Errorf("benefit %s not mapped", b)
		}
		if h.Benefit.BoundToKdU() != b.PaidByAuthority() {
			t.Errorf("benefit %s: bound to KdU %v in matching, paid by authority %v in domain", b, h.Benefit.BoundToKdU(), b.PaidByAuthority())
		}
	}
	for _, o := range domain.HouseholdStatusOptions {
		h := ranking.HouseholdOf(storeRow{Status: o.Value, Benefit: "none", FocusGroup: "none"}.row())
		if h.Status == matching.StatusUnknown {
			t.Errorf("status %s not mapped", o.Value)
		}
	}
}

// The cache must never hide a change: a new household, a changed one and a new match are
// seen by the next ranking, also when another service instance (another portal instance)
// made the change.
func TestRankingSeesChangesFromOtherInstances(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		this, other := ranking.New(st), ranking.New(st)
		h := testutil.Household(t, st, nil)
		r, err := this.RankVacancy(ctx, v.ID, 0)
		if err != nil || len(r.Result.Candidates) != 1 {
			t.Fatalf("first ranking: %v, %d candidates", err, len(r.Result.Candidates))
		}
		h2 := testutil.Household(t, st, nil)
		if r, _ = this.RankVacancy(ctx, v.ID, 0); len(r.Result.Candidates) != 2 {
			t.Fatalf("new household not seen: %d candidates", len(r.Result.Candidates))
		}
		if err := st.SetHouseholdStatus(ctx, h2.ID, "closed"); err != nil {
			t.Fatal(err)
		}
		if r, _ = this.RankVacancy(ctx, v.ID, 0); len(r.Result.Candidates) != 1 {
			t.Fatalf("closed household still ranked: %d candidates", len(r.Result.Candidates))
		}
		wf := workflow.New(st, other)
		if _, err := wf.Approve(ctx, domain.Actor{User: users.Staff}, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID}); err != nil {
			t.Fatal(err)
		}
		v2 := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		r, _ = this.RankVacancy(ctx, v2.ID, 0)
		if len(r.Result.Candidates) != 0 || len(r.Result.Excluded) != 1 || !r.Result.Excluded[0].Reasons.Has(matching.ReasonActiveOffer) {
			t.Fatalf("match made through another instance not seen: %d candidates, excluded %+v", len(r.Result.Candidates), r.Result.Excluded)
		}
		// After all the patching, the cached rows equal a fresh load.
		fresh, err := st.CandidateRows(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fresh, r.Rows) {
			t.Fatalf("patched cache differs from a fresh load:\n%+v\n%+v", r.Rows, fresh)
		}
	})
}
