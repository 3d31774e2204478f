package vacancies

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// SlotInput is a viewing slot as entered: a day, a start and an end time in Hagen, a place
// and how many households can come.
type SlotInput struct {
	Date     domain.Date
	From     string // "15:00"
	To       string // "15:45"
	Place    string
	Capacity int
}

// SlotInputFromForm reads a posted slot form (fields slot_date, slot_from, slot_to,
// slot_place, slot_capacity).
func SlotInputFromForm(f url.Values) (SlotInput, *domain.ValidationError) {
	ve := domain.NewValidationError()
	in := SlotInput{From: strings.TrimSpace(f.Get("slot_from")), To: strings.TrimSpace(f.Get("slot_to")),
		Place: strings.TrimSpace(f.Get("slot_place"))}
	var err error
	if in.Date, err = domain.ParseDate(f.Get("slot_date")); err != nil {
		ve.Add("slot_date", "Bitte geben Sie das Datum als TT.MM.JJJJ an, z. B. 12.03.2026.")
	}
	if in.Capacity, err = strconv.Atoi(strings.TrimSpace(f.Get("slot_capacity"))); err != nil {
		ve.Add("slot_capacity", "Bitte geben Sie an, wie viele Haushalte zu diesem Termin kommen können (eine ganze Zahl).")
	}
	return in, ve
}

// times checks the input and returns start and end as instants.
func (in SlotInput) times(now time.Time) (time.Time, time.Time, error) {
	ve := domain.NewValidationError()
	clock := func(key, s, what string) (int, int) {
		t, err := time.Parse("15:04", s)
		if err != nil {
			ve.Add(key, "Bitte geben Sie die Uhrzeit "+what+" als SS:MM an, z. B. 15:30.")
			return 0, 0
		}
		return t.Hour(), t.Minute()
	}
	if in.Date.IsZero() {
		ve.Add("slot_date", "Bitte geben Sie das Datum des Termins an.")
	}
	fh, fm := clock("slot_from", in.From, "„von“")
	th, tm := clock("slot_to", in.To, "„bis“")
	if in.Place == "" {
		ve.Add("slot_place", "Bitte geben Sie den Treffpunkt an, z. B. „Hauseingang“.")
	} else if len([]rune(in.Place)) > 200 {
		ve.Add("slot_place", "Der Treffpunkt darf höchstens 200 Zeichen haben.")
	}
	if in.Capacity < 1 || in.Capacity > 50 {
		ve.Add("slot_capacity", "Zu einem Termin können 1 bis 50 Haushalte kommen.")
	}
	if err := ve.OrNil(); err != nil {
		return time.Time{}, time.Time{}, err
	}
	d := in.Date.Time()
	start := time.Date(d.Year(), d.Month(), d.Day(), fh, fm, 0, 0, domain.Berlin)
	end := time.Date(d.Year(), d.Month(), d.Day(), th, tm, 0, 0, domain.Berlin)
	switch {
	case !start.After(now):
		ve.Add("slot_date", "Der Termin liegt in der Vergangenheit. Bitte wählen Sie einen späteren Tag oder eine spätere Uhrzeit.")
	case !end.After(start):
		ve.Add("slot_to", "Das Ende muss nach dem Beginn liegen.")
	case end.Sub(start) > 8*time.Hour:
		ve.Add("slot_to", "Ein Termin darf höchstens acht Stunden dauern.")
	case start.After(now.AddDate(1, 0, 0)):
		ve.Add("slot_date", "Der Termin darf höchstens ein Jahr in der Zukunft liegen.")
	}
	return start.UTC(), end.UTC(), ve.OrNil()
}

// slotsAllowed: slots can be added or removed while the vacancy has not ended (let or
// withdrawn, the terminal states of its table).
func slotsAllowed(v *domain.Vacancy) error {
	if !v.Status.Ended() {
		return nil
	}
	return domain.Conflict(domain.CodeVacancyEnded, "Für ein vermietetes oder zurückgezogenes Angebot können keine Termine mehr geändert werden.")
}

// AddSlot adds a viewing slot to one of the actor's vacancies.
func (s *Service) AddSlot(ctx context.Context, a Actor, vacancyID int64, in SlotInput) (*domain.ViewingSlot, error) {
	v, err := s.Get(ctx, a, vacancyID)
	if err != nil {
		return nil, err
	}
	if err := slotsAllowed(v); err != nil {
		return nil, err
	}
	start, end, err := in.times(s.store.Now())
	if err != nil {
		return nil, err
	}
	slot := &domain.ViewingSlot{VacancyID: v.ID, StartsAt: start, EndsAt: end, Place: in.Place, Capacity: in.Capacity}
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateSlot(ctx, slot); err != nil {
			return err
		}
		return audit(ctx, tx, a, "vacancy.slot_add", v.ID, domain.ViewingTime(slot.StartsAt, slot.EndsAt))
	})
	if err != nil {
		return nil, err
	}
	return slot, nil
}

// RemoveSlot deletes a slot of one of the actor's vacancies; a booked slot stays.
func (s *Service) RemoveSlot(ctx context.Context, a Actor, vacancyID, slotID int64) error {
	v, err := s.Get(ctx, a, vacancyID)
	if err != nil {
		return err
	}
	if err := slotsAllowed(v); err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.DeleteFreeSlot(ctx, v.ID, slotID); err != nil {
			return err
		}
		return audit(ctx, tx, a, "vacancy.slot_remove", v.ID, slotTime(v, slotID))
	})
}

// slotTime is a slot's time as the audit log shows it.
func slotTime(v *domain.Vacancy, slotID int64) string {
	for _, s := range v.Slots {
		if s.ID == slotID {
			return domain.ViewingTime(s.StartsAt, s.EndsAt)
		}
	}
	return ""
}
