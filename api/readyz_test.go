package api_test

import (
	"net/http"
	"strings"
	"testing"

	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// TestReadyzNeedsAWarmCandidateCache: /readyz is 503 while the ranking's candidates cannot
// be loaded, and 200 once they are.
func TestReadyzNeedsAWarmCandidateCache(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		testutil.Household(t, st, nil)
		c := testutil.NewClient(t, testutil.App(t, st))
		db, err := st.SQLDB()
		if err != nil {
			t.Fatal(err)
		}
		// Without the members table the candidates cannot be loaded: the cache stays cold.
		if _, err := db.Exec("ALTER TABLE household_members RENAME TO household_members_away"); err != nil {
			t.Fatal(err)
		}
		if r := c.Get("/readyz"); r.Status != http.StatusServiceUnavailable || !strings.Contains(r.Body, "candidate cache warming") {
			t.Fatalf("cold cache: /readyz %d %s, want 503 candidate cache warming", r.Status, r.Body)
		}
		if _, err := db.Exec("ALTER TABLE household_members_away RENAME TO household_members"); err != nil {
			t.Fatal(err)
		}
		if r := c.Get("/readyz"); r.Status != http.StatusOK {
			t.Fatalf("warm cache: /readyz %d %s, want 200", r.Status, r.Body)
		}
	})
}
