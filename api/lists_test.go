package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"wohnbruecke/api"
	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/matching"
)

// listFixture is three vacancies of the test landlord, one of another landlord, and a match
// with a viewing on each of the first three (households of the caseworker on two of them).
type listFixture struct {
	vacancies []*domain.Vacancy
	foreign   *domain.Vacancy
	viewings  []int64 // viewing ids in vacancy order
	matches   []int64
}

func newListFixture(t *testing.T, h *harness, st *store.Store) listFixture {
	t.Helper()
	var f listFixture
	otherLandlord := *h.other.LandlordID
	for i := range 3 {
		v := testutil.Vacancy(t, st, h.users.LandlordOrg.ID, func(v *domain.Vacancy) {
			for j := range v.Slots {
				v.Slots[j].StartsAt = v.Slots[j].StartsAt.Add(time.Duration(i) * 24 * time.Hour)
				v.Slots[j].EndsAt = v.Slots[j].EndsAt.Add(time.Duration(i) * 24 * time.Hour)
			}
		})
		f.vacancies = append(f.vacancies, v)
	}
	f.foreign = testutil.Vacancy(t, st, otherLandlord, nil)
	if err := st.CreateLandlord(t.Context(), &domain.Landlord{Name: "Dritte Vermietung", Kind: "private", Status: "invited"}); err != nil {
		t.Fatal(err)
	}
	for i, v := range f.vacancies {
		hh := testutil.Household(t, st, func(hh *domain.Household) {
			if i < 2 {
				hh.CaseworkerID = &h.users.Caseworker.ID
			}
		})
		m := expect(t, h.call("staff", "POST", "/api/v1/matches", map[string]any{"vacancy_id": v.ID, "household_id": hh.ID, "slot_id": v.Slots[0].ID}), http.StatusCreated)
		f.matches = append(f.matches, m.ID())
		f.viewings = append(f.viewings, int64(m.JSON["viewing"].(map[string]any)["id"].(float64)))
	}
	return f
}

// walk pages through a list with limit 2 and returns the ids in the order seen.
func walk(t *testing.T, h *harness, role, path string) []int64 {
	t.Helper()
	var ids []int64
	cursor := ""
	for page := 0; ; page++ {
		if page > 50 {
			t.Fatalf("%s: cursor never ends", path)
		}
		q := url.Values{"limit": {"2"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		sep := "?"
		if contains([]byte(path), "?") {
			sep = "&"
		}
		r := expect(t, h.call(role, "GET", path+sep+q.Encode(), nil), http.StatusOK)
		items := r.JSON["items"].([]any)
		if len(items) > 2 {
			t.Fatalf("%s: limit=2 answered %d items", path, len(items))
		}
		for _, it := range items {
			ids = append(ids, int64(it.(map[string]any)["id"].(float64)))
		}
		next, _ := r.JSON["next_cursor"].(string)
		if next == "" {
			if len(items) == 2 && page > 20 {
				t.Fatalf("%s: runaway", path)
			}
			return ids
		}
		cursor = next
	}
}

// TestEveryListHonoursLimitAndCursor: each list refuses limit 0, 201 and non-numbers with a
// field error, answers at most limit items and, followed by its cursor, returns each item
// once in id order.
func TestEveryListHonoursLimitAndCursor(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2026, time.March, 2, 9, 0, 0, 0, domain.Berlin), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		h := newHarness(t, st)
		f := newListFixture(t, h, st)
		paths := []string{"/api/v1/households", "/api/v1/landlords", "/api/v1/vacancies", "/api/v1/matches", "/api/v1/viewings"}
		paths = append(paths, newTenancyListFixture(t, h, st, f)...) // issue 16: the lists of the tenancy phase, courses, follow-ups
		for _, path := range paths {
			t.Run(path, func(t *testing.T) {
				h := h.with(t)
				for _, bad := range []string{"0", "201", "-1", "zwei"} {
					r := expect(t, h.call("staff", "GET", path+"?limit="+bad, nil), http.StatusBadRequest)
					if r.ErrorCode() != "invalid_query" || r.Fields()["limit"] == nil {
						t.Errorf("limit=%s: %s", bad, r.Body)
					}
				}
				r := expect(t, h.call("staff", "GET", path+"?cursor=%21%21", nil), http.StatusBadRequest)
				if r.ErrorCode() != "invalid_cursor" || r.Fields()["cursor"] == nil {
					t.Errorf("bad cursor: %s", r.Body)
				}
				all := expect(t, h.call("staff", "GET", path+"?limit=200", nil), http.StatusOK).JSON["items"].([]any)
				if len(all) < 3 {
					t.Fatalf("fixture too small: %d items", len(all))
				}
				one := expect(t, h.call("staff", "GET", path+"?limit=1", nil), http.StatusOK)
				next, _ := one.JSON["next_cursor"].(string)
				if n := len(one.JSON["items"].([]any)); n != 1 || next == "" {
					t.Fatalf("limit=1 answered %d items, next_cursor %q", n, next)
				}
				second := expect(t, h.call("staff", "GET", path+"?limit=1&cursor="+url.QueryEscape(next), nil), http.StatusOK).JSON["items"].([]any)
				if len(second) != 1 || second[0].(map[string]any)["id"] != all[1].(map[string]any)["id"] {
					t.Errorf("the cursor after the first item gave %v, want the second of %v", second, all[:2])
				}
				ids := walk(t, h, "staff", path)
				if len(ids) != len(all) || !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != len(ids) {
					t.Errorf("paging with limit=2 saw %v, the whole list has %d", ids, len(all))
				}
			})
		}
		// The bug of the issue: ?limit=2 returned every vacancy.
		if n := len(expect(t, h.call("staff", "GET", "/api/v1/vacancies?limit=2", nil), http.StatusOK).JSON["items"].([]any)); n != 2 {
			t.Errorf("vacancies?limit=2 answered %d", n)
		}
		if n := len(expect(t, h.call("landlord", "GET", "/api/v1/vacancies?limit=2&status=published", nil), http.StatusOK).JSON["items"].([]any)); n != 2 {
			t.Errorf("landlord vacancies?limit=2 answered %d", n)
		}
	})
}

// TestViewingListFiltersAndRoles: the list of viewings filters by vacancy, slot, day and
// state, and each role sees only its own.
func TestViewingListFiltersAndRoles(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2026, time.March, 2, 9, 0, 0, 0, domain.Berlin), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		h := newHarness(t, st)
		f := newListFixture(t, h, st)
		ids := func(role, query string) []int64 {
			t.Helper()
			r := expect(t, h.call(role, "GET", "/api/v1/viewings"+query, nil), http.StatusOK)
			var out []int64
			for _, it := range r.JSON["items"].([]any) {
				m := it.(map[string]any)
				out = append(out, int64(m["id"].(float64)))
				if _, has := m["household_id"]; has == (role == "landlord" || role == "other_landlord") {
					t.Errorf("%s: household_id shown=%v", role, has)
				}
			}
			return out
		}
		check := func(role, query string, want ...int64) {
			t.Helper()
			if got := ids(role, query); !slices.Equal(got, want) {
				t.Errorf("%s %s: %v, want %v", role, query, got, want)
			}
		}
		check("staff", "", f.viewings...)
		check("admin", "", f.viewings...)
		check("landlord", "", f.viewings...)
		check("other_landlord", "")
		check("caseworker", "", f.viewings[0], f.viewings[1])
		check("staff", fmt.Sprintf("?vacancy_id=%d", f.vacancies[1].ID), f.viewings[1])
		check("other_landlord", fmt.Sprintf("?vacancy_id=%d", f.vacancies[1].ID))
		check("staff", fmt.Sprintf("?slot_id=%d", f.vacancies[2].Slots[0].ID), f.viewings[2])
		day := domain.DateOf(f.vacancies[1].Slots[0].StartsAt.In(domain.Berlin)).ISO()
		check("staff", "?day="+day, f.viewings[1])
		check("staff", "?day=2026-01-01")
		check("staff", "?state=scheduled", f.viewings...)
		check("staff", "?state=cancelled,held")
		expect(t, h.call("staff", "POST", fmt.Sprintf("/api/v1/viewings/%d/cancel", f.viewings[0]), nil), http.StatusOK)
		check("staff", "?state=cancelled", f.viewings[0])
		check("staff", "?state=scheduled,confirmed", f.viewings[1], f.viewings[2])
		for _, bad := range []string{"?state=lost", "?day=02.03.2026", "?vacancy_id=0", "?slot_id=x"} {
			r := expect(t, h.call("staff", "GET", "/api/v1/viewings"+bad, nil), http.StatusBadRequest)
			if len(r.Fields()) != 1 {
				t.Errorf("%s: want the parameter named in fields: %s", bad, r.Body)
			}
		}
		expect(t, h.call("anonymous", "GET", "/api/v1/viewings", nil), http.StatusUnauthorized)

		// Match list items carry their current viewing.
		ms := expect(t, h.call("staff", "GET", "/api/v1/matches", nil), http.StatusOK).JSON["items"].([]any)
		for i, it := range ms {
			vw, _ := it.(map[string]any)["viewing"].(map[string]any)
			if vw == nil || int64(vw["id"].(float64)) != f.viewings[i] || vw["place"] != "Hauseingang" {
				t.Errorf("match %d in the list without its viewing: %v", i, it)
			}
		}
	})
}

// TestReasonIsTheNameOfEveryActionsReason: pause takes reason like the other actions, and
// still its former name paused_reason.
func TestReasonIsTheNameOfEveryActionsReason(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2026, time.March, 2, 9, 0, 0, 0, domain.Berlin), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		h := newHarness(t, st)
		until := st.Today().AddDays(30).ISO()
		for _, field := range []string{"reason", "paused_reason"} {
			hh := testutil.Household(t, st, nil)
			path := fmt.Sprintf("/api/v1/households/%d/pause", hh.ID)
			r := expect(t, h.call("staff", "POST", path, map[string]any{field: "Kur", "paused_until": until}), http.StatusOK)
			if r.JSON["status"] != "paused" || r.JSON["paused_reason"] != "Kur" {
				t.Errorf("pause with %s: %s", field, r.Body)
			}
		}
		hh := testutil.Household(t, st, nil)
		r := expect(t, h.call("staff", "POST", fmt.Sprintf("/api/v1/households/%d/pause", hh.ID), map[string]any{"paused_until": until}), http.StatusUnprocessableEntity)
		if r.Fields()["reason"] == nil {
			t.Errorf("missing reason not named reason: %s", r.Body)
		}
	})
}

// TestRenamedCodesKeepTheirAliases: Stadtbezirk is borough in codes too; the former codes are
// accepted on input and documented as deprecated.
func TestRenamedCodesKeepTheirAliases(t *testing.T) {
	var c matching.ReasonCode
	if err := c.UnmarshalText([]byte("district_excluded")); err != nil || c.String() != "borough_excluded" || c.DeprecatedCode() != "district_excluded" {
		t.Errorf("district_excluded → %v (%v)", c, err)
	}
	comp, ok := matching.ParseComponent("preferred_district")
	if !ok || comp.Code() != "preferred_borough" || comp.DeprecatedCode() != "preferred_district" {
		t.Errorf("preferred_district → %v %v", comp.Code(), ok)
	}
	for _, code := range matching.AllReasonCodes() {
		if contains([]byte(code.String()), "district") {
			t.Errorf("reason code %s uses the word for Stadtteil", code)
		}
	}
	for _, comp := range matching.AllComponents() {
		if contains([]byte(comp.Code()), "district") {
			t.Errorf("component %s uses the word for Stadtteil", comp.Code())
		}
	}
	doc, err := api.OpenAPIDocument()
	if err != nil {
		t.Fatal(err)
	}
	for _, alias := range []string{"district_excluded", "preferred_district"} {
		if !contains(doc, alias) {
			t.Errorf("the OpenAPI document does not mention the deprecated alias %s", alias)
		}
	}
}

// TestViewingListDayIsTheDayInHagen: day means the calendar day in Hagen, also at a year's
// end, on 29 February and on the days the clocks change.
func TestViewingListDayIsTheDayInHagen(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2027, time.December, 20, 9, 0, 0, 0, domain.Berlin), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		h := newHarness(t, st)
		at := func(y int, m time.Month, d, hh, mm int) time.Time {
			return time.Date(y, m, d, hh, mm, 0, 0, domain.Berlin)
		}
		starts := []time.Time{
			at(2027, time.December, 31, 23, 15), // New Year's Eve, late
			at(2028, time.January, 1, 0, 0),     // New Year, midnight
			at(2028, time.February, 29, 23, 30), // leap day, late
			at(2028, time.March, 1, 0, 30),      // the day after
			at(2028, time.March, 26, 1, 30),     // clocks go forward at 2:00
			at(2028, time.March, 26, 23, 30),
			at(2028, time.October, 29, 2, 30), // clocks go back at 3:00
			at(2028, time.October, 29, 23, 45),
		}
		var ids []int64
		for _, s := range starts {
			v := testutil.Vacancy(t, st, h.users.LandlordOrg.ID, func(v *domain.Vacancy) {
				v.Slots[0].StartsAt, v.Slots[0].EndsAt = s, s.Add(30*time.Minute)
			})
			hh := testutil.Household(t, st, nil)
			m := expect(t, h.call("staff", "POST", "/api/v1/matches", map[string]any{"vacancy_id": v.ID, "household_id": hh.ID, "slot_id": v.Slots[0].ID}), http.StatusCreated)
			ids = append(ids, int64(m.JSON["viewing"].(map[string]any)["id"].(float64)))
		}
		for day, want := range map[string][]int64{
			"2027-12-31": {ids[0]}, "2028-01-01": {ids[1]}, "2028-02-29": {ids[2]}, "2028-03-01": {ids[3]},
			"2028-03-26": {ids[4], ids[5]}, "2028-10-29": {ids[6], ids[7]}, "2028-10-28": nil, "2028-03-25": nil,
		} {
			r := expect(t, h.call("staff", "GET", "/api/v1/viewings?day="+day, nil), http.StatusOK)
			var got []int64
			for _, it := range r.JSON["items"].([]any) {
				got = append(got, int64(it.(map[string]any)["id"].(float64)))
			}
			if !slices.Equal(got, want) {
				t.Errorf("day %s: %v, want %v", day, got, want)
			}
		}
	})
}
