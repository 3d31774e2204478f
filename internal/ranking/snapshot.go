package ranking

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"wohnbruecke/internal/domain"
	"wohnbruecke/matching"
)

// Snapshot is a ranking as it was computed: every input of the pure engine and the full
// order it produced. One is stored with every approval, so the ranking staff approved from
// can be rebuilt and checked exactly, whatever changed in the database since.
type Snapshot struct {
	Policy     matching.Policy      // version, weights and legal limits
	Today      domain.Date          // the day the ranking was computed for
	Vacancy    matching.Vacancy     // the engine's view of the vacancy
	Households []matching.Household // every rankable household, in the order they were ranked
	// Result is the full order: every eligible household best first (Rank, Score) and every
	// excluded one with its reasons; Index fields refer to Households.
	Result matching.Result
}

// ErrSnapshotDiffers is returned by Rebuild when the stored data does not give back the
// stored ranking.
var ErrSnapshotDiffers = errors.New("ranking: snapshot does not reproduce")

// SnapshotOf returns the snapshot of a full ranking (RankVacancy with limit 0).
func SnapshotOf(r *VacancyRanking) (*Snapshot, error) {
	if len(r.Result.Candidates) != r.Result.Eligible {
		return nil, fmt.Errorf("ranking: snapshot of vacancy %d needs the full ranking, not the best %d of %d",
			r.Input.ID, len(r.Result.Candidates), r.Result.Eligible)
	}
	return &Snapshot{Policy: r.Policy, Today: r.Today, Vacancy: r.Input, Households: r.Households, Result: r.Result}, nil
}

// snapshotInputs is the readable part of inputs_json: what a person querying the database
// needs to see at a glance. The complete inputs are in Data.
type snapshotInputs struct {
	Policy     matching.Policy    `json:"policy"`
	Today      domain.Date        `json:"today"`
	Vacancy    matching.Vacancy   `json:"vacancy"`
	Households int                `json:"households"`
	Household  matching.Household `json:"household"`
}

// snapshotResult is the readable part of result_json.
type snapshotResult struct {
	HouseholdID int64        `json:"household_id"`
	Rank        int32        `json:"rank"`
	Score       float64      `json:"score"`
	Eligible    int          `json:"eligible"`
	Excluded    int          `json:"excluded"`
	TopRanked   []rankedJSON `json:"top_ranked"`
}

type rankedJSON struct {
	HouseholdID int64   `json:"household_id"`
	Rank        int32   `json:"rank"`
	Score       float64 `json:"score"`
}

// readableTop is how many of the best-ranked households result_json lists.
const readableTop = 50

// Record returns the database row of the snapshot for the approval of the given candidate:
// the compressed inputs and order with their SHA-256 hashes, and a readable summary.
func (s *Snapshot) Record(chosen matching.Candidate) (*domain.RankingSnapshot, error) {
	inputs, order := s.sections()
	data, err := compress(inputs, order)
	if err != nil {
		return nil, err
	}
	in, err := json.Marshal(snapshotInputs{Policy: s.Policy, Today: s.Today, Vacancy: s.Vacancy,
		Households: len(s.Households), Household: s.Households[chosen.Index]})
	if err != nil {
		return nil, fmt.Errorf("ranking: snapshot inputs: %w", err)
	}
	sum := snapshotResult{HouseholdID: s.Households[chosen.Index].ID, Rank: chosen.Rank, Score: chosen.Score.Float64(),
		Eligible: s.Result.Eligible, Excluded: len(s.Result.Excluded)}
	for _, c := range s.Result.Candidates[:min(readableTop, len(s.Result.Candidates))] {
		sum.TopRanked = append(sum.TopRanked, rankedJSON{c.HouseholdID(s.Households), c.Rank, c.Score.Float64()})
	}
	res, err := json.Marshal(sum)
	if err != nil {
		return nil, fmt.Errorf("ranking: snapshot result: %w", err)
	}
	return &domain.RankingSnapshot{VacancyID: s.Vacancy.ID, PolicyVersion: s.Policy.Version, ComputedOn: s.Today,
		InputsJSON: string(in), ResultJSON: string(res), Format: snapshotFormat,
		InputsSHA256: hash(inputs), OrderSHA256: hash(order), Data: data}, nil
}

func hash(p []byte) string {
	sum := sha256.Sum256(p)
	return hex.EncodeToString(sum[:])
}

// DecodeSnapshot reads a stored snapshot and checks both sections against their hashes.
func DecodeSnapshot(rec *domain.RankingSnapshot) (*Snapshot, error) {
	if rec.Format != snapshotFormat {
		return nil, fmt.Errorf("ranking: snapshot %d has format %d and cannot be rebuilt", rec.ID, rec.Format)
	}
	inputs, order, err := decompress(rec.Data)
	if err != nil {
		return nil, fmt.Errorf("ranking: snapshot %d: %w", rec.ID, err)
	}
	if hash(inputs) != rec.InputsSHA256 {
		return nil, fmt.Errorf("%w: snapshot %d: inputs do not match their hash", ErrSnapshotDiffers, rec.ID)
	}
	if hash(order) != rec.OrderSHA256 {
		return nil, fmt.Errorf("%w: snapshot %d: order does not match its hash", ErrSnapshotDiffers, rec.ID)
	}
	s := &Snapshot{}
	r := &reader{b: inputs}
	readInputs(r, s)
	ro := &reader{b: order}
	s.Result = readOrder(ro)
	if r.err != nil || ro.err != nil || len(r.b)+len(ro.b) != 0 {
		return nil, fmt.Errorf("ranking: snapshot %d: %w", rec.ID, errCorrupt)
	}
	if !indexesValid(&s.Result, len(s.Households)) {
		return nil, fmt.Errorf("ranking: snapshot %d: %w", rec.ID, errCorrupt)
	}
	s.Result.PolicyVersion, s.Result.Weights = s.Policy.Version, s.Policy.Weights
	// Values that do not fit their fields would read back differently: the inputs must be
	// exactly what was hashed.
	if again, _ := s.sections(); !slices.Equal(again, inputs) {
		return nil, fmt.Errorf("ranking: snapshot %d: %w", rec.ID, errCorrupt)
	}
	return s, nil
}

// indexesValid reports whether every candidate and excluded household refers to one of n
// households.
func indexesValid(res *matching.Result, n int) bool {
	for _, c := range res.Candidates {
		if c.Index < 0 || int(c.Index) >= n {
			return false
		}
	}
	for _, e := range res.Excluded {
		if e.Index < 0 || int(e.Index) >= n {
			return false
		}
	}
	return true
}

// Rebuild reads a stored snapshot, ranks its inputs again with the pure matching engine and
// checks that the result is exactly the stored order: the same households in the same
// ranks with the same scores, the same excluded households with the same reasons. It
// returns the rebuilt snapshot; a difference is an ErrSnapshotDiffers naming the first one.
func Rebuild(rec *domain.RankingSnapshot) (*Snapshot, error) {
	stored, err := DecodeSnapshot(rec)
	if err != nil {
		return nil, err
	}
	res, err := matching.Rank(stored.Vacancy, stored.Households, stored.Policy, matching.Date(stored.Today), matching.Options{})
	if err != nil {
		return nil, fmt.Errorf("ranking: rebuild snapshot %d: %w", rec.ID, err)
	}
	rebuilt := *stored
	rebuilt.Result = res
	if err := sameOrder(stored, &rebuilt); err != nil {
		return nil, fmt.Errorf("%w: snapshot %d: %w", ErrSnapshotDiffers, rec.ID, err)
	}
	if _, order := rebuilt.sections(); hash(order) != rec.OrderSHA256 {
		return nil, fmt.Errorf("%w: snapshot %d: rebuilt order has another hash", ErrSnapshotDiffers, rec.ID)
	}
	return &rebuilt, nil
}

// sameOrder names the first difference between two results of the same inputs.
func sameOrder(want, got *Snapshot) error {
	w, g := &want.Result, &got.Result
	if w.Eligible != g.Eligible || len(w.Candidates) != len(g.Candidates) || len(w.Excluded) != len(g.Excluded) {
		return fmt.Errorf("%d eligible (%d ranked, %d excluded), stored %d (%d ranked, %d excluded)",
			g.Eligible, len(g.Candidates), len(g.Excluded), w.Eligible, len(w.Candidates), len(w.Excluded))
	}
	for i, c := range g.Candidates {
		if c != w.Candidates[i] {
			return fmt.Errorf("rank %d: household %d with %d points, stored household %d rank %d with %d points",
				i+1, c.HouseholdID(got.Households), c.Score, w.Candidates[i].HouseholdID(want.Households),
				w.Candidates[i].Rank, w.Candidates[i].Score)
		}
	}
	for i, e := range g.Excluded {
		if e != w.Excluded[i] {
			return fmt.Errorf("excluded %d: household %d for %v, stored household %d for %v",
				i, e.HouseholdID(got.Households), e.Reasons, w.Excluded[i].HouseholdID(want.Households), w.Excluded[i].Reasons)
		}
	}
	return nil
}

// RebuildSnapshot loads a stored snapshot and rebuilds it (see Rebuild).
func (s *Service) RebuildSnapshot(ctx context.Context, id int64) (*Snapshot, error) {
	rec, err := s.store.SnapshotByID(ctx, id)
	if err != nil {
		return nil, err
	}
	return Rebuild(rec)
}
