package web_test

import (
	"encoding/json"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/web"
)

// RejectControlChars refuses control characters and invalid UTF-8 wherever text comes
// in, names the field (the JSON path for bodies), and lets ordinary text through,
// multi-line text and umlauts included.
func TestRejectControlChars(t *testing.T) {
	app := fiber.New(fiber.Config{ErrorHandler: web.ErrorHandler(nil)})
	app.Use(web.RejectControlChars())
	app.All("/*", func(c *fiber.Ctx) error { return c.SendString("ok") })
	for _, tc := range []struct {
		name, method, target, contentType, body string
		status                                  int
		field                                   string
	}{
		{"clean form", "POST", "/haushalte", fiber.MIMEApplicationForm, "street=K%C3%B6lner+Str.+1&notes=a%0D%0Ab%09c", 200, ""},
		{"NUL in form", "POST", "/login", fiber.MIMEApplicationForm, "email=a%00%40b.de&password=x", 422, "email"},
		{"invalid UTF-8 in form", "POST", "/registrieren", fiber.MIMEApplicationForm, "name=%FF%FE", 422, "name"},
		{"C1 control in form", "POST", "/registrieren", fiber.MIMEApplicationForm, "name=a%C2%85b", 422, "name"},
		{"escape in query", "GET", "/haushalte?q=%1B%5B2J", "", "", 422, "q"},
		{"clean query", "GET", "/haushalte?q=M%C3%BCller", "", "", 200, ""},
		{"NUL in JSON", "POST", "/api/v1/households", "application/json", `{"members": [{"sex": "f\u0000"}], "street": "ok"}`, 422, "members[0].sex"},
		{"NUL in JSON key", "POST", "/api/v1/households", "application/json", `{"needs": {"a\u0001": 1}}`, 422, "needs"},
		{"merge patch", "PATCH", "/api/v1/households/1", "application/merge-patch+json", `{"contact_name": "\u0007"}`, 422, "contact_name"},
		{"invalid UTF-8 in malformed JSON", "POST", "/api/v1/households", "application/json", "{\"a\": \"\xff", 422, "body"},
		{"clean JSON", "POST", "/api/v1/households", "application/json", `{"notes": "Zeile 1\nZeile 2", "name": "Çağla"}`, 200, ""},
		{"NUL in path", "GET", "/haushalte/%00", "", "", 404, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			req.Header.Set("Accept", "application/json")
			resp, err := app.Test(req, -1)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, raw)
			}
			if tc.field == "" {
				return
			}
			if !strings.HasPrefix(tc.target, "/api/") {
				if !strings.Contains(string(raw), "Steuerzeichen") {
					t.Errorf("page %s lacks the German message", raw)
				}
				return
			}
			var e web.JSONError
			if err := json.Unmarshal(raw, &e); err != nil {
				t.Fatalf("%v: %s", err, raw)
			}
			if e.Error.Code != "invalid_characters" || !strings.Contains(e.Error.Fields[tc.field], "Steuerzeichen") {
				t.Errorf("answer %s, want a German message for %q", raw, tc.field)
			}
		})
	}
}

func TestClipText(t *testing.T) {
	for in, want := range map[string]string{
		"Mozilla/5":                  "Mozilla/5",
		"a\x00b\xffc":                "abc",
		strings.Repeat("a", 9) + "ä": strings.Repeat("a", 9),
	} {
		if got := web.ClipText(in, 10); got != want {
			t.Errorf("ClipText(%q) = %q, want %q", in, got, want)
		}
	}
}
