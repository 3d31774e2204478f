package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"wohnbruecke/internal/domain"
)

// FollowUpTenancy is a tenancy that may have a follow-up to create (domain.FollowsUp).
type FollowUpTenancy struct {
	ID          int64
	Status      domain.TenancyStatus
	StartDate   domain.Date
	HouseholdID int64
	LandlordID  int64
	CompanionID *int64
	// ContactUserID is the landlord's Ansprechperson (a staff member).
	ContactUserID *int64
}

// latestStart is the last start day whose follow-up after months is due by today
// (domain.FollowUpDue is monotone in the start, so this bounds the query exactly).
func latestStart(today domain.Date, months int) domain.Date {
	s := domain.MonthsLater(today, -months) - 3
	for domain.FollowUpDue(s+1, months) <= today {
		s++
	}
	return s
}

// TenanciesWithDueFollowUps lists the tenancies that lack a follow-up due by today, oldest
// start first.
func (s *Store) TenanciesWithDueFollowUps(ctx context.Context, today domain.Date) ([]FollowUpTenancy, error) {
	q := s.q(ctx).Table("tenancies").Select("id, status, start_date, household_id, landlord_id, companion_id, contact_user_id").
		Where("end_reason IS NULL OR end_reason NOT IN ?", domain.NoFollowUpAfter)
	var cond *gorm.DB
	for _, m := range domain.FollowUpMonths {
		c := s.q(ctx).Where("start_date <= ? AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.tenancy_id = tenancies.id AND f.months = ?)",
			latestStart(today, m), m)
		if cond == nil {
			cond = c
		} else {
			cond = cond.Or(c)
		}
	}
	var out []FollowUpTenancy
	if err := q.Where(cond).Order("start_date, id").Limit(jobBatch).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("store: tenancies with due follow-ups: %w", err)
	}
	return out, nil
}

// CreateFollowUp inserts a follow-up unless the tenancy has one for the month already; the
// unique index (tenancy_id, months) makes the insert the claim: false when another instance
// was first.
func (s *Store) CreateFollowUp(ctx context.Context, f *domain.FollowUp) (bool, error) {
	f.CreatedAt = s.Now()
	res := s.q(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "tenancy_id"}, {Name: "months"}}, DoNothing: true}).Create(f)
	if res.Error != nil {
		return false, fmt.Errorf("store: create follow-up: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}

// FollowUpByID returns a follow-up.
func (s *Store) FollowUpByID(ctx context.Context, id int64) (*domain.FollowUp, error) {
	var f domain.FollowUp
	if err := s.q(ctx).Take(&f, id).Error; err != nil {
		return nil, notFound("follow-up", err)
	}
	return &f, nil
}

// RecordFollowUp stores the outcome of an open follow-up; a follow-up recorded in the
// meantime is a conflict (exactly one of two concurrent records wins).
func (s *Store) RecordFollowUp(ctx context.Context, f *domain.FollowUp) error {
	now := s.Now()
	res := s.q(ctx).Model(&domain.FollowUp{}).Where("id = ? AND recorded_at IS NULL", f.ID).Updates(map[string]any{
		"outcome": f.Outcome, "end_reason": f.EndReason, "note": f.Note, "recorded_at": now,
		"recorded_by_id": f.RecordedByID, "recorded_by_name": f.RecordedByName})
	if res.Error != nil {
		return fmt.Errorf("store: record follow-up: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return domain.Conflict(domain.CodeFollowUpRecorded, "Diese Nachsorge wurde inzwischen schon erfasst.")
	}
	f.RecordedAt = &now
	return nil
}

// SetTenancyHoused updates whether the household of an ended tenancy is stably housed (a
// later follow-up found it housed elsewhere, or found it lost that home).
func (s *Store) SetTenancyHoused(ctx context.Context, tenancyID int64, housed bool) error {
	res := s.q(ctx).Table("tenancies").Where("id = ? AND status = ?", tenancyID, domain.TenancyEnded).
		Updates(map[string]any{"stably_housed": housed, "updated_at": s.Now()})
	if res.Error != nil {
		return fmt.Errorf("store: set tenancy housed: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return domain.Conflict(domain.CodeStateChanged, "Das Mietverhältnis wurde inzwischen geändert.")
	}
	return nil
}

// FollowUpRow is a follow-up with what its lists show.
type FollowUpRow struct {
	domain.FollowUp
	HouseholdID        int64
	HouseholdReference string
	CaseworkerID       *int64
	CompanionID        *int64
	Street             string
	LandlordName       string
	TenancyStart       domain.Date
	TenancyStatus      string
	Total              int64
}

// FollowUpScope narrows the follow-up lists: one caseworker's (her households and the
// tenancies she accompanies), only open or only recorded ones, one tenancy.
type FollowUpScope struct {
	CaseworkerID int64
	TenancyID    int64
	Open         *bool
	Limit        int
}

func (s *Store) followUpRows(ctx context.Context, sc FollowUpScope) *gorm.DB {
	q := s.q(ctx).Table("follow_ups").
		Select("follow_ups.*, tenancies.household_id, households.reference AS household_reference, households.caseworker_id, " +
			"tenancies.companion_id, vacancies.street, landlords.name AS landlord_name, tenancies.start_date AS tenancy_start, " +
			"tenancies.status AS tenancy_status, COUNT(*) OVER () AS total").
		Joins("JOIN tenancies ON tenancies.id = follow_ups.tenancy_id").
		Joins("JOIN households ON households.id = tenancies.household_id").
		Joins("JOIN vacancies ON vacancies.id = tenancies.vacancy_id").
		Joins("JOIN landlords ON landlords.id = tenancies.landlord_id")
	if sc.CaseworkerID != 0 {
		q = q.Where("(households.caseworker_id = ? OR tenancies.companion_id = ?)", sc.CaseworkerID, sc.CaseworkerID)
	}
	if sc.TenancyID != 0 {
		q = q.Where("follow_ups.tenancy_id = ?", sc.TenancyID)
	}
	if sc.Open != nil && *sc.Open {
		q = q.Where("follow_ups.recorded_at IS NULL").Order("follow_ups.due_on, follow_ups.id")
	} else if sc.Open != nil {
		q = q.Where("follow_ups.recorded_at IS NOT NULL").Order("follow_ups.recorded_at DESC, follow_ups.id DESC")
	} else {
		q = q.Order("follow_ups.due_on DESC, follow_ups.id DESC")
	}
	if sc.Limit > 0 {
		q = q.Limit(sc.Limit)
	}
	return q
}

// FollowUps lists follow-ups with their tenancy, household and landlord.
func (s *Store) FollowUps(ctx context.Context, sc FollowUpScope) ([]FollowUpRow, error) {
	var out []FollowUpRow
	if err := s.followUpRows(ctx, sc).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("store: follow-ups: %w", err)
	}
	return out, nil
}

// FollowUpRowByID returns one follow-up with its tenancy, household and landlord.
func (s *Store) FollowUpRowByID(ctx context.Context, id int64) (*FollowUpRow, error) {
	var out []FollowUpRow
	if err := s.followUpRows(ctx, FollowUpScope{}).Where("follow_ups.id = ?", id).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("store: follow-up row: %w", err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("store: follow-up %d: %w", id, domain.ErrNotFound)
	}
	return &out[0], nil
}

// CreateSatisfactionCheck stores a satisfaction check (hash of its token only) unless the
// tenancy has one for the month; false when it has.
func (s *Store) CreateSatisfactionCheck(ctx context.Context, c *domain.SatisfactionCheck) (bool, error) {
	c.CreatedAt = s.Now()
	res := s.q(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "tenancy_id"}, {Name: "months"}}, DoNothing: true}).Create(c)
	if res.Error != nil {
		return false, fmt.Errorf("store: create satisfaction check: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}

// OpenSatisfactionCheck finds an unanswered, unexpired check by its token's hash; anything
// else is ErrNotFound, so a page cannot tell an unknown link from a used or expired one.
func (s *Store) OpenSatisfactionCheck(ctx context.Context, hash string) (*domain.SatisfactionCheck, error) {
	var c domain.SatisfactionCheck
	err := s.q(ctx).Where("token_hash = ? AND answered_at IS NULL AND expires_at > ?", hash, s.Now()).Take(&c).Error
	if err != nil {
		return nil, notFound("satisfaction check", err)
	}
	return &c, nil
}

// AnswerSatisfactionCheck stores the answer exactly once; a second answer or an expired
// link is ErrNotFound.
func (s *Store) AnswerSatisfactionCheck(ctx context.Context, id int64, a domain.SatisfactionAnswer) error {
	now := s.Now()
	res := s.q(ctx).Model(&domain.SatisfactionCheck{}).Where("id = ? AND answered_at IS NULL AND expires_at > ?", id, now).
		Updates(map[string]any{"answered_at": now, "contact_score": a.Scores[0], "support_score": a.Scores[1],
			"overall_score": a.Scores[2], "comment": a.Comment})
	if res.Error != nil {
		return fmt.Errorf("store: answer satisfaction check: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: answer satisfaction check: %w", domain.ErrNotFound)
	}
	return nil
}

// SatisfactionRow is a satisfaction check with its landlord, for the statistics.
type SatisfactionRow struct {
	domain.SatisfactionCheck
	LandlordName string
}

// SatisfactionChecks lists every satisfaction check with its landlord, newest first.
func (s *Store) SatisfactionChecks(ctx context.Context) ([]SatisfactionRow, error) {
	var out []SatisfactionRow
	err := s.q(ctx).Table("satisfaction_checks").Select("satisfaction_checks.*, landlords.name AS landlord_name").
		Joins("JOIN tenancies ON tenancies.id = satisfaction_checks.tenancy_id").
		Joins("JOIN landlords ON landlords.id = tenancies.landlord_id").
		Order("satisfaction_checks.created_at DESC, satisfaction_checks.id DESC").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: satisfaction checks: %w", err)
	}
	return out, nil
}

// SatisfactionContext is what the landlord's satisfaction page and mail show: the flat,
// the household's pseudonym and the landlord's contact (nothing the design keeps from
// landlords).
type SatisfactionContext struct {
	TenancyID          int64
	HouseholdReference string
	Street             string
	PostalCode         string
	StartDate          domain.Date
	LandlordName       string
	LandlordContact    string
	LandlordEmail      string
}

// SatisfactionContextOf loads the satisfaction context of a tenancy.
func (s *Store) SatisfactionContextOf(ctx context.Context, tenancyID int64) (*SatisfactionContext, error) {
	var out []SatisfactionContext
	err := s.q(ctx).Table("tenancies").
		Select("tenancies.id AS tenancy_id, households.reference AS household_reference, vacancies.street, vacancies.postal_code, "+
			"tenancies.start_date, landlords.name AS landlord_name, landlords.contact_name AS landlord_contact, landlords.email AS landlord_email").
		Joins("JOIN households ON households.id = tenancies.household_id").
		Joins("JOIN vacancies ON vacancies.id = tenancies.vacancy_id").
		Joins("JOIN landlords ON landlords.id = tenancies.landlord_id").
		Where("tenancies.id = ?", tenancyID).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: satisfaction context: %w", err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("store: satisfaction context %d: %w", tenancyID, domain.ErrNotFound)
	}
	return &out[0], nil
}

// SustainmentRow is one tenancy as the sustainment statistics read it.
type SustainmentRow struct {
	TenancyID           int64
	StartDate           domain.Date
	EndDate             domain.Date
	Status              string
	StablyHoused        bool
	LandlordName        string
	CertificatePassedOn domain.Date
	AccompanimentFrom   domain.Date
	FachstelleCase      bool
	FocusGroup          string
}

// SustainmentRows lists every tenancy with its household's tracks and focus group and its
// landlord, oldest first.
func (s *Store) SustainmentRows(ctx context.Context) ([]SustainmentRow, error) {
	var out []SustainmentRow
	err := s.q(ctx).Table("tenancies").
		Select("tenancies.id AS tenancy_id, tenancies.start_date, tenancies.end_date, tenancies.status, tenancies.stably_housed, " +
			"landlords.name AS landlord_name, households.certificate_passed_on, households.accompaniment_from, " +
			"households.fachstelle_case, households.focus_group").
		Joins("JOIN households ON households.id = tenancies.household_id").
		Joins("JOIN landlords ON landlords.id = tenancies.landlord_id").
		Order("tenancies.start_date, tenancies.id").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: sustainment rows: %w", err)
	}
	return out, nil
}

// RecordedFollowUps lists every recorded follow-up (outcome set), for the statistics.
func (s *Store) RecordedFollowUps(ctx context.Context) ([]domain.FollowUp, error) {
	var out []domain.FollowUp
	if err := s.q(ctx).Where("recorded_at IS NOT NULL").Order("tenancy_id, months").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: recorded follow-ups: %w", err)
	}
	return out, nil
}

// FollowUpTaskRows lists the open follow-ups due by today for a start page (first
// taskLimit, Total counts all).
func (s *Store) FollowUpTaskRows(ctx context.Context, caseworkerID int64, today domain.Date) ([]FollowUpRow, error) {
	open := true
	var out []FollowUpRow
	err := s.followUpRows(ctx, FollowUpScope{CaseworkerID: caseworkerID, Open: &open, Limit: taskLimit}).
		Where("follow_ups.due_on <= ?", today).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: follow-up tasks: %w", err)
	}
	return out, nil
}

// WarningTenancy is a running tenancy with what the early-warning list shows.
type WarningTenancy struct {
	TenancyID          int64
	StartDate          domain.Date
	NextVisitDue       domain.Date
	HouseholdID        int64
	HouseholdReference string
	Street             string
	LandlordName       string
}

// WarningReportRow is a report of a running tenancy, for the early warnings.
type WarningReportRow struct {
	TenancyID int64
	Category  string
	Status    string
	CreatedAt time.Time
}

// WarningConsentRow is a revoked consent to direct payment of a running tenancy's household.
type WarningConsentRow struct {
	TenancyID int64
	RevokedAt time.Time
}

// EarlyWarningFacts loads the running tenancies with their reports and revoked direct-payment
// consents (three queries, whatever the number of tenancies).
func (s *Store) EarlyWarningFacts(ctx context.Context) ([]WarningTenancy, []WarningReportRow, []WarningConsentRow, error) {
	var ts []WarningTenancy
	err := s.q(ctx).Table("tenancies").
		Select("tenancies.id AS tenancy_id, tenancies.start_date, tenancies.next_visit_due, tenancies.household_id, "+
			"households.reference AS household_reference, vacancies.street, landlords.name AS landlord_name").
		Joins("JOIN households ON households.id = tenancies.household_id").
		Joins("JOIN vacancies ON vacancies.id = tenancies.vacancy_id").
		Joins("JOIN landlords ON landlords.id = tenancies.landlord_id").
		Where("tenancies.status = ?", domain.TenancyActive).Order("tenancies.start_date, tenancies.id").Scan(&ts).Error
	if err != nil {
		return nil, nil, nil, fmt.Errorf("store: early warning tenancies: %w", err)
	}
	var rs []WarningReportRow
	err = s.q(ctx).Table("tenancy_reports").Select("tenancy_reports.tenancy_id, tenancy_reports.category, tenancy_reports.status, tenancy_reports.created_at").
		Joins("JOIN tenancies ON tenancies.id = tenancy_reports.tenancy_id").
		Where("tenancies.status = ?", domain.TenancyActive).Scan(&rs).Error
	if err != nil {
		return nil, nil, nil, fmt.Errorf("store: early warning reports: %w", err)
	}
	var cs []WarningConsentRow
	err = s.q(ctx).Table("consents").Select("tenancies.id AS tenancy_id, consents.revoked_at").
		Joins("JOIN tenancies ON tenancies.household_id = consents.household_id").
		Where("tenancies.status = ? AND consents.kind = ? AND consents.revoked_at IS NOT NULL", domain.TenancyActive,
			domain.ConsentDirectPaymentDisclosure).Scan(&cs).Error
	if err != nil {
		return nil, nil, nil, fmt.Errorf("store: early warning consents: %w", err)
	}
	return ts, rs, cs, nil
}

// ReportTime is a landlord report as the statistics read it.
type ReportTime struct {
	Category      string
	CreatedAt     time.Time
	RespondBy     time.Time
	FirstAnswerAt *time.Time
}

// ReportTimes lists every landlord report with its target and first answer.
func (s *Store) ReportTimes(ctx context.Context) ([]ReportTime, error) {
	var out []ReportTime
	err := s.q(ctx).Table("tenancy_reports").Select("category, created_at, respond_by, first_answer_at").
		Order("created_at, id").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: report times: %w", err)
	}
	return out, nil
}

// VisitsByMonth counts the Wohnbegleitung's contacts per calendar month ("2026-03") from
// the first day of from's month on.
func (s *Store) VisitsByMonth(ctx context.Context, from domain.Date) (map[string]int, error) {
	var days []domain.Date
	err := s.q(ctx).Table("tenancy_visits").Where("visited_on >= ?", from.FirstOfMonth()).Pluck("visited_on", &days).Error
	if err != nil {
		return nil, fmt.Errorf("store: visits by month: %w", err)
	}
	out := map[string]int{}
	for _, d := range days {
		out[d.Month()]++
	}
	return out, nil
}
