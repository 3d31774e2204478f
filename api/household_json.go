package api

import (
	"strconv"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/households"
	"wohnbruecke/internal/store"
)

// householdJSON is a household as the API returns it: the writable fields of
// households.Input (so that a PATCH is a merge patch onto this shape) plus read-only ones.
type householdJSON struct {
	*households.Input
	ID             int64                  `json:"id"`
	Reference      string                 `json:"reference"`
	Status         domain.HouseholdStatus `json:"status"`
	PausedReason   string                 `json:"paused_reason"`
	PausedUntil    domain.Date            `json:"paused_until"`
	LotteryNumber  string                 `json:"lottery_number"` // apirank: 63 bits, a string for JavaScript
	Persons        int                    `json:"persons"`
	Adults         int                    `json:"adults"`
	Children       int                    `json:"children"`
	ConsentRecords []consentJSON          `json:"consent_records"`
	CreatedAt      time.Time              `json:"created_at"`
	UpdatedAt      time.Time              `json:"updated_at"`
}

type consentJSON struct {
	Kind      domain.ConsentKind `json:"kind"`
	GivenAt   time.Time          `json:"given_at"`
	RevokedAt *time.Time         `json:"revoked_at"`
}

func householdOut(h *domain.Household, today domain.Date) householdJSON {
	in := households.InputOf(h)
	if in.Members == nil {
		in.Members = []households.MemberInput{}
	}
	if in.Consents == nil {
		in.Consents = []domain.ConsentKind{}
	}
	out := householdJSON{Input: in, ID: h.ID, Reference: h.Reference, Status: h.Status, PausedReason: h.PausedReason,
		PausedUntil: h.PausedUntil, LotteryNumber: strconv.FormatInt(h.LotteryNumber, 10), Persons: h.Persons(), Adults: h.Adults(today.Year()),
		ConsentRecords: make([]consentJSON, len(h.Consents)), CreatedAt: h.CreatedAt, UpdatedAt: h.UpdatedAt}
	out.Children = out.Persons - out.Adults
	for i, c := range h.Consents {
		out.ConsentRecords[i] = consentJSON{Kind: c.Kind, GivenAt: c.GivenAt, RevokedAt: c.RevokedAt}
	}
	return out
}

// householdRowJSON is one line of the household list.
type householdRowJSON struct {
	ID                int64              `json:"id"`
	Reference         string             `json:"reference"`
	ContactName       string             `json:"contact_name"`
	Language          domain.Language    `json:"language"`
	Status            string             `json:"status"`
	FocusGroup        domain.FocusGroup  `json:"focus_group"`
	Urgency           *domain.Urgency    `json:"urgency"`
	Tracks            tracksJSON         `json:"tracks"`
	RegisteredOn      domain.Date        `json:"registered_on"`
	PreferredBoroughs domain.BoroughList `json:"preferred_boroughs"`
	Persons           int                `json:"persons"`
}

type tracksJSON struct {
	Certificate   bool `json:"certificate"`
	Accompaniment bool `json:"accompaniment"`
	Fachstelle    bool `json:"fachstelle"`
}

type householdPageJSON struct {
	Items      []householdRowJSON `json:"items"`
	Total      int64              `json:"total"`
	NextCursor *string            `json:"next_cursor"`
}

func householdRowOut(r store.HouseholdListRow) householdRowJSON {
	boroughs := r.PreferredBoroughs
	if boroughs == nil {
		boroughs = domain.BoroughList{}
	}
	return householdRowJSON{ID: r.ID, Reference: r.Reference, ContactName: r.ContactName, Language: r.Language,
		Status: r.Status, FocusGroup: r.FocusGroup, Urgency: r.Urgency, RegisteredOn: r.RegisteredOn,
		PreferredBoroughs: boroughs, Persons: r.Persons,
		Tracks: tracksJSON{Certificate: !r.CertificatePassedOn.IsZero(),
			Accompaniment: !r.AccompanimentFrom.IsZero(), Fachstelle: r.FachstelleCase}}
}
