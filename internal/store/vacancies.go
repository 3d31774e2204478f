package store

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
)

// CreateVacancy inserts a vacancy with its viewing slots in one transaction.
func (s *Store) CreateVacancy(ctx context.Context, v *domain.Vacancy) error {
	now := s.Now()
	v.CreatedAt, v.UpdatedAt = now, now
	for i := range v.Slots {
		v.Slots[i].CreatedAt = now
	}
	err := s.tx(ctx, func(tx *Store) error { return tx.q(ctx).Create(v).Error })
	if err != nil {
		return fmt.Errorf("store: create vacancy: %w", err)
	}
	return nil
}

// VacanciesOfLandlord lists a landlord's vacancies, newest first, with their slots.
func (s *Store) VacanciesOfLandlord(ctx context.Context, landlordID int64) ([]domain.Vacancy, error) {
	var vs []domain.Vacancy
	err := s.q(ctx).Preload("Slots", func(db *gormDB) *gormDB { return db.Order("starts_at, id") }).
		Where("landlord_id = ?", landlordID).Order("updated_at DESC, id DESC").Find(&vs).Error
	if err != nil {
		return nil, fmt.Errorf("store: vacancies of landlord: %w", err)
	}
	return vs, nil
}

// vacancyEditable are the columns a landlord edits; status and timestamps are not among them.
var vacancyEditable = []string{
	"street", "postal_code", "district", "borough", "floor", "elevator", "step_free", "wheelchair",
	"rooms_half", "area_centi_m2", "net_cold_rent_cents", "service_charges_cents", "heating_costs_cents",
	"deposit_cents", "available_from", "wbs_required", "pets_allowed", "max_occupants", "places",
	"restriction", "senior_wg_new", "accepts_certificate", "accepts_accompaniment", "accepts_fachstelle", "description",
	"updated_at",
}

// UpdateVacancyDraft saves a landlord's edit of a vacancy that is still a draft (new or sent
// back); a vacancy submitted in the meantime is a conflict.
func (s *Store) UpdateVacancyDraft(ctx context.Context, v *domain.Vacancy) error {
	v.UpdatedAt = s.Now()
	res := s.q(ctx).Model(&domain.Vacancy{}).Where("id = ? AND landlord_id = ? AND status = ?", v.ID, v.LandlordID, domain.VacancyDraft).
		Select(vacancyEditable).Updates(v)
	if res.Error != nil {
		return fmt.Errorf("store: update vacancy: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return domain.Conflict(domain.CodeNotADraft, "Das Wohnungsangebot ist nicht mehr im Entwurf und kann nicht mehr geändert werden.")
	}
	return nil
}

// SetVacancyStatus moves a vacancy to another state, from one of the states the vacancy
// table allows that change from, and stamps submitted_at or published_at as the table says.
func (s *Store) SetVacancyStatus(ctx context.Context, id int64, to domain.VacancyStatus) error {
	err := move(ctx, s, stateChange[domain.VacancyStatus]{table: domain.VacancyTransitions, model: &domain.Vacancy{},
		column: "status", id: id, to: to})
	if err != nil {
		return fmt.Errorf("store: vacancy %d to %s: %w", id, to, err)
	}
	return nil
}

// SetReviewComment stores staff's comment when a vacancy is sent back ("" clears it).
func (s *Store) SetReviewComment(ctx context.Context, id int64, comment string) error {
	err := s.q(ctx).Model(&domain.Vacancy{}).Where("id = ?", id).Update("review_comment", comment).Error
	if err != nil {
		return fmt.Errorf("store: review comment: %w", err)
	}
	return nil
}

// CreateSlot adds a viewing slot to a vacancy.
func (s *Store) CreateSlot(ctx context.Context, slot *domain.ViewingSlot) error {
	slot.CreatedAt = s.Now()
	if err := s.q(ctx).Create(slot).Error; err != nil {
		return fmt.Errorf("store: create slot: %w", err)
	}
	return nil
}

// DeleteFreeSlot removes a slot nobody is booked into; a booked slot is a conflict.
func (s *Store) DeleteFreeSlot(ctx context.Context, vacancyID, slotID int64) error {
	if _, err := s.SlotByID(ctx, vacancyID, slotID); err != nil {
		return err
	}
	res := s.q(ctx).Where("id = ? AND vacancy_id = ? AND booked = 0", slotID, vacancyID).Delete(&domain.ViewingSlot{})
	if res.Error != nil {
		return fmt.Errorf("store: delete slot: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return domain.Conflict(domain.CodeSlotBooked, "In diesem Besichtigungstermin ist bereits ein Haushalt eingeplant; er kann nicht gelöscht werden. Bitte wenden Sie sich an Ihre Ansprechperson.")
	}
	return nil
}

// Proposal is a match of a vacancy with its household and current viewing. It stays inside
// the services: landlord pages receive only the profile built from it.
type Proposal struct {
	Match     domain.Match
	Household *domain.Household
	Viewing   *domain.Viewing
}

// ProposalsForVacancy lists the matches of a vacancy that staff approved (any state after
// proposed), oldest first, in three queries.
func (s *Store) ProposalsForVacancy(ctx context.Context, vacancyID int64) ([]Proposal, error) {
	var ms []domain.Match
	if err := s.q(ctx).Where("vacancy_id = ? AND state <> ?", vacancyID, domain.MatchProposed).Order("id").Find(&ms).Error; err != nil {
		return nil, fmt.Errorf("store: proposals: %w", err)
	}
	if len(ms) == 0 {
		return nil, nil
	}
	hids, mids := make([]int64, len(ms)), make([]int64, len(ms))
	for i, m := range ms {
		hids[i], mids[i] = m.HouseholdID, m.ID
	}
	var hs []domain.Household
	err := s.q(ctx).Preload("Members").Preload("Consents").Where("id IN ?", hids).Find(&hs).Error
	if err != nil {
		return nil, fmt.Errorf("store: proposal households: %w", err)
	}
	var vws []domain.Viewing
	if err := s.q(ctx).Where("match_id IN ?", mids).Order("id").Find(&vws).Error; err != nil {
		return nil, fmt.Errorf("store: proposal viewings: %w", err)
	}
	byHousehold := make(map[int64]*domain.Household, len(hs))
	for i := range hs {
		byHousehold[hs[i].ID] = &hs[i]
	}
	byMatch := make(map[int64]*domain.Viewing, len(vws))
	for i := range vws {
		byMatch[vws[i].MatchID] = &vws[i] // ordered by id: the newest wins
	}
	out := make([]Proposal, len(ms))
	for i, m := range ms {
		out[i] = Proposal{Match: m, Household: byHousehold[m.HouseholdID], Viewing: byMatch[m.ID]}
	}
	return out, nil
}

// VacancyListRow is one line of the staff's vacancy list.
type VacancyListRow struct {
	domain.Vacancy
	LandlordName string
	OpenMatches  int
}

// ListVacanciesByStatus lists vacancies in the given states with their landlord's name and
// the number of open matches, oldest submission first.
func (s *Store) ListVacanciesByStatus(ctx context.Context, statuses ...domain.VacancyStatus) ([]VacancyListRow, error) {
	var rows []VacancyListRow
	open := domain.OpenMatchStates
	err := s.q(ctx).Table("vacancies").
		Select("vacancies.*, landlords.name AS landlord_name, "+
			"(SELECT COUNT(*) FROM matches m WHERE m.vacancy_id = vacancies.id AND m.state IN ?) AS open_matches", open).
		Joins("JOIN landlords ON landlords.id = vacancies.landlord_id").
		Where("vacancies.status IN ?", statuses).Order("vacancies.submitted_at, vacancies.id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: list vacancies: %w", err)
	}
	return rows, nil
}

// ProposalCount is how many approved proposals a vacancy has, and how many of them still
// run (a viewing ahead or a decision to make).
type ProposalCount struct {
	VacancyID int64
	All       int
	Running   int
}

// ProposalCounts counts the approved proposals of each of a landlord's vacancies (those
// without any are missing from the map).
func (s *Store) ProposalCounts(ctx context.Context, landlordID int64) (map[int64]ProposalCount, error) {
	var rows []ProposalCount
	err := s.q(ctx).Table("matches").
		Select("matches.vacancy_id AS vacancy_id, COUNT(*) AS \"all\", SUM(CASE WHEN matches.state IN ? THEN 1 ELSE 0 END) AS running", domain.ActiveMatchStates).
		Joins("JOIN vacancies ON vacancies.id = matches.vacancy_id").
		Where("vacancies.landlord_id = ? AND matches.state <> ?", landlordID, domain.MatchProposed).
		Group("matches.vacancy_id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: proposal counts: %w", err)
	}
	out := make(map[int64]ProposalCount, len(rows))
	for _, r := range rows {
		out[r.VacancyID] = r
	}
	return out, nil
}
