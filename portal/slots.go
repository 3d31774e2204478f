package portal

import (
	"time"

	"wohnbruecke/internal/domain"
)

// bookableSlots are the future slots of a vacancy with at least one free place, except the
// slot a viewing already lies in (except 0: none). They are what a select offers when a pair
// is approved or a viewing moved.
func bookableSlots(v *domain.Vacancy, now time.Time, except int64) []slotOption {
	var out []slotOption
	for _, s := range freeSlots(v, now) {
		if s.Free > 0 && s.ID != except {
			out = append(out, s)
		}
	}
	return out
}
