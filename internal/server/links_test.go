package server_test

import (
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"wohnbruecke/internal/links"
	"wohnbruecke/internal/testutil"
)

// TestEveryLinkLeadsToAPortalPage calls every method of links.Links (a new link is
// checked without touching this test) and asserts that the portal has a GET route for the
// path it builds, so an email can never link to a page that was renamed.
func TestEveryLinkLeadsToAPortalPage(t *testing.T) {
	app := testutil.App(t, testutil.Open(t, "sqlite"))
	var routes []*regexp.Regexp
	for _, r := range app.GetRoutes(true) {
		if r.Method != "GET" {
			continue
		}
		pattern := regexp.QuoteMeta(strings.TrimSuffix(r.Path, "/"))
		pattern = regexp.MustCompile(`:[a-z_]+`).ReplaceAllString(pattern, `[^/]+`)
		routes = append(routes, regexp.MustCompile("^"+pattern+"/?$"))
	}
	const base = "https://wohnbruecke.hagen.test"
	l := reflect.ValueOf(links.New(base + "/"))
	checked := 0
	for i := 0; i < l.NumMethod(); i++ {
		m, name := l.Method(i), l.Type().Method(i).Name
		if name == "Base" {
			continue
		}
		var args []reflect.Value
		for j := 0; j < m.Type().NumIn(); j++ {
			switch m.Type().In(j).Kind() {
			case reflect.String:
				args = append(args, reflect.ValueOf("a-token_42"))
			case reflect.Int64:
				args = append(args, reflect.ValueOf(int64(17+j)))
			default:
				t.Fatalf("%s: argument of kind %s not covered by the test", name, m.Type().In(j).Kind())
			}
		}
		link := m.Call(args)[0].String()
		u, err := url.Parse(link)
		if err != nil || u.Scheme+"://"+u.Host != base {
			t.Errorf("%s: %q is not an absolute link under %s (%v)", name, link, base, err)
			continue
		}
		found := false
		for _, r := range routes {
			found = found || r.MatchString(u.Path)
		}
		if !found {
			t.Errorf("%s: no portal page answers GET %s", name, u.Path)
		}
		checked++
	}
	if checked < 10 {
		t.Fatalf("only %d links checked", checked)
	}
}
