package demo

import (
	"context"
	"fmt"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// Mietführerschein demo data: the Quartiersmanagement's login, a completed course with
// exam, re-sit and certificates (some of them on demo households with the certificate
// track), a running course with attendance so far, a waiting list and people without
// email, and a planned refresher course.

// courseStaffEmail is the Quartiersmanagement's demo login.
const courseStaffEmail = "quartier@wohnbruecke.demo"

var demoParticipants = []struct {
	name string
	lang domain.Language
}{
	{"Ana Popa", "ro"}, {"Mihai Ionescu", "ro"}, {"Layla Haddad", "ar"}, {"Yusuf Kaya", "tr"}, {"Olena Koval", "uk"},
	{"Ivan Petrov", "bg"}, {"Agnieszka Nowak", "pl"}, {"Samir Aziz", "ar"}, {"Elif Demir", "tr"}, {"Maria Stan", "ro"},
	{"Taras Bondar", "uk"}, {"Daniela Georgieva", "bg"}, {"Grace Mensah", "en"}, {"Ahmad Nouri", "ar"}, {"Ewa Zielińska", "pl"},
	{"Sandra Wolf", "de"}, {"Radu Marin", "ro"}, {"Hanna Melnyk", "uk"},
}

func (g *generator) courses(ctx context.Context, st *store.Store) error {
	qm := &domain.User{Email: courseStaffEmail, Name: "Katrin Vogel", Phone: "02331 207-3470", Role: domain.RoleCaseworker,
		CourseStaff: true, PasswordHash: g.hash, Active: true}
	if err := st.CreateUser(ctx, qm); err != nil {
		return err
	}
	g.logins = append(g.logins, Login{Role: "Quartiersmanagement (Mietführerschein)", Email: qm.Email, Name: qm.Name})
	var cur int64 // the course the audit entries are about
	audit := func(action string) *domain.AuditEntry {
		return domain.Actor{User: qm}.Audit(action, "course", cur, "")
	}
	rows, _, err := st.ListHouseholds(ctx, store.HouseholdFilter{Track: domain.TrackCertificate, Status: string(domain.HouseholdActive),
		Sort: "reference", PerPage: 6})
	if err != nil {
		return err
	}

	// A completed course: eight sessions four months ago, exam and re-sit.
	past := &domain.Course{Title: "Mietführerschein Sommer", Languages: domain.CodeList{"de", "ro", "ar"},
		Interpreters: "Ioana Marin (Rumänisch), Samira Haddad (Arabisch)", Trainers: "Petra Lenz, Jonas Berger", Capacity: 12,
		MinAttendancePercent: domain.DefaultMinAttendancePercent, ValidityMonths: domain.DefaultValidityMonths, Status: domain.CourseCompleted,
		Panel: "Petra Lenz, Murat Demir, Katrin Vogel"}
	first := g.today.AddDays(-130)
	past.ExamOn, past.ResitOn = first.AddDays(7*8), first.AddDays(7*9)
	if err := st.CreateCourse(ctx, past, audit("course.create")); err != nil {
		return err
	}
	cur = past.ID
	pastSessions, err := g.courseSessions(ctx, st, past.ID, first, 8, audit)
	if err != nil {
		return err
	}
	for i, p := range demoParticipants[:10] {
		part := &domain.CourseParticipant{CourseID: past.ID, Name: p.name, Language: p.lang}
		if i%3 != 1 {
			part.Email = fmt.Sprintf("teilnahme%d@example.org", i+1)
		}
		if i < len(rows) {
			id := rows[i].ID
			part.HouseholdID = &id
		}
		if err := st.EnrolParticipant(ctx, part, past.Capacity, audit("course.enrol")); err != nil {
			return err
		}
		attended := 8 - i%3
		if i == 9 {
			attended = 4 // too few: not admitted to the exam
		}
		if err := g.attend(ctx, st, part.ID, pastSessions, attended, audit); err != nil {
			return err
		}
		if i == 9 {
			continue
		}
		fail := i == 2 || i == 6
		if err := g.exam(ctx, st, part, 1, past.ExamOn, past, fail, audit); err != nil {
			return err
		}
		if fail && i == 2 { // passes the re-sit; the other one has not come back yet
			if err := g.exam(ctx, st, part, 2, past.ResitOn, past, false, audit); err != nil {
				return err
			}
		}
	}

	// A running course: six sessions, the first three held.
	running := &domain.Course{Title: "Mietführerschein Winter", Languages: domain.CodeList{"de", "uk", "tr"},
		Interpreters: "Oksana Shevchenko (Ukrainisch)", Trainers: "Jonas Berger", Capacity: 7, MinAttendancePercent: 75,
		ValidityMonths: domain.DefaultValidityMonths, Status: domain.CourseRunning, Panel: "Jonas Berger, Sabine Hartmann"}
	start := g.today.AddDays(-15)
	running.ExamOn, running.ResitOn = start.AddDays(7*6), start.AddDays(7*7)
	if err := st.CreateCourse(ctx, running, audit("course.create")); err != nil {
		return err
	}
	cur = running.ID
	sessions, err := g.courseSessions(ctx, st, running.ID, start, 6, audit)
	if err != nil {
		return err
	}
	for i, p := range demoParticipants[10:] {
		part := &domain.CourseParticipant{CourseID: running.ID, Name: p.name, Language: p.lang, Phone: fmt.Sprintf("0157 55%05d", 100+i)}
		if i%3 != 0 {
			part.Email = fmt.Sprintf("kurs-winter%d@example.org", i+1)
		}
		if err := st.EnrolParticipant(ctx, part, running.Capacity, audit("course.enrol")); err != nil {
			return err
		}
		if !part.Waitlisted {
			if err := g.attend(ctx, st, part.ID, sessions[:3], 3-i%2, audit); err != nil {
				return err
			}
		}
	}

	// A planned refresher course.
	refresher := &domain.Course{Title: "Auffrischung Mietführerschein", Languages: domain.CodeList{"de"}, Trainers: "Petra Lenz",
		Capacity: 15, MinAttendancePercent: 100, ValidityMonths: domain.DefaultValidityMonths, Refresher: true, Status: domain.CoursePlanned}
	if err := st.CreateCourse(ctx, refresher, audit("course.create")); err != nil {
		return err
	}
	cur = refresher.ID
	_, err = g.courseSessions(ctx, st, refresher.ID, g.today.AddDays(40), 1, audit)
	return err
}

// courseSessions adds n weekly sessions from the first day, 17:00–19:00, modules in order.
func (g *generator) courseSessions(ctx context.Context, st *store.Store, courseID int64, first domain.Date, n int, audit func(string) *domain.AuditEntry) ([]domain.CourseSession, error) {
	modules := domain.CourseModules.Codes()
	for i := 0; i < n; i++ {
		y, m, d := first.AddDays(7 * i).Time().Date()
		startsAt := time.Date(y, m, d, 17, 0, 0, 0, domain.Berlin).UTC()
		s := &domain.CourseSession{CourseID: courseID, StartsAt: startsAt, EndsAt: startsAt.Add(2 * time.Hour),
			Place:   g.pick([]string{"Stadtteilhaus Altenhagen, Altenhagener Straße 60", "Bürgerhaus Wehringhausen, Lange Straße 21"}),
			Modules: domain.CodeList{modules[i%len(modules)]}}
		if n < len(modules) && i == n-1 {
			s.Modules = domain.CodeList(modules[i:])
		}
		if err := st.AddCourseSession(ctx, s, audit("course.session_add")); err != nil {
			return nil, err
		}
	}
	return st.CourseSessions(ctx, courseID)
}

// attend marks the participant present at the first k sessions, absent at the rest.
func (g *generator) attend(ctx context.Context, st *store.Store, participantID int64, sessions []domain.CourseSession, k int, audit func(string) *domain.AuditEntry) error {
	rows := make([]domain.CourseAttendance, len(sessions))
	for i, s := range sessions {
		rows[i] = domain.CourseAttendance{ParticipantID: participantID, SessionID: s.ID, Present: i < k}
	}
	return st.SetAttendance(ctx, rows, audit("course.attendance"))
}

// exam records an attempt; a pass issues the certificate (with a number from the seeded
// generator, so every load is the same).
func (g *generator) exam(ctx context.Context, st *store.Store, p *domain.CourseParticipant, attempt int, on domain.Date, c *domain.Course, fail bool, audit func(string) *domain.AuditEntry) error {
	r := &domain.ExamResult{ParticipantID: p.ID, Attempt: attempt, TakenOn: on, Written: g.between(12, 20),
		Practical: g.between(12, 20), Oral: g.between(10, 18), Panel: c.Panel}
	if fail {
		r.Oral = g.between(3, 7)
	}
	r.Passed = domain.ExamPassed(r.Written, r.Practical, r.Oral)
	var cert *domain.Certificate
	if r.Passed {
		random := make([]byte, domain.CertificateBodyLen)
		for i := range random {
			random[i] = byte(g.rng.IntN(256))
		}
		cert = &domain.Certificate{Number: domain.CertificateNumberFrom(random), ParticipantID: p.ID, HouseholdID: p.HouseholdID,
			HolderName: p.Name, Language: p.Language, IssuedOn: on, ValidUntil: domain.CertificateValidUntil(on, c.ValidityMonths)}
	}
	return st.RecordExam(ctx, r, cert, audit("course.exam"))
}
