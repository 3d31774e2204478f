package workflow_test

import (
	"context"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

// The allocation proposal carries each flat's viewing slots (the page offers the free ones)
// and leaves out every household that already holds an active match, whatever its state:
// a planned viewing or a Zusage of the landlord.
func TestAllocationHasSlotsAndLeavesOutRunningProposals(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		v1 := testutil.Vacancy(t, st, users.LandlordOrg.ID, twoSlots)
		v2 := testutil.Vacancy(t, st, users.LandlordOrg.ID, twoSlots)
		planned, accepted, free := testutil.Household(t, st, nil), testutil.Household(t, st, nil), testutil.Household(t, st, nil)
		svc := newService(st)
		mustApprove(t, svc, users, v1, planned)
		a, err := svc.Approve(ctx, domain.Actor{User: users.Staff}, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v2.ID, HouseholdID: accepted.ID, SlotID: v2.Slots[0].ID})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.TransitionMatch(ctx, a.Match.ID, domain.MatchLandlordAccepted, nil); err != nil {
			t.Fatal(err)
		}
		prop, err := ranking.New(st).Allocate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{v1.ID, v2.ID} {
			if got := len(prop.Vacancies[id].Slots); got != 2 {
				t.Errorf("vacancy %d carries %d slots, want 2", id, got)
			}
		}
		proposed := map[int64]bool{}
		for _, p := range prop.Allocation.Pairs {
			proposed[p.HouseholdID] = true
		}
		if proposed[planned.ID] || proposed[accepted.ID] {
			t.Errorf("households with a running proposal proposed again: planned %v, Zusage %v", proposed[planned.ID], proposed[accepted.ID])
		}
		if !proposed[free.ID] || len(prop.Allocation.Pairs) != 1 {
			t.Errorf("pairs %+v, want only the free household %d", prop.Allocation.Pairs, free.ID)
		}
	})
}
