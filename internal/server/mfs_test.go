package server_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// Mietführerschein tests (docs/design.md §11).

// courseStaff creates a Quartiersmanagement account: a caseworker with the course permission.
func courseStaff(t testing.TB, st *store.Store) *domain.User {
	t.Helper()
	u := &domain.User{Email: "quartier@test.de", Name: "Quartier Test", Role: domain.RoleCaseworker, CourseStaff: true, Active: true}
	if err := st.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

var courseLocation = regexp.MustCompile(`^/kurse/(\d+)$`)

// mustRedirect checks a POST answered 303 and returns where to.
func mustRedirect(t *testing.T, r *testutil.Response, what string) string {
	t.Helper()
	if r.Status != http.StatusSeeOther {
		t.Fatalf("%s: status %d, want 303:\n%s", what, r.Status, r.Body)
	}
	return r.Header.Get("Location")
}

// courseJourney is the state of one run of the course flow over HTTP.
type courseJourney struct {
	t        *testing.T
	st       *store.Store
	clk      *clock.Manual
	qm       *testutil.Client
	courseID int64
	path     string
}

func (j *courseJourney) post(action string, form url.Values, what string) {
	j.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	mustRedirect(j.t, j.qm.Submit(j.path, action, form), what)
	if flash := j.qm.Get(j.path).Body; strings.Contains(flash, "alert-error") {
		j.t.Fatalf("%s: the course page shows an error:\n%s", what, flash)
	}
}

// startCourse plans a course with two sessions and enrols four people on three places.
func startCourse(t *testing.T, st *store.Store, clk *clock.Manual, qm *testutil.Client, householdRef string) *courseJourney {
	t.Helper()
	loc := mustRedirect(t, qm.Submit("/kurse/neu", "/kurse", url.Values{"title": {"Mietführerschein Februar"},
		"languages": {"de", "ro", "ar"}, "interpreters": {"Ioana Marin"}, "trainers": {"Petra Lenz"}, "capacity": {"3"},
		"min_attendance_percent": {"50"}, "validity_months": {"24"}}), "plan course")
	m := courseLocation.FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("plan course: redirected to %q", loc)
	}
	j := &courseJourney{t: t, st: st, clk: clk, qm: qm, path: loc}
	fmt.Sscan(m[1], &j.courseID)
	today := st.Today()
	j.post(loc+"/termine", url.Values{"day": {today.AddDays(1).String()}, "start": {"18:00"}, "end": {"20:00"},
		"place": {"Stadtteilhaus Altenhagen"}, "modules": {"house_rules", "waste"}}, "session 1")
	j.post(loc+"/termine", url.Values{"day": {today.AddDays(8).String()}, "start": {"18:00"}, "end": {"20:00"},
		"place": {"Stadtteilhaus Altenhagen"}, "modules": {"heating", "service_charges", "lease"}}, "session 2")
	j.post(loc+"/status", url.Values{"to": {"running"}}, "start course")
	j.post(loc+"/teilnehmende", url.Values{"name": {"Ana Popa"}, "language": {"ro"}, "email": {"ana@test.de"},
		"household_ref": {householdRef}}, "enrol Ana")
	j.post(loc+"/teilnehmende", url.Values{"name": {"Mihai Ionescu"}, "language": {"ro"}, "phone": {"0157 222"}}, "enrol Mihai (no email)")
	j.post(loc+"/teilnehmende", url.Values{"name": {"Layla Haddad"}, "language": {"ar"}, "email": {"layla@test.de"}}, "enrol Layla")
	j.post(loc+"/teilnehmende", url.Values{"name": {"Zoran Petrović"}, "language": {"de"}}, "enrol a fourth")
	return j
}

func (j *courseJourney) participants() []domain.CourseParticipant {
	j.t.Helper()
	ps, err := j.st.CourseParticipants(context.Background(), j.courseID)
	if err != nil {
		j.t.Fatal(err)
	}
	return ps
}

// TestCourseJourney: a course is planned, three people enrolled (one without email) and a
// fourth waits; two pass, one fails and passes the re-sit on 29 February; the certificates
// print with a QR code of the verification address, which shows "gültig" without login and
// "widerrufen" after revocation; the linked household ranks with the certificate track.
func TestCourseJourney(t *testing.T) {
	start := time.Date(2028, 2, 1, 9, 0, 0, 0, domain.Berlin)
	testutil.ForEachDialectAt(t, start, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		h := testutil.Household(t, st, func(h *domain.Household) { h.CertificatePassedOn, h.CertificateNumber = 0, "" })
		app := testutil.App(t, st)
		qmUser := courseStaff(t, st)
		qm := testutil.SessionClient(t, st, app, qmUser)
		if home := qm.Get("/begleitung").Body; !strings.Contains(home, `href="/kurse"`) {
			t.Error("the Quartiersmanagement's start page does not link the courses")
		}
		j := startCourse(t, st, clk, qm, h.Reference)

		ps := j.participants()
		if len(ps) != 4 || ps[3].Name != "Zoran Petrović" || !ps[3].Waitlisted || ps[0].Waitlisted {
			t.Fatalf("participants %+v: want three on the course and the fourth waiting", ps)
		}
		ana, mihai, layla := ps[0], ps[1], ps[2]
		// Mihai has no email: his invitation to all sessions is printed, in Romanian and German.
		if r := qm.Get(fmt.Sprintf("%s/teilnehmende/%d/einladung", j.path, ps[1].ID)); r.Status != http.StatusOK ||
			!strings.Contains(r.Body, `lang="ro"`) || !strings.Contains(r.Body, "Ihre Termine im Mietführerschein-Kurs") || strings.Count(r.Body, "Stadtteilhaus Altenhagen") != 4 {
			t.Errorf("printed invitation for Mihai: status %d", r.Status)
		}
		if ana.HouseholdID == nil || *ana.HouseholdID != h.ID || mihai.Email != "" {
			t.Fatalf("Ana not linked to her household or Mihai has an email: %+v %+v", ana, mihai)
		}
		sessions, _ := st.CourseSessions(ctx, j.courseID)
		present := func(ids ...int64) url.Values {
			v := url.Values{}
			for _, id := range ids {
				v.Add("present", fmt.Sprint(id))
			}
			return v
		}
		j.post(fmt.Sprintf("%s/termine/%d/anwesenheit", j.path, sessions[0].ID), present(ana.ID, mihai.ID, layla.ID), "attendance 1")
		j.post(fmt.Sprintf("%s/termine/%d/anwesenheit", j.path, sessions[1].ID), present(ana.ID, layla.ID), "attendance 2")
		j.post(j.path+"/pruefung", url.Values{"exam_on": {"22.02.2028"}, "resit_on": {"29.02.2028"}, "panel": {"Petra Lenz, Murat Demir"}}, "exam")

		clk.Set(time.Date(2028, 2, 22, 17, 0, 0, 0, domain.Berlin))
		qm = testutil.SessionClient(t, st, app, qmUser) // the session of three weeks ago has expired
		j.qm = qm
		exam := func(p domain.CourseParticipant, w, pr, o int) {
			t.Helper()
			pre := fmt.Sprintf("exam-%d-", p.ID)
			j.post(fmt.Sprintf("%s/teilnehmende/%d/ergebnis", j.path, p.ID), url.Values{pre + "written": {fmt.Sprint(w)},
				pre + "practical": {fmt.Sprint(pr)}, pre + "oral": {fmt.Sprint(o)}}, "exam of "+p.Name)
		}
		exam(ana, 15, 14, 12)
		exam(layla, 16, 15, 15)
		exam(mihai, 14, 13, 7) // 34 points and 7 in the oral part: failed
		certs, _ := st.CourseCertificates(ctx, j.courseID)
		if len(certs) != 2 || certs[mihai.ID] != nil {
			t.Fatalf("%d certificates after the exam, want Ana's and Layla's", len(certs))
		}
		clk.Set(time.Date(2028, 2, 29, 17, 0, 0, 0, domain.Berlin))
		qm = testutil.SessionClient(t, st, app, qmUser)
		j.qm = qm
		exam(mihai, 12, 12, 12)
		certs, _ = st.CourseCertificates(ctx, j.courseID)
		if len(certs) != 3 {
			t.Fatalf("%d certificates after the re-sit, want 3", len(certs))
		}
		if c := certs[mihai.ID]; c.IssuedOn != domain.NewDate(2028, 2, 29) || c.ValidUntil != domain.NewDate(2030, 2, 28) {
			t.Errorf("re-sit certificate issued %s valid until %s, want 29.02.2028 and 28.02.2030", c.IssuedOn, c.ValidUntil)
		}
		if c := certs[ana.ID]; c.ValidUntil != domain.NewDate(2030, 2, 21) {
			t.Errorf("Ana's certificate valid until %s, want 21.02.2030", c.ValidUntil)
		}

		// Printed certificates: German and the holder's language, the QR code of the
		// verification address.
		anon := testutil.NewClient(t, app)
		for _, p := range []domain.CourseParticipant{ana, mihai, layla} {
			c := certs[p.ID]
			page := qm.Get(fmt.Sprintf("/kurse/zertifikate/%d", c.ID))
			if page.Status != http.StatusOK || !strings.Contains(page.Body, p.Name) ||
				!strings.Contains(page.Body, domain.FormatCertificateNumber(c.Number)) || !strings.Contains(page.Body, "Integrationszertifikat Wohnen") {
				t.Fatalf("certificate of %s: status %d or missing name, number or title", p.Name, page.Status)
			}
			if p.Language == "ar" && !strings.Contains(page.Body, `lang="ar" dir="rtl"`) {
				t.Error("Layla's certificate has no Arabic text")
			}
			printed := decodeCertificateQR(t, qm, c.ID)
			u, err := url.Parse(printed)
			if err != nil || u.Host != "127.0.0.1:8080" || u.Path != "/zertifikat/"+c.Number {
				t.Fatalf("QR code of %s encodes %q", p.Name, printed)
			}
			path := u.EscapedPath()
			v := anon.Get(path)
			if v.Status != http.StatusOK || !strings.Contains(v.Body, "<strong>gültig</strong>") {
				t.Fatalf("verification of %s: status %d, no „gültig“:\n%s", p.Name, v.Status, v.Body)
			}
		}

		// Revoked shows "widerrufen" and the household track goes with it.
		lc := certs[layla.ID]
		j.post(fmt.Sprintf("%s/zertifikate/%d/widerrufen", j.path, lc.ID), url.Values{fmt.Sprintf("reason-%d", lc.ID): {"Prüfung nachweislich nicht selbst abgelegt"}}, "revoke")
		if v := anon.Get("/zertifikat/" + lc.Number); !strings.Contains(v.Body, "<strong>widerrufen</strong>") {
			t.Errorf("revoked certificate does not show „widerrufen“:\n%s", v.Body)
		}
		entries, _ := st.AuditEntries(ctx, "certificate", lc.ID, 10, 0)
		if len(entries) == 0 || entries[0].Action != "certificate.revoke" || !strings.Contains(entries[0].Detail, "nicht selbst") {
			t.Errorf("revocation not audited with its reason: %+v", entries)
		}

		// The household's certificate track comes from the issued certificate and counts on
		// the flat's available-from date, not after the last valid day.
		got, _ := st.HouseholdByID(ctx, h.ID)
		ac := certs[ana.ID]
		if got.CertificateID == nil || *got.CertificateID != ac.ID || got.CertificateUntil != ac.ValidUntil || got.CertificatePassedOn != ac.IssuedOn {
			t.Fatalf("household certificate %v/%s/%s, want the issued one", got.CertificateID, got.CertificatePassedOn, got.CertificateUntil)
		}
		rank := ranking.New(st)
		for _, tc := range []struct {
			from  domain.Date
			ranks bool
		}{{st.Today().AddDays(30), true}, {ac.ValidUntil, true}, {ac.ValidUntil.AddDays(1), false}} {
			v := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) {
				v.AvailableFrom, v.AcceptsAccompaniment, v.AcceptsFachstelle = tc.from, false, false
			})
			r, err := rank.RankVacancy(ctx, v.ID, 0)
			if err != nil {
				t.Fatal(err)
			}
			ranked := false
			for _, c := range r.Result.Candidates {
				ranked = ranked || r.Rows[c.Index].ID == h.ID
			}
			if ranked != tc.ranks {
				t.Errorf("flat available from %s: household ranked %v, want %v", tc.from, ranked, tc.ranks)
			}
		}
		// The landlord's profile says it is checked and until when, with the link.
		p := domain.ProfileFor(got, nil, st.Today())
		if !p.CertificateVerified || p.CertificateUntil != ac.ValidUntil || p.CertificateNumber != ac.Number {
			t.Errorf("landlord profile %+v: certificate not verified", p)
		}

		// Mihai had no household record: linking it later gives it the certificate.
		h2 := testutil.Household(t, st, func(h *domain.Household) { h.CertificatePassedOn, h.CertificateNumber = 0, "" })
		j.post(fmt.Sprintf("%s/teilnehmende/%d/haushalt", j.path, mihai.ID), url.Values{fmt.Sprintf("household_ref-%d", mihai.ID): {h2.Reference}}, "link")
		got2, _ := st.HouseholdByID(ctx, h2.ID)
		if got2.CertificateID == nil || *got2.CertificateID != certs[mihai.ID].ID {
			t.Error("linking the participant did not give the household the certificate")
		}
	})
}

// decodeCertificateQR reads the certificate's QR PNG and returns the address it encodes.
// No Go QR decoder is among the served modules, so the test reads every module of the image
// (the centre pixel of each cell) and compares the matrix with the encoder's own matrix for
// the address printed on the certificate page: equal matrices mean the PNG encodes exactly
// that address (same version, level and mask — the encoder is deterministic).
func decodeCertificateQR(t *testing.T, c *testutil.Client, certID int64) string {
	t.Helper()
	page := c.Get(fmt.Sprintf("/kurse/zertifikate/%d", certID)).Body
	m := regexp.MustCompile(`<p class="certificate-url">([^<]+)</p>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the certificate shows no verification address")
	}
	printed := m[1]
	r := c.Get(fmt.Sprintf("/kurse/zertifikate/%d/qr.png", certID))
	if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("QR image: status %d, type %q", r.Status, r.Header.Get("Content-Type"))
	}
	checkQRMatrix(t, []byte(r.Body), printed)
	return printed
}

// checkQRMatrix fails unless the PNG holds exactly the QR matrix of want.
func checkQRMatrix(t testing.TB, pngBytes []byte, printed string) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(pngBytes))
	if err != nil {
		t.Fatal(err)
	}
	want, err := qrcode.New(printed, qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	bm := want.Bitmap()
	n := len(bm)
	size := img.Bounds().Dx()
	centre := func(i int) int { return (2*i + 1) * size / (2 * n) }
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			r, _, _, _ := img.At(centre(x), centre(y)).RGBA()
			if dark := r < 0x8000; dark != bm[y][x] {
				t.Fatalf("QR module (%d,%d) differs from the code of %q", x, y, printed)
			}
		}
	}
}

// TestCertificateVerificationRevealsOnlyAllowedFields: the public page and the API answer
// show the state, the two dates and the initials; no name, no number of any other kind, no
// course, no household; unknown and mistyped numbers look alike; guessing is throttled.
func TestCertificateVerificationRevealsOnlyAllowedFields(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		testutil.SeedUsers(t, st)
		h := testutil.Household(t, st, func(h *domain.Household) {
			h.CertificatePassedOn, h.CertificateNumber, h.HealthNotes = 0, "", "Diabetes"
			h.FachstelleCase, h.FocusGroup = true, domain.FocusMentalHealth
			cat, u := domain.EmergencyCategory("A1"), domain.Urgency(1)
			h.EmergencyCategory, h.Urgency, h.HomelessSince = &cat, &u, st.Today().AddDays(-200)
		})
		app := testutil.App(t, st)
		qm := testutil.SessionClient(t, st, app, courseStaff(t, st))
		j := startCourse(t, st, nil, qm, h.Reference)
		ps := j.participants()
		cert := issueFor(t, st, j, ps[0])

		anon := testutil.NewClient(t, app)
		page := anon.Get("/zertifikat/" + domain.FormatCertificateNumber(cert.Number))
		main := mainText(page.Body)
		want := fmt.Sprintf("Integrationszertifikat Wohnen prüfen gültig Ausgestellt am %s Gültig bis %s Inhaber*in A. P. "+
			"Die Seite zeigt nur, ob das Zertifikat gültig ist, die beiden Daten und die Anfangsbuchstaben des Namens.",
			cert.IssuedOn, cert.ValidUntil)
		if main != want {
			t.Errorf("verification page shows\n%q\nwant only\n%q", main, want)
		}
		for _, secret := range []string{"Popa", "Ana", h.Reference, "Diabetes", "Mietführerschein Februar", "ana@test.de", "Fachstelle"} {
			if strings.Contains(main, secret) {
				t.Errorf("verification page reveals %q", secret)
			}
		}
		if page.Header.Get("Cache-Control") != "no-store" {
			t.Error("verification page may be cached")
		}
		// The course page shows course facts, never the household's Fachstelle data.
		course := mainText(qm.Get(j.path).Body)
		for _, secret := range []string{"Diabetes", "Notfallkategorie", "Dringlichkeit", "wohnungslos", domain.FocusMentalHealth.Label()} {
			if strings.Contains(course, secret) {
				t.Errorf("course page reveals %q", secret)
			}
		}
		// The Quartiersmanagement cannot open the household itself.
		if r := qm.Get(fmt.Sprintf("/haushalte/%d", h.ID)); r.Status != http.StatusNotFound {
			t.Errorf("Quartiersmanagement opens the household: status %d", r.Status)
		}

		// A single wrong character: not found, like an unknown number.
		wrong := []byte(cert.Number)
		wrong[3] = map[bool]byte{true: 'B', false: 'A'}[wrong[3] == 'A']
		if r := anon.Get("/zertifikat/" + string(wrong)); r.Status != http.StatusNotFound || strings.Contains(r.Body, "gültig bis") {
			t.Errorf("mistyped number: status %d", r.Status)
		}
	})
}

// TestCertificateGuessingIsThrottled: at most courses.VerifyPerClient lookups per client and
// hour, wrong numbers included; then 429 with Retry-After, also for a real number.
func TestCertificateGuessingIsThrottled(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		qm := testutil.SessionClient(t, st, app, courseStaff(t, st))
		j := startCourse(t, st, nil, qm, "")
		cert := issueFor(t, st, j, j.participants()[0])
		anon := testutil.NewClient(t, app)
		for i := 0; i < 30; i++ {
			guess := domain.CertificateNumberFrom([]byte(fmt.Sprintf("guess-%010d", i)))
			if r := anon.Get("/zertifikat/" + guess); r.Status != http.StatusNotFound {
				t.Fatalf("guess %d: status %d, want 404", i, r.Status)
			}
		}
		r := anon.Get("/zertifikat/" + cert.Number)
		if r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" || strings.Contains(r.Body, "gültig bis") {
			t.Fatalf("lookup 31: status %d, want 429 with Retry-After and nothing of the certificate", r.Status)
		}
	})
}

// issueFor records attendance and a passed exam for a participant and returns the certificate.
func issueFor(t *testing.T, st *store.Store, j *courseJourney, p domain.CourseParticipant) *domain.Certificate {
	t.Helper()
	ctx := context.Background()
	sessions, _ := st.CourseSessions(ctx, j.courseID)
	for _, s := range sessions {
		j.post(fmt.Sprintf("%s/termine/%d/anwesenheit", j.path, s.ID), url.Values{"present": {fmt.Sprint(p.ID)}}, "attendance")
	}
	pre := fmt.Sprintf("exam-%d-", p.ID)
	j.post(fmt.Sprintf("%s/teilnehmende/%d/ergebnis", j.path, p.ID), url.Values{pre + "written": {"15"},
		pre + "practical": {"15"}, pre + "oral": {"15"}}, "exam")
	certs, _ := st.CourseCertificates(ctx, j.courseID)
	if certs[p.ID] == nil {
		t.Fatal("no certificate issued")
	}
	return certs[p.ID]
}

var (
	mainRe = regexp.MustCompile(`(?s)<main[^>]*>(.*)</main>`)
	tagRe  = regexp.MustCompile(`<[^>]+>`)
)

// mainText is the visible text of a page's main element, whitespace collapsed.
func mainText(body string) string {
	m := mainRe.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return strings.Join(strings.Fields(tagRe.ReplaceAllString(m[1], " ")), " ")
}
