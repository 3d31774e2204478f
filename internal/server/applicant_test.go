package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

// invited approves a fresh household (changed by change) for a fresh vacancy and returns
// the raw link token the invitation email carries, with the approval.
func invited(t *testing.T, st *store.Store, users testutil.Users, change func(*domain.Household)) (string, *workflow.Approved) {
	t.Helper()
	v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
	h := testutil.Household(t, st, change)
	a, err := workflow.New(st, ranking.New(st)).Approve(context.Background(), workflow.Actor{User: users.Staff},
		workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	return a.ApplicantToken, a
}

// answerState returns the recorded answer ("" for none), the viewing's and the match's state.
func answerState(t *testing.T, st *store.Store, a *workflow.Approved) (answer, viewing, match string) {
	t.Helper()
	ctx := context.Background()
	tok, err := st.ApplicantTokenByHash(ctx, auth.HashToken(a.ApplicantToken))
	if err != nil {
		t.Fatal(err)
	}
	vw, err := st.ViewingByID(ctx, a.Viewing.ID)
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.MatchByID(ctx, a.Match.ID)
	if err != nil {
		t.Fatal(err)
	}
	if tok.Answer != nil {
		answer = *tok.Answer
	}
	return answer, string(vw.State), string(m.State)
}

// poster posts forms with the client's CSRF token, taken from the login page, for pages
// that no longer show a form (an answered or expired invitation).
func poster(t *testing.T, c *testutil.Client) func(path string, form url.Values) *testutil.Response {
	csrf := testutil.CSRFFrom(t, c.Get("/login").Body)
	return func(path string, form url.Values) *testutil.Response {
		t.Helper()
		form.Set("_csrf", csrf)
		return c.PostForm(path, form)
	}
}

func mustContain(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func mustNotContain(t *testing.T, what, body string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(body, b) {
			t.Errorf("%s contains %q", what, b)
		}
	}
}

func TestApplicantConfirmsOnlyWithAClick(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		token, a := invited(t, st, users, nil)
		app := testutil.App(t, st)
		c := testutil.NewClient(t, app)
		page := "/besichtigung/" + token

		// Opening the link from the email (as a mail scanner does, twice) changes nothing.
		for range 2 {
			r := c.Get(page + "?antwort=bestaetigen")
			if r.Status != http.StatusOK {
				t.Fatalf("GET: status %d", r.Status)
			}
			if cc := r.Header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("Cache-Control %q", cc)
			}
			mustContain(t, "the page", r.Body, `lang="ro"`, `lang="de"`, "Vizionarea locuinței", "Ihre Wohnungsbesichtigung",
				"Da, vin.", "Ja, ich komme.", "Nu, nu vin.", "Am nevoie de o altă programare.", "Elberfelder Straße 12, 58095 Hagen",
				"Hauseingang", "Testvermietung GmbH", "Integrationszertifikat Wohnen", "Ana Popa",
				`<li class="selected">`, `aria-describedby="aus-der-mail"`, "Diese Antwort haben Sie in der E-Mail gewählt.",
				`name="_csrf"`, `method="post" action="/besichtigung/`+token+`"`)
		}
		if ans, vw, m := answerState(t, st, a); ans != "" || vw != "scheduled" || m != "viewing_scheduled" {
			t.Fatalf("after GET: answer %q, viewing %s, match %s; want nothing recorded", ans, vw, m)
		}

		// Without the CSRF token the form does nothing.
		if r := testutil.NewClient(t, app).PostForm(page, url.Values{"antwort": {"bestaetigen"}}); r.Status != http.StatusForbidden {
			t.Errorf("POST without CSRF token: status %d", r.Status)
		}

		// The confirming click records the answer; the page then shows it.
		r := c.Submit(page+"?antwort=bestaetigen", page, url.Values{"antwort": {"bestaetigen"}})
		if r.Status != http.StatusSeeOther || r.Header.Get("Location") != page+"?gespeichert=1" {
			t.Fatalf("POST: status %d location %q", r.Status, r.Header.Get("Location"))
		}
		if ans, vw, m := answerState(t, st, a); ans != "confirm" || vw != "confirmed" || m != "viewing_confirmed" {
			t.Fatalf("after POST: answer %q, viewing %s, match %s", ans, vw, m)
		}
		done := c.Get(page + "?gespeichert=1")
		if done.Status != http.StatusOK {
			t.Fatalf("page after answer: status %d", done.Status)
		}
		mustContain(t, "the page after the answer", done.Body, "Mulțumim! Răspunsul dumneavoastră a fost salvat.",
			"Danke! Ihre Antwort ist gespeichert.", "Ați confirmat: veniți la vizionare.", "Sie haben zugesagt",
			"Gespeichert am", "Die Antwort kann hier nicht mehr geändert werden.")
		mustNotContain(t, "the page after the answer", done.Body, `name="antwort"`)

		// A second click shows the recorded answer, not an error page.
		post := poster(t, c)
		again := post(page, url.Values{"antwort": {"bestaetigen"}})
		if again.Status != http.StatusOK {
			t.Fatalf("second confirmation: status %d", again.Status)
		}
		mustContain(t, "the second confirmation", again.Body, "Sie haben schon geantwortet.", "Ați răspuns deja.", "Sie haben zugesagt")

		// Declining after confirming is refused; the page shows the confirmation.
		decline := post(page, url.Values{"antwort": {"absagen"}})
		if decline.Status != http.StatusConflict {
			t.Fatalf("decline after confirm: status %d", decline.Status)
		}
		mustContain(t, "the refused decline", decline.Body, "Sie haben schon geantwortet.", "Sie haben zugesagt", "Ihre Wohnungsbesichtigung")
		mustNotContain(t, "the refused decline", decline.Body, "Sie haben abgesagt", "Technischer Fehler")
		if ans, vw, m := answerState(t, st, a); ans != "confirm" || vw != "confirmed" || m != "viewing_confirmed" {
			t.Errorf("after the refused decline: answer %q, viewing %s, match %s", ans, vw, m)
		}

		// An answer that is not one of the three is a bad request.
		if r := post(page, url.Values{"antwort": {"vielleicht"}}); r.Status != http.StatusBadRequest {
			t.Errorf("unknown answer: status %d", r.Status)
		}
	})
}

func TestApplicantAsksForAnotherDateThenDeclines(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		token, a := invited(t, st, users, func(h *domain.Household) { h.Language = "en" })
		c := testutil.NewClient(t, testutil.App(t, st))
		page := "/besichtigung/" + token
		if r := c.Submit(page+"?antwort=anderer-termin", page, url.Values{"antwort": {"anderer-termin"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("reschedule: status %d", r.Status)
		}
		if ans, vw, m := answerState(t, st, a); ans != "reschedule" || vw != "scheduled" || m != "viewing_scheduled" {
			t.Fatalf("after reschedule: answer %q, viewing %s, match %s", ans, vw, m)
		}
		body := c.Get(page).Body
		mustContain(t, "the page after asking for another date", body, "You would like a different date.",
			"Sie möchten einen anderen Termin.", "You can still say yes or no to this date.", `value="bestaetigen"`, `value="absagen"`)
		mustNotContain(t, "the page after asking for another date", body, `value="anderer-termin"`)
		if r := c.Submit(page, page, url.Values{"antwort": {"absagen"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("decline: status %d", r.Status)
		}
		if ans, vw, m := answerState(t, st, a); ans != "decline" || vw != "cancelled" || m != "declined_by_applicant" {
			t.Fatalf("after decline: answer %q, viewing %s, match %s", ans, vw, m)
		}
		body = c.Get(page).Body
		mustContain(t, "the page after declining", body, "You said no", "Sie haben abgesagt")
		mustNotContain(t, "the page after declining", body, "This viewing will not take place.", `name="antwort"`)
	})
}

func TestApplicantLinkUnknownOrExpired(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		_, a := invited(t, st, users, func(h *domain.Household) { h.Language = "bg" })
		expired := "abgelaufener-link-0123456789abcdefghijklmnop"
		if err := st.CreateApplicantToken(ctx, &domain.ApplicantToken{ViewingID: a.Viewing.ID, TokenHash: auth.HashToken(expired),
			ExpiresAt: st.Now().Add(-time.Hour)}); err != nil {
			t.Fatal(err)
		}
		c := testutil.NewClient(t, testutil.App(t, st))

		unknown := c.Get("/besichtigung/gibt-es-nicht")
		if unknown.Status != http.StatusNotFound {
			t.Errorf("unknown link: status %d, want 404", unknown.Status)
		}
		mustContain(t, "the unknown-link page", unknown.Body, "Dieser Link ist ungültig", `href="tel:02331%20207-0"`, `<html lang="de">`)
		mustNotContain(t, "the unknown-link page", unknown.Body, "goroutine", "Technischer Fehler", `name="antwort"`)

		old := c.Get("/besichtigung/" + expired + "?antwort=bestaetigen")
		if old.Status != http.StatusGone {
			t.Errorf("expired link: status %d, want 410", old.Status)
		}
		mustContain(t, "the expired-link page", old.Body, "Тази връзка вече не е валидна.", "Dieser Link gilt nicht mehr.",
			"Връзката е изтекла. Моля, обадете се на: 02331 207-0", "Der Link ist abgelaufen. Bitte rufen Sie an: 02331 207-0", `lang="bg"`)
		mustNotContain(t, "the expired-link page", old.Body, `name="antwort"`, "Elberfelder Straße")

		// Answers through an expired or unknown link record nothing.
		post := poster(t, c)
		if r := post("/besichtigung/"+expired, url.Values{"antwort": {"bestaetigen"}}); r.Status != http.StatusGone {
			t.Errorf("answer through an expired link: status %d, want 410", r.Status)
		}
		if r := post("/besichtigung/gibt-es-nicht", url.Values{"antwort": {"bestaetigen"}}); r.Status != http.StatusNotFound {
			t.Errorf("answer through an unknown link: status %d, want 404", r.Status)
		}
		if ans, vw, _ := answerState(t, st, a); ans != "" || vw != "scheduled" {
			t.Errorf("the valid link's viewing changed: answer %q, viewing %s", ans, vw)
		}
	})
}

// TestApplicantPageInEveryLanguage opens the page of a household in each language that
// has every sensitive field set: the page is in its language with German alongside, and
// shows none of those fields.
func TestApplicantPageInEveryLanguage(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		c := testutil.NewClient(t, testutil.App(t, st))
		titles := map[domain.Language]string{"ro": "Vizionarea locuinței", "bg": "Оглед на жилище", "en": "Your flat viewing",
			"tr": "Daire gezme randevunuz", "ar": "موعد معاينة الشقة", "uk": "Ваш огляд квартири", "pl": "Oglądanie mieszkania",
			"de": "Ihre Wohnungsbesichtigung"}
		for _, lang := range domain.Languages.Values() {
			t.Run(string(lang), func(t *testing.T) {
				token, _ := invited(t, st, users, func(h *domain.Household) {
					urgency, category := domain.UrgencyVeryHigh, domain.EmergencyStreet
					h.Language, h.HealthNotes, h.Nationality = lang, "Diabetes Typ 2, Rollator", "rumänisch"
					h.FachstelleCase, h.Urgency, h.EmergencyCategory, h.FocusGroup = true, &urgency, &category, "women"
					h.HomelessSince = st.Today().AddDays(-400)
					h.CompanionName, h.CompanionPhone = "Elena Ionescu", "0176 2222222"
					h.AccompanimentFrom = st.Today().AddDays(-30)
				})
				r := c.Get("/besichtigung/" + token)
				if r.Status != http.StatusOK {
					t.Fatalf("status %d", r.Status)
				}
				mustContain(t, "the page", r.Body, titles[lang], "Ihre Wohnungsbesichtigung", `lang="`+string(lang)+`"`,
					"Elena Ionescu", `href="tel:0176%202222222"`)
				if lang != "de" {
					mustContain(t, "the page", r.Body, `<section class="lang-block" lang="`+string(lang)+`"`,
						`<section class="lang-block" lang="de" dir="ltr"`, "Ja, ich komme.")
				}
				if rtl := strings.Contains(r.Body, `lang="ar" dir="rtl"`); rtl != (lang == "ar") {
					t.Errorf(`lang="ar" dir="rtl" present: %v`, rtl)
				}
				if lang != "ar" && strings.Contains(r.Body, `dir="rtl"`) {
					t.Error(`dir="rtl" on a left-to-right page`)
				}
				// The category is checked by its label: a bare "A1" also turns up in random
				// tokens, and so may "SGB": the link token is taken out of the page first.
				body := strings.ReplaceAll(r.Body, token, "TOKEN")
				mustNotContain(t, "the page", body, "Diabetes", "Rollator", "rumänisch", "A.1 ohne Unterkunft", "Dringlichkeit", "wohnungslos",
					"Frauen", "SGB", "Jobcenter", "<no value>", "%!")
			})
		}
	})
}

func TestInvitationPrintPage(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		_, a := invited(t, st, users, func(h *domain.Household) {
			h.Language, h.Email = "tr", nil
			h.HealthNotes = "Diabetes"
		})
		app := testutil.App(t, st)
		path := "/arbeitsbereich/vorschlaege/" + strconv.FormatInt(a.Match.ID, 10) + "/einladung"
		staff := testutil.NewClient(t, app)
		staff.Login(users.Staff.Email, testutil.Password)
		r := staff.Get(path)
		if r.Status != http.StatusOK {
			t.Fatalf("print page: status %d", r.Status)
		}
		mustContain(t, "the print page", r.Body, "Daire gezmesi için davet", "Einladung zur Wohnungsbesichtigung",
			"Lütfen bizi arayın ve gelip gelmeyeceğinizi söyleyin: 02331 207-0",
			"Bitte rufen Sie uns an und sagen Sie, ob Sie kommen: 02331 207-0", `lang="tr"`, "Elberfelder Straße 12, 58095 Hagen",
			"Kimlik kartı veya pasaport", "Strg + P")
		mustNotContain(t, "the print page", r.Body, "/besichtigung/", `name="antwort"`, "Diabetes")
		if ans, vw, _ := answerState(t, st, a); ans != "" || vw != "scheduled" {
			t.Errorf("printing changed the viewing: answer %q, viewing %s", ans, vw)
		}
		var audited int
		db, err := st.SQLDB()
		if err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM audit_log WHERE action = 'household.open' AND entity_id = "+
			strconv.FormatInt(a.Match.HouseholdID, 10)).Scan(&audited); err != nil || audited != 1 {
			t.Errorf("household.open audit entries: %d (%v), want 1", audited, err)
		}
		if hh := staff.Get("/haushalte/" + strconv.FormatInt(a.Match.HouseholdID, 10)).Body; !strings.Contains(hh, `href="`+path+`"`) {
			t.Error("the household page does not link to the printable invitation")
		}
		for _, who := range []*domain.User{users.Landlord, users.Caseworker} {
			c := testutil.NewClient(t, app)
			c.Login(who.Email, testutil.Password)
			if r := c.Get(path); r.Status == http.StatusOK {
				t.Errorf("%s opened the print page", who.Role)
			}
		}
		if r := testutil.NewClient(t, app).Get(path); r.Status == http.StatusOK {
			t.Error("the print page opened without login")
		}
		if r := staff.Get("/arbeitsbereich/vorschlaege/999999/einladung"); r.Status != http.StatusNotFound {
			t.Errorf("unknown match: status %d", r.Status)
		}
	})
}
