package store

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"wohnbruecke/internal/domain"
)

// HouseholdFilter narrows the household list. Zero values do not filter.
type HouseholdFilter struct {
	Query        string // reference or contact name, case-insensitive
	Track        domain.Track
	FocusGroup   domain.FocusGroup
	Urgency      domain.Urgency
	Status       string
	Language     domain.Language
	Borough      domain.Borough // wished (preferred) Stadtbezirk
	MinWaitDays  int            // registered at least this many days ago
	CaseworkerID int64          // only households assigned to this caseworker
	Sort         string         // reference, contact_name, registered_on, urgency, persons
	Desc         bool
	Page         int // 1-based
	PerPage      int
	// AfterID switches to keyset paging for the API: households with a larger id, in id
	// order (Sort, Desc and Page are ignored).
	AfterID int64
}

// HouseholdListRow is one line of the household list.
type HouseholdListRow struct {
	ID                  int64
	Reference           string
	ContactName         string
	Language            domain.Language
	Status              string
	FocusGroup          domain.FocusGroup
	Urgency             *domain.Urgency
	CertificatePassedOn domain.Date
	AccompanimentFrom   domain.Date
	AccompanimentUntil  domain.Date
	FachstelleCase      bool
	RegisteredOn        domain.Date
	PreferredBoroughs   domain.BoroughList
	Persons             int
}

var householdSorts = map[string]string{
	"reference": "reference", "contact_name": "contact_name", "registered_on": "registered_on",
	"urgency": "COALESCE(urgency, 9)", "persons": "persons",
}

// ListHouseholds returns one page of households and the number of all that match.
func (s *Store) ListHouseholds(ctx context.Context, f HouseholdFilter) ([]HouseholdListRow, int64, error) {
	q := s.q(ctx).Table("households")
	today := s.Today()
	if f.Query != "" {
		like := "%" + strings.ToLower(strings.TrimSpace(f.Query)) + "%"
		q = q.Where("lower(reference) LIKE ? OR lower(contact_name) LIKE ?", like, like)
	}
	switch f.Track {
	case domain.TrackCertificate:
		q = q.Where("certificate_passed_on IS NOT NULL")
	case domain.TrackAccompaniment:
		q = q.Where("accompaniment_from IS NOT NULL AND accompaniment_from <= ? AND (accompaniment_until IS NULL OR accompaniment_until >= ?)", today, today)
	case domain.TrackFachstelle:
		q = q.Where("fachstelle_case")
	}
	for col, v := range map[string]string{"focus_group": string(f.FocusGroup), "status": f.Status, "language": string(f.Language)} {
		if v != "" {
			q = q.Where(col+" = ?", v)
		}
	}
	if f.Urgency > 0 {
		q = q.Where("urgency = ?", f.Urgency)
	}
	if f.Borough != "" {
		q = q.Where("preferred_boroughs LIKE ?", "%"+string(f.Borough)+"%")
	}
	if f.MinWaitDays > 0 {
		q = q.Where("registered_on <= ?", today.AddDays(-f.MinWaitDays))
	}
	if f.CaseworkerID != 0 {
		q = q.Where("caseworker_id = ?", f.CaseworkerID)
	}
	var total int64
	if err := q.Session(&gorm.Session{}).Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("store: count households: %w", err)
	}
	order, ok := householdSorts[f.Sort]
	if !ok {
		order = "reference"
	}
	if f.Desc {
		order += " DESC"
	}
	if f.AfterID > 0 || f.Sort == "id" {
		q, order, f.Page = q.Where("id > ?", f.AfterID), "id", 1
	}
	if f.PerPage <= 0 || f.PerPage > 200 {
		f.PerPage = 50
	}
	if f.Page < 1 {
		f.Page = 1
	}
	var rows []HouseholdListRow
	err := q.Select("id, reference, contact_name, language, status, focus_group, urgency, certificate_passed_on, " +
		"accompaniment_from, accompaniment_until, fachstelle_case, registered_on, preferred_boroughs, " +
		"(SELECT COUNT(*) FROM household_members m WHERE m.household_id = households.id) AS persons").
		Order(order + ", id").Limit(f.PerPage).Offset((f.Page - 1) * f.PerPage).Scan(&rows).Error
	if err != nil {
		return nil, 0, fmt.Errorf("store: list households: %w", err)
	}
	return rows, total, nil
}
