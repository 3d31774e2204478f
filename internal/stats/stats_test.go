package stats_test

import (
	"context"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/stats"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

func TestReportCountsPlacementsConversionAndWaiting(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		wf := workflow.New(st, ranking.New(st))
		staff := domain.Actor{User: users.Staff}
		today := st.Today()
		// Household A: certificate, registered 100 days ago → lease. B: Fachstelle (women,
		// urgency 2), registered 300 days ago → lease. C: approved, then declined.
		a := testutil.Household(t, st, func(h *domain.Household) { h.RegisteredOn = today.AddDays(-100) })
		b := testutil.Household(t, st, func(h *domain.Household) {
			cat, urg := "A2", 2
			h.CertificatePassedOn, h.FachstelleCase, h.EmergencyCategory, h.Urgency, h.FocusGroup = 0, true, &cat, &urg, "women"
			h.RegisteredOn = today.AddDays(-300)
			h.Members, h.Benefit = h.Members[:1], "none"
		})
		c := testutil.Household(t, st, nil)
		waitingCat, waitingUrg := "A1", 1
		testutil.Household(t, st, func(h *domain.Household) {
			h.FachstelleCase, h.EmergencyCategory, h.Urgency, h.FocusGroup = true, &waitingCat, &waitingUrg, "senior_care"
		})
		for _, h := range []*domain.Household{a, b, c} {
			v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
			res, err := wf.Approve(ctx, staff, workflow.ApproveRequest{VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID})
			if err != nil {
				t.Fatal(err)
			}
			if h == c {
				if _, err := wf.Answer(ctx, domain.Applicant(res.ApplicantToken), res.ApplicantToken, workflow.AnswerDecline); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if err := wf.RecordOutcome(ctx, domain.Actor{User: users.Landlord}, workflow.Outcome{MatchID: res.Match.ID, Accepted: true}); err != nil {
				t.Fatal(err)
			}
			if err := wf.SignLease(ctx, staff, res.Match.ID); err != nil {
				t.Fatal(err)
			}
		}
		rep, err := stats.New(st).Report(ctx, staff, stats.DefaultRange(today))
		if err != nil {
			t.Fatal(err)
		}
		if rep.Placements != 2 || len(rep.Months) < 12 || len(rep.Months) > 13 {
			t.Fatalf("placements %d, months %d", rep.Placements, len(rep.Months))
		}
		last := rep.Months[len(rep.Months)-1]
		if last.Total != 2 || last.ByTrack["certificate"] != 1 || last.ByTrack["fachstelle"] != 1 || last.ByFocusGroup["women"] != 1 || last.ByFocusGroup["none"] != 1 {
			t.Fatalf("this month: %+v", last)
		}
		if rep.MedianDaysToLease == nil || *rep.MedianDaysToLease != 200 {
			t.Fatalf("median days %v, want 200", rep.MedianDaysToLease)
		}
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
		empty, err := stats.New(st).Report(ctx, staff, stats.Range{From: today.AddDays(-400), To: today.AddDays(-380)})
		if err != nil || empty.Placements != 0 || empty.MedianDaysToLease != nil || empty.Conversion.Approved != 0 {
			t.Fatalf("empty range: %+v %v", empty, err)
		}
	})
}
