package api_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

func TestHouseholdsAPI(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		h := newHarness(t, st)
		ctx := context.Background()

		created := expect(t, h.call("staff", "POST", "/api/v1/households", householdBody("Ana Popa")), http.StatusCreated)
		id := created.ID()
		if loc := created.Header.Get("Location"); loc != fmt.Sprintf("/api/v1/households/%d", id) {
			t.Errorf("Location %q", loc)
		}
		if created.JSON["reference"] == "" || created.JSON["status"] != "active" || created.JSON["adults"].(float64) != 1 {
			t.Errorf("created household: %s", created.Body)
		}

		got := expect(t, h.call("staff", "GET", fmt.Sprintf("/api/v1/households/%d", id), nil), http.StatusOK)
		if got.JSON["contact_name"] != "Ana Popa" {
			t.Errorf("read back: %s", got.Body)
		}

		t.Run("merge patch changes only what it names and removes null sections", func(t *testing.T) {
			h := h.with(t)
			path := fmt.Sprintf("/api/v1/households/%d", id)
			expect(t, h.call("staff", "PATCH", path, map[string]any{"wbs": map[string]any{"valid_until": "2027-06-30", "persons": 2}}), http.StatusOK)
			p := expect(t, h.call("staff", "PATCH", path, map[string]any{"phone": "0157 7654321", "wbs": nil}), http.StatusOK)
			if p.JSON["phone"] != "0157 7654321" || p.JSON["contact_name"] != "Ana Popa" || p.JSON["wbs"] != nil {
				t.Errorf("after patch: %s", p.Body)
			}
			bad := expect(t, h.call("staff", "PATCH", path, map[string]any{"members": []any{map[string]any{"birth_year": 2015, "sex": "f"}}}), http.StatusUnprocessableEntity)
			if bad.Fields()["members"] == nil {
				t.Errorf("no message for members: %s", bad.Body)
			}
			ro := expect(t, h.call("staff", "PATCH", path, map[string]any{"status": "closed"}), http.StatusBadRequest)
			if ro.ErrorCode() != "unknown_field" || ro.Fields()["status"] == nil {
				t.Errorf("read-only field: %s", ro.Body)
			}
		})

		t.Run("validation errors are keyed by JSON path", func(t *testing.T) {
			h := h.with(t)
			body := householdBody("")
			body["members"] = []any{map[string]any{"birth_year": 3000, "sex": "x"}}
			r := expect(t, h.call("staff", "POST", "/api/v1/households", body), http.StatusUnprocessableEntity)
			for _, f := range []string{"contact_name", "members[0].birth_year", "members[0].sex"} {
				if msg, _ := r.Fields()[f].(string); msg == "" {
					t.Errorf("no German message for %s: %s", f, r.Body)
				}
			}
		})

		t.Run("idempotent create returns the first answer", func(t *testing.T) {
			h := h.with(t)
			body := householdBody("Ioana Marin")
			first := expect(t, h.call("staff", "POST", "/api/v1/households", body, "Idempotency-Key", "key-1"), http.StatusCreated)
			again := expect(t, h.call("staff", "POST", "/api/v1/households", body, "Idempotency-Key", "key-1"), http.StatusCreated)
			if string(first.Body) != string(again.Body) || again.Header.Get("Idempotent-Replayed") != "true" {
				t.Fatalf("replay differs:\n%s\n%s", first.Body, again.Body)
			}
			rows, total, err := st.ListHouseholds(ctx, store.HouseholdFilter{Query: "Ioana Marin"})
			if err != nil || total != 1 || len(rows) != 1 {
				t.Fatalf("households named Ioana Marin: %d (%v)", total, err)
			}
			other := expect(t, h.call("staff", "POST", "/api/v1/households", householdBody("Jemand Anders"), "Idempotency-Key", "key-1"), http.StatusUnprocessableEntity)
			if other.ErrorCode() != "idempotency_key_reused" {
				t.Errorf("reused key: %s", other.Body)
			}
			// Keys are per caller: another token may use the same key.
			expect(t, h.call("admin", "POST", "/api/v1/households", body, "Idempotency-Key", "key-1"), http.StatusCreated)
		})

		t.Run("list pages with an opaque cursor", func(t *testing.T) {
			h := h.with(t)
			for i := range 3 {
				expect(t, h.call("staff", "POST", "/api/v1/households", householdBody(fmt.Sprintf("Seite %d", i))), http.StatusCreated)
			}
			seen := map[float64]bool{}
			path := "/api/v1/households?q=Seite&limit=2"
			for pages := 0; path != ""; pages++ {
				if pages > 3 {
					t.Fatal("too many pages")
				}
				r := expect(t, h.call("staff", "GET", path, nil), http.StatusOK)
				for _, it := range r.JSON["items"].([]any) {
					id := it.(map[string]any)["id"].(float64)
					if seen[id] {
						t.Fatalf("household %v on two pages", id)
					}
					seen[id] = true
				}
				path = ""
				if next, ok := r.JSON["next_cursor"].(string); ok {
					path = "/api/v1/households?q=Seite&limit=2&cursor=" + next
				}
			}
			if len(seen) != 3 {
				t.Fatalf("saw %d households, want 3", len(seen))
			}
			expect(t, h.call("staff", "GET", "/api/v1/households?cursor=%21%21", nil), http.StatusBadRequest)
			expect(t, h.call("staff", "GET", "/api/v1/households?status=lost", nil), http.StatusBadRequest)
		})

		t.Run("pause and close", func(t *testing.T) {
			h := h.with(t)
			path := fmt.Sprintf("/api/v1/households/%d", id)
			r := expect(t, h.call("staff", "POST", path+"/pause", map[string]any{}), http.StatusUnprocessableEntity)
			if r.Fields()["reason"] == nil || r.Fields()["paused_until"] == nil {
				t.Errorf("pause without reason: %s", r.Body)
			}
			until := st.Today().AddDays(30).ISO()
			p := expect(t, h.call("staff", "POST", path+"/pause", map[string]any{"paused_reason": "Kur", "paused_until": until}), http.StatusOK)
			if p.JSON["status"] != "paused" || p.JSON["paused_until"] != until {
				t.Errorf("paused: %s", p.Body)
			}
			c := expect(t, h.call("staff", "POST", path+"/close", nil), http.StatusOK)
			if c.JSON["status"] != "closed" {
				t.Errorf("closed: %s", c.Body)
			}
		})

		t.Run("caseworkers see only their households", func(t *testing.T) {
			h := h.with(t)
			own := expect(t, h.call("caseworker", "POST", "/api/v1/households", householdBody("Eigene Familie")), http.StatusCreated)
			if own.JSON["caseworker_id"].(float64) != float64(h.users.Caseworker.ID) {
				t.Errorf("caseworker's household not assigned to them: %s", own.Body)
			}
			expect(t, h.call("caseworker", "GET", fmt.Sprintf("/api/v1/households/%d", id), nil), http.StatusNotFound)
			l := expect(t, h.call("caseworker", "GET", "/api/v1/households", nil), http.StatusOK)
			if n := len(l.JSON["items"].([]any)); n != 1 {
				t.Errorf("caseworker lists %d households, want 1", n)
			}
		})

		t.Run("writes are audited with the token's name", func(t *testing.T) {
			db, err := st.SQLDB()
			if err != nil {
				t.Fatal(err)
			}
			var n int
			err = db.QueryRowContext(ctx, "SELECT COUNT(*) FROM audit_log WHERE action = 'household.create' AND actor_label = 'Test staff'").Scan(&n)
			if err != nil || n < 2 {
				t.Fatalf("audited creates by token name: %d (%v)", n, err)
			}
		})
	})
}

func TestErrorFormat(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	h := newHarness(t, st)
	cases := []struct {
		name, role, method, path string
		body                     any
		headers                  []string
		status                   int
		code, contains, field    string
	}{
		{"malformed JSON names line and column", "staff", "POST", "/api/v1/households", "{\n  \"contact_name\": \"A\",\n  oops\n}", nil, 400, "malformed_json", "Zeile 3, Spalte 3", ""},
		{"truncated JSON", "staff", "POST", "/api/v1/households", `{"contact_name": "A"`, nil, 400, "malformed_json", "Zeile 1", ""},
		{"unknown field", "staff", "POST", "/api/v1/households", `{"contact_name": "A", "colour": "blau"}`, nil, 400, "unknown_field", "colour", "colour"},
		{"wrong type is named", "staff", "POST", "/api/v1/households", `{"contact_name": 42}`, nil, 400, "invalid_type", "contact_name", "contact_name"},
		{"wrong date", "staff", "POST", "/api/v1/households", `{"registered_on": "01.02.2026"}`, nil, 400, "invalid_type", "2026-03-01", ""},
		{"trailing data", "staff", "POST", "/api/v1/households", `{} {}`, nil, 400, "malformed_json", "weitere Zeichen", ""},
		{"not JSON", "staff", "POST", "/api/v1/households", "contact_name=A", []string{"Content-Type", "application/x-www-form-urlencoded"}, 415, "unsupported_media_type", "JSON", ""},
		{"no credentials", "anonymous", "GET", "/api/v1/households", nil, nil, 401, "unauthorized", "melden Sie sich an", ""},
		{"bad token", "anonymous", "GET", "/api/v1/households", nil, []string{"Authorization", "Bearer wb_nope"}, 401, "invalid_token", "ungültig", ""},
		{"wrong role", "landlord", "GET", "/api/v1/households", nil, nil, 403, "forbidden", "Berechtigung", ""},
		{"missing record", "staff", "GET", "/api/v1/households/999999", nil, nil, 404, "not_found", "nicht gefunden", ""},
		{"bad id", "staff", "GET", "/api/v1/households/abc", nil, nil, 400, "invalid_id", "Kennung", ""},
		{"validation", "staff", "POST", "/api/v1/households", `{}`, nil, 422, "validation_failed", "prüfen", "contact_name"},
		{"unknown path", "staff", "GET", "/api/v1/nothing", nil, nil, 404, "not_found", "nicht gefunden", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := expect(t, h.with(t).call(c.role, c.method, c.path, c.body, c.headers...), c.status)
			if r.ErrorCode() != c.code || !strings.Contains(string(r.Body), c.contains) {
				t.Errorf("got %s, want code %s containing %q", r.Body, c.code, c.contains)
			}
			if c.field != "" && r.Fields()[c.field] == nil {
				t.Errorf("no field message for %s: %s", c.field, r.Body)
			}
		})
	}
	t.Run("bodies over 1 MiB are refused", func(t *testing.T) {
		// Only a real listener enforces the limit (fasthttp refuses while reading).
		base := testutil.StartApp(t, st, nil)
		big := `{"contact_name": "` + strings.Repeat("a", 1<<20) + `"}`
		req, err := http.NewRequest("POST", base+"/api/v1/households", strings.NewReader(big))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+h.tokens["staff"])
		// The server answers as soon as it reads the Content-Length and closes the
		// connection; with "Expect: 100-continue" the client waits for that answer instead
		// of racing to write the body into a closed socket.
		req.Header.Set("Expect", "100-continue")
		client := &http.Client{Transport: &http.Transport{ExpectContinueTimeout: 10 * time.Second}}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(body), `"too_large"`) {
			t.Errorf("status %d: %.300s", resp.StatusCode, body)
		}
	})
}
