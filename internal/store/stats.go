package store

import (
	"context"
	"fmt"
	"time"

	"wohnbruecke/internal/domain"
)

// LeaseRow is a signed lease with what the statistics group it by.
type LeaseRow struct {
	MatchID             int64
	LeaseAt             time.Time
	RegisteredOn        domain.Date
	CertificatePassedOn domain.Date
	AccompanimentFrom   domain.Date
	FachstelleCase      bool
	FocusGroup          string
}

// LeasesBetween lists leases signed in [from, to). Like every query with instants it
// compares them in UTC: SQLite stores timestamps as UTC text and compares text.
func (s *Store) LeasesBetween(ctx context.Context, from, to time.Time) ([]LeaseRow, error) {
	var rows []LeaseRow
	err := s.q(ctx).Table("matches").
		Select("matches.id AS match_id, matches.state_changed_at AS lease_at, households.registered_on, "+
			"households.certificate_passed_on, households.accompaniment_from, households.fachstelle_case, households.focus_group").
		Joins("JOIN households ON households.id = matches.household_id").
		Where("matches.state = ? AND matches.state_changed_at >= ? AND matches.state_changed_at < ?", domain.MatchLeaseSigned, from.UTC(), to.UTC()).
		Order("matches.state_changed_at").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: leases between: %w", err)
	}
	return rows, nil
}

// ApprovalRow is an approved match with its furthest state.
type ApprovalRow struct {
	ID    int64
	State domain.MatchState
}

// ApprovalsBetween lists matches approved in [from, to).
func (s *Store) ApprovalsBetween(ctx context.Context, from, to time.Time) ([]ApprovalRow, error) {
	var rows []ApprovalRow
	err := s.q(ctx).Model(&domain.Match{}).Select("id, state").
		Where("approved_at >= ? AND approved_at < ?", from.UTC(), to.UTC()).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: approvals between: %w", err)
	}
	return rows, nil
}

// LandlordQuotaRow is a landlord's vacancies offered and let against their yearly quota.
type LandlordQuotaRow struct {
	LandlordID  int64
	Name        string
	YearlyQuota int
	Offered     int
	Let         int
}

// LandlordQuotas counts vacancies submitted in [from, to) per landlord, and how many of
// them are let, with the quota of the newest agreement.
func (s *Store) LandlordQuotas(ctx context.Context, from, to time.Time) ([]LandlordQuotaRow, error) {
	var rows []LandlordQuotaRow
	err := s.q(ctx).Table("landlords").
		Select("landlords.id AS landlord_id, landlords.name, "+
			"COALESCE((SELECT a.yearly_quota FROM cooperation_agreements a WHERE a.landlord_id = landlords.id ORDER BY a.created_at DESC, a.id DESC LIMIT 1), 0) AS yearly_quota, "+
			"(SELECT COUNT(*) FROM vacancies v WHERE v.landlord_id = landlords.id AND v.submitted_at >= ? AND v.submitted_at < ?) AS offered, "+
			"(SELECT COUNT(*) FROM vacancies v WHERE v.landlord_id = landlords.id AND v.status = ? AND v.submitted_at >= ? AND v.submitted_at < ?) AS let", from.UTC(), to.UTC(), domain.VacancyLet, from.UTC(), to.UTC()).
		Where("landlords.status <> ?", domain.LandlordBlocked).Order("landlords.name").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: landlord quotas: %w", err)
	}
	return rows, nil
}

// WaitingRow counts active households of a focus group and urgency.
type WaitingRow struct {
	FocusGroup string
	Urgency    int
	N          int
}

// WaitingHouseholds counts active households by focus group and urgency (0 = none).
func (s *Store) WaitingHouseholds(ctx context.Context) ([]WaitingRow, error) {
	var rows []WaitingRow
	err := s.q(ctx).Model(&domain.Household{}).Select("focus_group, COALESCE(urgency, 0) AS urgency, COUNT(*) AS n").
		Where("status = ?", domain.HouseholdActive).Group("focus_group, COALESCE(urgency, 0)").Order("focus_group, urgency").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: waiting households: %w", err)
	}
	return rows, nil
}
