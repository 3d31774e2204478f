package server_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/config"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/web"
)

// Behind a trusted reverse proxy every client has its own address: 20 failed logins from
// 20 clients lock out none of the others. From an untrusted peer X-Forwarded-For is
// ignored, so forging it does not escape the per-address limit.
func TestTrustedProxyKeepsClientsApart(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		for _, tc := range []struct {
			name string
			env  map[string]string
			want int // the 21st login, right password, from another client
		}{
			{"trusted proxy", behindProxy, http.StatusSeeOther},
			{"untrusted peer", nil, http.StatusTooManyRequests},
		} {
			t.Run(tc.name, func(t *testing.T) {
				app := testutil.AppWith(t, st, tc.env)
				cookie, token := csrfPair(t, app)
				send := func(req *http.Request) int {
					resp, err := app.Test(req, -1)
					if err != nil {
						t.Fatal(err)
					}
					resp.Body.Close()
					return resp.StatusCode
				}
				for i := 0; i < 20; i++ {
					req := loginRequest(cookie, token, fmt.Sprintf("203.0.113.%d", i+1), fmt.Sprintf("%s-%d@test.de", tc.name[:3], i), "falsch-falsch")
					if s := send(req); s != http.StatusUnauthorized {
						t.Fatalf("failed login %d: status %d, want 401", i+1, s)
					}
				}
				if s := send(loginRequest(cookie, token, "198.51.100.7", users.Staff.Email, testutil.Password)); s != tc.want {
					t.Fatalf("login of another client: status %d, want %d", s, tc.want)
				}
			})
		}
	})
}

func TestClientAddressBelievesOnlyTrustedProxies(t *testing.T) {
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"TRUSTED_PROXIES": "0.0.0.0/32, 10.0.0.0/8"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		trusted bool
		xff     []string
		want    string
	}{
		{true, nil, "0.0.0.0"},
		{true, []string{"198.51.100.7"}, "198.51.100.7"},
		{true, []string{"198.51.100.7, 10.0.0.2"}, "198.51.100.7"},            // two proxies of ours
		{true, []string{"6.6.6.6, 198.51.100.7"}, "198.51.100.7"},             // the client's own entry is not believed
		{true, []string{"6.6.6.6", "198.51.100.7, 10.1.2.3"}, "198.51.100.7"}, // several header lines
		{true, []string{"kaputt, 10.0.0.2"}, "10.0.0.2"},                      // unreadable: stop at our proxy
		{true, []string{"::ffff:198.51.100.7"}, "198.51.100.7"},               // IPv4 in IPv6
		{true, []string{"2001:db8::1"}, "2001:db8::1"},
		{false, []string{"198.51.100.7"}, "0.0.0.0"},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprint(tc.trusted, tc.xff), func(t *testing.T) {
			trusted := cfg.TrustedProxies
			if !tc.trusted {
				trusted = nil
			}
			app := fiber.New()
			app.Use(web.ClientAddress(trusted))
			app.Get("/", func(c *fiber.Ctx) error { return c.SendString(web.ClientIP(c)) })
			req, _ := http.NewRequest(http.MethodGet, "/", nil)
			for _, h := range tc.xff {
				req.Header.Add("X-Forwarded-For", h)
			}
			resp, err := app.Test(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body [64]byte
			n, _ := resp.Body.Read(body[:])
			if got := string(body[:n]); got != tc.want {
				t.Fatalf("client %q, want %q", got, tc.want)
			}
		})
	}
}
