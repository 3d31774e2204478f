package store

import (
	"context"
	"fmt"
	"time"

	"wohnbruecke/internal/domain"
)

// EquityHousehold is a household with what the equity report groups it by and the facts
// that decide whether it belongs to the eligible pool of a period (stats.EquityReport).
type EquityHousehold struct {
	ID                  int64
	RegisteredOn        domain.Date
	Status              domain.HouseholdStatus
	FocusGroup          string
	CertificatePassedOn domain.Date
	AccompanimentFrom   domain.Date
	FachstelleCase      bool
	UpdatedAt           time.Time
}

// EquityHouseholds lists every household registered before the day to (or with no
// registration day), whatever its status.
func (s *Store) EquityHouseholds(ctx context.Context, to domain.Date) ([]EquityHousehold, error) {
	var rows []EquityHousehold
	err := s.q(ctx).Model(&domain.Household{}).
		Select("id, registered_on, status, focus_group, certificate_passed_on, accompaniment_from, fachstelle_case, updated_at").
		Where("registered_on IS NULL OR registered_on < ?", to).Order("id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: equity households: %w", err)
	}
	return rows, nil
}

// EquityLease is a signed lease with its flat's landlord and publication, and how many
// proposals the flat had in all.
type EquityLease struct {
	MatchID      int64
	HouseholdID  int64
	VacancyID    int64
	LeaseAt      time.Time
	PublishedAt  *time.Time
	LandlordID   int64
	LandlordName string
	Proposals    int
}

// EquityLeases lists the leases signed before the instant to, oldest first (the report
// needs the earlier ones too: a household housed before the period is not in its pool).
func (s *Store) EquityLeases(ctx context.Context, to time.Time) ([]EquityLease, error) {
	var rows []EquityLease
	err := s.q(ctx).Table("matches").
		Select("matches.id AS match_id, matches.household_id, matches.vacancy_id, matches.state_changed_at AS lease_at, "+
			"vacancies.published_at, vacancies.landlord_id, landlords.name AS landlord_name, "+
			"(SELECT COUNT(*) FROM matches m2 WHERE m2.vacancy_id = matches.vacancy_id) AS proposals").
		Joins("JOIN vacancies ON vacancies.id = matches.vacancy_id").
		Joins("JOIN landlords ON landlords.id = vacancies.landlord_id").
		Where("matches.state = ? AND matches.state_changed_at < ?", domain.MatchLeaseSigned, to.UTC()).
		Order("matches.state_changed_at, matches.id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: equity leases: %w", err)
	}
	return rows, nil
}

// EquityProposal is a match approved in the period with its state today, the landlord's
// reason for a rejection, the household's for a decline and the written reason of an
// approval out of rank order.
type EquityProposal struct {
	ID              int64
	HouseholdID     int64
	State           domain.MatchState
	RejectionReason *string
	DeclineReason   *string
	OverrideReason  *string
}

// EquityProposals lists the matches approved in [from, to).
func (s *Store) EquityProposals(ctx context.Context, from, to time.Time) ([]EquityProposal, error) {
	var rows []EquityProposal
	err := s.q(ctx).Table("matches").
		Select("matches.id, matches.household_id, matches.state, matches.rejection_reason, matches.decline_reason, ranking_snapshots.override_reason").
		Joins("LEFT JOIN ranking_snapshots ON ranking_snapshots.id = matches.snapshot_id").
		Where("matches.approved_at >= ? AND matches.approved_at < ?", from.UTC(), to.UTC()).
		Order("matches.id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: equity proposals: %w", err)
	}
	return rows, nil
}

// EquityViewings lists, one row per match, the households whose viewing began in
// [from, to) and took place: the match reached one of domain.ViewedMatchStates.
func (s *Store) EquityViewings(ctx context.Context, from, to time.Time) ([]int64, error) {
	var ids []int64
	err := s.q(ctx).Table("matches").Select("matches.household_id").
		Where("matches.state IN ?", domain.ViewedMatchStates).
		Where("EXISTS (SELECT 1 FROM viewings v WHERE v.match_id = matches.id AND v.state IN ? AND v.starts_at >= ? AND v.starts_at < ?)",
			[]domain.ViewingState{domain.ViewingConfirmed, domain.ViewingHeld}, from.UTC(), to.UTC()).
		Order("matches.id").Scan(&ids).Error
	if err != nil {
		return nil, fmt.Errorf("store: equity viewings: %w", err)
	}
	return ids, nil
}

// EquityClosing is the instant a household was closed (abgeschlossen), from the audit log.
type EquityClosing struct {
	EntityID int64
	At       time.Time
}

// EquityClosings lists the closings of households recorded before the instant to, oldest
// first; a household closed, reopened and closed again appears twice.
func (s *Store) EquityClosings(ctx context.Context, to time.Time) ([]EquityClosing, error) {
	var rows []EquityClosing
	err := s.q(ctx).Table("audit_log").Select("entity_id, at").
		Where("action = ? AND entity = ? AND at < ?", "household.close", "household", to.UTC()).
		Order("at, id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: equity closings: %w", err)
	}
	return rows, nil
}

// RecentlyPublished returns the n vacancies published last (whatever their status now),
// newest first: the flats the policy simulator reranks.
func (s *Store) RecentlyPublished(ctx context.Context, n int) ([]domain.Vacancy, error) {
	var vs []domain.Vacancy
	err := s.q(ctx).Where("published_at IS NOT NULL").Order("published_at DESC, id DESC").Limit(n).Find(&vs).Error
	if err != nil {
		return nil, fmt.Errorf("store: recently published: %w", err)
	}
	return vs, nil
}

// MatchOverride is the written reason of a match approved out of rank order.
type MatchOverride struct {
	MatchID        int64
	OverrideReason domain.ReasonCode
	OverrideNote   string
	TopReference   string
}

// OverridesOfHousehold returns, by match id, the written reasons of the household's matches
// that were approved out of rank order.
func (s *Store) OverridesOfHousehold(ctx context.Context, householdID int64) (map[int64]MatchOverride, error) {
	var rows []MatchOverride
	err := s.q(ctx).Table("matches").
		Select("matches.id AS match_id, ranking_snapshots.override_reason, ranking_snapshots.override_note, COALESCE(top.reference, '') AS top_reference").
		Joins("JOIN ranking_snapshots ON ranking_snapshots.id = matches.snapshot_id").
		Joins("LEFT JOIN households top ON top.id = ranking_snapshots.top_household_id").
		Where("matches.household_id = ? AND ranking_snapshots.override_reason IS NOT NULL", householdID).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: overrides of household: %w", err)
	}
	out := make(map[int64]MatchOverride, len(rows))
	for _, r := range rows {
		out[r.MatchID] = r
	}
	return out, nil
}
