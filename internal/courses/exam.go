package courses

import (
	"context"
	"errors"

	"time"

	"wohnbruecke/internal/domain"
)

const hour = time.Hour

// ParticipantView is a participant with attendance, results and certificate.
type ParticipantView struct {
	domain.CourseParticipant
	Attended    int
	Present     map[int64]bool
	MayTakeExam bool
	Results     []domain.ExamResult
	Certificate *domain.Certificate
	CertState   domain.CertificateState
	// NextAttempt is the attempt an entry now records (1, 2), 0 when none is open.
	NextAttempt int
}

// Passed reports whether an attempt was passed.
func (p *ParticipantView) Passed() bool {
	for _, r := range p.Results {
		if r.Passed {
			return true
		}
	}
	return false
}

// CourseView is everything the course page shows: course facts only, never household
// data.
type CourseView struct {
	Course       *domain.Course
	Sessions     []domain.CourseSession
	Participants []ParticipantView
	Waiting      []ParticipantView
	Today        domain.Date
}

// Detail loads a course with its sessions and participants.
func (s *Service) Detail(ctx context.Context, a domain.Actor, id int64) (*CourseView, error) {
	c, err := s.course(ctx, a, id)
	if err != nil {
		return nil, err
	}
	sessions, err := s.store.CourseSessions(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	ps, err := s.store.CourseParticipants(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	att, err := s.store.CourseAttendance(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	results, err := s.store.CourseExamResults(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	certs, err := s.store.CourseCertificates(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	v := &CourseView{Course: c, Sessions: sessions, Today: s.store.Today()}
	for _, p := range ps {
		pv := ParticipantView{CourseParticipant: p, Present: att[p.ID], Results: results[p.ID], Certificate: certs[p.ID]}
		for _, ok := range pv.Present {
			if ok {
				pv.Attended++
			}
		}
		pv.MayTakeExam = domain.MayTakeExam(pv.Attended, len(sessions), c.MinAttendancePercent)
		if pv.Certificate != nil {
			pv.CertState = pv.Certificate.StateOn(v.Today)
		}
		switch {
		case !pv.MayTakeExam || pv.Passed():
		case len(pv.Results) == 0:
			pv.NextAttempt = 1
		case len(pv.Results) == 1:
			pv.NextAttempt = 2
		}
		if p.Waitlisted {
			v.Waiting = append(v.Waiting, pv)
		} else {
			v.Participants = append(v.Participants, pv)
		}
	}
	return v, nil
}

// ExamInput is the points of one attempt.
type ExamInput struct {
	Written, Practical, Oral int
}

// RecordExam enters a participant's exam result. Only a participant with enough attendance
// sits the exam; the second attempt is the re-sit after a failed first one. Passing issues
// the certificate (a refresher course renews the holder's valid one instead), in the same
// transaction as the result.
func (s *Service) RecordExam(ctx context.Context, a domain.Actor, participantID int64, in ExamInput) (*domain.ExamResult, error) {
	if !a.CanManageCourses() {
		return nil, domain.ErrForbidden
	}
	p, err := s.store.CourseParticipantByID(ctx, participantID)
	if err != nil {
		return nil, err
	}
	v, err := s.Detail(ctx, a, p.CourseID)
	if err != nil {
		return nil, err
	}
	var pv *ParticipantView
	for i := range v.Participants {
		if v.Participants[i].ID == p.ID {
			pv = &v.Participants[i]
		}
	}
	switch {
	case pv == nil:
		return nil, domain.Conflict(domain.CodeOnWaitingList, "Wer auf der Warteliste steht, nimmt nicht an der Prüfung teil.")
	case !pv.MayTakeExam:
		return nil, domain.Conflict(domain.CodeAttendanceTooLow, "Diese Person war nicht oft genug anwesend, um an der Prüfung teilzunehmen.")
	case pv.NextAttempt == 0:
		return nil, domain.Conflict(domain.CodeNoExamOpen, "Für diese Person ist keine Prüfung mehr offen.")
	}
	ve := domain.NewValidationError()
	for field, pts := range map[string]int{"written": in.Written, "practical": in.Practical, "oral": in.Oral} {
		if pts < 0 || pts > domain.ExamPartMax {
			ve.Add(field, "Bitte geben Sie 0 bis 20 Punkte an.")
		}
	}
	if err := ve.OrNil(); err != nil {
		return nil, err
	}
	c := v.Course
	taken := c.ExamOn
	if pv.NextAttempt == 2 && !c.ResitOn.IsZero() {
		taken = c.ResitOn
	}
	if taken.IsZero() || taken > v.Today {
		taken = v.Today
	}
	r := &domain.ExamResult{ParticipantID: p.ID, Attempt: pv.NextAttempt, TakenOn: taken, Written: in.Written,
		Practical: in.Practical, Oral: in.Oral, Passed: domain.ExamPassed(in.Written, in.Practical, in.Oral), Panel: c.Panel}
	audit := a.Audit("course.exam", "course", c.ID, resultText(r))
	if !r.Passed {
		return r, s.store.RecordExam(ctx, r, nil, audit)
	}
	if c.Refresher && p.HouseholdID != nil {
		if held, err := s.store.HouseholdCertificate(ctx, *p.HouseholdID); err != nil {
			return nil, err
		} else if held != nil && held.RevokedAt == nil {
			until := domain.CertificateValidUntil(max(held.ValidUntil.AddDays(1), taken), c.ValidityMonths)
			if err := s.store.RecordExam(ctx, r, nil, audit); err != nil {
				return nil, err
			}
			return r, s.store.RenewCertificate(ctx, held.ID, until, a.Audit("certificate.renew", "certificate", held.ID, "gültig bis "+until.String()))
		}
	}
	number, err := s.newNumber()
	if err != nil {
		return nil, err
	}
	cert := &domain.Certificate{Number: number, ParticipantID: p.ID, HouseholdID: p.HouseholdID, HolderName: p.Name,
		Language: p.Language, IssuedOn: taken, ValidUntil: domain.CertificateValidUntil(taken, c.ValidityMonths)}
	if err := s.store.RecordExam(ctx, r, cert, audit, a.Audit("certificate.issue", "certificate", 0, "gültig bis "+cert.ValidUntil.String())); err != nil {
		return nil, err
	}
	return r, nil
}

func resultText(r *domain.ExamResult) string {
	word := "nicht bestanden"
	if r.Passed {
		word = "bestanden"
	}
	if r.Attempt == 2 {
		return "Wiederholungsprüfung " + word
	}
	return "Prüfung " + word
}

// Revoke revokes a certificate with a reason (audited); the household loses the track.
func (s *Service) Revoke(ctx context.Context, a domain.Actor, certID int64, reason string) error {
	if !a.CanRevokeCertificates() {
		return domain.ErrForbidden
	}
	if len([]rune(reason)) < 5 {
		ve := domain.NewValidationError()
		ve.Add("reason", "Bitte begründen Sie den Widerruf (mindestens 5 Zeichen).")
		return ve
	}
	c, err := s.store.CertificateByID(ctx, certID)
	if err != nil {
		return err
	}
	return s.store.RevokeCertificate(ctx, c.ID, reason, a.Audit("certificate.revoke", "certificate", c.ID, reason))
}

// Certificate loads a certificate for its printout.
func (s *Service) Certificate(ctx context.Context, a domain.Actor, id int64) (*domain.Certificate, *domain.Course, error) {
	if !a.CanManageCourses() {
		return nil, nil, domain.ErrForbidden
	}
	c, err := s.store.CertificateByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	p, err := s.store.CourseParticipantByID(ctx, c.ParticipantID)
	if err != nil {
		return nil, nil, err
	}
	course, err := s.store.CourseByID(ctx, p.CourseID)
	return c, course, err
}

// Verification is everything the public verification page and endpoint may say about a
// certificate: its state that day, the issue and the last valid day, the holder's
// initials. Nothing else leaves through it.
type Verification struct {
	State      domain.CertificateState
	IssuedOn   domain.Date
	ValidUntil domain.Date
	Initials   string
}

// Verification throttle: lookups per client address and in total, per hour.
const (
	VerifyPerClient = 30
	VerifyTotal     = 2000
)

// Verify looks a certificate number up for anyone (no login). Every lookup counts against
// the client's and the global hourly budget before anything is looked at, wrong numbers
// too, so guessing stops at domain.ErrThrottled; a malformed number (check character) is
// ErrNotFound without a database lookup.
func (s *Service) Verify(ctx context.Context, client, raw string) (*Verification, error) {
	since := s.store.Now().Add(-hour)
	if err := s.store.ThrottleRequest(ctx, since, map[string]int64{
		"verify:ip:" + client: VerifyPerClient, "verify:all": VerifyTotal}); err != nil {
		return nil, err
	}
	number, err := domain.NormalizeCertificateNumber(raw)
	if err != nil {
		return nil, domain.ErrNotFound
	}
	c, err := s.store.CertificateByNumber(ctx, number)
	if err != nil {
		if errors.Is(err, domain.ErrNotFound) {
			return nil, domain.ErrNotFound
		}
		return nil, err
	}
	today := s.store.Today()
	return &Verification{State: c.StateOn(today), IssuedOn: c.IssuedOn, ValidUntil: c.ValidUntil, Initials: domain.Initials(c.HolderName)}, nil
}

// Certificates lists all issued certificates (for the API and statistics).
func (s *Service) Certificates(ctx context.Context, a domain.Actor) ([]domain.Certificate, error) {
	if !a.CanManageCourses() {
		return nil, domain.ErrForbidden
	}
	return s.store.ListCertificates(ctx)
}
