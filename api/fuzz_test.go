package api_test

import (
	"errors"
	"net/http"
	"strconv"
	"testing"

	"wohnbruecke/api"
	"wohnbruecke/internal/households"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/vacancies"
)

var fuzzSeeds = []string{
	``, `{}`, `null`, `[]`, `"x"`, `{"contact_name": "A"}`, `{"members": [{"birth_year": "x"}]}`,
	`{"needs": {"preferred_boroughs": ["mitte", 3]}}`, `{"registered_on": "2026-13-45"}`, `{"a":1}{"b":2}`,
	"{\n\"x\": \u00ff}", `{"members": [{"birth_year": 1e400}]}`, `{"caseworker_id": -1}`, `{"consents": {}}`,
	`{"wbs": null, "certificate": {"passed_on": null}}`, `{"yearly_income_cents": 9223372036854775808}`,
}

// FuzzDecodeJSON: whatever the bytes, the decoder answers nil or a 400 it can explain,
// and never panics.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, dst := range []any{&households.Input{}, &vacancies.Input{}, &map[string]any{}} {
			err := api.DecodeJSON(body, dst)
			var bad *api.BadJSON
			if err != nil && !errors.As(err, &bad) {
				t.Fatalf("%q: unexplained error %v", body, err)
			}
			if bad != nil {
				if e, _ := bad.WebError(); e.Status != http.StatusBadRequest || e.Message == "" {
					t.Fatalf("%q: answer %d %q", body, e.Status, e.Message)
				}
			}
		}
	})
}

// FuzzHouseholdEndpoints sends arbitrary bodies to the household endpoints through the
// whole application: the answer is never a 500 (the harness fails on any) and always a
// documented one. It runs on PostgreSQL when TEST_DATABASE_URL is set (PostgreSQL refuses
// NUL bytes and invalid UTF-8 that SQLite stores), else on SQLite.
func FuzzHouseholdEndpoints(f *testing.F) {
	for _, s := range append(fuzzSeeds, "{\"contact_name\": \"A\\u0000B\"}", "{\"contact_name\": \"\xff\"}", `{"caseworker_id": 99999999999999999999}`) {
		f.Add(s)
	}
	dialects := testutil.Dialects(f)
	st := testutil.Open(f, dialects[len(dialects)-1])
	h := newHarness(f, st)
	created := h.call("staff", "POST", "/api/v1/households", householdBody("Fuzz"))
	if created.Status != http.StatusCreated {
		f.Fatalf("set-up: %s", created)
	}
	path := "/api/v1/households/" + itoa(created.ID())
	f.Fuzz(func(t *testing.T, body string) {
		h := h.with(t)
		for _, r := range []struct{ method, path string }{{"POST", "/api/v1/households"}, {"PATCH", path}, {"POST", path + "/pause"},
			{"POST", "/api/v1/matches"}, {"POST", "/api/v1/vacancies"}} {
			resp := h.call("staff", r.method, r.path, body)
			if resp.Status >= 500 {
				t.Fatalf("%s %s %q: %s", r.method, r.path, body, resp)
			}
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
