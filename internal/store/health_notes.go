package store

import (
	"context"
	"fmt"
	"strconv"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/sealed"
)

// healthNotesAAD binds a sealed health note to its household, so a value copied to
// another row does not open.
func healthNotesAAD(householdID int64) string {
	return "households.health_notes:" + strconv.FormatInt(householdID, 10)
}

// SealHealthNotes encrypts h.HealthNotes into h.HealthNotesSealed with the current key; the
// next UpdateHousehold writes it. h must have its id.
func (s *Store) SealHealthNotes(h *domain.Household) error {
	v, err := s.keys.Seal(h.HealthNotes, healthNotesAAD(h.ID))
	if err != nil {
		return fmt.Errorf("store: seal health notes: %w", err)
	}
	h.HealthNotesSealed = v
	return nil
}

// OpenHealthNotes decrypts a household's stored health notes. Only
// households.Service.ReadHealthNotes calls it, after the permission check and with an
// audit entry.
func (s *Store) OpenHealthNotes(h *domain.Household) (string, error) {
	v, err := s.keys.Open(h.HealthNotesSealed, healthNotesAAD(h.ID))
	if err != nil {
		return "", fmt.Errorf("store: open health notes of household %d: %w", h.ID, err)
	}
	return v, nil
}

// writeSealedHealthNotes seals and writes the notes of a just-created household (the
// additional data needs its id).
func (s *Store) writeSealedHealthNotes(ctx context.Context, h *domain.Household) error {
	if h.HealthNotes == "" {
		return nil
	}
	if err := s.SealHealthNotes(h); err != nil {
		return err
	}
	err := s.q(ctx).Model(&domain.Household{}).Where("id = ?", h.ID).Update("health_notes", h.HealthNotesSealed).Error
	if err != nil {
		return fmt.Errorf("store: write health notes: %w", err)
	}
	return nil
}

// ResealHealthNotes encrypts health notes still stored as plaintext (written before
// encryption) and seals again those sealed with a key that is no longer current, so an old
// key can be removed from the configuration afterwards. Each row is rewritten with a
// guarded update (only if it still holds the value read), so two instances starting at
// once do not overwrite each other. It returns how many rows it rewrote; a row whose value
// opens with none of the configured keys stops it with an error naming the household.
func (s *Store) ResealHealthNotes(ctx context.Context) (int, error) {
	type row struct {
		ID          int64
		HealthNotes string
	}
	var rows []row
	if err := s.q(ctx).Model(&domain.Household{}).Select("id, health_notes").Where("health_notes <> ''").
		Order("id").Find(&rows).Error; err != nil {
		return 0, fmt.Errorf("store: reseal health notes: %w", err)
	}
	n := 0
	for _, r := range rows {
		if !s.keys.NeedsReseal(r.HealthNotes) {
			continue
		}
		plain, err := s.keys.Open(r.HealthNotes, healthNotesAAD(r.ID))
		if err != nil {
			return n, fmt.Errorf("store: reseal health notes of household %d: %w", r.ID, err)
		}
		v, err := s.keys.Seal(plain, healthNotesAAD(r.ID))
		if err != nil {
			return n, err
		}
		res := s.q(ctx).Model(&domain.Household{}).Where("id = ? AND health_notes = ?", r.ID, r.HealthNotes).
			Update("health_notes", v)
		if res.Error != nil {
			return n, fmt.Errorf("store: reseal health notes of household %d: %w", r.ID, res.Error)
		}
		n += int(res.RowsAffected)
	}
	return n, nil
}

// WithKeys returns the store sealing and opening with other keys (a rotation, tests); the
// database connection is the same.
func (s *Store) WithKeys(k *sealed.Keyring) *Store {
	c := *s
	c.keys = k
	return &c
}
