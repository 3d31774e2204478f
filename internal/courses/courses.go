// Package courses runs the Mietführerschein (docs/design.md §11): courses with sessions and
// modules, participants and their attendance, the exam and its re-sit, and the certificates
// (Integrationszertifikat Wohnen) it issues, revokes, renews and lets anyone verify.
package courses

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/mail"
)

// Service runs courses and certificates.
type Service struct {
	store  *store.Store
	random io.Reader
	mail   *mail.Composer // nil: no course mail
}

// New returns the course service.
func New(st *store.Store) *Service { return &Service{store: st, random: rand.Reader} }

// CourseInput is a new course.
type CourseInput struct {
	Title                string
	Languages            []string
	Interpreters         string
	Trainers             string
	Capacity             int
	MinAttendancePercent int
	ValidityMonths       int
	Refresher            bool
}

// Validate checks the input; German messages by field.
func (in *CourseInput) Validate() error {
	ve := domain.NewValidationError()
	in.Title = strings.TrimSpace(in.Title)
	if in.Title == "" || len([]rune(in.Title)) > 200 {
		ve.Add("title", "Bitte geben Sie einen Titel an (höchstens 200 Zeichen).")
	}
	if len(in.Languages) == 0 {
		ve.Add("languages", "Bitte wählen Sie mindestens eine Unterrichtssprache.")
	}
	for _, l := range in.Languages {
		if !domain.Language(l).Valid() {
			ve.Add("languages", "Bitte wählen Sie Sprachen aus der Liste.")
		}
	}
	if in.Capacity < 1 || in.Capacity > 200 {
		ve.Add("capacity", "Bitte geben Sie die Zahl der Plätze an (1 bis 200).")
	}
	if in.MinAttendancePercent < 0 || in.MinAttendancePercent > 100 {
		ve.Add("min_attendance_percent", "Die Mindestanwesenheit ist ein Prozentsatz von 0 bis 100.")
	}
	if in.ValidityMonths < 1 || in.ValidityMonths > 120 {
		ve.Add("validity_months", "Die Gültigkeit ist eine Zahl von Monaten (1 bis 120).")
	}
	return ve.OrNil()
}

// Create plans a course.
func (s *Service) Create(ctx context.Context, a domain.Actor, in CourseInput) (*domain.Course, error) {
	if !a.CanManageCourses() {
		return nil, domain.ErrForbidden
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	c := &domain.Course{Title: in.Title, Languages: domain.CodeList(in.Languages), Interpreters: strings.TrimSpace(in.Interpreters),
		Trainers: strings.TrimSpace(in.Trainers), Capacity: in.Capacity, MinAttendancePercent: in.MinAttendancePercent,
		ValidityMonths: in.ValidityMonths, Refresher: in.Refresher, Status: domain.CoursePlanned}
	if err := s.store.CreateCourse(ctx, c, a.Audit("course.create", "course", 0, c.Title)); err != nil {
		return nil, err
	}
	return c, nil
}

// List returns all courses with their counts.
func (s *Service) List(ctx context.Context, a domain.Actor) ([]store.CourseListRow, error) {
	if !a.CanManageCourses() {
		return nil, domain.ErrForbidden
	}
	return s.store.ListCourses(ctx)
}

// SessionInput is a new session of a course.
type SessionInput struct {
	Day        domain.Date
	Start, End string // "18:00"
	Place      string
	Modules    []string
}

// times checks a session and returns its start and end.
func (in *SessionInput) times() (time.Time, time.Time, error) {
	ve := domain.NewValidationError()
	if in.Day.IsZero() {
		ve.Add("day", "Bitte geben Sie das Datum an (TT.MM.JJJJ).")
	}
	st, err1 := time.Parse("15:04", strings.TrimSpace(in.Start))
	en, err2 := time.Parse("15:04", strings.TrimSpace(in.End))
	if err1 != nil {
		ve.Add("start", "Bitte geben Sie den Beginn als Uhrzeit an (z. B. 18:00).")
	}
	if err2 != nil {
		ve.Add("end", "Bitte geben Sie das Ende als Uhrzeit an (z. B. 20:00).")
	} else if err1 == nil && !en.After(st) {
		ve.Add("end", "Das Ende muss nach dem Beginn liegen.")
	}
	in.Place = strings.TrimSpace(in.Place)
	if in.Place == "" || len([]rune(in.Place)) > 200 {
		ve.Add("place", "Bitte geben Sie den Ort an.")
	}
	if len(in.Modules) == 0 {
		ve.Add("modules", "Bitte wählen Sie mindestens ein Modul.")
	}
	for _, m := range in.Modules {
		if !domain.CourseModules.Has(domain.CourseModule(m)) {
			ve.Add("modules", "Bitte wählen Sie Module aus der Liste.")
		}
	}
	if err := ve.OrNil(); err != nil {
		return time.Time{}, time.Time{}, err
	}
	y, m, d := in.Day.Time().Date()
	at := func(t time.Time) time.Time {
		return time.Date(y, m, d, t.Hour(), t.Minute(), 0, 0, domain.Berlin).UTC()
	}
	return at(st), at(en), nil
}

// AddSession adds a session to a planned or running course.
func (s *Service) AddSession(ctx context.Context, a domain.Actor, courseID int64, in SessionInput) error {
	c, err := s.course(ctx, a, courseID)
	if err != nil {
		return err
	}
	if c.Status != domain.CoursePlanned && c.Status != domain.CourseRunning {
		return domain.Conflict(domain.CodeCourseClosed, "Einem abgeschlossenen oder abgesagten Kurs können keine Termine hinzugefügt werden.")
	}
	start, end, err := in.times()
	if err != nil {
		return err
	}
	cs := &domain.CourseSession{CourseID: c.ID, StartsAt: start, EndsAt: end, Place: in.Place, Modules: domain.CodeList(in.Modules)}
	if err := s.store.AddCourseSession(ctx, cs, a.Audit("course.session_add", "course", c.ID, domain.ViewingTime(start, end))); err != nil {
		return err
	}
	ps, err := s.store.CourseParticipants(ctx, c.ID)
	if err != nil {
		return err
	}
	return s.invite(ctx, c, []domain.CourseSession{*cs}, ps)
}

// Move changes the course's status (geplant → läuft → abgeschlossen; abgesagt).
func (s *Service) Move(ctx context.Context, a domain.Actor, courseID int64, to domain.CourseStatus) error {
	c, err := s.course(ctx, a, courseID)
	if err != nil {
		return err
	}
	if err := domain.CourseTransitions.Check(c.Status, to); err != nil {
		return err
	}
	return s.store.MoveCourse(ctx, c.ID, to, a.Audit("course.status", "course", c.ID, to.Label()))
}

// SetExam sets the exam day, the re-sit day and the panel's names.
func (s *Service) SetExam(ctx context.Context, a domain.Actor, courseID int64, examOn, resitOn domain.Date, panel string) error {
	c, err := s.course(ctx, a, courseID)
	if err != nil {
		return err
	}
	ve := domain.NewValidationError()
	if examOn.IsZero() {
		ve.Add("exam_on", "Bitte geben Sie den Prüfungstag an (TT.MM.JJJJ).")
	}
	if !resitOn.IsZero() && resitOn <= examOn {
		ve.Add("resit_on", "Die Wiederholungsprüfung liegt nach dem Prüfungstag.")
	}
	panel = strings.TrimSpace(panel)
	if panel == "" {
		ve.Add("panel", "Bitte nennen Sie die Prüfungskommission (Namen).")
	}
	if err := ve.OrNil(); err != nil {
		return err
	}
	return s.store.UpdateCourseExam(ctx, c.ID, examOn, resitOn, panel, a.Audit("course.update", "course", c.ID, "Prüfung "+examOn.String()))
}

func (s *Service) course(ctx context.Context, a domain.Actor, id int64) (*domain.Course, error) {
	if !a.CanManageCourses() {
		return nil, domain.ErrForbidden
	}
	return s.store.CourseByID(ctx, id)
}

// EnrolInput is a person to enrol: of a household (HouseholdRef, its Haushaltskennung) or
// without a household record yet.
type EnrolInput struct {
	HouseholdRef string
	Name         string
	Email        string
	Phone        string
	Language     domain.Language
}

// Enrol adds a participant; when the course is full the participant waits on the list.
func (s *Service) Enrol(ctx context.Context, a domain.Actor, courseID int64, in EnrolInput) (*domain.CourseParticipant, error) {
	c, err := s.course(ctx, a, courseID)
	if err != nil {
		return nil, err
	}
	if c.Status != domain.CoursePlanned && c.Status != domain.CourseRunning {
		return nil, domain.Conflict(domain.CodeCourseClosed, "In einen abgeschlossenen oder abgesagten Kurs kann niemand mehr aufgenommen werden.")
	}
	ve := domain.NewValidationError()
	p := &domain.CourseParticipant{CourseID: c.ID, Name: strings.TrimSpace(in.Name), Email: strings.ToLower(strings.TrimSpace(in.Email)),
		Phone: strings.TrimSpace(in.Phone), Language: in.Language}
	if p.Name == "" || len([]rune(p.Name)) > 200 {
		ve.Add("name", "Bitte geben Sie den Namen der Person an.")
	}
	if p.Email != "" && (!strings.Contains(p.Email, "@") || strings.ContainsAny(p.Email, " ,;<>")) {
		ve.Add("email", "Bitte geben Sie eine gültige E-Mail-Adresse an oder lassen Sie das Feld leer.")
	}
	if !p.Language.Valid() {
		ve.Add("language", "Bitte wählen Sie die Sprache der Person.")
	}
	if ref := strings.TrimSpace(in.HouseholdRef); ref != "" {
		id, err := s.store.HouseholdIDByReference(ctx, ref)
		switch {
		case errors.Is(err, domain.ErrNotFound):
			ve.Add("household_ref", "Zu dieser Haushaltskennung gibt es keinen Haushalt. Lassen Sie das Feld leer, um die Person ohne Haushalt aufzunehmen.")
		case err != nil:
			return nil, err
		default:
			p.HouseholdID = &id
		}
	}
	if err := ve.OrNil(); err != nil {
		return nil, err
	}
	if err := s.store.EnrolParticipant(ctx, p, c.Capacity, a.Audit("course.enrol", "course", c.ID, "")); err != nil {
		return nil, err
	}
	sessions, err := s.store.CourseSessions(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	return p, s.invite(ctx, c, sessions, []domain.CourseParticipant{*p})
}

// SetAttendance records who attended a session (present holds the participants there).
func (s *Service) SetAttendance(ctx context.Context, a domain.Actor, courseID, sessionID int64, present map[int64]bool) error {
	c, err := s.course(ctx, a, courseID)
	if err != nil {
		return err
	}
	sess, err := s.store.CourseSessionByID(ctx, sessionID)
	if err != nil {
		return err
	}
	if sess.CourseID != c.ID {
		return domain.ErrNotFound
	}
	ps, err := s.store.CourseParticipants(ctx, c.ID)
	if err != nil {
		return err
	}
	rows := make([]domain.CourseAttendance, 0, len(ps))
	for _, p := range ps {
		if !p.Waitlisted {
			rows = append(rows, domain.CourseAttendance{ParticipantID: p.ID, SessionID: sess.ID, Present: present[p.ID]})
		}
	}
	return s.store.SetAttendance(ctx, rows, a.Audit("course.attendance", "course", c.ID, sess.StartsAt.In(domain.Berlin).Format("02.01.2006")))
}

// LinkHousehold links a participant who had no household record to one.
func (s *Service) LinkHousehold(ctx context.Context, a domain.Actor, participantID int64, reference string) error {
	if !a.CanManageCourses() {
		return domain.ErrForbidden
	}
	p, err := s.store.CourseParticipantByID(ctx, participantID)
	if err != nil {
		return err
	}
	id, err := s.store.HouseholdIDByReference(ctx, strings.TrimSpace(reference))
	if errors.Is(err, domain.ErrNotFound) {
		ve := domain.NewValidationError()
		ve.Add("household_ref", "Zu dieser Haushaltskennung gibt es keinen Haushalt.")
		return ve
	}
	if err != nil {
		return err
	}
	return s.store.LinkParticipant(ctx, p.ID, id, a.Audit("course.link_household", "course", p.CourseID, ""))
}

// newNumber draws a certificate number.
func (s *Service) newNumber() (string, error) {
	b := make([]byte, domain.CertificateBodyLen)
	if _, err := io.ReadFull(s.random, b); err != nil {
		return "", fmt.Errorf("courses: certificate number: %w", err)
	}
	return domain.CertificateNumberFrom(b), nil
}
