package workflow_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

func twoSlots(v *domain.Vacancy) {
	s := v.Slots[0]
	s2 := s
	s2.StartsAt, s2.EndsAt = s.StartsAt.Add(2*time.Hour), s.EndsAt.Add(2*time.Hour)
	v.Slots = append(v.Slots, s2)
}

// monday9 is a Monday morning in Hagen, where tests start that move the clock.
var monday9 = time.Date(2026, time.March, 2, 9, 0, 0, 0, domain.Berlin)

func TestLifecycleFromApprovalToLease(t *testing.T) {
	testutil.ForEachDialectAt(t, monday9, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		staff := workflow.Actor{User: users.Staff}
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, twoSlots)
		h1 := testutil.Household(t, st, nil)
		h2 := testutil.Household(t, st, nil)
		other := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) { // still ahead after the first viewing
			v.Slots[0].StartsAt, v.Slots[0].EndsAt = v.Slots[0].StartsAt.AddDate(0, 0, 7), v.Slots[0].EndsAt.AddDate(0, 0, 7)
		})
		svc := newService(st)
		a1, err := svc.Approve(ctx, staff, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: h1.ID, SlotID: v.Slots[0].ID})
		if err != nil {
			t.Fatal(err)
		}
		a2, err := svc.Approve(ctx, staff, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: h2.ID, SlotID: v.Slots[1].ID})
		if err != nil {
			t.Fatal(err)
		}
		inv, err := svc.Answer(ctx, domain.Applicant(a1.ApplicantToken), a1.ApplicantToken, workflow.AnswerConfirm)
		if err != nil {
			t.Fatal(err)
		}
		if inv.Viewing.State != "confirmed" || inv.Match.State != "viewing_confirmed" {
			t.Fatalf("after confirm: viewing %s match %s", inv.Viewing.State, inv.Match.State)
		}
		var ce *domain.ConflictError
		if _, err := svc.Answer(ctx, domain.Applicant(a1.ApplicantToken), a1.ApplicantToken, workflow.AnswerDecline); !errors.As(err, &ce) {
			t.Fatalf("decline after confirm: %v, want a conflict (confirm is final)", err)
		}
		if err := svc.RecordOutcome(ctx, workflow.Actor{User: users.Landlord}, workflow.Outcome{MatchID: a1.Match.ID, Accepted: true}); !errors.As(err, &ce) {
			t.Fatalf("Zusage before the viewing: %v, want a conflict", err)
		}
		testutil.ToViewing(clk)
		if err := svc.RecordOutcome(ctx, workflow.Actor{User: users.Landlord}, workflow.Outcome{MatchID: a1.Match.ID}); err == nil {
			t.Fatal("rejection without reason accepted")
		}
		if err := svc.RecordOutcome(ctx, workflow.Actor{User: users.Landlord}, workflow.Outcome{MatchID: a1.Match.ID, Accepted: true}); err != nil {
			t.Fatal(err)
		}
		if err := svc.SignLease(ctx, staff, a1.Match.ID); err != nil {
			t.Fatal(err)
		}
		if err := svc.SignLease(ctx, staff, a1.Match.ID); !errors.As(err, &ce) {
			t.Fatalf("second lease: %v, want conflict", err)
		}
		m1, _ := st.MatchByID(ctx, a1.Match.ID)
		m2, _ := st.MatchByID(ctx, a2.Match.ID)
		hh1, _ := st.HouseholdByID(ctx, h1.ID)
		vac, _ := st.VacancyByID(ctx, v.ID)
		if m1.State != "lease_signed" || m1.Place != 1 || hh1.Status != "housed" || vac.Status != "let" {
			t.Fatalf("after lease: match %s place %d household %s vacancy %s", m1.State, m1.Place, hh1.Status, vac.Status)
		}
		if m2.State != "withdrawn" {
			t.Fatalf("other candidate of the let flat: %s, want withdrawn", m2.State)
		}
		for _, slot := range vac.Slots {
			want := 0
			if slot.ID == v.Slots[0].ID {
				want = 1
			}
			if slot.Booked != want {
				t.Errorf("slot %d booked %d, want %d", slot.ID, slot.Booked, want)
			}
		}
		// The housed household is no longer a candidate elsewhere; h2 is again.
		if _, err := svc.Approve(ctx, staff, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: other.ID, HouseholdID: h1.ID, SlotID: other.Slots[0].ID}); err == nil {
			t.Fatal("housed household approved again")
		}
		if _, err := svc.Approve(ctx, staff, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: other.ID, HouseholdID: h2.ID, SlotID: other.Slots[0].ID}); err != nil {
			t.Fatalf("withdrawn candidate cannot be approved elsewhere: %v", err)
		}
	})
}

func TestDeclineFreesTheSlotAndExcludesThePair(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		h := testutil.Household(t, st, nil)
		svc := newService(st)
		a := mustApprove(t, svc, users, v, h)
		if _, err := svc.Answer(ctx, domain.Applicant(a.ApplicantToken), a.ApplicantToken, workflow.AnswerReschedule); err != nil {
			t.Fatalf("ask for another date: %v", err)
		}
		inv, err := svc.Answer(ctx, domain.Applicant(a.ApplicantToken), a.ApplicantToken, workflow.AnswerDecline)
		if err != nil {
			t.Fatalf("decline after asking for another date: %v", err)
		}
		if inv.Match.State != "declined_by_applicant" || inv.Viewing.State != "cancelled" {
			t.Fatalf("match %s viewing %s", inv.Match.State, inv.Viewing.State)
		}
		slot, _ := st.SlotByID(ctx, v.ID, v.Slots[0].ID)
		if slot.Booked != 0 {
			t.Fatalf("slot still booked: %d", slot.Booked)
		}
		_, err = svc.Approve(ctx, workflow.Actor{User: users.Staff}, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID})
		var ce *domain.ConflictError
		if !errors.As(err, &ce) {
			t.Fatalf("declined pair approved again: %v", err)
		}
		row, _ := st.CandidateRow(ctx, h.ID)
		if len(row.Declined) != 1 || row.Declined[0] != v.ID {
			t.Fatalf("declined list %v", row.Declined)
		}
		if _, err := svc.OpenInvitation(ctx, "unbekannt"); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("unknown token: %v", err)
		}
	})
}

func TestRescheduleRaisesTheCalendarSequence(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, twoSlots)
		h := testutil.Household(t, st, nil)
		svc := newService(st)
		a := mustApprove(t, svc, users, v, h)
		vw, err := svc.Reschedule(ctx, workflow.Actor{User: users.Staff}, a.Match.ID, v.Slots[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		if vw.Sequence != 1 || vw.CalendarUID != a.Viewing.CalendarUID || !vw.StartsAt.Equal(v.Slots[1].StartsAt) {
			t.Fatalf("rescheduled viewing %+v", vw)
		}
		vac, _ := st.VacancyByID(ctx, v.ID)
		if vac.Slots[0].Booked != 0 || vac.Slots[1].Booked != 1 {
			t.Fatalf("slots booked %d/%d, want 0/1", vac.Slots[0].Booked, vac.Slots[1].Booked)
		}
	})
}

// The same household approved for two flats by two staff at the same moment: one wins.
func TestConcurrentApprovalOfOneHouseholdForTwoFlats(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		v1 := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		v2 := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		h := testutil.Household(t, st, nil)
		svc := newService(st)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, v := range []*domain.Vacancy{v1, v2} {
			wg.Add(1)
			go func(i int, v *domain.Vacancy) {
				defer wg.Done()
				_, errs[i] = svc.Approve(ctx, workflow.Actor{User: users.Staff}, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID})
			}(i, v)
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			var ce *domain.ConflictError
			switch {
			case err == nil:
				ok++
			case !errors.As(err, &ce):
				t.Errorf("unexpected error: %v", err)
			}
		}
		if ok != 1 || countRows(t, st, "matches") != 1 || countRows(t, st, "viewings") != 1 {
			t.Fatalf("%d approvals succeeded, %d matches, %d viewings; want exactly one of each", ok, countRows(t, st, "matches"), countRows(t, st, "viewings"))
		}
	})
}
