package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm/clause"

	"wohnbruecke/internal/domain"
)

// Mietführerschein: courses, sessions, participants, attendance, exams, certificates.

// ErrCourseFull is not an error of its own: an enrolment beyond the capacity lands on the
// waiting list (CourseParticipant.Waitlisted).

// CreateCourse stores a new course and its audit entry.
func (s *Store) CreateCourse(ctx context.Context, c *domain.Course, audit *domain.AuditEntry) error {
	return s.tx(ctx, func(tx *Store) error {
		c.CreatedAt, c.UpdatedAt = tx.Now(), tx.Now()
		if c.Status == "" {
			c.Status = domain.CoursePlanned
		}
		if err := tx.q(ctx).Create(c).Error; err != nil {
			return fmt.Errorf("store: create course: %w", err)
		}
		audit.EntityID = &c.ID
		return tx.Audit(ctx, audit)
	})
}

// UpdateCourseExam sets the exam day, the re-sit day and the panel.
func (s *Store) UpdateCourseExam(ctx context.Context, id int64, examOn, resitOn domain.Date, panel string, audit *domain.AuditEntry) error {
	return s.tx(ctx, func(tx *Store) error {
		res := tx.q(ctx).Model(&domain.Course{}).Where("id = ?", id).
			Updates(map[string]any{"exam_on": examOn, "resit_on": resitOn, "panel": panel, "updated_at": tx.Now()})
		if res.Error != nil {
			return fmt.Errorf("store: course exam: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("course %d: %w", id, domain.ErrNotFound)
		}
		return tx.Audit(ctx, audit)
	})
}

// MoveCourse changes a course's status, guarded by the course table.
func (s *Store) MoveCourse(ctx context.Context, id int64, to domain.CourseStatus, audit *domain.AuditEntry) error {
	return s.tx(ctx, func(tx *Store) error {
		if err := move(ctx, tx, stateChange[domain.CourseStatus]{table: domain.CourseTransitions, model: &domain.Course{},
			column: "status", id: id, to: to}); err != nil {
			return fmt.Errorf("store: course %d to %s: %w", id, to, err)
		}
		return tx.Audit(ctx, audit)
	})
}

// CourseByID loads a course.
func (s *Store) CourseByID(ctx context.Context, id int64) (*domain.Course, error) {
	var c domain.Course
	if err := s.q(ctx).First(&c, id).Error; err != nil {
		return nil, notFound("course", err)
	}
	return &c, nil
}

// CourseListRow is a course with its counts for the list.
type CourseListRow struct {
	domain.Course
	Enrolled   int
	Waitlisted int
	Sessions   int
	FirstStart *time.Time
}

// ListCourses lists all courses, newest first, with enrolment counts.
func (s *Store) ListCourses(ctx context.Context) ([]CourseListRow, error) {
	var cs []domain.Course
	if err := s.q(ctx).Order("id DESC").Find(&cs).Error; err != nil {
		return nil, fmt.Errorf("store: list courses: %w", err)
	}
	out := make([]CourseListRow, len(cs))
	byID := map[int64]*CourseListRow{}
	for i := range cs {
		out[i].Course = cs[i]
		byID[cs[i].ID] = &out[i]
	}
	var counts []struct {
		CourseID   int64
		Waitlisted bool
		N          int
	}
	if err := s.q(ctx).Model(&domain.CourseParticipant{}).Select("course_id, waitlisted, COUNT(*) AS n").
		Group("course_id, waitlisted").Scan(&counts).Error; err != nil {
		return nil, fmt.Errorf("store: course counts: %w", err)
	}
	for _, c := range counts {
		if r := byID[c.CourseID]; r != nil {
			if c.Waitlisted {
				r.Waitlisted = c.N
			} else {
				r.Enrolled = c.N
			}
		}
	}
	var sessions []domain.CourseSession
	if err := s.q(ctx).Order("starts_at").Find(&sessions).Error; err != nil {
		return nil, fmt.Errorf("store: course sessions: %w", err)
	}
	for i := range sessions {
		if r := byID[sessions[i].CourseID]; r != nil {
			r.Sessions++
			if r.FirstStart == nil {
				t := sessions[i].StartsAt
				r.FirstStart = &t
			}
		}
	}
	return out, nil
}

// AddCourseSession stores a session of a course.
func (s *Store) AddCourseSession(ctx context.Context, cs *domain.CourseSession, audit *domain.AuditEntry) error {
	return s.tx(ctx, func(tx *Store) error {
		if err := tx.q(ctx).Create(cs).Error; err != nil {
			return fmt.Errorf("store: add course session: %w", err)
		}
		return tx.Audit(ctx, audit)
	})
}

// CourseSessions lists a course's sessions in time order.
func (s *Store) CourseSessions(ctx context.Context, courseID int64) ([]domain.CourseSession, error) {
	var out []domain.CourseSession
	if err := s.q(ctx).Where("course_id = ?", courseID).Order("starts_at, id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: course sessions: %w", err)
	}
	return out, nil
}

// CourseSessionByID loads one session.
func (s *Store) CourseSessionByID(ctx context.Context, id int64) (*domain.CourseSession, error) {
	var cs domain.CourseSession
	if err := s.q(ctx).First(&cs, id).Error; err != nil {
		return nil, notFound("course session", err)
	}
	return &cs, nil
}

// EnrolParticipant adds a participant: on the course when there is a free place, on the
// waiting list otherwise. Counting and adding happen under the course's lock, so two
// enrolments for the last place end with one on the course and one waiting.
func (s *Store) EnrolParticipant(ctx context.Context, p *domain.CourseParticipant, capacity int, audit *domain.AuditEntry) error {
	return s.tx(ctx, func(tx *Store) error {
		if err := tx.lockKeys(ctx, "course:"+strconv.FormatInt(p.CourseID, 10)); err != nil {
			return err
		}
		if p.HouseholdID != nil {
			var n int64
			if err := tx.q(ctx).Model(&domain.CourseParticipant{}).Where("course_id = ? AND household_id = ? AND name = ?",
				p.CourseID, *p.HouseholdID, p.Name).Count(&n).Error; err != nil {
				return fmt.Errorf("store: enrol: %w", err)
			}
			if n > 0 {
				return &domain.ConflictError{Code: domain.CodeAlreadyEnrolled, Message: "Diese Person ist in diesem Kurs schon angemeldet."}
			}
		}
		var n int64
		if err := tx.q(ctx).Model(&domain.CourseParticipant{}).Where("course_id = ? AND NOT waitlisted", p.CourseID).
			Count(&n).Error; err != nil {
			return fmt.Errorf("store: enrol: %w", err)
		}
		p.Waitlisted = int(n) >= capacity
		p.CreatedAt = tx.Now()
		if err := tx.q(ctx).Create(p).Error; err != nil {
			return fmt.Errorf("store: enrol: %w", err)
		}
		return tx.Audit(ctx, audit)
	})
}

// CourseParticipants lists a course's participants, enrolled first, in order of enrolment.
func (s *Store) CourseParticipants(ctx context.Context, courseID int64) ([]domain.CourseParticipant, error) {
	var out []domain.CourseParticipant
	if err := s.q(ctx).Where("course_id = ?", courseID).Order("waitlisted, id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: course participants: %w", err)
	}
	return out, nil
}

// CourseParticipantByID loads one participant.
func (s *Store) CourseParticipantByID(ctx context.Context, id int64) (*domain.CourseParticipant, error) {
	var p domain.CourseParticipant
	if err := s.q(ctx).First(&p, id).Error; err != nil {
		return nil, notFound("course participant", err)
	}
	return &p, nil
}

// SetAttendance records whether a participant attended a session.
func (s *Store) SetAttendance(ctx context.Context, rows []domain.CourseAttendance, audit *domain.AuditEntry) error {
	return s.tx(ctx, func(tx *Store) error {
		if len(rows) > 0 {
			if err := tx.q(ctx).Clauses(clause.OnConflict{
				Columns:   []clause.Column{{Name: "participant_id"}, {Name: "session_id"}},
				DoUpdates: clause.AssignmentColumns([]string{"present"}),
			}).Create(&rows).Error; err != nil {
				return fmt.Errorf("store: attendance: %w", err)
			}
		}
		return tx.Audit(ctx, audit)
	})
}

// CourseAttendance returns participant id → session id → present for a course.
func (s *Store) CourseAttendance(ctx context.Context, courseID int64) (map[int64]map[int64]bool, error) {
	var rows []domain.CourseAttendance
	err := s.q(ctx).Where("session_id IN (SELECT id FROM course_sessions WHERE course_id = ?)", courseID).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: course attendance: %w", err)
	}
	out := map[int64]map[int64]bool{}
	for _, r := range rows {
		if out[r.ParticipantID] == nil {
			out[r.ParticipantID] = map[int64]bool{}
		}
		out[r.ParticipantID][r.SessionID] = r.Present
	}
	return out, nil
}

// CourseExamResults returns participant id → results (attempt order) for a course.
func (s *Store) CourseExamResults(ctx context.Context, courseID int64) (map[int64][]domain.ExamResult, error) {
	var rows []domain.ExamResult
	err := s.q(ctx).Where("participant_id IN (SELECT id FROM course_participants WHERE course_id = ?)", courseID).
		Order("participant_id, attempt").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: exam results: %w", err)
	}
	out := map[int64][]domain.ExamResult{}
	for _, r := range rows {
		out[r.ParticipantID] = append(out[r.ParticipantID], r)
	}
	return out, nil
}

// RecordExam stores an exam attempt; with cert it also issues the certificate and, for a
// participant of a household, copies it onto the household — one transaction. A second
// result for the same attempt is a conflict (the unique index decides between two panels
// saving at once).
func (s *Store) RecordExam(ctx context.Context, r *domain.ExamResult, cert *domain.Certificate, audits ...*domain.AuditEntry) error {
	err := s.tx(ctx, func(tx *Store) error {
		r.CreatedAt = tx.Now()
		if err := tx.q(ctx).Create(r).Error; err != nil {
			return err
		}
		if cert != nil {
			cert.CreatedAt, cert.UpdatedAt = tx.Now(), tx.Now()
			if err := tx.q(ctx).Create(cert).Error; err != nil {
				return err
			}
			if err := tx.copyCertificate(ctx, cert); err != nil {
				return err
			}
		}
		for _, a := range audits {
			if a.Entity == "certificate" && cert != nil {
				a.EntityID = &cert.ID
			}
			if err := tx.Audit(ctx, a); err != nil {
				return err
			}
		}
		return nil
	})
	if isUniqueViolation(err) {
		return &domain.ConflictError{Code: domain.CodeExamResultRecorded, Message: "Für diesen Versuch ist schon ein Ergebnis eingetragen."}
	}
	if err != nil {
		return fmt.Errorf("store: record exam: %w", err)
	}
	return nil
}

// copyCertificate writes a certificate onto its household (if any): the household's
// certificate track comes from the issued certificate, never typed. Setting updated_at makes
// the ranking's cache read the household again.
func (s *Store) copyCertificate(ctx context.Context, c *domain.Certificate) error {
	if c.HouseholdID == nil {
		return nil
	}
	err := s.q(ctx).Model(&domain.Household{}).Where("id = ?", *c.HouseholdID).Updates(map[string]any{
		"certificate_passed_on": c.IssuedOn, "certificate_number": c.Number, "certificate_until": c.ValidUntil,
		"certificate_id": c.ID, "updated_at": s.Now()}).Error
	if err != nil {
		return fmt.Errorf("store: copy certificate: %w", err)
	}
	return nil
}

// clearCertificate removes a revoked certificate from its household.
func (s *Store) clearCertificate(ctx context.Context, c *domain.Certificate) error {
	if c.HouseholdID == nil {
		return nil
	}
	err := s.q(ctx).Model(&domain.Household{}).Where("id = ? AND certificate_id = ?", *c.HouseholdID, c.ID).Updates(map[string]any{
		"certificate_passed_on": nil, "certificate_number": "", "certificate_until": nil,
		"certificate_id": nil, "updated_at": s.Now()}).Error
	if err != nil {
		return fmt.Errorf("store: clear certificate: %w", err)
	}
	return nil
}

// CertificateByNumber loads a certificate by its stored number.
func (s *Store) CertificateByNumber(ctx context.Context, number string) (*domain.Certificate, error) {
	var c domain.Certificate
	if err := s.q(ctx).Where("number = ?", number).First(&c).Error; err != nil {
		return nil, notFound("certificate", err)
	}
	return &c, nil
}

// CertificateByID loads a certificate.
func (s *Store) CertificateByID(ctx context.Context, id int64) (*domain.Certificate, error) {
	var c domain.Certificate
	if err := s.q(ctx).First(&c, id).Error; err != nil {
		return nil, notFound("certificate", err)
	}
	return &c, nil
}

// CourseCertificates returns participant id → certificate for a course.
func (s *Store) CourseCertificates(ctx context.Context, courseID int64) (map[int64]*domain.Certificate, error) {
	var rows []domain.Certificate
	err := s.q(ctx).Where("participant_id IN (SELECT id FROM course_participants WHERE course_id = ?)", courseID).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: course certificates: %w", err)
	}
	out := make(map[int64]*domain.Certificate, len(rows))
	for i := range rows {
		out[rows[i].ParticipantID] = &rows[i]
	}
	return out, nil
}

// ListCertificates lists all certificates, newest first.
func (s *Store) ListCertificates(ctx context.Context) ([]domain.Certificate, error) {
	var out []domain.Certificate
	if err := s.q(ctx).Order("issued_on DESC, id DESC").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: list certificates: %w", err)
	}
	return out, nil
}

// RevokeCertificate revokes a certificate with a reason and removes it from its household;
// of two revocations at once exactly one wins, the other is a conflict.
func (s *Store) RevokeCertificate(ctx context.Context, id int64, reason string, audit *domain.AuditEntry) error {
	return s.tx(ctx, func(tx *Store) error {
		res := tx.q(ctx).Model(&domain.Certificate{}).Where("id = ? AND revoked_at IS NULL", id).
			Updates(map[string]any{"revoked_at": tx.Now(), "revoked_reason": reason, "updated_at": tx.Now()})
		if res.Error != nil {
			return fmt.Errorf("store: revoke certificate: %w", res.Error)
		}
		c, err := tx.CertificateByID(ctx, id)
		if err != nil {
			return err
		}
		if res.RowsAffected == 0 {
			return &domain.ConflictError{Code: domain.CodeCertificateRevoked, Message: "Das Zertifikat ist schon widerrufen."}
		}
		if err := tx.clearCertificate(ctx, c); err != nil {
			return err
		}
		return tx.Audit(ctx, audit)
	})
}

// RenewCertificate extends a valid certificate to a new last day (a passed refresher course).
func (s *Store) RenewCertificate(ctx context.Context, id int64, until domain.Date, audits ...*domain.AuditEntry) error {
	return s.tx(ctx, func(tx *Store) error {
		res := tx.q(ctx).Model(&domain.Certificate{}).Where("id = ? AND revoked_at IS NULL", id).
			Updates(map[string]any{"valid_until": until, "reminded_at": nil, "updated_at": tx.Now()})
		if res.Error != nil {
			return fmt.Errorf("store: renew certificate: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return &domain.ConflictError{Code: domain.CodeCertificateRevoked, Message: "Ein widerrufenes Zertifikat kann nicht verlängert werden."}
		}
		c, err := tx.CertificateByID(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.copyCertificate(ctx, c); err != nil {
			return err
		}
		for _, a := range audits {
			if err := tx.Audit(ctx, a); err != nil {
				return err
			}
		}
		return nil
	})
}

// LinkParticipant links a participant (and its certificate, if issued) to a household.
func (s *Store) LinkParticipant(ctx context.Context, participantID, householdID int64, audit *domain.AuditEntry) error {
	return s.tx(ctx, func(tx *Store) error {
		res := tx.q(ctx).Model(&domain.CourseParticipant{}).Where("id = ? AND household_id IS NULL", participantID).
			Update("household_id", householdID)
		if res.Error != nil {
			return fmt.Errorf("store: link participant: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return &domain.ConflictError{Code: domain.CodeParticipantLinked, Message: "Die Person ist schon mit einem Haushalt verknüpft."}
		}
		var c domain.Certificate
		err := tx.q(ctx).Where("participant_id = ? AND revoked_at IS NULL", participantID).First(&c).Error
		switch {
		case err == nil:
			if err := tx.q(ctx).Model(&c).Update("household_id", householdID).Error; err != nil {
				return fmt.Errorf("store: link certificate: %w", err)
			}
			c.HouseholdID = &householdID
			if err := tx.copyCertificate(ctx, &c); err != nil {
				return err
			}
		case !errors.Is(notFound("certificate", err), domain.ErrNotFound):
			return err
		}
		return tx.Audit(ctx, audit)
	})
}

// HouseholdCertificate returns the household's current certificate (nil when none).
func (s *Store) HouseholdCertificate(ctx context.Context, householdID int64) (*domain.Certificate, error) {
	var cs []domain.Certificate
	if err := s.q(ctx).Where("household_id = ?", householdID).Order("issued_on DESC, id DESC").Limit(1).Find(&cs).Error; err != nil {
		return nil, fmt.Errorf("store: household certificate: %w", err)
	}
	if len(cs) == 0 {
		return nil, nil
	}
	return &cs[0], nil
}

// CertificatesToRemind lists valid certificates whose last day is on or before until and
// whose holder was not reminded yet.
func (s *Store) CertificatesToRemind(ctx context.Context, today, until domain.Date) ([]domain.Certificate, error) {
	var out []domain.Certificate
	err := s.q(ctx).Where("revoked_at IS NULL AND reminded_at IS NULL AND valid_until >= ? AND valid_until <= ?", today, until).
		Order("id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: certificates to remind: %w", err)
	}
	return out, nil
}

// MarkRefresherReminded claims a certificate's refresher reminder: true for the one caller that set
// reminded_at, so the reminder goes out exactly once across instances.
func (s *Store) MarkRefresherReminded(ctx context.Context, id int64) (bool, error) {
	res := s.q(ctx).Model(&domain.Certificate{}).Where("id = ? AND reminded_at IS NULL", id).
		Updates(map[string]any{"reminded_at": s.Now(), "updated_at": s.Now()})
	if res.Error != nil {
		return false, fmt.Errorf("store: mark reminded: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}

// HouseholdIDByReference finds a household by its reference (Haushaltskennung); it returns
// only the id, so enrolling by reference reveals nothing of the household.
func (s *Store) HouseholdIDByReference(ctx context.Context, reference string) (int64, error) {
	var ids []int64
	if err := s.q(ctx).Model(&domain.Household{}).Where("reference = ?", reference).Limit(1).Pluck("id", &ids).Error; err != nil {
		return 0, fmt.Errorf("store: household by reference: %w", err)
	}
	if len(ids) == 0 {
		return 0, fmt.Errorf("household %q: %w", reference, domain.ErrNotFound)
	}
	return ids[0], nil
}

// CourseSessionsBetween lists sessions that begin after from and at or before to.
func (s *Store) CourseSessionsBetween(ctx context.Context, from, to time.Time) ([]domain.CourseSession, error) {
	var out []domain.CourseSession
	if err := s.q(ctx).Where("starts_at > ? AND starts_at <= ?", from, to).Order("starts_at, id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: course sessions between: %w", err)
	}
	return out, nil
}
