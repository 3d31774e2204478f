package workflow_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

func newService(st *store.Store) *workflow.Service { return workflow.New(st, ranking.New(st)) }

func countRows(t *testing.T, st *store.Store, table string) int {
	t.Helper()
	db, err := st.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestApproveWritesMatchViewingTokenAndSnapshotTogether(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		h := testutil.Household(t, st, nil)
		svc := newService(st)
		got := mustApprove(t, svc, users, v, h)
		if got.Match.State != "viewing_scheduled" || got.Match.Rank != 1 || got.Match.SnapshotID == nil || got.ApplicantToken == "" {
			t.Fatalf("match %+v token %q", got.Match, got.ApplicantToken)
		}
		if !got.Viewing.StartsAt.Equal(v.Slots[0].StartsAt) || got.Viewing.CalendarUID == "" {
			t.Fatalf("viewing %+v", got.Viewing)
		}
		for table, want := range map[string]int{"matches": 1, "viewings": 1, "applicant_tokens": 1, "ranking_snapshots": 1, "audit_log": 1} {
			if n := countRows(t, st, table); n != want {
				t.Errorf("%s: %d rows, want %d", table, n, want)
			}
		}
		slot, _ := st.SlotByID(ctx, v.ID, v.Slots[0].ID)
		if slot.Booked != 1 {
			t.Errorf("slot booked %d, want 1", slot.Booked)
		}
		// The same household cannot get a second active match.
		v2 := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		_, err := svc.Approve(ctx, workflow.Actor{User: users.Staff}, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v2.ID, HouseholdID: h.ID, SlotID: v2.Slots[0].ID})
		var ce *domain.ConflictError
		if !errors.As(err, &ce) || !strings.Contains(ce.Message, "aktiven Vorschlag") {
			t.Fatalf("second active match: %v", err)
		}
		slot2, _ := st.SlotByID(ctx, v2.ID, v2.Slots[0].ID)
		if slot2.Booked != 0 || countRows(t, st, "matches") != 1 {
			t.Fatalf("refused approval left traces: slot booked %d, matches %d", slot2.Booked, countRows(t, st, "matches"))
		}
	})
}

func TestApproveRefusesExcludedHouseholdsAndDrafts(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		svc := newService(st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) { v.PetsAllowed = false })
		pets := testutil.Household(t, st, func(h *domain.Household) { h.HasPets = true })
		_, err := svc.Approve(ctx, workflow.Actor{User: users.Staff}, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: pets.ID, SlotID: v.Slots[0].ID})
		var ce *domain.ConflictError
		if !errors.As(err, &ce) || !strings.Contains(ce.Message, "Haustier") {
			t.Fatalf("household with pets: %v", err)
		}
		draft := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) { v.Status = "draft" })
		h := testutil.Household(t, st, nil)
		if _, err := svc.Approve(ctx, workflow.Actor{User: users.Staff}, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: draft.ID, HouseholdID: h.ID, SlotID: draft.Slots[0].ID}); !errors.As(err, &ce) {
			t.Fatalf("draft vacancy: %v", err)
		}
		if n := countRows(t, st, "matches"); n != 0 {
			t.Fatalf("%d matches written", n)
		}
	})
}

// Two staff approve different households into the last free place of a slot at the same
// moment: exactly one wins, the other gets the German conflict message, nothing half-written.
func TestConcurrentApprovalOfTheLastSlot(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		const n = 6
		households := make([]*domain.Household, n)
		for i := range households {
			households[i] = testutil.Household(t, st, nil)
		}
		svc := newService(st)
		var wg sync.WaitGroup
		errs := make([]error, n)
		start := make(chan struct{})
		for i := range households {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				<-start
				_, errs[i] = svc.Approve(ctx, workflow.Actor{User: users.Staff},
					workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: households[i].ID, SlotID: v.Slots[0].ID})
			}(i)
		}
		close(start)
		wg.Wait()
		wins := 0
		for _, err := range errs {
			switch {
			case err == nil:
				wins++
			case errors.Is(err, store.ErrSlotTaken):
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}
		if wins != 1 {
			t.Fatalf("%d approvals won the last place, want exactly 1", wins)
		}
		for table, want := range map[string]int{"matches": 1, "viewings": 1, "applicant_tokens": 1, "ranking_snapshots": 1} {
			if got := countRows(t, st, table); got != want {
				t.Errorf("%s: %d rows, want %d", table, got, want)
			}
		}
		slot, _ := st.SlotByID(ctx, v.ID, v.Slots[0].ID)
		if slot.Booked != 1 {
			t.Errorf("slot booked %d, want 1", slot.Booked)
		}
	})
}

// mustApprove approves a household into the vacancy's first slot as the staff user.
func mustApprove(t *testing.T, svc *workflow.Service, users testutil.Users, v *domain.Vacancy, h *domain.Household) *workflow.Approved {
	t.Helper()
	a, err := svc.Approve(context.Background(), domain.Actor{User: users.Staff},
		workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	return a
}
