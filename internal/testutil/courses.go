package testutil

import (
	"context"
	"testing"

	"wohnbruecke/internal/courses"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// CourseWithCertificate plans a course with one session today, enrols one person, marks
// her present and records a passed exam; it returns the course, its session, the
// participant and her certificate (Mietführerschein).
func CourseWithCertificate(t testing.TB, st *store.Store, staff *domain.User, name string) (*domain.Course, domain.CourseSession, *domain.CourseParticipant, *domain.Certificate) {
	t.Helper()
	ctx := context.Background()
	svc, a := courses.New(st), domain.Actor{User: staff}
	c, err := svc.Create(ctx, a, courses.CourseInput{Title: "Testkurs", Languages: []string{"de"}, Capacity: 5,
		MinAttendancePercent: 50, ValidityMonths: domain.DefaultValidityMonths})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.AddSession(ctx, a, c.ID, courses.SessionInput{Day: st.Today(), Start: "08:00", End: "09:00",
		Place: "Rathaus", Modules: []string{"lease"}}); err != nil {
		t.Fatal(err)
	}
	p, err := svc.Enrol(ctx, a, c.ID, courses.EnrolInput{Name: name, Language: "tr"})
	if err != nil {
		t.Fatal(err)
	}
	sessions, err := st.CourseSessions(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.SetAttendance(ctx, a, c.ID, sessions[0].ID, map[int64]bool{p.ID: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.RecordExam(ctx, a, p.ID, courses.ExamInput{Written: 15, Practical: 15, Oral: 15}); err != nil {
		t.Fatal(err)
	}
	certs, err := st.CourseCertificates(ctx, c.ID)
	if err != nil || certs[p.ID] == nil {
		t.Fatalf("no certificate: %v", err)
	}
	return c, sessions[0], p, certs[p.ID]
}
