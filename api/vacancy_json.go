package api

import (
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/vacancies"
)

// vacancyJSON is a vacancy: the writable fields of vacancies.Input (a PATCH is a merge
// patch onto them) plus read-only ones and the viewing slots.
type vacancyJSON struct {
	vacancies.Input
	ID            int64                `json:"id"`
	LandlordID    int64                `json:"landlord_id"`
	Borough       domain.Borough       `json:"borough"`
	Status        domain.VacancyStatus `json:"status"`
	ReviewComment string               `json:"review_comment"`
	SubmittedAt   *time.Time           `json:"submitted_at"`
	PublishedAt   *time.Time           `json:"published_at"`
	Slots         []slotJSON           `json:"slots,omitempty"`
	CreatedAt     time.Time            `json:"created_at"`
	UpdatedAt     time.Time            `json:"updated_at"`
	RentConfirmed *struct{}            `json:"rent_confirmed,omitempty"`
}

type slotJSON struct {
	ID       int64     `json:"id"`
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
	Place    string    `json:"place"`
	Capacity int       `json:"capacity"`
	Booked   int       `json:"booked"`
}

func slotOut(s *domain.ViewingSlot) slotJSON {
	return slotJSON{ID: s.ID, StartsAt: s.StartsAt, EndsAt: s.EndsAt, Place: s.Place, Capacity: s.Capacity, Booked: s.Booked}
}

func vacancyOut(v *domain.Vacancy) vacancyJSON {
	out := vacancyJSON{Input: vacancies.InputOf(v), ID: v.ID, LandlordID: v.LandlordID, Borough: v.Borough, Status: v.Status,
		ReviewComment: v.ReviewComment, SubmittedAt: v.SubmittedAt, PublishedAt: v.PublishedAt,
		Slots: make([]slotJSON, len(v.Slots)), CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt}
	for i := range v.Slots {
		out.Slots[i] = slotOut(&v.Slots[i])
	}
	return out
}
