package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/followups"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// newTenancyListFixture gives the lists added after issue 16's first round three items each:
// a tenancy (started 100 days ago, accompanied by the caseworker) on each of the fixture's
// matches, three visits and three reports on the first, their 3-month follow-ups, three
// courses and three certificates. It returns the paths of those lists.
func newTenancyListFixture(t *testing.T, h *harness, st *store.Store, f listFixture) []string {
	t.Helper()
	ctx := context.Background()
	var first int64
	for i, id := range f.matches {
		m, err := st.MatchByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		hh, err := st.HouseholdByID(ctx, m.HouseholdID)
		if err != nil {
			t.Fatal(err)
		}
		tn := domain.NewTenancy(m, f.vacancies[i], hh, &h.users.Staff.ID, st.Today().AddDays(-100))
		tn.CompanionID = &h.users.Caseworker.ID
		if err := st.CreateTenancy(ctx, tn); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = tn.ID
		}
	}
	tp := fmt.Sprintf("/api/v1/tenancies/%d", first)
	for i := range 3 {
		expect(t, h.call("caseworker", "POST", tp+"/visits", map[string]any{"visited_on": st.Today().AddDays(-i).ISO(), "kind": "home",
			"duration_minutes": 30, "language": "de"}), http.StatusCreated)
		expect(t, h.call("landlord", "POST", tp+"/reports", map[string]any{"category": "damage", "urgency": "low",
			"body": fmt.Sprintf("Meldung %d.", i+1)}), http.StatusCreated)
		expect(t, h.call("staff", "POST", "/api/v1/courses", map[string]any{"title": fmt.Sprintf("Kurs %d", i+1), "languages": []string{"de"}, "capacity": 5}), http.StatusCreated)
		testutil.CourseWithCertificate(t, st, h.users.Staff, fmt.Sprintf("Person %d", i+1))
	}
	if _, err := followups.New(st, nil, "").MakeDue(ctx); err != nil {
		t.Fatal(err)
	}
	return []string{"/api/v1/tenancies", tp + "/visits", tp + "/reports", "/api/v1/courses", "/api/v1/certificates", "/api/v1/follow-ups"}
}
