package server_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// fiber's in-process test connection comes from 0.0.0.0; trusting it makes the app read
// X-Forwarded-For like behind a reverse proxy.
var behindProxy = map[string]string{"TRUSTED_PROXIES": "0.0.0.0/32"}

// loginRequest is a login POST with the browser's CSRF cookie and token, from a client
// address given by X-Forwarded-For (empty: none).
func loginRequest(cookie, token, forwardedFor, email, password string) *http.Request {
	form := url.Values{"email": {email}, "password": {password}, "_csrf": {token}}
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", cookie)
	if forwardedFor != "" {
		req.Header.Set("X-Forwarded-For", forwardedFor)
	}
	return req
}

// csrfPair reads the login form once and returns the cookie header and form token.
func csrfPair(t *testing.T, app *fiber.App) (cookie, token string) {
	t.Helper()
	c := testutil.NewClient(t, app)
	token = testutil.CSRFFrom(t, c.Get("/login").Body)
	for _, name := range []string{"wb_csrf", "__Host-wb_csrf"} {
		if v := c.Cookie(name); v != "" {
			cookie = name + "=" + v
		}
	}
	return cookie, token
}

// memoryKiB reads a line such as VmHWM or VmRSS of /proc/self/status; 0 where there is none.
func memoryKiB(t *testing.T, field string) int64 {
	t.Helper()
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// TestLoginFloodIsRefusedBeyondTheLimits sends 200 logins at once: 100 at one account from
// 100 addresses (99 wrong, 1 right), 100 at 100 unknown accounts from one address. Only
// the throttle's 5 per account and 20 per address may reach the password check (401 or a
// login); every other attempt is refused (429, or 503 when all hashing slots are busy),
// and the process's peak memory stays near the hashing slots' share, not 200 × 19 MiB.
func TestLoginFloodIsRefusedBeyondTheLimits(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		app := testutil.AppWith(t, st, behindProxy)
		cookie, token := csrfPair(t, app)
		type result struct {
			group  string
			status int
		}
		results := make(chan result, 200)
		var reqs []struct {
			group string
			req   *http.Request
		}
		for i := 0; i < 100; i++ {
			password := "falsch-" + strconv.Itoa(i)
			if i == 50 {
				password = testutil.Password
			}
			reqs = append(reqs, struct {
				group string
				req   *http.Request
			}{"account", loginRequest(cookie, token, fmt.Sprintf("10.1.%d.%d", i/250, i%250+1), users.Staff.Email, password)})
			reqs = append(reqs, struct {
				group string
				req   *http.Request
			}{"address", loginRequest(cookie, token, "10.2.0.1", fmt.Sprintf("flut-%d@test.de", i), "falsch-falsch")})
		}
		rssBefore := memoryKiB(t, "VmRSS")
		resetPeak := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
		start := make(chan struct{})
		var wg sync.WaitGroup
		for _, r := range reqs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				resp, err := app.Test(r.req, -1)
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
				results <- result{r.group, resp.StatusCode}
			}()
		}
		close(start)
		wg.Wait()
		close(results)
		counts := map[string]map[int]int{"account": {}, "address": {}}
		for r := range results {
			counts[r.group][r.status]++
		}
		t.Logf("statuses: account %v, address %v", counts["account"], counts["address"])
		limits := map[string]int{"account": 5, "address": 20}
		for group, byStatus := range counts {
			checked := byStatus[http.StatusUnauthorized] + byStatus[http.StatusSeeOther]
			refused := byStatus[http.StatusTooManyRequests] + byStatus[http.StatusServiceUnavailable]
			// A successful login starts the account's count afresh (the person who knows
			// the password is not locked out by earlier typos), so when the one right
			// password is checked while the flood runs, up to the limit of wrong ones may
			// follow it: at most limit × (1 + logins) wrong passwords are checked.
			if wrong := byStatus[http.StatusUnauthorized]; wrong > limits[group]*(1+byStatus[http.StatusSeeOther]) {
				t.Errorf("%s: %d wrong passwords reached the check with %d logins, limit %d per login", group, wrong, byStatus[http.StatusSeeOther], limits[group])
			}
			if checked == 0 {
				t.Errorf("%s: no attempt reached the password check", group)
			}
			if checked+refused != 100 {
				t.Errorf("%s: unexpected statuses %v", group, byStatus)
			}
		}
		if resetPeak {
			peak := memoryKiB(t, "VmHWM")
			t.Logf("RSS before the flood %d MiB, peak during it %d MiB", rssBefore/1024, peak/1024)
			if grow := (peak - rssBefore) / 1024; grow > 256 {
				t.Errorf("peak memory grew by %d MiB during the flood; hashing is not bounded", grow)
			}
		}
	})
}
