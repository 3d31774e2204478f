package tenancies_test

import (
	"context"
	"sync"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// strangers are accounts outside the test's tenancy: a caseworker who does not accompany
// it and a landlord of another organisation.
type strangers struct {
	Worker, Landlord *domain.User
	Org              *domain.Landlord
}

func newStrangers(t *testing.T, st *store.Store) strangers {
	t.Helper()
	ctx := context.Background()
	s := strangers{Org: &domain.Landlord{Name: "Andere Vermietung", Kind: domain.LandlordPrivate, Status: domain.LandlordActive}}
	if err := st.CreateLandlord(ctx, s.Org); err != nil {
		t.Fatal(err)
	}
	s.Worker = &domain.User{Email: "cw2@test.de", Name: "Andere Begleitung", Role: domain.RoleCaseworker, Active: true}
	s.Landlord = &domain.User{Email: "ll2@test.de", Name: "Andere Vermieterin", Role: domain.RoleLandlord, LandlordID: &s.Org.ID, Active: true}
	for _, u := range []*domain.User{s.Worker, s.Landlord} {
		if err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// runConcurrently runs the jobs (two instances' runs of one job, interleaved) at the same
// time and returns how many records they handled in all.
func runConcurrently(t *testing.T, jobs ...func(context.Context) (int, error)) int {
	t.Helper()
	var wg sync.WaitGroup
	ns := make([]int, len(jobs))
	for i, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := job(context.Background())
			if err != nil {
				t.Error(err)
			}
			ns[i] = n
		}()
	}
	wg.Wait()
	total := 0
	for _, n := range ns {
		total += n
	}
	return total
}
