// Package privacy holds the data protection use cases: the data subject access export
// (Art. 15 GDPR) and the retention job that anonymises households after their period.
package privacy

import (
	"context"
	"fmt"
	"time"

	"wohnbruecke/internal/config"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/links"
	"wohnbruecke/internal/store"
)

// Service runs the data protection use cases.
type Service struct {
	store     *store.Store
	retention Retention
}

// New returns the service with the retention periods in force.
// Zero periods (a configuration built without config.Load) mean the defaults.
func New(st *store.Store, r Retention) *Service {
	if r.ContactMonths == 0 {
		r = config.DefaultRetention
	}
	return &Service{store: st, retention: r}
}

// Export is everything stored about one household, table by table (store.SubjectTables).
type Export struct {
	HouseholdID int64                  `json:"household_id"`
	Reference   string                 `json:"reference"`
	GeneratedAt time.Time              `json:"generated_at"`
	GeneratedBy string                 `json:"generated_by"`
	HealthNotes string                 `json:"health_notes"`
	Sections    []store.SubjectSection `json:"tables"`
}

// Section returns the export's section of a table, or nil.
func (e *Export) Section(table string) *store.SubjectSection {
	for i := range e.Sections {
		if e.Sections[i].Table == table {
			return &e.Sections[i]
		}
	}
	return nil
}

// healthNotesClosed stands for health notes the exporting person may not read.
const healthNotesClosed = "(gespeichert; lesbar nur für die Wohnraumakquise und die zuständige Wohnbegleitung)"

// Export collects everything stored about a household for an access request (Art. 15
// GDPR). Only the city's team may (domain.Actor.CanExportSubjectData); the export is
// audited before it is read, so its own audit section shows it. Health notes are opened
// (and that read audited) for staff; for others the export says that notes exist.
func (s *Service) Export(ctx context.Context, a domain.Actor, householdID int64) (*Export, error) {
	if !a.CanExportSubjectData() {
		return nil, fmt.Errorf("privacy: export %d: %w", householdID, domain.ErrForbidden)
	}
	h, err := s.store.HouseholdByID(ctx, householdID)
	if err != nil {
		return nil, err
	}
	e := &Export{HouseholdID: h.ID, Reference: h.Reference, GeneratedAt: s.store.Now()}
	if a.User != nil {
		e.GeneratedBy = a.User.Name
	}
	if err := s.store.Audit(ctx, a.Audit("household.export", "household", h.ID, "JSON und Druckfassung")); err != nil {
		return nil, err
	}
	if h.HealthNotesSealed != "" {
		e.HealthNotes = healthNotesClosed
		if a.CanReadHealthNotes(h) {
			if e.HealthNotes, err = s.store.OpenHealthNotes(h); err != nil {
				return nil, err
			}
			if err := s.store.Audit(ctx, a.Audit("household.health_notes_read", "household", h.ID, "Auskunft")); err != nil {
				return nil, err
			}
		}
	}
	if e.Sections, err = s.store.SubjectData(ctx, h.ID); err != nil {
		return nil, err
	}
	// Links in mails that still act for the household (an unanswered invitation) are
	// masked, as in the Postausgang.
	if mails := e.Section("outbox"); mails != nil {
		for _, r := range mails.Rows {
			if body, ok := r["body_text"].(string); ok {
				r["body_text"] = links.MaskTokens(body)
			}
		}
	}
	return e, nil
}
