package server_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/testutil"
)

// TestBrowserApplicantPages opens the applicant's link page in Chromium as a Romanian and
// an Arabic household would, confirms with the button, and opens the unknown-link page
// and the printable invitation as staff. Every page passes axe-core at WCAG 2.1 AA and is
// saved as a screenshot; the Romanian page reflows at 320 px.
func TestBrowserApplicantPages(t *testing.T) {
	testutil.RequireBrowser(t)
	dialects := testutil.Dialects(t)
	st := testutil.Open(t, dialects[len(dialects)-1])
	users := testutil.SeedUsers(t, st)
	companion := func(lang domain.Language) func(*domain.Household) {
		return func(h *domain.Household) {
			h.Language, h.CompanionName, h.CompanionPhone = lang, "Elena Ionescu", "0176 2222222"
			h.AccompanimentFrom = st.Today().AddDays(-30)
		}
	}
	roToken, ro := invited(t, st, users, companion("ro"))
	arToken, _ := invited(t, st, users, companion("ar"))
	browser := testutil.Browse(t, st)
	step := func(name string, fn func(t *testing.T, b *testutil.Browser)) {
		t.Run(name, func(t *testing.T) { fn(t, browser.With(t)) })
	}
	check := func(t *testing.T, b *testutil.Browser, shot string, status, want int, heading string) {
		t.Helper()
		if status != want {
			t.Errorf("%s: status %d, want %d", b.Path(), status, want)
		}
		if h := b.Text("h1"); !strings.Contains(h, heading) {
			t.Errorf("%s: heading %q, want %q", b.Path(), h, heading)
		}
		b.CheckA11y()
		b.Screenshot(shot)
	}

	step("ro page from the email link", func(t *testing.T, b *testutil.Browser) {
		check(t, b, "ro-link", b.Visit("/besichtigung/"+roToken+"?antwort=bestaetigen"), http.StatusOK, "Vizionarea locuinței")
		if sel := b.Text("li.selected button"); !strings.Contains(sel, "Da, vin.") || !strings.Contains(sel, "Ja, ich komme.") {
			t.Errorf("highlighted button %q", sel)
		}
		b.SetViewport(320, 800, 1)
		b.CheckNoHorizontalScroll()
		b.Screenshot("ro-link-320px")
		b.SetViewport(1280, 900, 1)
		if ans, _, _ := answerState(t, st, ro); ans != "" {
			t.Fatalf("opening the page recorded %q", ans)
		}
	})
	step("ro confirms with the button", func(t *testing.T, b *testutil.Browser) {
		check(t, b, "ro-confirmed", b.Click("antwort-bestaetigen"), http.StatusOK, "Vizionarea locuinței")
		if txt := b.Text("main [role=status]"); !strings.Contains(txt, "Ați confirmat") || !strings.Contains(txt, "Sie haben zugesagt") {
			t.Errorf("status after confirming: %q", txt)
		}
		if ans, vw, m := answerState(t, st, ro); ans != "confirm" || vw != "confirmed" || m != "viewing_confirmed" {
			t.Errorf("after the click: answer %q, viewing %s, match %s", ans, vw, m)
		}
	})
	step("ar page right to left", func(t *testing.T, b *testutil.Browser) {
		check(t, b, "ar-link", b.Visit("/besichtigung/"+arToken+"?antwort=anderer-termin"), http.StatusOK, "موعد معاينة الشقة")
		var dirs struct {
			Arabic string `json:"arabic"`
			German string `json:"german"`
		}
		b.Eval(`({arabic: getComputedStyle(document.querySelector('section[lang="ar"]')).direction,
			german: getComputedStyle(document.querySelector('section[lang="de"]')).direction})`, &dirs)
		if dirs.Arabic != "rtl" || dirs.German != "ltr" {
			t.Errorf("text direction: Arabic %q, German %q", dirs.Arabic, dirs.German)
		}
	})
	step("unknown link", func(t *testing.T, b *testutil.Browser) {
		check(t, b, "unknown-link", b.Visit("/besichtigung/gibt-es-nicht"), http.StatusNotFound, "Dieser Link ist ungültig")
	})
	step("printable invitation", func(t *testing.T, b *testutil.Browser) {
		b.Login(users.Staff.Email, testutil.Password)
		path := "/arbeitsbereich/vorschlaege/" + strconv.FormatInt(ro.Match.ID, 10) + "/einladung"
		check(t, b, "print", b.Visit(path), http.StatusOK, "Invitație la vizionarea unei locuințe")
	})
}
