package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

var newTokenValue = regexp.MustCompile(`id="new-token" type="text" readonly value="(wb_[A-Za-z0-9_-]+)"`)

func bearerStatus(t *testing.T, app *fiber.App, token string) int {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	return resp.StatusCode
}

func TestAdminCreatesShowsOnceAndRevokesAPITokens(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		admin := testutil.NewClient(t, app)
		admin.Login(users.Admin.Email, testutil.Password)

		bad := admin.Submit("/verwaltung/tokens", "/verwaltung/tokens", url.Values{"name": {"Falsch"}, "role": {"landlord"},
			"user_id": {itoa(users.Staff.ID)}})
		if bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, "nicht die gewählte Rolle") {
			t.Fatalf("role mismatch: %d", bad.Status)
		}

		r := admin.Submit("/verwaltung/tokens", "/verwaltung/tokens", url.Values{"name": {"Wohnungsgesellschaft – Schnittstelle"},
			"role": {"landlord"}, "user_id": {itoa(users.Landlord.ID)}, "expires_on": {st.Today().AddDays(30).String()}})
		m := newTokenValue.FindStringSubmatch(r.Body)
		if r.Status != http.StatusOK || m == nil || r.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("created token not shown: %d\n%s", r.Status, r.Body)
		}
		token := m[1]
		var stored string
		db, _ := st.SQLDB()
		if err := db.QueryRowContext(ctx, "SELECT token_hash FROM api_tokens").Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if stored != auth.HashToken(token) || strings.Contains(stored, token) {
			t.Fatal("the database must hold only the SHA-256 of the token")
		}
		if page := admin.Get("/verwaltung/tokens"); strings.Contains(page.Body, token) || !strings.Contains(page.Body, "Wohnungsgesellschaft") {
			t.Fatal("the token list must name the token but never show its value again")
		}
		if s := bearerStatus(t, app, token); s != http.StatusOK {
			t.Fatalf("new token: %d", s)
		}

		staff := testutil.NewClient(t, app)
		staff.Login(users.Staff.Email, testutil.Password)
		if s := staff.Get("/verwaltung/tokens").Status; s != http.StatusForbidden {
			t.Errorf("staff on token page: %d", s)
		}

		var id string
		if err := db.QueryRowContext(ctx, "SELECT CAST(id AS TEXT) FROM api_tokens").Scan(&id); err != nil {
			t.Fatal(err)
		}
		rv := admin.Submit("/verwaltung/tokens", "/verwaltung/tokens/"+id+"/widerrufen", nil)
		if rv.Status != http.StatusSeeOther {
			t.Fatalf("revoke: %d", rv.Status)
		}
		if s := bearerStatus(t, app, token); s != http.StatusUnauthorized {
			t.Fatalf("revoked token: %d", s)
		}
	})
}

// A token works until the end of its last day in Hagen, and not a minute longer: here the
// last day is 28 February of a year without a 29th, in winter time (UTC+1).
func TestExpiredTokenIsRefused(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2027, time.February, 27, 10, 0, 0, 0, domain.Berlin), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		admin := testutil.NewClient(t, app)
		admin.Login(users.Admin.Email, testutil.Password)
		r := admin.Submit("/verwaltung/tokens", "/verwaltung/tokens", url.Values{"name": {"Kurz"}, "role": {"staff"},
			"user_id": {itoa(users.Staff.ID)}, "expires_on": {"28.02.2027"}})
		token := newTokenValue.FindStringSubmatch(r.Body)[1]
		clk.Set(time.Date(2027, time.February, 28, 23, 59, 0, 0, domain.Berlin))
		if s := bearerStatus(t, app, token); s != http.StatusOK {
			t.Fatalf("token on its last day: %d", s)
		}
		clk.Set(time.Date(2027, time.March, 1, 0, 0, 30, 0, domain.Berlin))
		if s := bearerStatus(t, app, token); s != http.StatusUnauthorized {
			t.Fatalf("expired token: %d", s)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
