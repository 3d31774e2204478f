package api

import (
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/workflow"
)

// matchJSON is a match (Vorschlag). Landlords get no household id, score or rank: they see
// the household only through its pseudonymous profile (docs/design.md §2).
type matchJSON struct {
	ID                 int64             `json:"id"`
	VacancyID          int64             `json:"vacancy_id"`
	HouseholdID        *int64            `json:"household_id,omitempty"`
	HouseholdReference string            `json:"household_reference"`
	State              domain.MatchState `json:"state"`
	Score              *decimal2         `json:"score,omitempty"`
	Rank               *int              `json:"rank,omitempty"`
	PolicyVersion      int               `json:"policy_version"`
	ApprovedAt         *time.Time        `json:"approved_at"`
	RejectionReason    *string           `json:"rejection_reason"`
	RejectionNote      string            `json:"rejection_note"`
	StateChangedAt     time.Time         `json:"state_changed_at"`
	CreatedAt          time.Time         `json:"created_at"`
	Viewing            *viewingJSON      `json:"viewing,omitempty"`
	Profile            *profileJSON      `json:"profile,omitempty"`
}

// viewingJSON is a viewing (Besichtigung).
type viewingJSON struct {
	ID       int64               `json:"id"`
	MatchID  int64               `json:"match_id"`
	SlotID   *int64              `json:"slot_id"`
	StartsAt time.Time           `json:"starts_at"`
	EndsAt   time.Time           `json:"ends_at"`
	Place    string              `json:"place"`
	State    domain.ViewingState `json:"state"`
	Sequence int                 `json:"sequence"`
}

func viewingOut(v *domain.Viewing) *viewingJSON {
	if v == nil {
		return nil
	}
	return &viewingJSON{ID: v.ID, MatchID: v.MatchID, SlotID: v.SlotID, StartsAt: v.StartsAt, EndsAt: v.EndsAt,
		Place: v.Place, State: v.State, Sequence: v.Sequence}
}

func isLandlord(a domain.Actor) bool { return a.Role() == domain.RoleLandlord }

func matchOut(a domain.Actor, m *domain.Match, reference string) matchJSON {
	out := matchJSON{ID: m.ID, VacancyID: m.VacancyID, HouseholdReference: reference, State: m.State,
		PolicyVersion: m.PolicyVersion, ApprovedAt: m.ApprovedAt, RejectionReason: m.RejectionReason,
		RejectionNote: m.RejectionNote, StateChangedAt: m.StateChangedAt, CreatedAt: m.CreatedAt}
	if !isLandlord(a) {
		hid, score, rank := m.HouseholdID, decimal2Of(m.Score), m.Rank
		out.HouseholdID, out.Score, out.Rank = &hid, &score, &rank
	}
	return out
}

func matchViewOut(a domain.Actor, mv *workflow.MatchView, today domain.Date) matchJSON {
	out := matchOut(a, mv.Match, mv.Household.Reference)
	out.Viewing = viewingOut(mv.Viewing)
	if isLandlord(a) {
		out.Profile = profileOut(mv.Household, mv.Viewing, today)
	}
	return out
}

type matchPageJSON struct {
	Items      []matchJSON `json:"items"`
	NextCursor *string     `json:"next_cursor"`
}

func matchRowsOut(a domain.Actor, rows []store.MatchRow) []matchJSON {
	out := make([]matchJSON, len(rows))
	for i := range rows {
		out[i] = matchOut(a, &rows[i].Match, rows[i].HouseholdReference)
		out[i].Viewing = rowViewingOut(&rows[i])
	}
	return out
}

// rowViewingOut is the current viewing of a match list row, nil when it has none.
func rowViewingOut(r *store.MatchRow) *viewingJSON {
	if r.ViewingID == nil || r.ViewingStartsAt == nil || r.ViewingEndsAt == nil || r.ViewingState == nil {
		return nil
	}
	v := &viewingJSON{ID: *r.ViewingID, MatchID: r.ID, SlotID: r.ViewingSlotID, StartsAt: *r.ViewingStartsAt,
		EndsAt: *r.ViewingEndsAt, State: *r.ViewingState}
	if r.ViewingPlace != nil {
		v.Place = *r.ViewingPlace
	}
	if r.ViewingSequence != nil {
		v.Sequence = *r.ViewingSequence
	}
	return v
}
