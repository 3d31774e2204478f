package api_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"testing"

	"wohnbruecke/internal/demo"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/matching"
)

type rankingPage struct {
	Eligible         int            `json:"eligible"`
	ExcludedCount    int            `json:"excluded_count"`
	ExcludedByReason map[string]int `json:"excluded_by_reason"`
	Candidates       []struct {
		HouseholdID int64           `json:"household_id"`
		Lottery     string          `json:"lottery_number"`
		Rank        int             `json:"rank"`
		Score       json.Number     `json:"score"`
		Components  json.RawMessage `json:"components"`
	} `json:"candidates"`
	NextCursor *string `json:"next_cursor"`
	Excluded   []struct {
		HouseholdID int64 `json:"household_id"`
		Reasons     []struct{ Code, Message string }
	} `json:"excluded"`
	ExcludedNextCursor *string `json:"excluded_next_cursor"`
}

func decodePage(t *testing.T, r *apiResp) rankingPage {
	t.Helper()
	if r.Status != http.StatusOK {
		t.Fatalf("status %s", r)
	}
	var p rankingPage
	d := json.NewDecoder(bytesReader(r.Body))
	d.UseNumber()
	if err := d.Decode(&p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRankingPagesCandidatesAndExcluded: by default a page of candidates and the excluded
// only counted; cursors page through both lists without gaps or repeats and give the same
// order as one big page; 304 on a current ETag; one pair explained.
func TestRankingPagesCandidatesAndExcluded(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		if _, err := demo.Load(ctx, st, demo.Options{}); err != nil {
			t.Fatal(err)
		}
		h := newHarness(t, st)
		vs, err := st.PublishedVacancies(ctx)
		if err != nil || len(vs) == 0 {
			t.Fatal("no published vacancy", err)
		}
		path := fmt.Sprintf("/api/v1/vacancies/%d/ranking", vs[0].ID)

		first := h.call("staff", "GET", path, nil)
		def := decodePage(t, first)
		if len(def.Candidates) != min(50, def.Eligible) || len(def.Excluded) != 0 || def.ExcludedNextCursor != nil {
			t.Fatalf("default page: %d candidates of %d, %d excluded listed", len(def.Candidates), def.Eligible, len(def.Excluded))
		}
		sum := 0
		for _, c := range matching.AllReasonCodes() {
			n, ok := def.ExcludedByReason[c.String()]
			if !ok {
				t.Fatalf("no count for %s", c)
			}
			sum += n
		}
		if def.ExcludedCount == 0 || sum < def.ExcludedCount {
			t.Fatalf("excluded %d, reason counts sum to %d", def.ExcludedCount, sum)
		}
		for _, c := range def.Candidates {
			if _, err := strconv.ParseUint(c.Lottery, 10, 64); err != nil {
				t.Fatalf("lottery number %q is not a decimal string", c.Lottery)
			}
			if s := c.Score.String(); len(s) < 4 || s[len(s)-3] != '.' {
				t.Fatalf("score %s has not two decimals", s)
			}
		}

		all := decodePage(t, h.call("staff", "GET", path+"?limit=1000&excluded_limit=1000", nil))
		if len(all.Candidates) != all.Eligible || len(all.Excluded) != all.ExcludedCount || all.NextCursor != nil || all.ExcludedNextCursor != nil {
			t.Fatalf("one big page: %d/%d candidates, %d/%d excluded", len(all.Candidates), all.Eligible, len(all.Excluded), all.ExcludedCount)
		}
		var paged []int64
		for q := path + "?limit=7"; ; {
			p := decodePage(t, h.call("staff", "GET", q, nil))
			for i, c := range p.Candidates {
				if c.Rank != len(paged)+1 {
					t.Fatalf("page item %d has rank %d, want %d", i, c.Rank, len(paged)+1)
				}
				paged = append(paged, c.HouseholdID)
			}
			if p.NextCursor == nil {
				break
			}
			q = path + "?limit=7&cursor=" + *p.NextCursor
		}
		var allIDs []int64
		for _, c := range all.Candidates {
			allIDs = append(allIDs, c.HouseholdID)
		}
		if !slices.Equal(paged, allIDs) {
			t.Fatalf("paged candidates differ from one page: %d vs %d", len(paged), len(allIDs))
		}
		var exIDs []int64
		for q := path + "?limit=1&excluded_limit=13"; ; {
			p := decodePage(t, h.call("staff", "GET", q, nil))
			for _, e := range p.Excluded {
				if len(e.Reasons) == 0 || e.Reasons[0].Message == "" {
					t.Fatalf("household %d excluded without a German reason", e.HouseholdID)
				}
				exIDs = append(exIDs, e.HouseholdID)
			}
			if p.ExcludedNextCursor == nil {
				break
			}
			q = path + "?limit=1&excluded_limit=13&excluded_cursor=" + *p.ExcludedNextCursor
		}
		if len(exIDs) != all.ExcludedCount || !slices.IsSorted(exIDs) || len(slices.Compact(slices.Clone(exIDs))) != len(exIDs) {
			t.Fatalf("paged excluded: %d ids of %d, sorted %v", len(exIDs), all.ExcludedCount, slices.IsSorted(exIDs))
		}

		// Conditional requests.
		etag := first.Header.Get("ETag")
		if etag == "" {
			t.Fatal("no ETag")
		}
		if r := h.call("staff", "GET", path, nil, "If-None-Match", etag); r.Status != http.StatusNotModified || len(r.Body) != 0 {
			t.Fatalf("If-None-Match with the current ETag: %s", r)
		}
		if r := h.call("staff", "GET", path, nil, "If-None-Match", `W/"p0-d0-0"`); r.Status != http.StatusOK {
			t.Fatalf("If-None-Match with an old ETag: %s", r)
		}

		// One pair: the best candidate and the first excluded household.
		best := all.Candidates[0]
		pair := expect(t, h.call("staff", "GET", fmt.Sprintf("%s/%d", path, best.HouseholdID), nil), http.StatusOK)
		if pair.JSON["eligible"] != true || pair.JSON["rank"] != float64(1) || len(pair.JSON["components"].([]any)) != matching.NumComponents {
			t.Fatalf("best candidate explained as %s", pair)
		}
		if got := pair.JSON["score"].(float64); fmt.Sprintf("%.2f", got) != best.Score.String() {
			t.Fatalf("pair score %v, ranking %s", got, best.Score)
		}
		ex := all.Excluded[0]
		pair = expect(t, h.call("staff", "GET", fmt.Sprintf("%s/%d", path, ex.HouseholdID), nil), http.StatusOK)
		reasons := pair.JSON["reasons"].([]any)
		if pair.JSON["eligible"] != false || pair.JSON["rank"] != nil || len(reasons) != len(ex.Reasons) {
			t.Fatalf("excluded household explained as %s", pair)
		}
		for i, r := range reasons {
			r := r.(map[string]any)
			if r["code"] != ex.Reasons[i].Code || r["message"] != ex.Reasons[i].Message || len(r["facts"].(map[string]any)) == 0 {
				t.Fatalf("reason %d: %v, list says %v", i, r, ex.Reasons[i])
			}
		}
		if r := h.call("staff", "GET", path+"/99999999", nil); r.Status != http.StatusNotFound {
			t.Fatalf("unknown household: %s", r)
		}

		for q, code := range map[string]string{"?limit=0": "invalid_query", "?limit=1001": "invalid_query", "?excluded_limit=1001": "invalid_query",
			"?cursor=bm9wZQ": "invalid_cursor", "?excluded_cursor=cmFuazox": "invalid_cursor", "?cursor=%%%": "invalid_cursor"} {
			if r := h.call("staff", "GET", path+q, nil); r.Status != http.StatusBadRequest || r.ErrorCode() != code {
				t.Errorf("%s: %s, want 400 %s", q, r, code)
			}
		}
	})
}

// TestRankingIsCompressed: with Accept-Encoding: gzip the ranking comes gzipped.
func TestRankingIsCompressed(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	h := newHarness(t, st)
	v := testutil.Vacancy(t, st, h.users.LandlordOrg.ID, nil)
	for range 3 {
		testutil.Household(t, st, nil)
	}
	req := httptest.NewRequest("GET", fmt.Sprintf("http://wohnbruecke.test/api/v1/vacancies/%d/ranking", v.ID), nil)
	req.Header.Set("Authorization", "Bearer "+h.tokens["staff"])
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := h.app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("status %d, Content-Encoding %q", resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	var p rankingPage
	if err := json.Unmarshal(body, &p); err != nil || len(p.Candidates) != 3 {
		t.Fatalf("decompressed body: %v, %d candidates", err, len(p.Candidates))
	}
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// TestLotteryNumbersSurviveJavaScript: a 63-bit lottery number comes as a string, digit for
// digit (as a JSON number, JavaScript would round 3615230485296215240 to …5200).
func TestLotteryNumbersSurviveJavaScript(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		h := newHarness(t, st)
		v := testutil.Vacancy(t, st, h.users.LandlordOrg.ID, nil)
		hh := testutil.Household(t, st, func(hh *domain.Household) { hh.LotteryNumber = 3615230485296215240 })
		got := expect(t, h.call("staff", "GET", fmt.Sprintf("/api/v1/households/%d", hh.ID), nil), http.StatusOK)
		if got.JSON["lottery_number"] != "3615230485296215240" {
			t.Fatalf("household lottery_number %#v", got.JSON["lottery_number"])
		}
		page := decodePage(t, h.call("staff", "GET", fmt.Sprintf("/api/v1/vacancies/%d/ranking", v.ID), nil))
		if len(page.Candidates) != 1 || page.Candidates[0].Lottery != "3615230485296215240" {
			t.Fatalf("ranking lottery numbers %+v", page.Candidates)
		}
	})
}
