package store

import (
	"context"
	"fmt"
	"strings"

	"wohnbruecke/internal/domain"
)

// CreateHousehold inserts a household with its members and consents in one transaction.
func (s *Store) CreateHousehold(ctx context.Context, h *domain.Household) error {
	now := s.Now()
	h.CreatedAt, h.UpdatedAt = now, now
	h.HealthNotesSealed = ""
	err := s.tx(ctx, func(tx *Store) error {
		if err := tx.q(ctx).Create(h).Error; err != nil {
			return err
		}
		return tx.writeSealedHealthNotes(ctx, h)
	})
	if uniqueViolationOn(err, "households_reference_key", "households.reference") {
		return domain.Conflict(domain.CodeReferenceTaken, "Diese Haushaltskennung ist bereits vergeben.")
	}
	if err != nil {
		return fmt.Errorf("store: create household: %w", err)
	}
	return nil
}

// NextHouseholdReference proposes the next free reference of a year, "HH-2026-0042".
func (s *Store) NextHouseholdReference(ctx context.Context, year int) (string, error) {
	prefix := fmt.Sprintf("HH-%d-", year)
	var last []string
	err := s.q(ctx).Model(&domain.Household{}).Where("reference LIKE ?", prefix+"%").
		Order("length(reference) DESC, reference DESC").Limit(1).Pluck("reference", &last).Error
	if err != nil {
		return "", fmt.Errorf("store: next household reference: %w", err)
	}
	n := 0
	if len(last) == 1 {
		_, _ = fmt.Sscanf(strings.TrimPrefix(last[0], prefix), "%d", &n)
	}
	return fmt.Sprintf("%s%04d", prefix, n+1), nil
}

// householdColumns are the columns an update of a household's recorded data writes.
var householdColumns = []string{"contact_name", "email", "phone", "language", "nationality", "caseworker_id",
	"certificate_passed_on", "certificate_number", "certificate_until", "accompaniment_from", "accompaniment_until", "companion_name",
	"companion_email", "companion_phone", "fachstelle_case", "emergency_category", "urgency", "homeless_since",
	"focus_group", "health_notes", "benefit", "direct_payment_consent", "yearly_income_cents", "wbs_valid_until",
	"wbs_persons", "needs_wheelchair", "needs_step_free", "has_pets", "preferred_boroughs", "excluded_boroughs",
	"earliest_move_in", "registered_on", "updated_at",
	"accommodation_kind", "accommodation_provider", "accommodated_since"}

// UpdateHousehold writes a household's recorded data, replaces its members and records
// new and revoked consents. Call it inside a transaction. The health notes column is
// written from HealthNotesSealed (SealHealthNotes), never from the plaintext.
func (s *Store) UpdateHousehold(ctx context.Context, h *domain.Household) error {
	h.UpdatedAt = s.Now()
	if err := s.q(ctx).Model(h).Select(householdColumns).Updates(h).Error; err != nil {
		return fmt.Errorf("store: update household: %w", err)
	}
	if err := s.q(ctx).Where("household_id = ?", h.ID).Delete(&domain.HouseholdMember{}).Error; err != nil {
		return fmt.Errorf("store: update household members: %w", err)
	}
	for i := range h.Members {
		h.Members[i].ID, h.Members[i].HouseholdID = 0, h.ID
	}
	if len(h.Members) > 0 {
		if err := s.q(ctx).Create(&h.Members).Error; err != nil {
			return fmt.Errorf("store: update household members: %w", err)
		}
	}
	for i := range h.Consents {
		c := &h.Consents[i]
		var err error
		switch {
		case c.ID == 0:
			c.HouseholdID = h.ID
			err = s.q(ctx).Create(c).Error
		case c.RevokedAt != nil:
			err = s.q(ctx).Model(c).Where("revoked_at IS NULL").Update("revoked_at", c.RevokedAt).Error
		}
		if err != nil {
			return fmt.Errorf("store: update household consents: %w", err)
		}
	}
	return nil
}

// SetHouseholdStatus moves a household to another state, from one of the states the
// household table allows that change from, and clears a pause.
func (s *Store) SetHouseholdStatus(ctx context.Context, id int64, to domain.HouseholdStatus) error {
	updates := map[string]any{"paused_reason": "", "paused_until": nil, "left_on": nil}
	if to == domain.HouseholdHoused || to == domain.HouseholdClosed {
		updates["left_on"] = s.Today() // the retention periods count from here
	}
	err := move(ctx, s, stateChange[domain.HouseholdStatus]{table: domain.HouseholdTransitions, model: &domain.Household{},
		column: "status", id: id, to: to, updates: updates})
	if err != nil {
		return fmt.Errorf("store: household %d to %s: %w", id, to, err)
	}
	return nil
}

// PauseHousehold pauses a household until a day, with a reason; the household table says
// from which states (active, or paused already to change the end).
func (s *Store) PauseHousehold(ctx context.Context, id int64, reason string, until domain.Date) error {
	err := move(ctx, s, stateChange[domain.HouseholdStatus]{table: domain.HouseholdTransitions, model: &domain.Household{},
		column: "status", id: id, to: domain.HouseholdPaused, updates: map[string]any{"paused_reason": reason, "paused_until": until, "left_on": nil},
		refused: "Nur aktive Haushalte können pausiert werden."})
	if err != nil {
		return fmt.Errorf("store: pause household: %w", err)
	}
	return nil
}
