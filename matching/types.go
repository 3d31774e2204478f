package matching

// Vacancy is a flat (or a shared flat with several places) offered by a cooperating landlord,
// reduced to what the hard rules and the ranking need.
type Vacancy struct {
	ID                  int64
	AreaCenti           int64 // living area in hundredths of m² (54,30 m² = 5430)
	NetColdCents        int64 // Nettokaltmiete
	ServiceChargesCents int64 // kalte Nebenkosten; Bruttokaltmiete = NetColdCents + ServiceChargesCents
	Floor               int   // 0 = Erdgeschoss, negative = Untergeschoss
	RoomsHalf           int   // rooms in half rooms (2,5 Zimmer = 5); 0 = unknown
	MaxOccupants        int   // 0 = no limit
	Places              int   // households the flat takes (>1 for a shared flat); values below 1 count as 1
	AvailableFrom       Date  // 0 = not set (then today is used)
	Borough             Borough
	Restriction         Restriction
	Accepts             Track // tracks through which households may be placed here
	Elevator            bool
	StepFree            bool // barrierefrei: step-free access whatever the floor
	Wheelchair          bool // rollstuhlgerecht (implies step-free)
	WBSRequired         bool
	PetsAllowed         bool
}

// RentCents returns the Bruttokaltmiete (net cold rent plus cold service charges), the
// figure the KdU caps apply to.
func (v *Vacancy) RentCents() int64 { return v.NetColdCents + v.ServiceChargesCents }

// maxPlaces bounds the places of one vacancy; no shared flat comes near it.
const maxPlaces = 1 << 16

// places returns the number of places, clamped to [1, maxPlaces].
func (v *Vacancy) places() int64 {
	return int64(min(max(v.Places, 1), maxPlaces))
}

// Household is a household registered with one of the programmes, reduced to what the hard
// rules and the ranking need. The field order keeps the struct at 96 bytes, because the
// ranking reads 100,000 of them.
type Household struct {
	ID                   int64
	Lottery              uint64  // drawn once at registration; the lower number wins exact ties
	ActiveMatchVacancyID int64   // 0 = none; otherwise the household holds an active match for that vacancy
	Declined             []int64 // vacancy IDs this household declined or was rejected for

	PausedUntil        Date // the day a pause ends: active again from this day on; 0 = no end set
	CertificateOn      Date // Integrationszertifikat Wohnen passed on; 0 = no certificate
	AccompanimentFrom  Date // Klartext Wohnbegleitung active from (0 = none) ...
	AccompanimentUntil Date // ... until this day inclusive (0 = open-ended)
	WBSValidUntil      Date // 0 = no Wohnberechtigungsschein
	EarliestMoveIn     Date // 0 = any time; for the proposal, not used by the rules or the score
	RegisteredOn       Date // start of the waiting time; 0 = unknown (no waiting time)

	Persons    int16 // members; values below 1 count as 1
	WBSPersons int16 // persons the WBS is issued for

	Status     Status
	FocusGroup FocusGroup
	Benefit    Benefit
	Urgency    int8 // 1 (highest) … 4; 0 = none

	Preferred BoroughSet
	Excluded  BoroughSet

	FachstelleCase  bool
	AllFemale       bool // every member is a woman
	NeedsWheelchair bool
	NeedsStepFree   bool
	HasPets         bool
}

// Tracks returns the tracks the household holds on the given day: the certificate if it has
// one, the accompaniment if it is active that day, the Fachstelle case if it is one.
func (h *Household) Tracks(today Date) Track {
	var t Track
	if h.CertificateOn != 0 {
		t |= TrackCertificate
	}
	if h.AccompanimentActive(today) {
		t |= TrackAccompaniment
	}
	if h.FachstelleCase {
		t |= TrackFachstelle
	}
	return t
}

// AccompanimentActive reports whether the Klartext Wohnbegleitung is active on the given day
// (From and Until inclusive, Until 0 = open-ended).
func (h *Household) AccompanimentActive(today Date) bool {
	return h.AccompanimentFrom != 0 && h.AccompanimentFrom <= today &&
		(h.AccompanimentUntil == 0 || today <= h.AccompanimentUntil)
}

// Active reports whether the household may be offered a flat today: its status is aktiv, or it
// is pausiert with an end date that is not after today (a pause that has run out counts as
// active, and PausedUntil == today already counts as run out, following docs/design.md §4: "paused until
// after today" excludes). A future PausedUntil also excludes a household whose status is
// still aktiv.
func (h *Household) Active(today Date) bool {
	switch h.Status {
	case StatusActive:
		return h.PausedUntil == 0 || h.PausedUntil <= today
	case StatusPaused:
		return h.PausedUntil != 0 && h.PausedUntil <= today
	}
	return false
}

// persons returns the number of members, at least 1.
func (h *Household) persons() int64 {
	if h.Persons < 1 {
		return 1
	}
	return int64(h.Persons)
}

// hasDeclined reports whether the household declined or was rejected for the vacancy.
func (h *Household) hasDeclined(vacancyID int64) bool {
	for _, id := range h.Declined {
		if id == vacancyID {
			return true
		}
	}
	return false
}
