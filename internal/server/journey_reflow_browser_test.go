package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"wohnbruecke/internal/demo"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

// reflowRoles are the demo logins whose pages the reflow journey visits, with the areas
// that are theirs (links elsewhere, e.g. to the information pages, are not followed).
var reflowRoles = []struct {
	name, email string
	areas       []string
}{
	{"staff", "akquise@wohnbruecke.demo", []string{"/arbeitsbereich", "/haushalte", "/mietverhaeltnisse", "/meldungen", "/nachsorge"}},
	{"landlord", "vermietung@stadtwohnen.demo", []string{"/vermieter"}},
	{"caseworker", "klartext@wohnbruecke.demo", []string{"/begleitung", "/haushalte", "/mietverhaeltnisse", "/meldungen", "/nachsorge"}},
	{"admin", "admin@wohnbruecke.demo", []string{"/verwaltung"}},
	{"quartier", "quartier@wohnbruecke.demo", []string{"/begleitung", "/kurse", "/zertifikat"}}, // Mietführerschein
}

// reflowMaxPages bounds the pages one role's crawl visits.
const reflowMaxPages = 40

var (
	numberSegment = regexp.MustCompile(`/[0-9]+`)
	// notPages are links that answer with something other than an HTML page.
	notPages = regexp.MustCompile(`\.(csv|ics|png|css|js|json)$`)
)

// TestBrowserReflowOnEveryPage visits, at 320 CSS pixels, every page a staff member, a
// landlord, a caseworker and an admin reach by links from their start page on the demo
// data (one page of each kind: /haushalte/12 stands for every household), with a few
// proposals approved so that proposals, viewings and messages have pages. Each page must
// not scroll sideways (WCAG 1.4.10) and must pass axe-core; each is saved as
// reflow-<role>-<page>.
func TestBrowserReflowOnEveryPage(t *testing.T) {
	testutil.RequireBrowser(t)
	dialects := testutil.Dialects(t)
	st := testutil.Open(t, dialects[len(dialects)-1])
	ctx := context.Background()
	if _, err := demo.Load(ctx, st, demo.Options{}); err != nil {
		t.Fatal(err)
	}
	matches := approveDemoProposals(t, st, 4)
	// The printed invitation is linked from the household page only for households
	// without email, which the crawl may not open; it is visited directly.
	extra := map[string][]string{"staff": {fmt.Sprintf("/arbeitsbereich/vorschlaege/%d/einladung", matches[0])}}
	// Mietführerschein: pages the crawl may miss (it opens one course of several).
	// The public verification page, a printed certificate and the course it is from.
	certs, err := st.ListCertificates(ctx)
	if err != nil || len(certs) == 0 {
		t.Fatalf("demo certificates: %v", err)
	}
	holder, err := st.CourseParticipantByID(ctx, certs[0].ParticipantID)
	if err != nil {
		t.Fatal(err)
	}
	extra["quartier"] = []string{"/zertifikat/" + certs[0].Number, fmt.Sprintf("/kurse/zertifikate/%d", certs[0].ID),
		fmt.Sprintf("/kurse/%d", holder.CourseID)}

	b := testutil.Browse(t, st)
	b.SetViewport(320, 800, 1)
	visited := 0
	for _, role := range reflowRoles {
		t.Run(role.name, func(t *testing.T) {
			b := b.With(t)
			b.Login(role.email, demo.Password)
			start := b.Path()
			seen := map[string]bool{numberSegment.ReplaceAllString(start, "/N"): true}
			for _, e := range extra[role.name] {
				seen[numberSegment.ReplaceAllString(e, "/N")] = true
			}
			queue := append([]string{start}, extra[role.name]...)
			n := 0
			for len(queue) > 0 && n < reflowMaxPages {
				path := queue[0]
				queue = queue[1:]
				status := b.Visit(path)
				if status != http.StatusOK {
					t.Errorf("%s: status %d", path, status)
					continue
				}
				n++
				b.CheckNoHorizontalScroll()
				b.CheckA11y()
				b.Screenshot("reflow-" + role.name + "-" + pageName(path))
				var links []string
				b.Eval(`[...document.querySelectorAll("main a[href]:not([download]), header nav a[href]")].map(a => a.getAttribute("href"))`, &links)
				for _, l := range links {
					u, err := url.Parse(l)
					if err != nil || u.IsAbs() || !strings.HasPrefix(u.Path, "/") || notPages.MatchString(u.Path) || !inAreas(u.Path, role.areas) {
						continue
					}
					kind := numberSegment.ReplaceAllString(u.Path, "/N")
					if seen[kind] {
						continue
					}
					seen[kind] = true
					queue = append(queue, u.RequestURI())
				}
			}
			if n < 3 {
				t.Errorf("reached only %d pages from %s", n, start)
			}
			t.Logf("%s: %d pages at 320 px", role.name, n)
			visited += n
			b.Click("Abmelden")
		})
	}
	t.Logf("%d pages at 320 px in all", visited)
}

func inAreas(path string, areas []string) bool {
	for _, a := range areas {
		if path == a || strings.HasPrefix(path, a+"/") {
			return true
		}
	}
	return false
}

// pageName turns a path into a screenshot name: /haushalte/12/bearbeiten → haushalte-N-bearbeiten.
func pageName(path string) string {
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	name := strings.Trim(strings.ReplaceAll(numberSegment.ReplaceAllString(path, "/N"), "/", "-"), "-")
	if name == "" {
		return "start"
	}
	return name
}

// approveDemoProposals approves the best candidate of the first n published vacancies of
// the demo's first landlord into a free slot, as a staff member would.
func approveDemoProposals(t *testing.T, st *store.Store, n int) []int64 {
	t.Helper()
	ctx := context.Background()
	staff, err := st.UserByEmail(ctx, "akquise@wohnbruecke.demo")
	if err != nil {
		t.Fatal(err)
	}
	vs, err := st.PublishedVacancies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rk := ranking.New(st)
	wf := workflow.New(st, rk, workflow.WithMail(testutil.Composer(t), "http://wohnbruecke.test"))
	var approved []int64
	for _, v := range vs {
		if len(approved) == n {
			break
		}
		full, err := st.VacancyByID(ctx, v.ID)
		if err != nil || len(full.Slots) == 0 {
			continue
		}
		r, err := rk.RankVacancy(ctx, v.ID, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range r.Result.Candidates {
			res, err := wf.Approve(ctx, domain.Actor{User: staff}, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID,
				HouseholdID: c.HouseholdID(r.Households), SlotID: full.Slots[0].ID})
			if err == nil {
				approved = append(approved, res.Match.ID)
				break
			}
		}
	}
	if len(approved) < n {
		t.Fatalf("approved %d demo proposals, want %d", len(approved), n)
	}
	return approved
}
