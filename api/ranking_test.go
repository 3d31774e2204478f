package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"wohnbruecke/internal/demo"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/matching"
)

type rankingBody struct {
	VacancyID     int64 `json:"vacancy_id"`
	PolicyVersion int   `json:"policy_version"`
	Candidates    []struct {
		HouseholdID int64   `json:"household_id"`
		Rank        int     `json:"rank"`
		Score       float64 `json:"score"`
		Lottery     string  `json:"lottery_number"`
		Components  map[string]struct {
			Value, Weight, Points float64
		} `json:"components"`
	} `json:"candidates"`
	Excluded []struct {
		HouseholdID int64 `json:"household_id"`
		Reasons     []struct{ Code, Message string }
	} `json:"excluded"`
}

func TestRankingEndpointOnDemoData(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		if _, err := demo.Load(ctx, st, demo.Options{}); err != nil {
			t.Fatal(err)
		}
		vs, err := st.PublishedVacancies(ctx)
		if err != nil || len(vs) == 0 {
			t.Fatal("no published vacancy", err)
		}
		app := testutil.App(t, st)
		staff := testutil.NewClient(t, app)
		staff.Login(users.Staff.Email, testutil.Password)
		path := fmt.Sprintf("/api/v1/vacancies/%d/ranking", vs[0].ID)
		resp := staff.Get(path + "?limit=1000&excluded_limit=1000")
		if resp.Status != http.StatusOK {
			t.Fatalf("staff: status %d: %s", resp.Status, resp.Body)
		}
		var body rankingBody
		if err := json.Unmarshal([]byte(resp.Body), &body); err != nil {
			t.Fatal(err)
		}
		if body.VacancyID != vs[0].ID || body.PolicyVersion != matching.DefaultPolicyVersion || len(body.Candidates) == 0 || len(body.Excluded) == 0 {
			t.Fatalf("vacancy %d policy %d candidates %d excluded %d", body.VacancyID, body.PolicyVersion, len(body.Candidates), len(body.Excluded))
		}
		codes := map[string]bool{}
		for _, c := range matching.AllReasonCodes() {
			codes[c.String()] = true
		}
		for _, e := range body.Excluded {
			if len(e.Reasons) == 0 {
				t.Fatalf("household %d excluded without reason", e.HouseholdID)
			}
			for _, r := range e.Reasons {
				if !codes[r.Code] || r.Message == "" {
					t.Fatalf("reason %q %q is not a documented code with a message", r.Code, r.Message)
				}
			}
		}
		prev := body.Candidates[0].Score
		for i, c := range body.Candidates {
			if c.Rank != i+1 || c.Score > prev || len(c.Components) != matching.NumComponents {
				t.Fatalf("candidate %d: rank %d score %v (previous %v), %d components", i, c.Rank, c.Score, prev, len(c.Components))
			}
			sum := 0.0
			for _, comp := range c.Components {
				sum += comp.Points
			}
			// Each figure is rounded to hundredths from the exact value.
			if d := sum - c.Score; d > 0.005*matching.NumComponents || d < -0.005*matching.NumComponents {
				t.Fatalf("components sum to %v, score is %v", sum, c.Score)
			}
			prev = c.Score
		}
		if limited := staff.Get(path + "?limit=5"); !jsonHasLen(t, limited.Body, 5) {
			t.Error("limit=5 did not return five candidates")
		}

		for name, email := range map[string]string{"landlord": users.Landlord.Email, "caseworker": users.Caseworker.Email} {
			c := testutil.NewClient(t, app)
			c.Login(email, testutil.Password)
			if r := c.Get(path); r.Status != http.StatusForbidden {
				t.Errorf("%s: status %d, want 403", name, r.Status)
			}
			if r := c.Get("/api/v1/allocation"); r.Status != http.StatusForbidden {
				t.Errorf("%s allocation: status %d, want 403", name, r.Status)
			}
		}
		anon := testutil.NewClient(t, app)
		if r := anon.Get(path); r.Status != http.StatusUnauthorized {
			t.Errorf("anonymous: status %d, want 401", r.Status)
		}
		for p, want := range map[string]int{"/api/v1/vacancies/abc/ranking": 400, "/api/v1/vacancies/999999/ranking": 404,
			path + "?limit=-1": 400} {
			if r := staff.Get(p); r.Status != want {
				t.Errorf("%s: status %d, want %d", p, r.Status, want)
			}
		}
	})
}

func jsonHasLen(t *testing.T, body string, n int) bool {
	t.Helper()
	var b rankingBody
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		t.Fatal(err)
	}
	return len(b.Candidates) == n
}

func TestAllocationEndpointOnDemoData(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		if _, err := demo.Load(ctx, st, demo.Options{}); err != nil {
			t.Fatal(err)
		}
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Staff.Email, testutil.Password)
		resp := c.Get("/api/v1/allocation")
		if resp.Status != http.StatusOK {
			t.Fatalf("status %d: %s", resp.Status, resp.Body)
		}
		var body struct {
			Places, PlacesFilled int
			TotalScore           float64 `json:"total_score"`
			Pairs                []struct {
				VacancyID   int64   `json:"vacancy_id"`
				HouseholdID int64   `json:"household_id"`
				Score       float64 `json:"score"`
			}
		}
		if err := json.Unmarshal([]byte(resp.Body), &body); err != nil {
			t.Fatal(err)
		}
		if len(body.Pairs) == 0 {
			t.Fatal("no pairs proposed on the demo data")
		}
		seen := map[int64]bool{}
		perVacancy := map[int64]int{}
		sum := 0.0
		for _, p := range body.Pairs {
			if seen[p.HouseholdID] {
				t.Fatalf("household %d allocated twice", p.HouseholdID)
			}
			seen[p.HouseholdID] = true
			perVacancy[p.VacancyID]++
			sum += p.Score
		}
		vs, _ := st.PublishedVacancies(ctx)
		for _, v := range vs {
			if perVacancy[v.ID] > v.Places {
				t.Fatalf("vacancy %d got %d households for %d places", v.ID, perVacancy[v.ID], v.Places)
			}
		}
		// Each pair's score and the total are rounded to hundredths from the exact values.
		if d, tol := sum-body.TotalScore, 0.005*float64(len(body.Pairs)+1); d > tol || d < -tol {
			t.Fatalf("pair scores sum to %v, total %v", sum, body.TotalScore)
		}
	})
}
