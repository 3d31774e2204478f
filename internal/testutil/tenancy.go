package testutil

import (
	"context"
	"testing"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/workflow"
)

// Leased is what Lease creates: the flat, the household and the tenancy its lease started.
type Leased struct {
	Vacancy   *domain.Vacancy
	Household *domain.Household
	Tenancy   *domain.Tenancy
}

// Lease runs a household through the whole workflow into a lease of a new flat of the
// users' landlord organisation — approved, viewing confirmed and held, Zusage, lease
// recorded by staff — and returns the tenancy that started. The household's caseworker is
// users.Caseworker (the companion); the landlord's agreement names users.Staff as
// Ansprechperson (created when the landlord has none). The clock moves past the viewing
// (ToViewing). change adjusts the household before it is stored.
func Lease(t testing.TB, st *store.Store, clk *clock.Manual, users Users, change func(*domain.Household)) Leased {
	t.Helper()
	ctx := context.Background()
	ag, err := st.CurrentAgreement(ctx, users.LandlordOrg.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ag == nil {
		if err := st.CreateAgreement(ctx, &domain.CooperationAgreement{LandlordID: users.LandlordOrg.ID, Version: "2026-01",
			ContactUserID: &users.Staff.ID}); err != nil {
			t.Fatal(err)
		}
	}
	h := Household(t, st, func(h *domain.Household) {
		h.CaseworkerID = &users.Caseworker.ID
		if change != nil {
			change(h)
		}
	})
	return LeaseHousehold(t, st, clk, users, h)
}

// LeaseHousehold is Lease for an existing household (active, with the agreement in place).
func LeaseHousehold(t testing.TB, st *store.Store, clk *clock.Manual, users Users, h *domain.Household) Leased {
	t.Helper()
	ctx := context.Background()
	v := Vacancy(t, st, users.LandlordOrg.ID, nil)
	wf := workflow.New(st, ranking.New(st))
	staff := domain.Actor{User: users.Staff}
	a, err := wf.Approve(ctx, staff, workflow.ApproveRequest{VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wf.Answer(ctx, domain.Applicant(a.ApplicantToken), a.ApplicantToken, workflow.AnswerConfirm); err != nil {
		t.Fatal(err)
	}
	ToViewing(clk)
	if err := wf.RecordOutcome(ctx, domain.Actor{User: users.Landlord}, workflow.Outcome{MatchID: a.Match.ID, Accepted: true}); err != nil {
		t.Fatal(err)
	}
	if err := wf.SignLease(ctx, staff, a.Match.ID); err != nil {
		t.Fatal(err)
	}
	tn, err := st.ActiveTenancyOfHousehold(ctx, h.ID)
	if err != nil || tn == nil {
		t.Fatalf("no tenancy after the lease: %v", err)
	}
	return Leased{Vacancy: v, Household: h, Tenancy: tn}
}

// Workflow is a workflow service on st without mail.
func Workflow(st *store.Store) *workflow.Service { return workflow.New(st, ranking.New(st)) }

// PostgresStoresAt is PostgresStores with every store reading the time from clk: n
// instances of the portal on one database, at one instant the test moves.
func PostgresStoresAt(t testing.TB, n int, clk *clock.Manual) []*store.Store {
	t.Helper()
	return postgresStores(t, n, clk.Now)
}

// postgresStores opens n stores on one fresh, migrated schema, reading the time from now
// (nil: the system clock).
func postgresStores(t testing.TB, n int, now clock.Clock) []*store.Store {
	t.Helper()
	requirePostgres(t)
	dsn := freshSchema(t)
	stores := make([]*store.Store, n)
	for i := range stores {
		st, err := store.Open(context.Background(), store.Options{DatabaseURL: dsn, Now: now})
		if err != nil {
			t.Fatalf("open postgres: %v", err)
		}
		t.Cleanup(func() { _ = st.Close() })
		stores[i] = st
	}
	if _, err := stores[0].Migrate(context.Background()); err != nil {
		t.Fatalf("migrate postgres: %v", err)
	}
	return stores
}
