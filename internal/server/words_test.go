package server_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"wohnbruecke/internal/demo"
	"wohnbruecke/internal/testutil"
)

var (
	mainPart = regexp.MustCompile(`(?s)<main[^>]*>(.*)</main>`)
	// hiddenParts are elements whose text nobody reads on the page.
	hiddenParts = regexp.MustCompile(`(?s)<(script|style|template)[^>]*>.*?</(script|style|template)>`)
	wordsTags   = regexp.MustCompile(`<[^>]*>`)
	hrefs       = regexp.MustCompile(`<a [^>]*href="([^"]+)"`)
	// englishDecimal is a number with a decimal point, e.g. "82.6", but not a German
	// thousands separator ("1.234") nor a date ("01.12.2026", "01.12.").
	englishDecimal = regexp.MustCompile(`(?:^|[^\d.])(\d+\.\d{1,2})(?:[^\d.]|$)`)
	// internalCode is a snake_case word such as "kdu_exceeded" or a dotted action such
	// as "household.open".
	internalCode = regexp.MustCompile(`\b[a-z]+(?:_[a-z]+)+\b|\b(?:household|match|vacancy|viewing|landlord|user)\.[a-z_]+\b|` +
		`\b(?:active|paused|housed|closed|draft|submitted|published|let|withdrawn|proposed|approved|scheduled|confirmed|cancelled|held|queued|sending|sent|failed|staff|caseworker|admin|landlord|invited|blocked|company|cooperative|private|none|women|senior|other)\b`)
	isoDate = regexp.MustCompile(`\b20\d\d-[01]\d(?:-[0-3]\d)?\b`)
	// notGlossary are words docs/glossary.md replaced by one term for the same thing.
	notGlossary = regexp.MustCompile(`Obergeschoss|Souterrain|Einschränkung|passender Zugang|stufenlosen Zugang|Jahresquote`)
	// citations are section numbers of regulations, which are written with points; email
	// addresses are what they are.
	citations = regexp.MustCompile(`WNB NRW \d+\.\d+|[^\s@]+@[^\s@]+`)
)

// visibleText is the text of a page's main part as a person reads it: no tags, no
// attribute values, entities decoded.
func visibleText(body string) string {
	m := mainPart.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	text := html.UnescapeString(wordsTags.ReplaceAllString(hiddenParts.ReplaceAllString(m[1], " "), " "))
	return citations.ReplaceAllString(text, "")
}

// TestPagesSpeakGermanWithGermanNumbers crawls, as every role on the demo data with a few
// approved proposals, every page reachable by links from the start page (one of each
// kind) and fails on text a person would read that shows an English decimal ("82.6"), an
// ISO date or month ("2026-03"), an internal code ("kdu_exceeded", "household.open") or a
// word docs/glossary.md replaced ("2. Obergeschoss" for "2. Etage").
func TestPagesSpeakGermanWithGermanNumbers(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	if _, err := demo.Load(context.Background(), st, demo.Options{}); err != nil {
		t.Fatal(err)
	}
	approveDemoProposals(t, st, 4)
	app := testutil.App(t, st)
	starts := map[string]string{"staff": "/arbeitsbereich", "landlord": "/vermieter", "caseworker": "/begleitung", "admin": "/verwaltung", "quartier": "/begleitung"}
	total := 0
	for _, role := range reflowRoles {
		t.Run(role.name, func(t *testing.T) {
			c := testutil.NewClient(t, app)
			c.Login(role.email, demo.Password)
			seen := map[string]bool{starts[role.name]: true}
			queue := []string{starts[role.name]}
			for len(queue) > 0 {
				path := queue[0]
				queue = queue[1:]
				r := c.Get(path)
				if r.Status != http.StatusOK {
					t.Errorf("%s: status %d", path, r.Status)
					continue
				}
				total++
				text := visibleText(r.Body)
				for _, check := range []struct {
					what string
					re   *regexp.Regexp
				}{{"an English decimal", englishDecimal}, {"an ISO date", isoDate}, {"an internal code", internalCode}, {"a word the glossary replaced", notGlossary}} {
					for _, m := range check.re.FindAllStringSubmatch(text, 5) {
						t.Errorf("%s shows %s: %q", path, check.what, m[len(m)-1])
					}
				}
				for _, h := range hrefs.FindAllStringSubmatch(r.Body, -1) {
					u, err := url.Parse(html.UnescapeString(h[1]))
					if err != nil || u.IsAbs() || !strings.HasPrefix(u.Path, "/") || notPages.MatchString(u.Path) || !inAreas(u.Path, role.areas) {
						continue
					}
					kind := numberSegment.ReplaceAllString(u.Path, "/N")
					if !seen[kind] {
						seen[kind] = true
						queue = append(queue, u.RequestURI())
					}
				}
			}
		})
	}
	if total < 25 {
		t.Errorf("checked only %d pages", total)
	}
	t.Logf("%d pages checked", total)
}
