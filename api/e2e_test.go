package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// openAPIClient knows the API only through /api/v1/openapi.json: it finds operations by
// operationId and builds request bodies from the documented examples.
type openAPIClient struct {
	t   *testing.T
	h   *harness
	doc map[string]any
	ops map[string][2]string // operationId → method, path template
}

func newOpenAPIClient(t *testing.T, h *harness) *openAPIClient {
	r := expect(t, h.call("anonymous", "GET", "/api/v1/openapi.json", nil), http.StatusOK)
	c := &openAPIClient{t: t, h: h, doc: r.JSON, ops: map[string][2]string{}}
	for path, item := range r.JSON["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			if id, ok := op.(map[string]any)["operationId"].(string); ok {
				c.ops[id] = [2]string{strings.ToUpper(method), path}
			}
		}
	}
	return c
}

// example returns the documented example of a component schema: the schema's own
// example, or one assembled from its properties' examples.
func (c *openAPIClient) example(name string) map[string]any {
	out, _ := c.exampleOf(c.schema(name)).(map[string]any)
	return out
}

func (c *openAPIClient) schema(name string) map[string]any {
	return c.doc["components"].(map[string]any)["schemas"].(map[string]any)[name].(map[string]any)
}

func (c *openAPIClient) exampleOf(s map[string]any) any {
	if ref, ok := s["$ref"].(string); ok {
		return c.exampleOf(c.schema(ref[strings.LastIndex(ref, "/")+1:]))
	}
	if ex, ok := s["example"]; ok {
		raw, _ := json.Marshal(ex)
		var out any
		_ = json.Unmarshal(raw, &out)
		return out
	}
	props, ok := s["properties"].(map[string]any)
	if !ok {
		return nil
	}
	out := map[string]any{}
	for k, p := range props {
		if v := c.exampleOf(p.(map[string]any)); v != nil {
			out[k] = v
		}
	}
	return out
}

// requestSchema names the request body schema of an operation.
func (c *openAPIClient) requestSchema(id string) string {
	m, p := c.ops[id][0], c.ops[id][1]
	op := c.doc["paths"].(map[string]any)[p].(map[string]any)[strings.ToLower(m)].(map[string]any)
	rb, ok := op["requestBody"].(map[string]any)
	if !ok {
		return ""
	}
	for _, media := range rb["content"].(map[string]any) {
		ref := media.(map[string]any)["schema"].(map[string]any)["$ref"].(string)
		return ref[strings.LastIndex(ref, "/")+1:]
	}
	return ""
}

// do calls an operation with path parameters and a body built from the example with the
// given fields replaced.
func (c *openAPIClient) do(role, id string, params map[string]any, set map[string]any) *apiResp {
	c.t.Helper()
	mp, ok := c.ops[id]
	if !ok {
		c.t.Fatalf("operation %s is not documented", id)
	}
	path := mp[1]
	for k, v := range params {
		path = strings.ReplaceAll(path, "{"+k+"}", fmt.Sprint(v))
	}
	var body any
	if schema := c.requestSchema(id); schema != "" {
		b := c.example(schema)
		for k, v := range set {
			b[k] = v
		}
		body = b
	}
	return c.h.with(c.t).call(role, mp[0], path, body)
}

func TestClientThatKnowsOnlyTheOpenAPIDocument(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		h := newHarness(t, st)
		c := newOpenAPIClient(t, h)
		me := expect(t, c.do("staff", "getMe", nil, nil), http.StatusOK)
		today := st.Today()

		user := c.example("LandlordCreate")["user"].(map[string]any)
		user["email"] = "neu@vermietung.test"
		landlord := expect(t, c.do("staff", "createLandlord", nil, map[string]any{"user": user, "contact_user_id": me.JSON["id"]}), http.StatusCreated)
		expect(t, c.do("staff", "signLandlordAgreement", map[string]any{"id": landlord.ID()}, nil), http.StatusOK)

		vacancy := expect(t, c.do("staff", "createVacancy", nil, map[string]any{"landlord_id": landlord.ID(),
			"available_from": today.AddDays(14).ISO()}), http.StatusCreated)
		vid := vacancy.ID()
		var slots []int64
		for i := range 2 {
			s := expect(t, c.do("staff", "createSlot", map[string]any{"id": vid}, map[string]any{"date": today.AddDays(3 + i).ISO()}), http.StatusCreated)
			slots = append(slots, s.ID())
		}
		expect(t, c.do("staff", "submitVacancy", map[string]any{"id": vid}, nil), http.StatusOK)
		pub := expect(t, c.do("staff", "publishVacancy", map[string]any{"id": vid}, nil), http.StatusOK)
		if pub.JSON["status"] != "published" || len(pub.JSON["slots"].([]any)) != 2 {
			t.Fatalf("published vacancy: %s", pub.Body)
		}

		ours := map[int64]bool{}
		for i := range 10 {
			hh := expect(t, c.do("staff", "createHousehold", nil, map[string]any{"contact_name": fmt.Sprintf("Haushalt %d", i)}), http.StatusCreated)
			ours[hh.ID()] = true
		}

		ranking := expect(t, c.do("staff", "getVacancyRanking", map[string]any{"id": vid}, nil), http.StatusOK)
		cands := ranking.JSON["candidates"].([]any)
		if len(cands) != 10 {
			t.Fatalf("%d candidates, want the 10 households: %s", len(cands), ranking.Body)
		}
		best := int64(cands[0].(map[string]any)["household_id"].(float64))
		if !ours[best] {
			t.Fatalf("best candidate %d is not one of ours", best)
		}

		match := expect(t, c.do("staff", "approveMatch", nil, map[string]any{"vacancy_id": vid, "household_id": best, "slot_id": slots[0]}), http.StatusCreated)
		viewingID := match.JSON["viewing"].(map[string]any)["id"]
		viewing := expect(t, c.do("staff", "getViewing", map[string]any{"id": viewingID}, nil), http.StatusOK)
		if viewing.JSON["state"] != "scheduled" || int64(viewing.JSON["slot_id"].(float64)) != slots[0] ||
			viewing.JSON["match"].(map[string]any)["state"] != "viewing_scheduled" {
			t.Fatalf("viewing: %s", viewing.Body)
		}
		// The slot had one place: a second approval into it is a conflict.
		second := int64(cands[1].(map[string]any)["household_id"].(float64))
		taken := expect(t, c.do("staff", "approveMatch", nil, map[string]any{"vacancy_id": vid, "household_id": second, "slot_id": slots[0]}), http.StatusConflict)
		if !strings.Contains(string(taken.Body), "ausgebucht") {
			t.Errorf("taken slot: %s", taken.Body)
		}
	})
}
