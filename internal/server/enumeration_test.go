package server_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/mail"
)

// registration is a complete, valid self-registration for an address.
func registration(email string) url.Values {
	return url.Values{"name": {"Familie Neu"}, "kind": {"private"}, "user_name": {"Nora Neu"}, "user_email": {email},
		"password": {"Drei Hasen tanzen Tango"}, "password_confirm": {"Drei Hasen tanzen Tango"}, "privacy": {"1"}}
}

// csrfValue is the per-browser token, the only part of two answers that may differ.
var csrfValue = regexp.MustCompile(`name="_csrf" value="[^"]+"`)

// /registrieren answers a taken address (a staff account, a landlord's) exactly like a new
// one; the owner of the address is told by email, and no second account appears.
func TestRegistrationDoesNotRevealTakenAddresses(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		outbox := outboxReader(t, st)
		answer := func(email string) (string, string) {
			c := testutil.NewClient(t, app)
			resp := c.Submit("/registrieren", "/registrieren", registration(email))
			next := c.Get(resp.Header.Get("Location"))
			return strconv.Itoa(resp.Status) + " " + resp.Header.Get("Location"), csrfValue.ReplaceAllString(next.Body, "")
		}
		wantStatus, wantPage := answer("neu@example.test")
		if wantStatus != "303 /login" || !strings.Contains(wantPage, "Vielen Dank für Ihre Registrierung") {
			t.Fatalf("new address: %s", wantStatus)
		}
		outbox() // the staff notice of the new registration
		before, err := st.CountUsers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, email := range []string{users.Staff.Email, strings.ToUpper(users.Landlord.Email), users.Admin.Email} {
			status, page := answer(email)
			if status != wantStatus || page != wantPage {
				t.Errorf("%s: answer %s differs from a new address's %s (or its page does)", email, status, wantStatus)
			}
			msgs := outbox()
			if len(msgs) != 1 || msgs[0].Kind != mail.KindAccountExists || msgs[0].ToAddress != strings.ToLower(email) ||
				!strings.Contains(msgs[0].BodyText, "/passwort-vergessen") {
				t.Errorf("%s: queued %d messages, want one notice to the address", email, len(msgs))
			}
		}
		if after, _ := st.CountUsers(ctx); after != before {
			t.Errorf("%d accounts created for taken addresses", after-before)
		}
		// A second try on the same day does not mail again.
		answer(users.Staff.Email)
		if msgs := outbox(); len(msgs) != 0 {
			t.Errorf("second try the same day queued %d messages", len(msgs))
		}
	})
}

// Reset and registration are limited per address and per client address; beyond the
// limit a German 429, no mail, and an hour later it works again.
func TestResetAndRegistrationAreThrottled(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2026, time.December, 1, 9, 0, 0, 0, domain.Berlin), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		users := testutil.SeedUsers(t, st)
		app := testutil.AppWith(t, st, behindProxy)
		outbox := outboxReader(t, st)
		from := func(ip string) *testutil.Client {
			c := testutil.NewClient(t, app)
			c.Header.Set("X-Forwarded-For", ip)
			return c
		}
		reset := func(c *testutil.Client, email string) int {
			return c.Submit("/passwort-vergessen", "/passwort-vergessen", url.Values{"email": {email}}).Status
		}
		refused := func(resp *testutil.Response, what string) {
			t.Helper()
			if resp.Status != http.StatusTooManyRequests || !strings.Contains(resp.Body, "Zu viele Anfragen") {
				t.Errorf("%s: status %d, want 429 with the German message", what, resp.Status)
			}
		}

		// Per address: 3 resets from 3 clients, the 4th is refused; 3 mails, not 4.
		for i := 1; i <= 3; i++ {
			if s := reset(from("198.51.100."+strconv.Itoa(i)), users.Landlord.Email); s != http.StatusOK {
				t.Fatalf("reset %d: status %d", i, s)
			}
		}
		refused(from("198.51.100.4").Submit("/passwort-vergessen", "/passwort-vergessen", url.Values{"email": {users.Landlord.Email}}), "4th reset for one address")
		if n := len(outbox()); n != 3 {
			t.Errorf("%d reset mails, want 3", n)
		}
		// Per client address: 10 resets for 10 addresses, the 11th is refused.
		one := from("203.0.113.9")
		for i := 0; i < 10; i++ {
			if s := reset(one, "niemand-"+strconv.Itoa(i)+"@example.test"); s != http.StatusOK {
				t.Fatalf("reset %d from one address: status %d", i+1, s)
			}
		}
		refused(one.Submit("/passwort-vergessen", "/passwort-vergessen", url.Values{"email": {users.Staff.Email}}), "11th reset from one address")

		// Registration: 5 per client address, 3 per email address.
		reg := from("203.0.113.20")
		for i := 0; i < 5; i++ {
			if s := reg.Submit("/registrieren", "/registrieren", registration("reg-"+strconv.Itoa(i)+"@example.test")).Status; s != http.StatusSeeOther {
				t.Fatalf("registration %d: status %d", i+1, s)
			}
		}
		refused(reg.Submit("/registrieren", "/registrieren", registration("reg-9@example.test")), "6th registration from one address")
		for i := 1; i <= 3; i++ {
			from("192.0.2."+strconv.Itoa(i)).Submit("/registrieren", "/registrieren", registration(users.Staff.Email))
		}
		refused(from("192.0.2.4").Submit("/registrieren", "/registrieren", registration(users.Staff.Email)), "4th registration for one email")

		// An hour later the limits are free again.
		clk.Advance(61 * time.Minute)
		if s := reset(from("198.51.100.4"), users.Landlord.Email); s != http.StatusOK {
			t.Errorf("reset an hour later: status %d", s)
		}
		if s := reg.Submit("/registrieren", "/registrieren", registration("reg-9@example.test")).Status; s != http.StatusSeeOther {
			t.Errorf("registration an hour later: status %d", s)
		}
	})
}

// The reset answer takes the same time for an existing and an unknown account: both wait
// for the same floor, far above the work either does.
func TestResetTimingDoesNotRevealAccounts(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		app := testutil.AppWith(t, st, behindProxy)
		times := map[string][]time.Duration{}
		for i := 0; i < 3; i++ {
			for kind, email := range map[string]string{"existing": users.Caseworker.Email, "unknown": "niemand-" + strconv.Itoa(i) + "@example.test"} {
				c := testutil.NewClient(t, app)
				c.Header.Set("X-Forwarded-For", "198.51.100."+strconv.Itoa(10+i))
				token := testutil.CSRFFrom(t, c.Get("/passwort-vergessen").Body)
				elapsed := clock.Stopwatch()
				resp := c.PostForm("/passwort-vergessen", url.Values{"email": {email}, "_csrf": {token}})
				d := elapsed()
				if resp.Status != http.StatusOK {
					t.Fatalf("%s: status %d", kind, resp.Status)
				}
				times[kind] = append(times[kind], d)
			}
		}
		for kind, ds := range times {
			slices.Sort(ds)
			t.Logf("%s account: reset answers in %v (median %v)", kind, ds, ds[len(ds)/2])
			if ds[0] < 250*time.Millisecond {
				t.Errorf("%s account: answered in %v, before the common floor of 250ms", kind, ds[0])
			}
		}
	})
}
