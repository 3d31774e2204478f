package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"wohnbruecke/internal/demo"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/testutil"
)

// startTask is one queue of a start page as the browser sees it: the section's id and
// the link of its first item.
type startTask struct {
	ID   string `json:"id"`
	Href string `json:"href"`
	Text string `json:"text"`
}

const startTasksJS = `[...document.querySelectorAll("section.task-queue")].filter((s) => s.querySelector(".task-list a"))
  .map((s) => ({id: s.querySelector("h2").id, href: s.querySelector(".task-list a").getAttribute("href"),
                text: s.querySelector(".task-list a").textContent.trim()}))`

// TestBrowserJourneyStartPages: each role starts from its start page on the demo data and
// follows every task link to the page where the task is done; one task per role is done
// there and disappears from the start pages. Every page visited passes axe and reflows at
// 320 px without horizontal scrolling.
func TestBrowserJourneyStartPages(t *testing.T) {
	testutil.RequireBrowser(t)
	dialects := testutil.Dialects(t)
	st := testutil.Open(t, dialects[len(dialects)-1])
	ctx := context.Background()
	if _, err := demo.Load(ctx, st, demo.Options{}); err != nil {
		t.Fatal(err)
	}
	browser := testutil.Browse(t, st)

	// check is what every visited page must pass: status 200, axe, no sideways scrolling at
	// 320 px, a screenshot.
	check := func(t *testing.T, b *testutil.Browser, status int, shot string) {
		t.Helper()
		if status != http.StatusOK {
			t.Errorf("%s: status %d", b.Path(), status)
		}
		b.CheckA11y()
		b.SetViewport(320, 800, 1)
		b.CheckNoHorizontalScroll()
		b.SetViewport(1280, 900, 1)
		b.Screenshot(shot)
	}
	tasksOn := func(b *testutil.Browser) map[string]startTask {
		var list []startTask
		b.Eval(startTasksJS, &list)
		out := map[string]startTask{}
		for _, tk := range list {
			out[tk.ID] = tk
		}
		return out
	}
	// follow opens each queue's first task link from the start page and checks where it
	// leads.
	follow := func(t *testing.T, b *testutil.Browser, role string, want map[string]string) map[string]startTask {
		t.Helper()
		start := b.Path()
		found := tasksOn(b)
		for id, heading := range want {
			b.Visit(start)
			tk, ok := found[id]
			if !ok {
				t.Errorf("%s start page: no queue %q (has %v)", role, id, found)
				continue
			}
			status := b.Visit(tk.Href)
			if h := b.Text("h1"); !strings.Contains(h, heading) {
				t.Errorf("task %s → %s: heading %q, want %q", id, tk.Href, h, heading)
			}
			check(t, b, status, "start-"+role+"-"+id)
		}
		return found
	}
	login := func(t *testing.T, b *testutil.Browser, email, start string) {
		t.Helper()
		b.Login(email, demo.Password)
		if p := b.Path(); p != start {
			t.Fatalf("after login at %s, want %s", p, start)
		}
	}

	var printHref string
	t.Run("staff", func(t *testing.T) {
		b := browser.With(t)
		login(t, b, "akquise@wohnbruecke.demo", "/arbeitsbereich")
		check(t, b, http.StatusOK, "start-staff")
		found := follow(t, b, "staff", map[string]string{
			"anderer-termin": "Vorschläge", "absagen": "Rangliste", "einladungen": "Einladung",
			"ohne-ergebnis": "Vorschläge", "pruefung": "", "freischaltung": "Vermieter", "haengt": "Vorschläge",
		})
		printHref = found["einladungen"].Href
		// The board's card the answer task points to exists on the page it opens.
		b.Visit("/arbeitsbereich")
		b.Visit(found["anderer-termin"].Href)
		var onBoard bool
		b.Eval(`!!document.getElementById(location.hash.slice(1))`, &onBoard)
		if !onBoard {
			t.Errorf("%s: the proposal's card is not on the board", found["anderer-termin"].Href)
		}
		b.Visit("/arbeitsbereich")
		b.Click("Abmelden")
	})

	t.Run("caseworker", func(t *testing.T) {
		b := browser.With(t)
		login(t, b, "klartext@wohnbruecke.demo", "/begleitung")
		check(t, b, http.StatusOK, "start-caseworker")
		found := follow(t, b, "caseworker", map[string]string{
			"einladungen": "Einladung", "besichtigungen": "", "vorschlaege": "",
		})
		if found["einladungen"].Href != printHref {
			t.Errorf("caseworker's print task %q, staff's %q", found["einladungen"].Href, printHref)
		}
		// Hand the printed invitation over: the task closes on her page and on staff's.
		b.Visit(printHref)
		check(t, b, b.Click("Einladung übergeben"), "start-caseworker-uebergeben")
		if s := b.Text(".alert-success"); !strings.Contains(s, "Übergabe der Einladung ist vermerkt") {
			t.Errorf("after the handover: %q", s)
		}
		b.Visit("/begleitung")
		if _, still := tasksOn(b)["einladungen"]; still {
			t.Error("the handed-over invitation is still a task on the caseworker's start page")
		}
		b.Click("Abmelden")
		login(t, b, "akquise@wohnbruecke.demo", "/arbeitsbereich")
		if _, still := tasksOn(b)["einladungen"]; still {
			t.Error("the handed-over invitation is still a task on the staff start page")
		}
		b.Click("Abmelden")
	})

	t.Run("landlord", func(t *testing.T) {
		b := browser.With(t)
		login(t, b, "vermietung@stadtwohnen.demo", "/vermieter")
		check(t, b, http.StatusOK, "start-landlord")
		found := follow(t, b, "landlord", map[string]string{"entscheidung": "", "zurueckgegeben": "", "besichtigungen": ""})
		// Record the decision the first task asks for: it leaves the start page.
		b.Visit(found["entscheidung"].Href)
		b.Check("Zusage – ich möchte dem Haushalt die Wohnung vermieten")
		b.Click("Entscheidung speichern")
		b.Visit("/vermieter")
		if tk, still := tasksOn(b)["entscheidung"]; still && tk.Href == found["entscheidung"].Href {
			t.Error("the decided proposal is still a task on the landlord's start page")
		}
		b.Click("Abmelden")
	})

	// A landlord new to the portal sees the numbered steps, the agreement first.
	t.Run("new landlord", func(t *testing.T) {
		b := browser.With(t)
		l := &domain.Landlord{Name: "Neue Vermietung Haspe", Kind: domain.LandlordPrivate, Status: domain.LandlordActive}
		if err := st.CreateLandlord(ctx, l); err != nil {
			t.Fatal(err)
		}
		u := &domain.User{Email: "neu@haspe.demo", Name: "Nina Neu", Role: domain.RoleLandlord, LandlordID: &l.ID, Active: true}
		admin, err := st.UserByEmail(ctx, "vermietung@stadtwohnen.demo")
		if err != nil {
			t.Fatal(err)
		}
		u.PasswordHash = admin.PasswordHash // the demo password
		if err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		login(t, b, u.Email, "/vermieter")
		check(t, b, http.StatusOK, "start-landlord-neu")
		var steps []string
		b.Eval(`[...document.querySelectorAll("ol.steps li")].map((li) => li.textContent.trim())`, &steps)
		if len(steps) != 4 || !strings.Contains(steps[0], "als Nächstes") {
			t.Fatalf("steps %q", steps)
		}
		check(t, b, b.Click("Kooperationsvereinbarung „Wohnen“ unterschreiben"), "start-landlord-neu-vereinbarung")
		if p := b.Path(); p != "/vermieter/vereinbarung" {
			t.Errorf("the next step leads to %s", p)
		}
		b.Click("Abmelden")
	})
}
