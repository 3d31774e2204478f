package demo

import (
	"context"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// overrideSnapshot gives a history match approved below rank 1 the written reason an
// approval out of rank order needs (Art. 22), on a snapshot row without ranking data (the
// demo history was never ranked), so the equity dashboard counts overrides on first start.
// The reason follows from the rank, not from the random source, so the rest of the demo
// stays as it was.
func overrideSnapshot(ctx context.Context, st *store.Store, m *domain.Match, vacancyID int64, approved time.Time) error {
	if m.Rank <= 1 {
		return nil
	}
	reasons := domain.OverrideReasons
	r := reasons[m.Rank%(len(reasons)-1)] // never "other": the demo text fits the catalogue entry
	code := r.Value
	sn := &domain.RankingSnapshot{VacancyID: vacancyID, PolicyVersion: m.PolicyVersion, ComputedOn: domain.Today(approved),
		InputsJSON: "{}", ResultJSON: "{}", CreatedByID: m.ApprovedByID, OverrideReason: &code,
		OverrideNote: "Demo: " + r.Label + "; mit der Wohnbegleitung abgestimmt."}
	if err := st.CreateSnapshot(ctx, sn); err != nil {
		return err
	}
	m.SnapshotID = &sn.ID
	return nil
}
