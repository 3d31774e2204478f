package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/testutil"
)

// TestBrowserJourneyMietfuehrerschein runs the Mietführerschein in Chromium: the
// Quartiersmanagement plans a course from its start page, adds two sessions, enrols three
// people (one without email, one of an existing household), records attendance and the
// exam — two pass, one fails and passes the re-sit — and prints the certificates; the QR
// code of each (read from the image the page shows) opens the public verification page,
// which says "gültig" without login, and "widerrufen" after a revocation; staff see the
// household in the ranking of a flat open only to certificate holders. Every page passes
// axe and reflows at 320 px.
func TestBrowserJourneyMietfuehrerschein(t *testing.T) {
	testutil.RequireBrowser(t)
	dialects := testutil.Dialects(t)
	st := testutil.Open(t, dialects[len(dialects)-1])
	ctx := context.Background()
	users := testutil.SeedUsers(t, st)
	h := testutil.Household(t, st, func(h *domain.Household) { h.CertificatePassedOn, h.CertificateNumber = 0, "" })
	v := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) { v.AcceptsAccompaniment, v.AcceptsFachstelle = false, false })
	hash, err := auth.HashPassword(testutil.Password)
	if err != nil {
		t.Fatal(err)
	}
	qm := &domain.User{Email: "quartier@test.de", Name: "Katrin Vogel", Role: domain.RoleCaseworker, CourseStaff: true, PasswordHash: hash, Active: true}
	if err := st.CreateUser(ctx, qm); err != nil {
		t.Fatal(err)
	}
	browser := testutil.Browse(t, st)
	step := func(name string, fn func(t *testing.T, b *testutil.Browser)) {
		t.Run(name, func(t *testing.T) { fn(t, browser.With(t)) })
	}
	check := func(t *testing.T, b *testutil.Browser, shot string, status int, heading string) {
		t.Helper()
		if status != http.StatusOK {
			t.Fatalf("%s: status %d: %s", b.Path(), status, b.Text("main"))
		}
		if hd := b.Text("h1"); !strings.Contains(hd, heading) {
			t.Errorf("%s: heading %q, want %q", b.Path(), hd, heading)
		}
		if strings.Contains(b.Text("main"), "Bitte prüfen Sie Ihre Angaben") {
			t.Fatalf("%s shows errors: %s", b.Path(), b.Text("main"))
		}
		b.CheckA11y()
		if shot != "" {
			b.Screenshot(shot)
		}
		b.SetViewport(320, 800, 1)
		b.CheckNoHorizontalScroll()
		if shot != "" {
			b.Screenshot(shot + "-320px")
		}
		b.SetViewport(1280, 900, 1)
	}
	openForms := func(b *testutil.Browser) {
		b.Eval(`document.querySelectorAll("details").forEach(d => d.open = true)`, nil)
	}
	var courseID int64
	today := st.Today()

	step("plan a course with two sessions", func(t *testing.T, b *testutil.Browser) {
		b.Login(qm.Email, testutil.Password)
		check(t, b, "mfs-courses", b.Click("Mietführerschein"), "Mietführerschein")
		check(t, b, "mfs-course-new", b.Click("Neuen Kurs planen"), "Neuen Kurs planen")
		b.Fill("Titel", "Mietführerschein Dezember")
		b.Check("languages-1") // Romanian besides German (checked already)
		b.Fill("Dolmetscher*innen (Namen)", "Ioana Marin")
		b.Fill("Plätze", "3")
		b.Fill("Mindestanwesenheit für die Prüfung in Prozent", "50")
		check(t, b, "mfs-course", b.Click("Kurs planen"), "Mietführerschein Dezember")
		fmt.Sscanf(b.Path(), "/kurse/%d", &courseID)
		for i, mods := range [][]string{{"modules-0", "modules-1"}, {"modules-2", "modules-4"}} {
			openForms(b)
			b.Fill("day", today.AddDays(1+7*i).String())
			b.Fill("start", "18:00")
			b.Fill("end", "20:00")
			b.Fill("place", "Stadtteilhaus Altenhagen")
			for _, m := range mods {
				b.Check(m)
			}
			check(t, b, "", b.Click("Termin anlegen"), "Mietführerschein Dezember")
		}
		check(t, b, "", b.Click("Kurs beginnt"), "Mietführerschein Dezember")
	})

	step("enrol three people, one without email", func(t *testing.T, b *testutil.Browser) {
		for _, p := range []struct{ name, lang, email, ref string }{
			{"Ana Popa", "ro", "ana@test.de", h.Reference}, {"Mihai Ionescu", "ro", "", ""}, {"Layla Haddad", "ar", "layla@test.de", ""},
		} {
			openForms(b)
			b.Fill("name", p.name)
			b.Fill("language", p.lang)
			b.Fill("email", p.email)
			b.Fill("household_ref", p.ref)
			check(t, b, "", b.Click("Anmelden"), "Mietführerschein Dezember")
		}
		if txt := b.Text("main"); !strings.Contains(txt, "keine E-Mail: Einladung ausdrucken") || !strings.Contains(txt, "3 von 3 belegt") {
			t.Errorf("course page: %s", txt)
		}
	})

	ps := func(t *testing.T) []domain.CourseParticipant {
		t.Helper()
		out, err := st.CourseParticipants(ctx, courseID)
		if err != nil || len(out) != 3 {
			t.Fatalf("participants %v %v", out, err)
		}
		return out
	}
	step("attendance and exam: two pass, one fails and passes the re-sit", func(t *testing.T, b *testutil.Browser) {
		sessions, _ := st.CourseSessions(ctx, courseID)
		for _, s := range sessions {
			for _, p := range ps(t) {
				b.Check(fmt.Sprintf("present-%d-%d", s.ID, p.ID))
			}
			check(t, b, "", b.Click(fmt.Sprintf("attendance-save-%d", s.ID)), "Mietführerschein Dezember")
		}
		b.Fill("exam_on", today.String())
		b.Fill("resit_on", today.AddDays(7).String())
		b.Fill("panel", "Petra Lenz, Murat Demir")
		check(t, b, "", b.Click("Prüfung festlegen"), "Mietführerschein Dezember")
		points := map[string][3]string{"Ana Popa": {"15", "14", "12"}, "Mihai Ionescu": {"14", "13", "7"}, "Layla Haddad": {"16", "15", "15"}}
		for _, p := range ps(t) {
			pts := points[p.Name]
			for i, part := range []string{"written", "practical", "oral"} {
				b.Fill(fmt.Sprintf("exam-%d-%s", p.ID, part), pts[i])
			}
			check(t, b, "mfs-exam-"+strings.ToLower(strings.Fields(p.Name)[0]), b.Click(fmt.Sprintf("exam-save-%d", p.ID)), "Mietführerschein Dezember")
		}
		if txt := b.Text("main"); !strings.Contains(txt, "Wiederholungsprüfung: Mihai Ionescu") {
			t.Fatalf("no re-sit form for Mihai: %s", txt)
		}
		mihai := ps(t)[1]
		for _, part := range []string{"written", "practical", "oral"} {
			b.Fill(fmt.Sprintf("exam-%d-%s", mihai.ID, part), "12")
		}
		check(t, b, "mfs-resit", b.Click(fmt.Sprintf("exam-save-%d", mihai.ID)), "Mietführerschein Dezember")
	})

	certs, _ := st.CourseCertificates(ctx, courseID)
	if len(certs) != 3 {
		t.Fatalf("%d certificates, want 3", len(certs))
	}
	verify := map[string]string{} // holder → verification address decoded from the QR code
	step("print the certificates; their QR codes decode to the printed verification address", func(t *testing.T, b *testutil.Browser) {
		for _, p := range ps(t) {
			c := certs[p.ID]
			b.Visit(fmt.Sprintf("/kurse/%d", courseID))
			check(t, b, "mfs-certificate-"+strings.ToLower(strings.Fields(p.Name)[0]), b.Click(fmt.Sprintf("certificate-%d", c.ID)), "Integrationszertifikat Wohnen")
			printed := b.Text(".certificate-url")
			decoded := b.DecodeQR(".certificate-check img")
			if decoded != printed {
				t.Fatalf("%s: the QR code decodes to %q, the certificate prints %q", p.Name, decoded, printed)
			}
			u, err := url.Parse(decoded)
			if err != nil || u.Path != "/zertifikat/"+c.Number {
				t.Fatalf("QR address %q", decoded)
			}
			verify[p.Name] = decoded
		}
		b.Click("Abmelden")
	})

	step("the decoded address shows gültig without login", func(t *testing.T, b *testutil.Browser) {
		for name, addr := range verify {
			check(t, b, "mfs-verify-"+strings.ToLower(strings.Fields(name)[0]), b.Visit(addr), "Integrationszertifikat Wohnen prüfen")
			if s := b.Text(".verify-state"); s != "gültig" {
				t.Errorf("%s: state %q", name, s)
			}
			if txt := b.Text("main"); strings.Contains(txt, name) || strings.Contains(txt, "Dezember") {
				t.Errorf("verification page reveals the name or course: %s", txt)
			}
		}
	})

	step("revoked shows widerrufen", func(t *testing.T, b *testutil.Browser) {
		b.Login(qm.Email, testutil.Password)
		b.Visit(fmt.Sprintf("/kurse/%d", courseID))
		openForms(b)
		layla := certs[ps(t)[2].ID]
		b.Fill(fmt.Sprintf("reason-%d", layla.ID), "Prüfung nicht selbst abgelegt")
		check(t, b, "", b.Click(fmt.Sprintf("revoke-save-%d", layla.ID)), "Mietführerschein Dezember")
		b.Click("Abmelden")
		check(t, b, "mfs-verify-revoked", b.Visit(verify["Layla Haddad"]), "Integrationszertifikat Wohnen prüfen")
		if s := b.Text(".verify-state"); s != "widerrufen" {
			t.Errorf("revoked certificate shows %q", s)
		}
	})

	step("the household ranks with the certificate track", func(t *testing.T, b *testutil.Browser) {
		b.Login(users.Staff.Email, testutil.Password)
		check(t, b, "mfs-ranking", b.Visit(fmt.Sprintf("/arbeitsbereich/angebote/%d/rangliste", v.ID)), "Rangliste")
		if txt := b.Text("main"); !strings.Contains(txt, h.Reference) {
			t.Errorf("the household with the issued certificate is not in the ranking of a certificate-only flat: %s", txt)
		}
		b.Click("Abmelden")
	})
}
