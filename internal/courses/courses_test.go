package courses_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/courses"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

func outbox(t *testing.T, st *store.Store, kind string) []domain.OutboxMessage {
	t.Helper()
	db, err := st.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query("SELECT to_address, subject, body_text, ics, language FROM outbox WHERE kind = $1 ORDER BY id", kind)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []domain.OutboxMessage
	for rows.Next() {
		var m domain.OutboxMessage
		if err := rows.Scan(&m.ToAddress, &m.Subject, &m.BodyText, &m.ICS, &m.Language); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

// TestCourseMailsAndRefresher: enrolment invites to every coming session with an .ics in
// the participant's language and German, not the person without email and not the waiting
// list; the reminder the day before goes once; the refresher reminder goes to holder and
// companion once, eight weeks before the last day, on the clock; passing a refresher course
// renews the validity.
func TestCourseMailsAndRefresher(t *testing.T) {
	start := time.Date(2026, 1, 5, 9, 0, 0, 0, domain.Berlin)
	testutil.ForEachDialectAt(t, start, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		a := domain.Actor{User: users.Staff}
		svc := courses.New(st).WithMail(testutil.Composer(t))
		h := testutil.Household(t, st, func(h *domain.Household) {
			h.CertificatePassedOn, h.CertificateNumber = 0, ""
			h.AccompanimentFrom, h.CompanionName, h.CompanionEmail = st.Today().AddDays(-10), "Clara Klartext", "clara@klartext.test"
		})
		c, err := svc.Create(ctx, a, courses.CourseInput{Title: "Kurs Januar", Languages: []string{"de", "ro"}, Capacity: 2, MinAttendancePercent: 50, ValidityMonths: 24})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range []int{1, 8} {
			if err := svc.AddSession(ctx, a, c.ID, courses.SessionInput{Day: st.Today().AddDays(d), Start: "18:00", End: "20:00", Place: "Stadtteilhaus", Modules: []string{"waste"}}); err != nil {
				t.Fatal(err)
			}
		}
		ana, err := svc.Enrol(ctx, a, c.ID, courses.EnrolInput{Name: "Ana Popa", Email: "ana@test.de", Language: "ro", HouseholdRef: h.Reference})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Enrol(ctx, a, c.ID, courses.EnrolInput{Name: "Mihai Ionescu", Language: "ro"}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Enrol(ctx, a, c.ID, courses.EnrolInput{Name: "Wartende Person", Email: "warte@test.de", Language: "de"}); err != nil {
			t.Fatal(err)
		}
		inv := outbox(t, st, "course_invitation")
		if len(inv) != 2 {
			t.Fatalf("%d invitations, want one per session for Ana only", len(inv))
		}
		for _, m := range inv {
			if m.ToAddress != "ana@test.de" || m.Language != "ro" || !strings.Contains(m.BodyText, "Kurs Januar") ||
				!strings.Contains(m.BodyText, "Mietführerschein") || !strings.Contains(m.ICS, "BEGIN:VEVENT") || !strings.Contains(m.ICS, "TZID=Europe/Berlin") {
				t.Errorf("invitation %+v", m)
			}
		}

		clk.Advance(10 * time.Hour) // 19:00 the day before the first session
		for range 2 {
			if _, err := svc.SendSessionReminders(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if rem := outbox(t, st, "course_reminder"); len(rem) != 1 || rem[0].ToAddress != "ana@test.de" {
			t.Fatalf("reminders %+v, want one for Ana's next session", rem)
		}

		// Pass: valid until 04.01.2028 (issued 05.01.2026, 24 months).
		sessions, _ := st.CourseSessions(ctx, c.ID)
		if err := svc.SetAttendance(ctx, a, c.ID, sessions[0].ID, map[int64]bool{ana.ID: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.RecordExam(ctx, a, ana.ID, courses.ExamInput{Written: 14, Practical: 14, Oral: 14}); err != nil {
			t.Fatal(err)
		}
		cert, _ := st.HouseholdCertificate(ctx, h.ID)
		if cert.ValidUntil != domain.NewDate(2028, 1, 4) {
			t.Fatalf("valid until %s", cert.ValidUntil)
		}
		run := func() int {
			t.Helper()
			n, err := svc.SendRefresherReminders(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		clk.Set(time.Date(2027, 11, 8, 8, 0, 0, 0, domain.Berlin)) // 57 days before the last day
		if n := run(); n != 0 {
			t.Fatalf("%d refresher reminders nine weeks early", n)
		}
		clk.Set(time.Date(2027, 11, 9, 8, 0, 0, 0, domain.Berlin)) // 56 days: eight weeks
		if n := run() + run(); n != 1 {
			t.Fatalf("%d refresher reminders at eight weeks, want exactly one", n)
		}
		msgs := append(outbox(t, st, "certificate_refresher"), outbox(t, st, "certificate_refresher_copy")...)
		if len(msgs) != 2 || msgs[0].ToAddress != "ana@test.de" || msgs[1].ToAddress != "clara@klartext.test" ||
			!strings.Contains(msgs[0].BodyText, "04.01.2028") {
			t.Fatalf("refresher messages %+v", msgs)
		}

		// A refresher course renews the validity from the old last day.
		ref, err := svc.Create(ctx, a, courses.CourseInput{Title: "Auffrischung", Languages: []string{"de"}, Capacity: 5, MinAttendancePercent: 100, ValidityMonths: 24, Refresher: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.AddSession(ctx, a, ref.ID, courses.SessionInput{Day: st.Today(), Start: "10:00", End: "12:00", Place: "Rathaus", Modules: []string{"lease"}}); err != nil {
			t.Fatal(err)
		}
		p, err := svc.Enrol(ctx, a, ref.ID, courses.EnrolInput{Name: "Ana Popa", Language: "ro", HouseholdRef: h.Reference})
		if err != nil {
			t.Fatal(err)
		}
		rs, _ := st.CourseSessions(ctx, ref.ID)
		if err := svc.SetAttendance(ctx, a, ref.ID, rs[0].ID, map[int64]bool{p.ID: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.RecordExam(ctx, a, p.ID, courses.ExamInput{Written: 15, Practical: 15, Oral: 15}); err != nil {
			t.Fatal(err)
		}
		renewed, _ := st.CertificateByID(ctx, cert.ID)
		got, _ := st.HouseholdByID(ctx, h.ID)
		if renewed.ValidUntil != domain.NewDate(2030, 1, 4) || got.CertificateUntil != renewed.ValidUntil || renewed.RemindedAt != nil {
			t.Errorf("renewed until %s (household %s), reminded %v; want 04.01.2030", renewed.ValidUntil, got.CertificateUntil, renewed.RemindedAt)
		}
	})
}

// TestCourseRules: only participants with enough attendance sit the exam; a re-sit only
// after a failed first attempt; a full course puts people on the waiting list; a plain
// caseworker may not manage courses.
func TestCourseRules(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		a := domain.Actor{User: users.Staff}
		svc := courses.New(st)
		if _, err := svc.List(ctx, domain.Actor{User: users.Caseworker}); err != domain.ErrForbidden {
			t.Errorf("caseworker lists courses: %v", err)
		}
		c, _ := svc.Create(ctx, a, courses.CourseInput{Title: "Regeln", Languages: []string{"de"}, Capacity: 1, MinAttendancePercent: 75, ValidityMonths: 24})
		for d := range 4 {
			if err := svc.AddSession(ctx, a, c.ID, courses.SessionInput{Day: st.Today().AddDays(d), Start: "10:00", End: "11:00", Place: "Rathaus", Modules: []string{"lease"}}); err != nil {
				t.Fatal(err)
			}
		}
		p, _ := svc.Enrol(ctx, a, c.ID, courses.EnrolInput{Name: "Eine Person", Language: "de"})
		w, _ := svc.Enrol(ctx, a, c.ID, courses.EnrolInput{Name: "Zweite Person", Language: "de"})
		if p.Waitlisted || !w.Waitlisted {
			t.Fatalf("capacity 1: waitlisted %v and %v", p.Waitlisted, w.Waitlisted)
		}
		ss, _ := st.CourseSessions(ctx, c.ID)
		for _, s := range ss[:2] {
			_ = svc.SetAttendance(ctx, a, c.ID, s.ID, map[int64]bool{p.ID: true})
		}
		if _, err := svc.RecordExam(ctx, a, p.ID, courses.ExamInput{Written: 20, Practical: 20, Oral: 20}); err == nil {
			t.Fatal("two of four sessions (50 %) admitted to the exam at 75 %")
		}
		_ = svc.SetAttendance(ctx, a, c.ID, ss[2].ID, map[int64]bool{p.ID: true})
		if _, err := svc.RecordExam(ctx, a, w.ID, courses.ExamInput{Written: 20, Practical: 20, Oral: 20}); err == nil {
			t.Fatal("a person on the waiting list sat the exam")
		}
		if r, err := svc.RecordExam(ctx, a, p.ID, courses.ExamInput{Written: 20, Practical: 20, Oral: 5}); err != nil || r.Passed {
			t.Fatalf("first attempt: %v %v", r, err)
		}
		if r, err := svc.RecordExam(ctx, a, p.ID, courses.ExamInput{Written: 20, Practical: 20, Oral: 12}); err != nil || !r.Passed || r.Attempt != 2 {
			t.Fatalf("re-sit: %+v %v", r, err)
		}
		if _, err := svc.RecordExam(ctx, a, p.ID, courses.ExamInput{Written: 20, Practical: 20, Oral: 20}); err == nil {
			t.Fatal("a third attempt after passing")
		}
		if err := svc.Move(ctx, a, c.ID, domain.CourseCompleted); err == nil {
			t.Error("a planned course completed without running")
		}
	})
}

// TestCourseStatistics: pass rates by language at the first try and after the re-sit,
// attendance, counts, and the running tenancies whose household holds a certificate valid
// today.
func TestCourseStatistics(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2027, time.February, 26, 9, 0, 0, 0, domain.Berlin), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		a := domain.Actor{User: users.Staff}
		svc := courses.New(st)
		c, _ := svc.Create(ctx, a, courses.CourseInput{Title: "Statistik", Languages: []string{"de"}, Capacity: 3, MinAttendancePercent: 50, ValidityMonths: 24})
		_ = svc.AddSession(ctx, a, c.ID, courses.SessionInput{Day: st.Today(), Start: "10:00", End: "11:00", Place: "Rathaus", Modules: []string{"lease"}})
		ss, _ := st.CourseSessions(ctx, c.ID)
		var ps []*domain.CourseParticipant
		var hs []*domain.Household // Ana's, Mihai's and Layla's households
		for _, p := range []struct{ name, lang string }{{"Ana", "ro"}, {"Mihai", "ro"}, {"Layla", "ar"}, {"Zu viel", "de"}} {
			in := courses.EnrolInput{Name: p.name, Language: domain.Language(p.lang)}
			if len(hs) < 3 {
				h := testutil.Household(t, st, func(h *domain.Household) {
					// Only the course's certificate; the Fachstelle track lets Layla sign a lease without one.
					h.CaseworkerID, h.CertificatePassedOn, h.CertificateNumber = &users.Caseworker.ID, 0, ""
					if p.name == "Layla" {
						cat, u := domain.EmergencyCategory("A1"), domain.Urgency(1)
						h.FachstelleCase, h.FocusGroup, h.EmergencyCategory, h.Urgency, h.HomelessSince = true, domain.FocusMentalHealth, &cat, &u, st.Today().AddDays(-200)
					}
				})
				hs = append(hs, h)
				in.HouseholdRef = h.Reference
			}
			pt, err := svc.Enrol(ctx, a, c.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			ps = append(ps, pt)
		}
		_ = svc.SetAttendance(ctx, a, c.ID, ss[0].ID, map[int64]bool{ps[0].ID: true, ps[1].ID: true, ps[2].ID: true})
		for _, r := range []struct {
			p    *domain.CourseParticipant
			oral int
		}{{ps[0], 15}, {ps[1], 5}, {ps[1], 15}, {ps[2], 5}} {
			if _, err := svc.RecordExam(ctx, a, r.p.ID, courses.ExamInput{Written: 15, Practical: 15, Oral: r.oral}); err != nil {
				t.Fatal(err)
			}
		}
		s, err := svc.Statistics(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if s.Participants != 3 || s.Waitlisted != 1 || s.Certificates != 2 || s.AttendancePercent == nil || *s.AttendancePercent != 100 {
			t.Errorf("counts %+v", s)
		}
		if len(s.ByLanguage) != 2 || s.ByLanguage[0].Language != "ro" || s.ByLanguage[0].FirstPercent() != 50 || s.ByLanguage[0].AfterResitPercent() != 100 ||
			s.ByLanguage[1].Language != "ar" || s.ByLanguage[1].Sat != 1 || s.ByLanguage[1].PassedAfterAll != 0 {
			t.Errorf("by language %+v", s.ByLanguage)
		}
		if s.InTenancies != 0 {
			t.Errorf("%d tenancies with a valid certificate before any lease", s.InTenancies)
		}

		// Ana (valid certificate), Mihai (certificate revoked after the lease) and Layla
		// (failed, no certificate) sign leases: 1 of 3 running tenancies counts — until Ana's
		// certificate's last day, not after it.
		if err := st.CreateAgreement(ctx, &domain.CooperationAgreement{LandlordID: users.LandlordOrg.ID, Version: "2026-01", ContactUserID: &users.Staff.ID}); err != nil {
			t.Fatal(err)
		}
		var anaTenancy *domain.Tenancy
		for _, h := range []*domain.Household{hs[2], hs[0], hs[1]} { // in rank order
			if l := testutil.LeaseHousehold(t, st, clk, users, h); h == hs[0] {
				anaTenancy = l.Tenancy
			}
		}
		certs, _ := st.CourseCertificates(ctx, c.ID)
		if err := svc.Revoke(ctx, a, certs[ps[1].ID].ID, "Prüfung nicht selbst abgelegt"); err != nil {
			t.Fatal(err)
		}
		ana := certs[ps[0].ID]
		for _, at := range []struct {
			day  domain.Date
			end  bool // Ana's tenancy ends first
			want int
		}{{st.Today(), false, 1}, {ana.ValidUntil, false, 1}, {ana.ValidUntil.AddDays(1), false, 0}, {ana.ValidUntil, true, 0}} {
			clk.Set(at.day.Midnight().Add(12 * time.Hour))
			if at.end {
				if err := st.EndTenancy(ctx, anaTenancy.ID, domain.TenancyEnd{EndDate: at.day, Reason: domain.EndMovedOn}, true, &users.Staff.ID); err != nil {
					t.Fatal(err)
				}
			}
			s, err := svc.Statistics(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			if s.InTenancies != at.want {
				t.Errorf("on %s: %d running tenancies with a valid certificate, want %d", at.day, s.InTenancies, at.want)
			}
		}
		if _, err := svc.Statistics(ctx, domain.Actor{User: users.Landlord}); err != domain.ErrForbidden {
			t.Error("a landlord reads course statistics")
		}
	})
}
