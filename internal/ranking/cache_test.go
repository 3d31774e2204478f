package ranking_test

import (
	"context"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/matching"
)

// exec runs SQL beside the application, as psql or a restore would: no application code
// touches updated_at or tells the cache.
func exec(t *testing.T, st *store.Store, q string, args ...any) {
	t.Helper()
	db, err := st.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	if st.Dialect() == "postgres" {
		q = pgPlaceholders(q)
	}
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func pgPlaceholders(q string) string {
	out, n := []byte{}, 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			out = append(out, '$', byte('0'+n))
			continue
		}
		out = append(out, q[i])
	}
	return string(out)
}

// placeOf returns the household's candidate or its reasons in the vacancy's ranking.
func placeOf(t *testing.T, svc *ranking.Service, vacancyID, householdID int64) (eligible bool, reasons matching.ReasonSet, found bool) {
	t.Helper()
	r, err := svc.Ranked(context.Background(), vacancyID)
	if err != nil {
		t.Fatal(err)
	}
	cand, ex, ok := r.Position(householdID)
	if !ok {
		return false, 0, false
	}
	if cand != nil {
		return true, 0, true
	}
	return false, ex.Reasons, true
}

// TestCandidateCacheNoticesWritesOutsideTheApp: a match, a member or a household deleted or
// changed directly in the database shows in the next ranking of a warm cache (before the
// data version of migration 00021, a deleted match stayed cached until restart).
func TestCandidateCacheNoticesWritesOutsideTheApp(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		other := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		a := testutil.Household(t, st, nil)
		b := testutil.Household(t, st, nil)
		svc := ranking.New(st)
		if !svc.WarmNow(ctx) || !svc.Warmed() {
			t.Fatal("cache not warm after WarmNow")
		}
		if ok, _, found := placeOf(t, svc, v.ID, a.ID); !ok || !found {
			t.Fatal("household a should be eligible at first")
		}

		now := st.Now()
		exec(t, st, "INSERT INTO matches (vacancy_id, household_id, state, state_changed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
			other.ID, a.ID, string(domain.MatchApproved), now, now, now)
		if _, reasons, _ := placeOf(t, svc, v.ID, a.ID); !reasons.Has(matching.ReasonActiveOffer) {
			t.Fatalf("inserted active match not noticed: reasons %v", reasons)
		}
		exec(t, st, "DELETE FROM matches WHERE household_id = ?", a.ID)
		if ok, reasons, _ := placeOf(t, svc, v.ID, a.ID); !ok {
			t.Fatalf("deleted match still cached: reasons %v", reasons)
		}

		// Five more members make the flat (54 m²) too small for household b: 7 persons.
		for i := range 5 {
			exec(t, st, "INSERT INTO household_members (household_id, birth_year, sex, position) VALUES (?, ?, ?, ?)", b.ID, 1990, "m", 10+i)
		}
		if _, reasons, _ := placeOf(t, svc, v.ID, b.ID); !reasons.Has(matching.ReasonOvercrowded) {
			t.Fatalf("added members not noticed: reasons %v", reasons)
		}
		exec(t, st, "DELETE FROM household_members WHERE household_id = ? AND position >= 10", b.ID)
		if ok, _, _ := placeOf(t, svc, v.ID, b.ID); !ok {
			t.Fatal("deleted members not noticed")
		}

		exec(t, st, "UPDATE households SET status = ? WHERE id = ?", string(domain.HouseholdClosed), b.ID)
		if _, _, found := placeOf(t, svc, v.ID, b.ID); found {
			t.Fatal("closed household still ranked")
		}
		exec(t, st, "DELETE FROM household_members WHERE household_id = ?", b.ID)
		exec(t, st, "DELETE FROM households WHERE id = ?", b.ID)
		if _, _, found := placeOf(t, svc, v.ID, b.ID); found {
			t.Fatal("deleted household still ranked")
		}

		// A changed vacancy is a new data version too.
		exec(t, st, "UPDATE vacancies SET pets_allowed = ? WHERE id = ?", false, v.ID)
		exec(t, st, "UPDATE households SET has_pets = ? WHERE id = ?", true, a.ID)
		if _, reasons, _ := placeOf(t, svc, v.ID, a.ID); !reasons.Has(matching.ReasonPetsNotAllowed) {
			t.Fatalf("pets not noticed: reasons %v", reasons)
		}
	})
}

// TestETagFollowsTheDataVersion: the entity tag stays while nothing changes and moves with
// any write, from the application or outside it.
func TestETagFollowsTheDataVersion(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		h := testutil.Household(t, st, nil)
		svc := ranking.New(st)
		first, err := svc.CurrentETag(ctx)
		if err != nil {
			t.Fatal(err)
		}
		r, err := svc.Ranked(ctx, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := svc.CurrentETag(ctx)
		if r.ETag() != first || again != first {
			t.Fatalf("etag moved without a change: %s %s %s", first, r.ETag(), again)
		}
		exec(t, st, "UPDATE households SET has_pets = ? WHERE id = ?", true, h.ID)
		if changed, _ := svc.CurrentETag(ctx); changed == first {
			t.Fatalf("etag %s unchanged after a write", changed)
		}
	})
}
