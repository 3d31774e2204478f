package ranking_test

import (
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

type storeRow struct{ Status, FocusGroup, Benefit string }

func (r storeRow) row() *store.CandidateRow {
	return &store.CandidateRow{Status: domain.HouseholdStatus(r.Status), FocusGroup: r.FocusGroup, Benefit: r.Benefit, Persons: 1}
}
