package server_test

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"wohnbruecke/internal/testutil"
)

// TestStatisticsCSVHonoursThePeriod: the page says which period it shows, and every CSV
// link on it downloads that period, not the default one.
func TestStatisticsCSVHonoursThePeriod(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	users := testutil.SeedUsers(t, st)
	c := testutil.NewClient(t, testutil.App(t, st))
	c.Login(users.Staff.Email, testutil.Password)

	page := c.Get("/arbeitsbereich/statistik?von=01.03.2026&bis=31.05.2026")
	if page.Status != http.StatusOK {
		t.Fatalf("statistics: status %d", page.Status)
	}
	if !strings.Contains(page.Body, "Zeitraum: 01.03.2026 bis 31.05.2026") {
		t.Error("the page does not say which period it shows")
	}
	def := c.Get("/arbeitsbereich/statistik").Body
	today := st.Today()
	if want := "Zeitraum: " + today.AddMonths(-11).String() + " bis " + today.String(); !strings.Contains(def, want) {
		t.Errorf("the default page does not say %q", want)
	}

	links := regexp.MustCompile(`href="(/arbeitsbereich/statistik\.csv\?[^"]+)"`).FindAllStringSubmatch(page.Body, -1)
	if len(links) != 4 {
		t.Fatalf("%d CSV links, want 4", len(links))
	}
	for _, l := range links {
		href := html.UnescapeString(l[1])
		r := c.Get(href)
		if r.Status != http.StatusOK {
			t.Errorf("%s: status %d", href, r.Status)
			continue
		}
		if cd := r.Header.Get("Content-Disposition"); !strings.Contains(cd, "-2026-03-01-2026-05-31.csv") {
			t.Errorf("%s: downloads %q, not the chosen period", href, cd)
		}
		if strings.Contains(href, "tabelle=vermittlungen") {
			lines := strings.Split(strings.TrimSpace(r.Body), "\n")
			var months []string
			for _, line := range lines[1:] {
				months = append(months, strings.SplitN(line, ";", 2)[0])
			}
			if got := strings.Join(months, ","); got != "März 2026,April 2026,Mai 2026" {
				t.Errorf("placements CSV has the months %s, want March to May 2026", got)
			}
		}
	}
}
