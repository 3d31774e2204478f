package store

import (
	"context"
	"fmt"
	"time"

	"wohnbruecke/internal/domain"
)

// Mietführerschein statistics rows (internal/courses Statistics).

// ExamStatRow is one exam attempt with the participant's language.
type ExamStatRow struct {
	ParticipantID int64
	Language      domain.Language
	Attempt       int
	Passed        bool
}

// CourseExamStats lists every exam attempt with the participant's language.
func (s *Store) CourseExamStats(ctx context.Context) ([]ExamStatRow, error) {
	var rows []ExamStatRow
	err := s.q(ctx).Table("exam_results").
		Select("exam_results.participant_id, course_participants.language, exam_results.attempt, exam_results.passed").
		Joins("JOIN course_participants ON course_participants.id = exam_results.participant_id").
		Order("exam_results.participant_id, exam_results.attempt").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: exam stats: %w", err)
	}
	return rows, nil
}

// AttendanceCounts returns the recorded attendance entries and how many were present.
func (s *Store) AttendanceCounts(ctx context.Context) (recorded, present int64, err error) {
	if err = s.q(ctx).Model(&domain.CourseAttendance{}).Count(&recorded).Error; err != nil {
		return 0, 0, fmt.Errorf("store: attendance counts: %w", err)
	}
	if err = s.q(ctx).Model(&domain.CourseAttendance{}).Where("present").Count(&present).Error; err != nil {
		return 0, 0, fmt.Errorf("store: attendance counts: %w", err)
	}
	return recorded, present, nil
}

// CertificateUseRow is a certificate of a household with the household's first proposal
// and lease on or after the issue day (nil when none).
type CertificateUseRow struct {
	ID            int64
	IssuedOn      domain.Date
	ValidUntil    domain.Date
	FirstProposal *time.Time
	FirstLease    *time.Time
}

// CertificateUses lists the certificates held by households with their first proposal and
// lease after issue.
func (s *Store) CertificateUses(ctx context.Context) ([]CertificateUseRow, error) {
	var certs []domain.Certificate
	if err := s.q(ctx).Where("household_id IS NOT NULL").Order("id").Find(&certs).Error; err != nil {
		return nil, fmt.Errorf("store: certificate uses: %w", err)
	}
	out := make([]CertificateUseRow, 0, len(certs))
	for _, c := range certs {
		row := CertificateUseRow{ID: c.ID, IssuedOn: c.IssuedOn, ValidUntil: c.ValidUntil}
		var ms []domain.Match
		if err := s.q(ctx).Where("household_id = ? AND created_at >= ?", *c.HouseholdID, c.IssuedOn.Midnight().UTC()).
			Order("created_at").Find(&ms).Error; err != nil {
			return nil, fmt.Errorf("store: certificate uses: %w", err)
		}
		for _, m := range ms {
			if row.FirstProposal == nil {
				t := m.CreatedAt
				row.FirstProposal = &t
			}
			if m.State == domain.MatchLeaseSigned && (row.FirstLease == nil || m.StateChangedAt.Before(*row.FirstLease)) {
				t := m.StateChangedAt
				row.FirstLease = &t
			}
		}
		out = append(out, row)
	}
	return out, nil
}

// RunningTenanciesWithValidCertificate counts the running tenancies whose household holds
// a certificate, not revoked, that is valid on day (issued on or before, last day on or
// after it).
func (s *Store) RunningTenanciesWithValidCertificate(ctx context.Context, day domain.Date) (int, error) {
	var n int64
	err := s.q(ctx).Model(&domain.Tenancy{}).
		Where("tenancies.status = ?", domain.TenancyActive).
		Where(`EXISTS (SELECT 1 FROM certificates c WHERE c.household_id = tenancies.household_id
			AND c.revoked_at IS NULL AND c.issued_on <= ? AND c.valid_until >= ?)`, day, day).
		Count(&n).Error
	if err != nil {
		return 0, fmt.Errorf("store: tenancies with a valid certificate: %w", err)
	}
	return int(n), nil
}
