package households

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
)

// ReadHealthNotes opens the household's health notes (special categories, Art. 9 GDPR)
// into h.HealthNotes for an actor who may read them (domain.Actor.CanReadHealthNotes) and
// writes an audit entry naming why (purpose, e.g. "Haushaltsseite"). For other actors, or
// when there are no notes, it leaves h.HealthNotes empty, reads nothing and audits nothing.
// It reports whether notes were read.
func (s *Service) ReadHealthNotes(ctx context.Context, a domain.Actor, h *domain.Household, purpose string) (bool, error) {
	if h.HealthNotesSealed == "" || !a.CanReadHealthNotes(h) {
		h.HealthNotes = ""
		return false, nil
	}
	notes, err := s.store.OpenHealthNotes(h)
	if err != nil {
		return false, err
	}
	if err := s.store.Audit(ctx, a.Audit("household.health_notes_read", "household", h.ID, purpose)); err != nil {
		return false, fmt.Errorf("households: audit health notes read: %w", err)
	}
	h.HealthNotes = notes
	return true, nil
}

// sealHealthNotes encrypts the notes of an update. An actor who may not read them cannot
// change them either (the form does not show them): their update keeps what is stored, and
// only a household that is no longer a Fachstelle case loses its notes.
func (s *Service) sealHealthNotes(a domain.Actor, h *domain.Household) error {
	if !a.CanReadHealthNotes(h) {
		if !h.FachstelleCase {
			h.HealthNotesSealed = ""
		}
		h.HealthNotes = ""
		return nil
	}
	return s.store.SealHealthNotes(h)
}
