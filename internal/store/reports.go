package store

import (
	"context"
	"fmt"
	"time"

	"wohnbruecke/internal/domain"
)

// CreateReport inserts a landlord's report (Meldung). Call it inside a transaction.
func (s *Store) CreateReport(ctx context.Context, r *domain.Report) error {
	now := s.Now()
	r.CreatedAt, r.UpdatedAt = now, now
	if r.Status == "" {
		r.Status = domain.ReportReceived
	}
	if err := s.q(ctx).Create(r).Error; err != nil {
		return fmt.Errorf("store: create report: %w", err)
	}
	return nil
}

// ReportByID returns one report.
func (s *Store) ReportByID(ctx context.Context, id int64) (*domain.Report, error) {
	var r domain.Report
	if err := s.q(ctx).Take(&r, id).Error; err != nil {
		return nil, notFound("report by id", err)
	}
	return &r, nil
}

// ReportRow is a report with the names pages show with it.
type ReportRow struct {
	domain.Report
	HouseholdReference string
	Street             string
	PostalCode         string
	LandlordName       string
	LandlordID         int64
	CompanionID        *int64
	ContactUserID      *int64
	Replies            int
}

// Address is the flat's address as pages show it.
func (r *ReportRow) Address() string { return r.Street + ", " + r.PostalCode + " Hagen" }

// ReportFilter narrows a report list; zero fields do not filter.
type ReportFilter struct {
	TenancyID   int64
	LandlordID  int64
	CompanionID int64
	// ForUser keeps the reports of tenancies whose companion or Ansprechperson the user is.
	ForUser int64
	// Open keeps reports that are not erledigt.
	Open bool
	// Unanswered keeps open reports the city's side has not answered yet.
	Unanswered bool
	// Overdue keeps open reports without an answer whose target passed before this instant.
	Overdue time.Time
}

// ListReports lists reports with their names, newest first.
func (s *Store) ListReports(ctx context.Context, f ReportFilter) ([]ReportRow, error) {
	q := s.q(ctx).Table("tenancy_reports r").
		Select("r.*, h.reference AS household_reference, v.street, v.postal_code, l.name AS landlord_name, " +
			"t.landlord_id, t.companion_id, t.contact_user_id, " +
			"(SELECT COUNT(*) FROM tenancy_report_replies p WHERE p.report_id = r.id) AS replies").
		Joins("JOIN tenancies t ON t.id = r.tenancy_id").
		Joins("JOIN households h ON h.id = t.household_id").
		Joins("JOIN vacancies v ON v.id = t.vacancy_id").
		Joins("JOIN landlords l ON l.id = t.landlord_id")
	if f.TenancyID != 0 {
		q = q.Where("r.tenancy_id = ?", f.TenancyID)
	}
	if f.LandlordID != 0 {
		q = q.Where("t.landlord_id = ?", f.LandlordID)
	}
	if f.CompanionID != 0 {
		q = q.Where("t.companion_id = ?", f.CompanionID)
	}
	if f.ForUser != 0 {
		q = q.Where("(t.companion_id = ? OR t.contact_user_id = ?)", f.ForUser, f.ForUser)
	}
	if f.Unanswered {
		q = q.Where("r.first_answer_at IS NULL")
	}
	if f.Open || f.Unanswered || !f.Overdue.IsZero() {
		q = q.Where("r.status IN ?", []domain.ReportStatus{domain.ReportReceived, domain.ReportInProgress})
	}
	if !f.Overdue.IsZero() {
		q = q.Where("r.first_answer_at IS NULL AND r.respond_by < ?", f.Overdue)
	}
	var out []ReportRow
	if err := q.Order("r.created_at DESC, r.id DESC").Limit(1000).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("store: list reports: %w", err)
	}
	return out, nil
}

// ReportReplies returns a report's thread, oldest first.
func (s *Store) ReportReplies(ctx context.Context, reportID int64) ([]domain.ReportReply, error) {
	var out []domain.ReportReply
	if err := s.q(ctx).Where("report_id = ?", reportID).Order("created_at, id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: report replies: %w", err)
	}
	return out, nil
}

// AddReportReply appends a reply to a report's thread. Call it inside a transaction.
func (s *Store) AddReportReply(ctx context.Context, r *domain.ReportReply) error {
	r.CreatedAt = s.Now()
	if err := s.q(ctx).Create(r).Error; err != nil {
		return fmt.Errorf("store: add report reply: %w", err)
	}
	return nil
}

// MoveReport changes a report's status, guarded by domain.ReportTransitions (of two
// concurrent changes to one state one wins), stamping the day of the change.
func (s *Store) MoveReport(ctx context.Context, id int64, to domain.ReportStatus) error {
	err := move(ctx, s, stateChange[domain.ReportStatus]{table: domain.ReportTransitions, model: &domain.Report{},
		column: "status", id: id, to: to})
	if err != nil {
		return fmt.Errorf("store: report %d to %s: %w", id, to, err)
	}
	return nil
}

// MarkReportAnswered records the first answer of the city's side; false when the report
// had one already.
func (s *Store) MarkReportAnswered(ctx context.Context, id int64) (bool, error) {
	now := s.Now()
	res := s.q(ctx).Model(&domain.Report{}).Where("id = ? AND first_answer_at IS NULL", id).
		Updates(map[string]any{"first_answer_at": now, "updated_at": now})
	if res.Error != nil {
		return false, fmt.Errorf("store: mark report answered: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}

// ReportsToEscalate lists open reports without an answer whose response target passed
// before now and that were not escalated yet.
func (s *Store) ReportsToEscalate(ctx context.Context) ([]domain.Report, error) {
	var out []domain.Report
	err := s.q(ctx).Where("status IN ? AND first_answer_at IS NULL AND escalated_at IS NULL AND respond_by < ?",
		[]domain.ReportStatus{domain.ReportReceived, domain.ReportInProgress}, s.Now()).
		Order("respond_by").Limit(jobBatch).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: reports to escalate: %w", err)
	}
	return out, nil
}

// MarkReportEscalated claims the escalation of a report; false when another instance was
// first or the report was answered in the meantime.
func (s *Store) MarkReportEscalated(ctx context.Context, id int64) (bool, error) {
	res := s.q(ctx).Model(&domain.Report{}).
		Where("id = ? AND escalated_at IS NULL AND first_answer_at IS NULL AND respond_by < ?", id, s.Now()).
		Update("escalated_at", s.Now())
	if res.Error != nil {
		return false, fmt.Errorf("store: mark report escalated: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}
