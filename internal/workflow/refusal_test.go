package workflow_test

import (
	"context"
	"reflect"
	"testing"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

// Refusals cost nothing (design §10): after a household declines a viewing, every other
// flat ranks it exactly as before — same ranks, same scores, same lottery number — and
// only the declined flat excludes it (previously_declined).
func TestDeclineKeepsRankingAndLotteryElsewhere(t *testing.T) {
	testutil.ForEachDialectAt(t, monday9, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		rk := ranking.New(st)
		wf := workflow.New(st, rk)
		declined := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		other := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		var hs []*domain.Household
		for i := range 4 {
			hs = append(hs, testutil.Household(t, st, func(h *domain.Household) { h.RegisteredOn = h.RegisteredOn.AddDays(-30 * i) }))
		}
		type place struct {
			ID    int64
			Rank  int32
			Score float64
		}
		order := func(vacancyID int64) []place {
			t.Helper()
			r, err := rk.RankVacancy(ctx, vacancyID, 0)
			if err != nil {
				t.Fatal(err)
			}
			var out []place
			for _, c := range r.Result.Candidates {
				out = append(out, place{c.HouseholdID(r.Households), c.Rank, c.Score.Float64()})
			}
			return out
		}
		before := order(other.ID)
		chosen := hs[len(hs)-1] // ranked first (longest wait) before the decline
		res, err := wf.Approve(ctx, domain.Actor{User: users.Staff}, workflow.ApproveRequest{VacancyID: declined.ID, HouseholdID: chosen.ID, SlotID: declined.Slots[0].ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := wf.Answer(ctx, domain.Applicant(res.ApplicantToken), res.ApplicantToken, workflow.AnswerDecline); err != nil {
			t.Fatal(err)
		}
		if after := order(other.ID); !reflect.DeepEqual(before, after) {
			t.Fatalf("ranking of another flat changed by the decline:\nbefore %+v\nafter  %+v", before, after)
		}
		h, err := st.HouseholdByID(ctx, chosen.ID)
		if err != nil || h.LotteryNumber != chosen.LotteryNumber {
			t.Fatalf("lottery number after the decline %d, want %d (%v)", h.LotteryNumber, chosen.LotteryNumber, err)
		}
		for _, p := range order(declined.ID) {
			if p.ID == chosen.ID {
				t.Fatal("the declined flat still ranks the household: the decline did not take effect")
			}
		}
	})
}
