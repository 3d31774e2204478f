package api_test

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// Outcomes of the role matrix: allowed means the request passed authentication and the
// role and scope checks (any answer but 401, 403 and 404).
const (
	allowed   = 0
	forbidden = http.StatusForbidden
	notFound  = http.StatusNotFound
	anon      = http.StatusUnauthorized
)

// access lists the expected outcome per role; roles not listed are forbidden, anonymous
// callers always get 401 unless listed.
type access map[string]int

func (a access) of(role string) int {
	if v, ok := a[role]; ok {
		return v
	}
	if role == "anonymous" {
		return anon
	}
	return forbidden
}

var (
	everyone     = access{"admin": allowed, "staff": allowed, "caseworker": allowed, "landlord": allowed, "other_landlord": allowed}
	staffOnly    = access{"admin": allowed, "staff": allowed}
	householdOps = access{"admin": allowed, "staff": allowed, "caseworker": allowed}
	// A staff household: caseworkers do not reach it.
	staffHousehold = access{"admin": allowed, "staff": allowed, "caseworker": notFound}
	// The first landlord's records: the other landlord gets 404, not 403.
	ownLandlord = access{"admin": allowed, "staff": allowed, "landlord": allowed, "other_landlord": notFound}
	landlords   = access{"admin": allowed, "staff": allowed, "landlord": allowed, "other_landlord": allowed}
	// A match of a staff household for the first landlord's vacancy.
	matchRead = access{"admin": allowed, "staff": allowed, "caseworker": notFound, "landlord": allowed, "other_landlord": notFound}
)

func TestRoleMatrix(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		h := newHarness(t, st)
		ctx := context.Background()
		lid := h.users.LandlordOrg.ID
		v := testutil.Vacancy(t, st, lid, func(v *domain.Vacancy) {
			v.Slots = append(v.Slots, v.Slots[0], v.Slots[0], v.Slots[0], v.Slots[0])
			for i := range v.Slots {
				v.Slots[i].StartsAt = v.Slots[i].StartsAt.Add(time24h(i))
				v.Slots[i].EndsAt = v.Slots[i].EndsAt.Add(time24h(i))
			}
		})
		draft := testutil.Vacancy(t, st, lid, func(v *domain.Vacancy) { v.Status = "draft" })
		hh := testutil.Household(t, st, nil)
		ranked := testutil.Household(t, st, nil) // apirank: stays rankable while hh is closed
		third := &domain.Landlord{Name: "Dritte Vermietung", Kind: "private", Status: "invited"}
		if err := st.CreateLandlord(ctx, third); err != nil {
			t.Fatal(err)
		}
		ap := expect(t, h.call("staff", "POST", "/api/v1/matches", map[string]any{"vacancy_id": v.ID, "household_id": hh.ID, "slot_id": v.Slots[0].ID}), http.StatusCreated)
		mid := ap.ID()
		vwid := int64(ap.JSON["viewing"].(map[string]any)["id"].(float64))

		tp, rp := tenancyForMatrix(t, h, mid, v, hh) // tenancy phase
		type row struct {
			method, path string
			body         any
			who          access
		}
		hp := fmt.Sprintf("/api/v1/households/%d", hh.ID)
		vp := fmt.Sprintf("/api/v1/vacancies/%d", v.ID)
		dp := fmt.Sprintf("/api/v1/vacancies/%d", draft.ID)
		mp := fmt.Sprintf("/api/v1/matches/%d", mid)
		wp := fmt.Sprintf("/api/v1/viewings/%d", vwid)
		fup, _ := apiFollowUp(t, h, nil) // follow-ups: a staff household's
		rows := []row{
			{"GET", "/api/v1/openapi.json", nil, access{"admin": allowed, "staff": allowed, "caseworker": allowed, "landlord": allowed, "other_landlord": allowed, "anonymous": allowed}},
			{"GET", "/api/v1/me", nil, everyone},
			{"GET", "/api/v1/households", nil, householdOps},
			{"POST", "/api/v1/households", map[string]any{}, householdOps},
			{"GET", hp, nil, staffHousehold},
			{"PATCH", hp, map[string]any{"phone": "0157 999999"}, staffHousehold},
			{"POST", hp + "/pause", map[string]any{}, staffHousehold},
			{"POST", hp + "/resume", nil, staffHousehold},
			{"POST", hp + "/housed", map[string]any{"reason": "x"}, staffHousehold},
			{"POST", hp + "/close", nil, staffHousehold},
			{"GET", "/api/v1/landlords", nil, staffOnly},
			{"POST", "/api/v1/landlords", map[string]any{}, staffOnly},
			{"GET", fmt.Sprintf("/api/v1/landlords/%d", lid), nil, ownLandlord},
			{"POST", fmt.Sprintf("/api/v1/landlords/%d/agreement", lid), map[string]any{}, ownLandlord},
			{"POST", fmt.Sprintf("/api/v1/landlords/%d/activate", third.ID), map[string]any{}, staffOnly},
			{"POST", fmt.Sprintf("/api/v1/landlords/%d/block", third.ID), nil, staffOnly},
			{"GET", "/api/v1/vacancies", nil, landlords},
			{"POST", "/api/v1/vacancies", map[string]any{}, landlords},
			{"GET", vp, nil, ownLandlord},
			{"PATCH", vp, map[string]any{"description": "neu"}, ownLandlord},
			{"POST", vp + "/submit", nil, ownLandlord},
			{"POST", vp + "/publish", nil, staffOnly},
			{"POST", vp + "/slots", map[string]any{}, ownLandlord},
			// One free slot per role that may delete one.
			{"DELETE", fmt.Sprintf("%s/slots/{admin:%d,staff:%d,landlord:%d,other_landlord:%d}", vp, v.Slots[2].ID, v.Slots[3].ID, v.Slots[4].ID, v.Slots[2].ID), nil, ownLandlord},
			{"GET", vp + "/ranking", nil, staffOnly},
			{"GET", fmt.Sprintf("%s/ranking/%d", vp, ranked.ID), nil, staffOnly}, // apirank
			{"GET", "/api/v1/allocation", nil, staffOnly},
			{"GET", "/api/v1/matches", nil, everyone},
			{"POST", "/api/v1/matches", map[string]any{}, staffOnly},
			{"GET", mp, nil, matchRead},
			{"GET", wp, nil, matchRead},
			{"GET", "/api/v1/viewings", nil, everyone}, // API contract (issue 16)
			{"POST", wp + "/reschedule", map[string]any{"slot_id": v.Slots[1].ID}, staffOnly},
			{"POST", mp + "/outcome", map[string]any{"outcome": "maybe"}, access{"admin": allowed, "staff": allowed, "landlord": allowed, "other_landlord": notFound}},
			{"POST", mp + "/lease", nil, staffOnly},
			{"POST", wp + "/cancel", nil, staffOnly},
			{"POST", mp + "/withdraw", nil, staffOnly},
			{"POST", dp + "/withdraw", nil, ownLandlord},
			{"GET", "/api/v1/stats", nil, staffOnly},
			{"GET", "/api/v1/stats/equity", nil, staffOnly}, // fairness
			// Tenancy phase: the matrix's caseworker accompanies the tenancy.
			{"GET", "/api/v1/tenancies", nil, everyone},
			{"GET", tp, nil, tenancyRead},
			{"POST", tp + "/end", map[string]any{}, householdOps},
			{"GET", tp + "/visits", nil, householdOps},
			{"POST", tp + "/visits", map[string]any{}, access{"caseworker": allowed}},
			{"GET", tp + "/reports", nil, tenancyRead},
			{"POST", tp + "/reports", map[string]any{}, access{"landlord": allowed, "other_landlord": notFound}},
			{"GET", rp, nil, tenancyRead},
			{"POST", rp + "/replies", map[string]any{}, tenancyRead},
			{"POST", rp + "/status", map[string]any{}, householdOps},
			// Follow-ups (the caseworker reaches only her own).
			{"GET", "/api/v1/follow-ups", nil, householdOps},
			{"GET", fup, nil, staffHousehold},
			{"POST", fup + "/record", map[string]any{"outcome": "lost"}, staffHousehold},
		}
		for _, cr := range courseRows(t, st, h.users.Staff) { // Mietführerschein (courses_test.go)
			rows = append(rows, row{cr.method, cr.path, cr.body, cr.who})
		}
		for _, r := range rows {
			for _, role := range roles {
				t.Run(fmt.Sprintf("%s %s as %s", r.method, r.path, role), func(t *testing.T) {
					got := h.with(t).call(role, r.method, pathFor(r.path, role), r.body)
					want := r.who.of(role)
					switch {
					case want == allowed && (got.Status == 401 || got.Status == 403 || got.Status == 404):
						t.Errorf("want allowed, got %s", got)
					case want != allowed && got.Status != want:
						t.Errorf("want %d, got %s", want, got)
					}
				})
			}
		}
		var missing []string
		for _, path := range h.doc.Paths.InMatchingOrder() {
			for _, op := range h.doc.Paths.Value(path).Operations() {
				if h.Operations.count(op.OperationID) == 0 {
					missing = append(missing, op.OperationID)
				}
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("operations the matrix never reached: %v", missing)
		}
	})
}

func time24h(i int) time.Duration { return time.Duration(i) * 24 * time.Hour }

// pathFor picks the role's part of a path ending in "{role:value,…}".
func pathFor(path, role string) string {
	i := strings.LastIndex(path, "{")
	if i < 0 {
		return path
	}
	for _, part := range strings.Split(strings.Trim(path[i:], "{}"), ",") {
		if r, v, _ := strings.Cut(part, ":"); r == role {
			return path[:i] + v
		}
	}
	return path[:i] + "1"
}
