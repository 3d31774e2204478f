package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"wohnbruecke/internal/domain"
)

// forUpdate locks the selected rows on PostgreSQL. SQLite has no row locks; its writers are
// serialised by the immediate transactions the store opens.
func (s *Store) forUpdate(q *gorm.DB) *gorm.DB {
	if s.dialect == "postgres" {
		return q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	return q
}

// VacancyForUpdate reads a vacancy and locks it for the rest of the transaction.
func (s *Store) VacancyForUpdate(ctx context.Context, id int64) (*domain.Vacancy, error) {
	var v domain.Vacancy
	if err := s.forUpdate(s.q(ctx)).Take(&v, id).Error; err != nil {
		return nil, notFound("vacancy for update", err)
	}
	return &v, nil
}

// CandidateRow loads the ranking row of one household (any status).
func (s *Store) CandidateRow(ctx context.Context, householdID int64) (*CandidateRow, error) {
	var rows []CandidateRow
	err := s.q(ctx).Model(&domain.Household{}).Select(candidateColumns).Where("id = ?", householdID).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: candidate row: %w", err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("store: candidate row: %w", domain.ErrNotFound)
	}
	if err := s.fillCandidateDetails(ctx, rows); err != nil {
		return nil, err
	}
	return &rows[0], nil
}

// SlotByID finds a viewing slot of a vacancy.
func (s *Store) SlotByID(ctx context.Context, vacancyID, slotID int64) (*domain.ViewingSlot, error) {
	var slot domain.ViewingSlot
	err := s.q(ctx).Where("id = ? AND vacancy_id = ?", slotID, vacancyID).Take(&slot).Error
	if err != nil {
		return nil, notFound("slot by id", err)
	}
	return &slot, nil
}

// SlotsOfVacancies returns the viewing slots of the given vacancies that start after from,
// by vacancy, in time order (one query for a whole page of matches).
func (s *Store) SlotsOfVacancies(ctx context.Context, vacancyIDs []int64, from time.Time) (map[int64][]domain.ViewingSlot, error) {
	out := make(map[int64][]domain.ViewingSlot, len(vacancyIDs))
	if len(vacancyIDs) == 0 {
		return out, nil
	}
	var slots []domain.ViewingSlot
	err := s.q(ctx).Where("vacancy_id IN ? AND starts_at > ?", vacancyIDs, from).Order("starts_at, id").Find(&slots).Error
	if err != nil {
		return nil, fmt.Errorf("store: slots of vacancies: %w", err)
	}
	for _, sl := range slots {
		out[sl.VacancyID] = append(out[sl.VacancyID], sl)
	}
	return out, nil
}

// ErrSlotTaken is the German answer when a slot has no free place left.
var ErrSlotTaken = domain.Conflict(domain.CodeSlotFull, "Dieser Besichtigungstermin ist inzwischen ausgebucht. Bitte wählen Sie einen anderen Termin.")

// ClaimSlot books one place of a slot. The guarded update makes two concurrent claims of the
// last place end with exactly one winner; the other gets ErrSlotTaken.
func (s *Store) ClaimSlot(ctx context.Context, slotID int64) error {
	res := s.q(ctx).Model(&domain.ViewingSlot{}).Where("id = ? AND booked < capacity", slotID).
		Update("booked", gorm.Expr("booked + 1"))
	if res.Error != nil {
		return fmt.Errorf("store: claim slot: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrSlotTaken
	}
	return nil
}

// ReleaseSlot frees one booked place of a slot.
func (s *Store) ReleaseSlot(ctx context.Context, slotID int64) error {
	err := s.q(ctx).Model(&domain.ViewingSlot{}).Where("id = ? AND booked > 0", slotID).
		Update("booked", gorm.Expr("booked - 1")).Error
	if err != nil {
		return fmt.Errorf("store: release slot: %w", err)
	}
	return nil
}

// CreateSnapshot stores a ranking snapshot.
func (s *Store) CreateSnapshot(ctx context.Context, snap *domain.RankingSnapshot) error {
	snap.CreatedAt = s.Now()
	if err := s.q(ctx).Create(snap).Error; err != nil {
		return fmt.Errorf("store: create snapshot: %w", err)
	}
	return nil
}

// SnapshotByID finds a ranking snapshot.
func (s *Store) SnapshotByID(ctx context.Context, id int64) (*domain.RankingSnapshot, error) {
	var snap domain.RankingSnapshot
	if err := s.q(ctx).Take(&snap, id).Error; err != nil {
		return nil, notFound("snapshot by id", err)
	}
	return &snap, nil
}

// ErrHouseholdBusy is the German answer when a household already holds an active match.
var ErrHouseholdBusy = domain.Conflict(domain.CodeHouseholdHasActiveMatch, "Dieser Haushalt hat inzwischen einen anderen laufenden Vorschlag. Bitte laden Sie die Rangliste neu.")

// CreateMatch inserts a match; a second active match of the household gives ErrHouseholdBusy.
func (s *Store) CreateMatch(ctx context.Context, m *domain.Match) error {
	now := s.Now()
	m.CreatedAt, m.UpdatedAt, m.StateChangedAt = now, now, now
	if err := s.q(ctx).Create(m).Error; err != nil {
		if uniqueViolationOn(err, "matches_one_active_per_household", "matches.household_id") {
			return ErrHouseholdBusy
		}
		return fmt.Errorf("store: create match: %w", err)
	}
	return nil
}

// MatchByID finds a match.
func (s *Store) MatchByID(ctx context.Context, id int64) (*domain.Match, error) {
	var m domain.Match
	if err := s.q(ctx).Take(&m, id).Error; err != nil {
		return nil, notFound("match by id", err)
	}
	return &m, nil
}

// TransitionMatch moves a match to a new state, from one of the states the match table
// allows that change from. It fails with a TransitionError (an ErrConflict) when the match
// is in none of them (someone else acted first).
func (s *Store) TransitionMatch(ctx context.Context, id int64, to domain.MatchState, extra map[string]any) error {
	updates := map[string]any{"stall_reminded_at": nil}
	for k, v := range extra {
		updates[k] = v
	}
	err := move(ctx, s, stateChange[domain.MatchState]{table: domain.MatchTransitions, model: &domain.Match{},
		column: "state", id: id, to: to, updates: updates})
	if uniqueViolationOn(err, "matches_one_lease_per_place", "matches.vacancy_id") {
		return domain.Conflict(domain.CodeLeaseAlreadyRecorded, "Für diesen Platz ist bereits ein Mietvertrag eingetragen.")
	}
	if err != nil {
		return fmt.Errorf("store: transition match %d to %s: %w", id, to, err)
	}
	return nil
}

// CreateViewing inserts a viewing.
func (s *Store) CreateViewing(ctx context.Context, v *domain.Viewing) error {
	now := s.Now()
	v.CreatedAt, v.UpdatedAt = now, now
	if err := s.q(ctx).Create(v).Error; err != nil {
		return fmt.Errorf("store: create viewing: %w", err)
	}
	return nil
}

// CurrentViewing returns the newest viewing of a match, or ErrNotFound.
func (s *Store) CurrentViewing(ctx context.Context, matchID int64) (*domain.Viewing, error) {
	var v domain.Viewing
	err := s.q(ctx).Where("match_id = ?", matchID).Order("id DESC").Take(&v).Error
	if err != nil {
		return nil, notFound("current viewing", err)
	}
	return &v, nil
}

// ViewingByID finds a viewing.
func (s *Store) ViewingByID(ctx context.Context, id int64) (*domain.Viewing, error) {
	var v domain.Viewing
	if err := s.q(ctx).Take(&v, id).Error; err != nil {
		return nil, notFound("viewing by id", err)
	}
	return &v, nil
}

// UpdateViewingState moves a viewing to another state, from one of the states the viewing
// table allows that change from. A cancellation raises the calendar sequence, so calendar
// programs drop the entry.
func (s *Store) UpdateViewingState(ctx context.Context, id int64, to domain.ViewingState) error {
	updates := map[string]any{}
	if to == domain.ViewingCancelled {
		updates["sequence"] = gorm.Expr("sequence + 1")
	}
	err := move(ctx, s, stateChange[domain.ViewingState]{table: domain.ViewingTransitions, model: &domain.Viewing{},
		column: "state", id: id, to: to, updates: updates})
	if err != nil {
		return fmt.Errorf("store: viewing %d to %s: %w", id, to, err)
	}
	return nil
}

// RescheduleViewing moves a viewing to a new time and place (back to scheduled, as the
// viewing table allows) and raises its calendar sequence, so calendar programs replace
// the old entry.
func (s *Store) RescheduleViewing(ctx context.Context, id int64, slotID *int64, start, end time.Time, place string) error {
	err := move(ctx, s, stateChange[domain.ViewingState]{table: domain.ViewingTransitions, model: &domain.Viewing{},
		column: "state", id: id, to: domain.ViewingScheduled,
		updates: map[string]any{"slot_id": slotID, "starts_at": start, "ends_at": end, "place": place,
			"sequence": gorm.Expr("sequence + 1"), "reminded_at": nil},
		refused: "Die Besichtigung kann nicht mehr verschoben werden."})
	if err != nil {
		return fmt.Errorf("store: reschedule viewing: %w", err)
	}
	return nil
}

// CreateApplicantToken stores the hash of an applicant link token.
func (s *Store) CreateApplicantToken(ctx context.Context, tok *domain.ApplicantToken) error {
	tok.CreatedAt = s.Now()
	if err := s.q(ctx).Create(tok).Error; err != nil {
		return fmt.Errorf("store: create applicant token: %w", err)
	}
	return nil
}

// ApplicantTokenByHash finds an applicant token by the hash of the link token.
func (s *Store) ApplicantTokenByHash(ctx context.Context, hash string) (*domain.ApplicantToken, error) {
	var tok domain.ApplicantToken
	if err := s.q(ctx).Where("token_hash = ?", hash).Take(&tok).Error; err != nil {
		return nil, notFound("applicant token", err)
	}
	return &tok, nil
}

// AnswerApplicantToken records the applicant's answer once; a second answer is refused.
func (s *Store) AnswerApplicantToken(ctx context.Context, id int64, answer string) error {
	now := s.Now()
	res := s.q(ctx).Model(&domain.ApplicantToken{}).
		Where("id = ? AND (answered_at IS NULL OR answer = 'reschedule') AND expires_at > ?", id, now).
		Updates(map[string]any{"answered_at": now, "answer": answer})
	if res.Error != nil {
		return fmt.Errorf("store: answer applicant token: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return domain.Conflict(domain.CodeAnswerAlreadyRecorded, "Ihre Antwort wurde bereits gespeichert.")
	}
	return nil
}

// ReopenApplicantTokens clears the answer recorded for a viewing that moved to a new time
// (the answer was to the old one) and lets its links work until expiresAt.
func (s *Store) ReopenApplicantTokens(ctx context.Context, viewingID int64, expiresAt time.Time) error {
	err := s.q(ctx).Model(&domain.ApplicantToken{}).Where("viewing_id = ?", viewingID).
		Updates(map[string]any{"answer": nil, "answered_at": nil, "expires_at": expiresAt}).Error
	if err != nil {
		return fmt.Errorf("store: reopen applicant tokens: %w", err)
	}
	return nil
}

// HouseholdByID finds a household with members and consents.
func (s *Store) HouseholdByID(ctx context.Context, id int64) (*domain.Household, error) {
	var h domain.Household
	err := s.q(ctx).Preload("Members", func(db *gorm.DB) *gorm.DB { return db.Order("position, id") }).
		Preload("Consents", func(db *gorm.DB) *gorm.DB { return db.Order("id") }).Take(&h, id).Error
	if err != nil {
		return nil, notFound("household by id", err)
	}
	return &h, nil
}

// LeasedPlaces returns the places of a vacancy that already have a lease.
func (s *Store) LeasedPlaces(ctx context.Context, vacancyID int64) (map[int]bool, error) {
	var places []int
	err := s.q(ctx).Model(&domain.Match{}).Where("vacancy_id = ? AND state = ?", vacancyID, domain.MatchLeaseSigned).
		Pluck("place", &places).Error
	if err != nil {
		return nil, fmt.Errorf("store: leased places: %w", err)
	}
	out := make(map[int]bool, len(places))
	for _, p := range places {
		out[p] = true
	}
	return out, nil
}

// WithdrawOpenMatches withdraws every open match of a household (householdID != 0) or of
// a vacancy (vacancyID != 0) except one, cancelling their viewings (raising their calendar
// sequence) and freeing the slots. It returns the ids of the cancelled viewings.
func (s *Store) WithdrawOpenMatches(ctx context.Context, householdID, vacancyID, keepID int64) ([]int64, error) {
	open := domain.MatchTransitions.From(domain.MatchWithdrawn)
	q := s.q(ctx).Model(&domain.Match{}).Where("id <> ? AND state IN ?", keepID, open)
	if householdID != 0 {
		q = q.Where("household_id = ?", householdID)
	}
	if vacancyID != 0 {
		q = q.Where("vacancy_id = ?", vacancyID)
	}
	var ids []int64
	if err := q.Pluck("id", &ids).Error; err != nil {
		return nil, fmt.Errorf("store: open matches: %w", err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	var pendingViewings []domain.Viewing
	pending := domain.ViewingTransitions.From(domain.ViewingCancelled)
	if err := s.q(ctx).Where("match_id IN ? AND state IN ?", ids, pending).Find(&pendingViewings).Error; err != nil {
		return nil, fmt.Errorf("store: open viewings: %w", err)
	}
	now := s.Now()
	cancelled := make([]int64, 0, len(pendingViewings))
	for _, vw := range pendingViewings {
		if err := s.UpdateViewingState(ctx, vw.ID, domain.ViewingCancelled); err != nil {
			return nil, err
		}
		if vw.SlotID != nil {
			if err := s.ReleaseSlot(ctx, *vw.SlotID); err != nil {
				return nil, err
			}
		}
		cancelled = append(cancelled, vw.ID)
	}
	updates := map[string]any{"state": domain.MatchWithdrawn, "updated_at": now}
	if stamp := domain.MatchTransitions.Stamp(domain.MatchWithdrawn); stamp != "" {
		updates[stamp] = now
	}
	err := s.q(ctx).Model(&domain.Match{}).Where("id IN ? AND state IN ?", ids, open).Updates(updates).Error
	if err != nil {
		return nil, fmt.Errorf("store: withdraw matches: %w", err)
	}
	return cancelled, nil
}

// MatchRow is a match with the address of its vacancy, its household's reference and its
// current viewing (the newest) with the applicant's answer to it, when there is one.
type MatchRow struct {
	domain.Match
	Street             string
	District           string
	LandlordID         int64
	HouseholdReference string
	ViewingID          *int64
	ViewingSlotID      *int64
	ViewingStartsAt    *time.Time
	ViewingEndsAt      *time.Time
	ViewingState       *domain.ViewingState
	ViewingPlace       *string
	ViewingSequence    *int
	Answer             *string
	AnsweredAt         *time.Time
}

func (s *Store) matchRows(ctx context.Context) *gorm.DB {
	return s.q(ctx).Table("matches").Select("matches.*, vacancies.street, vacancies.district, vacancies.landlord_id, " +
		"households.reference AS household_reference, cv.id AS viewing_id, cv.slot_id AS viewing_slot_id, " +
		"cv.starts_at AS viewing_starts_at, cv.ends_at AS viewing_ends_at, cv.state AS viewing_state, cv.place AS viewing_place, cv.sequence AS viewing_sequence, " +
		"cat.answer AS answer, cat.answered_at AS answered_at").
		Joins("JOIN vacancies ON vacancies.id = matches.vacancy_id").
		Joins("JOIN households ON households.id = matches.household_id").
		Joins("LEFT JOIN viewings cv ON cv.id = (SELECT MAX(v2.id) FROM viewings v2 WHERE v2.match_id = matches.id)").
		Joins("LEFT JOIN applicant_tokens cat ON cat.id = (SELECT MAX(t2.id) FROM applicant_tokens t2 WHERE t2.viewing_id = cv.id)")
}

// MatchesOfHousehold lists a household's matches, newest first.
func (s *Store) MatchesOfHousehold(ctx context.Context, householdID int64) ([]MatchRow, error) {
	var rows []MatchRow
	if err := s.matchRows(ctx).Where("matches.household_id = ?", householdID).Order("matches.id DESC").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: matches of household: %w", err)
	}
	return rows, nil
}

// MatchesOfVacancy lists a vacancy's matches, newest first.
func (s *Store) MatchesOfVacancy(ctx context.Context, vacancyID int64) ([]MatchRow, error) {
	var rows []MatchRow
	if err := s.matchRows(ctx).Where("matches.vacancy_id = ?", vacancyID).Order("matches.id DESC").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: matches of vacancy: %w", err)
	}
	return rows, nil
}

// PipelineMatches lists open matches and those that ended in the last 30 days.
func (s *Store) PipelineMatches(ctx context.Context) ([]MatchRow, error) {
	var rows []MatchRow
	open := domain.OpenMatchStates
	err := s.matchRows(ctx).Where("matches.state IN ? OR matches.state_changed_at >= ?", open, s.Now().AddDate(0, 0, -30)).
		Order("matches.state_changed_at").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: pipeline: %w", err)
	}
	return rows, nil
}
