package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/apitokens"
	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// badValues are what every form field, query parameter and JSON value gets in turn:
// control characters, invalid UTF-8, numbers beyond every column type, absurd dates.
var badValues = []string{
	"a\x00b", "\x00", "x\x01y", "\x1b[2J", "\x7f", "a\u0085b", "\xff\xfe", "ok\xc3",
	strings.Repeat("ä", 3000),
	"99999999999999999999", "-99999999999999999999", "2147483648", "-2147483649", "9223372036854775807",
	"1e308", "-1", "0001-01-01", "9999-12-31", "31.12.99999",
}

// badInputTables are the tables a refused request must leave as they were.
var badInputTables = []string{"landlords", "users", "cooperation_agreements", "user_tokens", "api_tokens", "households",
	"household_members", "consents", "vacancies", "viewing_slots", "policies", "settings", "ranking_snapshots", "matches",
	"viewings", "applicant_tokens", "outbox", "audit_log"}

// TestBadInputNeverFails500 sends every bad value into every field of the portal's forms,
// every query parameter and every JSON value of the API's writes, on both databases: no
// answer is a 500, and a refused request leaves every table as it was (nothing
// half-written). The count of requests per database is logged.
func TestBadInputNeverFails500(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		b := newBadInput(t, st)
		b.portalForms()
		b.portalQueries()
		b.apiQueries()
		b.apiBodies()
		b.headers()
		t.Logf("%s: %d bad requests, %d refused, %d answered 500", st.Dialect(), b.tried, b.refused, b.failed)
		if b.failed > 0 {
			t.Errorf("%d answers were 500", b.failed)
		}
	})
}

type badInput struct {
	t       *testing.T
	st      *store.Store
	app     *fiber.App
	users   testutil.Users
	clients map[string]*testutil.Client
	tokens  map[string]string
	ids     map[string]int64

	tried, refused, failed int
}

func newBadInput(t *testing.T, st *store.Store) *badInput {
	ctx := context.Background()
	b := &badInput{t: t, st: st, app: testutil.App(t, st), users: testutil.SeedUsers(t, st),
		clients: map[string]*testutil.Client{}, tokens: map[string]string{}, ids: map[string]int64{}}
	b.clients["anonymous"] = testutil.NewClient(t, b.app)
	for role, u := range map[string]*domain.User{"staff": b.users.Staff, "admin": b.users.Admin, "landlord": b.users.Landlord,
		"caseworker": b.users.Caseworker} {
		c := testutil.NewClient(t, b.app)
		if r := c.Login(u.Email, testutil.Password); r.Status != http.StatusSeeOther {
			t.Fatalf("login %s: %d", role, r.Status)
		}
		b.clients[role] = c
		tok, err := apitokens.New(st).Create(ctx, domain.Actor{User: b.users.Admin}, apitokens.Input{Name: "Bad " + role, Role: u.Role, UserID: u.ID})
		if err != nil {
			t.Fatal(err)
		}
		b.tokens[role] = tok.Raw
	}
	v := testutil.Vacancy(t, st, b.users.LandlordOrg.ID, func(v *domain.Vacancy) { v.Status = "draft" })
	h := testutil.Household(t, st, nil)
	b.ids["vacancy"], b.ids["household"] = v.ID, h.ID
	for purpose, email := range map[string]string{"invite": "eingeladen@test.de", "reset": "vergessen@test.de"} {
		u := &domain.User{Email: email, Name: "Link " + purpose, Role: domain.RoleLandlord, LandlordID: &b.users.LandlordOrg.ID, Active: purpose == "reset"}
		if err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		raw := "bad-input-" + purpose + "-0123456789abcdef0123456789"
		if err := st.CreateUserToken(ctx, &domain.UserToken{UserID: u.ID, Purpose: purpose, TokenHash: auth.HashToken(raw),
			ExpiresAt: st.Now().Add(24 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
		b.ids[purpose] = 0
		b.tokens[purpose+"-link"] = raw
	}
	return b
}

// counts returns the number of rows per table.
func (b *badInput) counts() map[string]int64 {
	db, err := b.st.SQLDB()
	if err != nil {
		b.t.Fatal(err)
	}
	out := map[string]int64{}
	for _, table := range badInputTables {
		var n int64
		if err := db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
			b.t.Fatalf("count %s: %v", table, err)
		}
		out[table] = n
	}
	return out
}

// check records one answer: a 500 fails; a refusal (4xx) must have changed no table (an
// accepted request may).
func (b *badInput) check(what string, status int, before map[string]int64, body string) {
	b.t.Helper()
	b.tried++
	switch {
	case status >= 500:
		b.failed++
		if b.failed <= 400 {
			b.t.Errorf("%s: %d", what, status)
		}
	case status >= 400:
		b.refused++
		if before == nil {
			return
		}
		for table, n := range b.counts() {
			if n != before[table] {
				b.t.Errorf("%s: refused with %d but %s has %d rows instead of %d", what, status, table, n, before[table])
			}
		}
	}
}

// portalForms posts each form with one field at a time set to each bad value.
func (b *badInput) portalForms() {
	hh, vac := strconv.FormatInt(b.ids["household"], 10), strconv.FormatInt(b.ids["vacancy"], 10)
	forms := []struct{ role, page, action string }{
		{"anonymous", "/login", "/login"},
		{"anonymous", "/passwort-vergessen", "/passwort-vergessen"},
		{"anonymous", "/registrieren", "/registrieren"},
		{"anonymous", "/einladung/" + b.tokens["invite-link"], "/einladung/" + b.tokens["invite-link"]},
		{"anonymous", "/passwort-neu/" + b.tokens["reset-link"], "/passwort-neu/" + b.tokens["reset-link"]},
		{"staff", "/haushalte/neu", "/haushalte"},
		{"staff", "/haushalte/" + hh + "/bearbeiten", "/haushalte/" + hh},
		{"staff", "/haushalte/" + hh, "/haushalte/" + hh + "/status"},
		{"staff", "/arbeitsbereich/vermieter/einladen", "/arbeitsbereich/vermieter/einladen"},
		{"caseworker", "/haushalte/neu", "/haushalte"},
		{"landlord", "/vermieter/angebote/neu", "/vermieter/angebote/neu"},
		{"landlord", "/vermieter/angebote/" + vac + "/bearbeiten", "/vermieter/angebote/" + vac + "/bearbeiten"},
		{"landlord", "/vermieter/angebote/" + vac, "/vermieter/angebote/" + vac + "/termine"},
		{"landlord", "/vermieter/kolleginnen", "/vermieter/kolleginnen"},
		{"landlord", "/vermieter/vereinbarung", "/vermieter/vereinbarung"},
		{"admin", "/verwaltung/benutzer/neu", "/verwaltung/benutzer"},
		{"admin", "/verwaltung/gewichtung", "/verwaltung/gewichtung"},
		{"admin", "/verwaltung/tokens", "/verwaltung/tokens"},
	}
	for _, f := range forms {
		c := b.clients[f.role]
		page := c.Get(f.page)
		base, ok := testutil.FormValuesOf(page.Body, f.action)
		if !ok {
			b.t.Errorf("%s: no form to %s (status %d)", f.page, f.action, page.Status)
			continue
		}
		names := make([]string, 0, len(base))
		for name := range base {
			if name != "_csrf" {
				names = append(names, name)
			}
		}
		sort.Strings(names)
		for _, name := range names {
			for _, bad := range badValues {
				form := url.Values{}
				for k, v := range base {
					form[k] = append([]string(nil), v...)
				}
				form.Set(name, bad)
				before := b.counts()
				r := c.PostForm(f.action, form)
				b.check(fmt.Sprintf("POST %s %s=%q", f.action, name, trim(bad)), r.Status, before, r.Body)
			}
		}
	}
}

func trim(s string) string {
	if len(s) > 24 {
		return s[:24] + "…"
	}
	return s
}

// portalQueries sends each bad value as each query parameter of the portal's lists.
func (b *badInput) portalQueries() {
	vac := strconv.FormatInt(b.ids["vacancy"], 10)
	for _, q := range []struct {
		role, path string
		params     []string
	}{
		{"staff", "/haushalte", []string{"q", "track", "focus_group", "urgency", "status", "language", "borough", "wait", "sort", "desc", "page"}},
		{"staff", "/arbeitsbereich/statistik", []string{"von", "bis"}},
		{"staff", "/arbeitsbereich/statistik.csv", []string{"von", "bis", "tabelle"}},
		{"staff", "/arbeitsbereich/postausgang", []string{"status", "seite"}},
		{"staff", "/arbeitsbereich/angebote/" + vac + "/rangliste", []string{"grund"}},
		{"admin", "/verwaltung/protokoll", []string{"bereich", "id", "seite"}},
		{"anonymous", "/login", []string{"next"}},
		{"anonymous", "/besichtigung/" + "unbekannt", []string{"antwort", "gespeichert"}},
		{"staff", "/haushalte/" + "%00", nil},
		{"anonymous", "/einladung/%00%ff", nil},
	} {
		b.queries(q.path, q.params, func(u string) (int, string) { r := b.clients[q.role].Get(u); return r.Status, r.Body })
	}
}

func (b *badInput) queries(path string, params []string, get func(string) (int, string)) {
	if len(params) == 0 {
		status, body := get(path)
		b.check("GET "+path, status, nil, body)
		return
	}
	for _, p := range params {
		for _, bad := range badValues {
			if len(bad) > 1000 {
				continue // a long address is refused by the HTTP server before the app sees it
			}
			u := path + "?" + url.Values{p: {bad}}.Encode()
			status, body := get(u)
			b.check(fmt.Sprintf("GET %s %s=%q", path, p, trim(bad)), status, nil, body)
		}
	}
}

// apiQueries sends each bad value as each query parameter of the API's lists.
func (b *badInput) apiQueries() {
	vac := strconv.FormatInt(b.ids["vacancy"], 10)
	for _, q := range []struct {
		path   string
		params []string
	}{
		{"/api/v1/households", []string{"q", "track", "focus_group", "status", "language", "borough", "urgency", "min_wait_days", "limit", "cursor"}},
		{"/api/v1/matches", []string{"state", "vacancy_id", "household_id", "limit", "cursor"}},
		{"/api/v1/vacancies", []string{"status", "cursor", "limit"}},
		{"/api/v1/vacancies/" + vac + "/ranking", []string{"limit"}},
		{"/api/v1/stats", []string{"from", "to"}},
		{"/api/v1/households/99999999999999999999", nil},
	} {
		b.queries(q.path, q.params, func(u string) (int, string) { return b.api("staff", http.MethodGet, u, nil) })
	}
}

func (b *badInput) api(role, method, path string, body []byte) (int, string) {
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	if body != nil {
		ct := "application/json"
		if method == http.MethodPatch {
			ct = "application/merge-patch+json"
		}
		req.Header.Set("Content-Type", ct)
	}
	req.Header.Set("Authorization", "Bearer "+b.tokens[role])
	resp, err := b.app.Test(req, -1)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	return resp.StatusCode, buf.String()
}

// apiBodies sends the API's writes with one JSON value at a time replaced by each bad
// value (as a number when it is one, else as a string).
func (b *badInput) apiBodies() {
	hh, vac := strconv.FormatInt(b.ids["household"], 10), strconv.FormatInt(b.ids["vacancy"], 10)
	household := map[string]any{
		"contact_name": "Bad Input", "phone": "0157 1234567", "language": "ro", "benefit": "sgb2", "email": "bad@test.de",
		"nationality": "RO", "yearly_income_cents": 1200000, "registered_on": "2025-01-01", "caseworker_id": b.users.Caseworker.ID,
		"members":       []any{map[string]any{"birth_year": 1988, "sex": "f"}},
		"certificate":   map[string]any{"passed_on": "2026-02-13", "number": "IZW-1"},
		"accompaniment": map[string]any{"from": "2026-01-01", "companion_name": "Elena", "companion_email": "e@test.de"},
		"fachstelle":    map[string]any{"category": "A1", "urgency": 2, "homeless_since": "2025-01-01", "focus_group": "women", "health_notes": "x"},
		"wbs":           map[string]any{"valid_until": "2027-01-01", "persons": 2},
		"needs":         map[string]any{"preferred_boroughs": []any{"mitte"}},
		"consents":      []any{"data_processing", "share_with_landlord"},
	}
	vacancy := map[string]any{"street": "Elberfelder Straße 12", "postal_code": "58095", "district": "Mittelstadt", "floor": 1,
		"rooms_half": 4, "area_centi_m2": 5400, "net_cold_rent_cents": 32000, "service_charges_cents": 9500,
		"heating_costs_cents": 6500, "deposit_cents": 96000, "available_from": "2027-01-01", "places": 1, "max_occupants": 3,
		"restriction": "none", "accepts_certificate": true, "description": "Hell", "rent_confirmed": true}
	landlord := map[string]any{"organisation": map[string]any{"name": "Bad KG", "kind": "company", "email": "kg@test.de",
		"phone": "02331 1", "street": "Weg 1", "postal_code": "58095", "city": "Hagen"},
		"user": map[string]any{"name": "Bea Bad", "email": "bea@test.de", "phone": "02331 2"}, "contact_user_id": b.users.Staff.ID, "guarantee": true}
	for _, w := range []struct {
		role, method, path string
		body               map[string]any
	}{
		{"staff", http.MethodPost, "/api/v1/households", household},
		{"staff", http.MethodPatch, "/api/v1/households/" + hh, household},
		{"caseworker", http.MethodPost, "/api/v1/households", household},
		{"staff", http.MethodPost, "/api/v1/households/" + hh + "/pause", map[string]any{"reason": "Urlaub", "until": "2027-01-01"}},
		{"landlord", http.MethodPost, "/api/v1/vacancies", vacancy},
		{"landlord", http.MethodPatch, "/api/v1/vacancies/" + vac, vacancy},
		{"landlord", http.MethodPost, "/api/v1/vacancies/" + vac + "/slots", map[string]any{"starts_at": "2027-01-05T10:00:00Z", "ends_at": "2027-01-05T11:00:00Z", "place": "Tür", "capacity": 1}},
		{"staff", http.MethodPost, "/api/v1/landlords", landlord},
		{"staff", http.MethodPost, "/api/v1/matches", map[string]any{"vacancy_id": b.ids["vacancy"], "household_id": b.ids["household"], "slot_id": 1}},
	} {
		for _, leaf := range leaves("", w.body) {
			for _, bad := range badValues {
				body := withLeaf(b.t, w.body, leaf, bad)
				before := b.counts()
				status, resp := b.api(w.role, w.method, w.path, body)
				b.check(fmt.Sprintf("%s %s %s=%q", w.method, w.path, leaf, trim(bad)), status, before, resp)
			}
		}
	}
}

// leaves lists the paths of every scalar in v ("members.0.sex").
func leaves(prefix string, v any) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			out = append(out, leaves(join(prefix, k), e)...)
		}
	case []any:
		for i, e := range v {
			out = append(out, leaves(join(prefix, strconv.Itoa(i)), e)...)
		}
	default:
		out = append(out, prefix)
	}
	sort.Strings(out)
	return out
}

func join(prefix, k string) string {
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}

const badPlaceholder = "\x02BAD-VALUE\x03"

// withLeaf marshals v with the value at path replaced by bad: raw when bad is a JSON
// number, else a string whose bytes go in as they are (invalid UTF-8 included).
func withLeaf(t *testing.T, v any, path, bad string) []byte {
	t.Helper()
	copied := replace(v, strings.Split(path, "."), badPlaceholder)
	raw, err := json.Marshal(copied)
	if err != nil {
		t.Fatal(err)
	}
	var repl []byte
	if json.Valid([]byte(bad)) && bad != "" && (bad[0] == '-' || bad[0] >= '0' && bad[0] <= '9') && !strings.Contains(bad, "-01") && !strings.Contains(bad, ".") {
		repl = []byte(bad)
	} else {
		var sb bytes.Buffer
		sb.WriteByte('"')
		for i := 0; i < len(bad); i++ {
			switch c := bad[i]; {
			case c < 0x20 || c == '"' || c == '\\':
				fmt.Fprintf(&sb, `\u%04x`, c)
			default:
				sb.WriteByte(c)
			}
		}
		sb.WriteByte('"')
		repl = sb.Bytes()
	}
	marker, _ := json.Marshal(badPlaceholder)
	return bytes.Replace(raw, marker, repl, 1)
}

func replace(v any, path []string, with any) any {
	if len(path) == 0 {
		return with
	}
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = e
		}
		out[path[0]] = replace(v[path[0]], path[1:], with)
		return out
	case []any:
		out := append([]any(nil), v...)
		i, _ := strconv.Atoi(path[0])
		out[i] = replace(v[i], path[1:], with)
		return out
	}
	return with
}

// headers sends bad values in the headers the application stores: the Idempotency-Key of
// an API write and the User-Agent a session keeps (cut at 300 bytes, here inside an
// umlaut).
func (b *badInput) headers() {
	long := strings.Repeat("a", 299) + "ä"
	for _, bad := range append([]string{long}, badValues...) {
		if len(bad) > 1000 {
			continue
		}
		req := httptest.NewRequest(http.MethodPost, "/api/v1/households/"+strconv.FormatInt(b.ids["household"], 10)+"/pause",
			strings.NewReader(`{"reason": "Urlaub"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+b.tokens["staff"])
		req.Header.Set("Idempotency-Key", bad)
		before := b.counts()
		resp, err := b.app.Test(req, -1)
		if err != nil {
			b.t.Fatal(err)
		}
		_ = resp.Body.Close()
		b.check(fmt.Sprintf("Idempotency-Key %q", trim(bad)), resp.StatusCode, before, "")

		c := testutil.NewClient(b.t, b.app)
		c.Header.Set("User-Agent", bad)
		r := c.Login(b.users.Admin.Email, testutil.Password)
		b.check(fmt.Sprintf("login with User-Agent %q", trim(bad)), r.Status, nil, r.Body)
	}
}
