package store

import (
	"context"
	"fmt"
	"slices"

	"wohnbruecke/internal/domain"
)

// The data version (migration 00021): triggers on households, household_members, matches,
// vacancies, policies and settings add a row to data_changes for every write, in commit
// order, whoever writes (the application, psql, a restore). The newest seq is the version
// of everything the ranking reads.

// dataChangesKept is how many change rows the janitor keeps; a cache older than that
// reloads all candidates instead of reading the households changed since.
const dataChangesKept = 100_000

// DataVersion returns the current data version, the newest data_changes seq (0 before the
// first write). It costs one primary-key lookup.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	// database/sql directly: this runs on every ranking request, and GORM's statement
	// building cost about as much CPU as the round trip (profile of the ranking endpoint).
	var v int64
	err := s.db.Statement.ConnPool.QueryRowContext(ctx, "SELECT COALESCE(MAX(seq), 0) FROM data_changes").Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("store: data version: %w", markUnavailable(err))
	}
	return v, nil
}

// ChangedHouseholds returns the ids of the households written (with their members or
// matches) after data version since and up to version upTo, sorted and without repeats. all
// is true when the log cannot tell: it was pruned past since, or a table was truncated;
// then every candidate must be read again.
func (s *Store) ChangedHouseholds(ctx context.Context, since, upTo int64) (ids []int64, all bool, err error) {
	if since < upTo-dataChangesKept {
		return nil, true, nil
	}
	err = s.q(ctx).Raw("SELECT DISTINCT household_id FROM data_changes WHERE seq > ? AND seq <= ? AND household_id <> 0",
		since, upTo).Scan(&ids).Error
	if err != nil {
		return nil, false, fmt.Errorf("store: changed households: %w", err)
	}
	slices.Sort(ids)
	if len(ids) > 0 && ids[0] < 0 {
		return nil, true, nil
	}
	return ids, false, nil
}

// CandidateRowsByID returns the rows of those of the given households that can still be
// ranked (the others left the active and paused states or were deleted), ordered by id.
func (s *Store) CandidateRowsByID(ctx context.Context, ids []int64) ([]CandidateRow, error) {
	var rows []CandidateRow
	for start := 0; start < len(ids); start += 1000 {
		var part []CandidateRow
		chunk := ids[start:min(start+1000, len(ids))]
		err := s.q(ctx).Model(&domain.Household{}).Select(candidateColumns).
			Where("id IN ? AND status IN ?", chunk, domain.RankedHouseholdStatuses).Order("id").Find(&part).Error
		if err != nil {
			return nil, fmt.Errorf("store: changed candidate rows: %w", err)
		}
		if err := s.fillCandidateDetails(ctx, part); err != nil {
			return nil, err
		}
		rows = append(rows, part...)
	}
	return rows, nil
}

// PruneDataChanges deletes change rows beyond the newest dataChangesKept (janitor).
func (s *Store) PruneDataChanges(ctx context.Context) error {
	err := s.q(ctx).Exec("DELETE FROM data_changes WHERE seq < (SELECT MAX(seq) FROM data_changes) - ?", dataChangesKept).Error
	if err != nil {
		return fmt.Errorf("store: prune data changes: %w", err)
	}
	return nil
}
