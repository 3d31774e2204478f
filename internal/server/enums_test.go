package server_test

import (
	"html"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// choices returns the values a form offers for a field: the options of its select (without
// the empty "please choose"), or the values of its radio buttons or checkboxes.
func choices(body, name string) []string {
	var out []string
	q := regexp.QuoteMeta(name)
	if sel := regexp.MustCompile(`(?s)<select id="` + q + `" name="` + q + `"[^>]*>(.*?)</select>`).FindStringSubmatch(body); sel != nil {
		for _, m := range regexp.MustCompile(`<option value="([^"]*)"`).FindAllStringSubmatch(sel[1], -1) {
			if m[1] != "" {
				out = append(out, html.UnescapeString(m[1]))
			}
		}
		return out
	}
	for _, m := range regexp.MustCompile(`<input type="(?:radio|checkbox)" id="[^"]*" name="`+q+`" value="([^"]*)"`).FindAllStringSubmatch(body, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

func labels(opts []domain.Option) []string {
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = o.Label
	}
	return out
}

// TestPortalFormsOfferExactlyTheTables renders the forms and filters that offer a domain
// enumeration and compares the choices, in order and with their German labels, with the
// table.
func TestPortalFormsOfferExactlyTheTables(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		staff := testutil.NewClient(t, app)
		staff.Login(users.Staff.Email, testutil.Password)
		landlord := testutil.NewClient(t, app)
		landlord.Login(users.Landlord.Email, testutil.Password)
		anonymous := testutil.NewClient(t, app)
		pages := map[string]*testutil.Response{}
		get := func(c *testutil.Client, path string) string {
			if pages[path] == nil {
				pages[path] = c.Get(path)
				if pages[path].Status != http.StatusOK {
					t.Fatalf("%s: status %d", path, pages[path].Status)
				}
			}
			return pages[path].Body
		}
		cases := []struct {
			page, field string
			c           *testutil.Client
			want        []domain.Option
		}{
			{"/haushalte/neu", "language", staff, domain.Languages.Options()},
			{"/haushalte/neu", "benefit", staff, domain.Benefits.Options()},
			{"/haushalte/neu", "consents", staff, domain.ConsentKinds.Options()},
			{"/haushalte/neu", "fachstelle.category", staff, domain.EmergencyCategories.Options()},
			{"/haushalte/neu", "fachstelle.urgency", staff, domain.Urgencies.Options()},
			{"/haushalte/neu", "fachstelle.focus_group", staff, domain.FocusGroups.Options()},
			{"/haushalte/neu", "needs.preferred_boroughs", staff, domain.Boroughs.Options()},
			{"/haushalte/neu", "members[0].sex", staff, domain.Sexes.Options()},
			{"/haushalte/neu", "needs.excluded_boroughs", staff, domain.Boroughs.Options()},
			{"/haushalte", "track", staff, domain.Tracks.Options()},
			{"/haushalte", "focus_group", staff, domain.FocusGroups.Options()},
			{"/haushalte", "urgency", staff, domain.Urgencies.Options()},
			{"/haushalte", "language", staff, domain.Languages.Options()},
			{"/haushalte", "borough", staff, domain.Boroughs.Options()},
			{"/vermieter/vereinbarung", "tracks", landlord, domain.TrackHouseholdOptions},
			{"/vermieter/angebote/neu", "tracks", landlord, domain.TrackHouseholdOptions},
			{"/vermieter/angebote/neu", "restriction", landlord, domain.Restrictions.Options()},
			{"/registrieren", "kind", anonymous, domain.LandlordKinds.Options()},
		}
		for _, tc := range cases {
			body := get(tc.c, tc.page)
			want := make([]string, len(tc.want))
			for i, o := range tc.want {
				want[i] = o.Value
			}
			if got := choices(body, tc.field); !slices.Equal(got, want) {
				t.Errorf("%s %s offers %v, want %v", tc.page, tc.field, got, want)
			}
			for _, l := range labels(tc.want) {
				if !strings.Contains(body, html.EscapeString(l)) {
					t.Errorf("%s %s: label %q missing", tc.page, tc.field, l)
				}
			}
		}
	})
}

// TestHouseholdPageAndStatisticsShowTheTablesLabels: a stored household shows the German
// labels of its values, and the statistics head their columns with the tables.
func TestHouseholdPageAndStatisticsShowTheTablesLabels(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Staff.Email, testutil.Password)
		cat, urg := domain.EmergencySheltered, domain.UrgencyMedium
		h := testutil.Household(t, st, func(h *domain.Household) {
			h.Language, h.Benefit = domain.LanguageUK, domain.BenefitWohngeld
			h.FachstelleCase, h.EmergencyCategory, h.Urgency, h.FocusGroup = true, &cat, &urg, domain.FocusMentalHealth
		})
		show := c.Get("/haushalte/" + itoa(h.ID))
		if show.Status != http.StatusOK {
			t.Fatalf("household page: status %d", show.Status)
		}
		for _, want := range []string{domain.LanguageUK.Label(), domain.BenefitWohngeld.Label(), cat.Label(),
			"Dringlichkeit 3", domain.FocusMentalHealth.Label()} {
			if !strings.Contains(show.Body, html.EscapeString(want)) {
				t.Errorf("household page lacks %q", want)
			}
		}
		stats := c.Get("/arbeitsbereich/statistik")
		if stats.Status != http.StatusOK {
			t.Fatalf("statistics: status %d", stats.Status)
		}
		for _, o := range append(domain.TrackShortOptions, domain.FocusGroups.Options()...) {
			if !strings.Contains(stats.Body, `<th scope="col" class="num">`+html.EscapeString(o.Label)+`</th>`) {
				t.Errorf("statistics lack the column %q", o.Label)
			}
		}
		csv := c.Get("/arbeitsbereich/statistik.csv?tabelle=wartende")
		head, _, _ := strings.Cut(csv.Body, "\n")
		if !strings.Contains(head, "Dringlichkeit 1") || !strings.Contains(head, "Dringlichkeit 4") || strings.Contains(head, "Dringlichkeit 5") {
			t.Errorf("waiting CSV head %q", head)
		}
	})
}
