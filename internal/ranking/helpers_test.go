package ranking_test

import "wohnbruecke/internal/store"

type storeRow struct{ Status, FocusGroup, Benefit string }

func (r storeRow) row() *store.CandidateRow {
	return &store.CandidateRow{Status: r.Status, FocusGroup: r.FocusGroup, Benefit: r.Benefit, Persons: 1}
}
