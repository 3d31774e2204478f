package ranking

import (
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/matching"
)

var boroughs = map[domain.Borough]matching.Borough{
	domain.BoroughMitte: matching.Mitte, domain.BoroughNord: matching.Nord,
	domain.BoroughHohenlimburg: matching.Hohenlimburg, domain.BoroughEilpeDahl: matching.EilpeDahl,
	domain.BoroughHaspe: matching.Haspe,
}

func boroughSet(list domain.BoroughList) matching.BoroughSet {
	var bs []matching.Borough
	for _, b := range list {
		if mb, ok := boroughs[b]; ok {
			bs = append(bs, mb)
		}
	}
	return matching.BoroughsOf(bs...)
}

var restrictions = map[domain.Restriction]matching.Restriction{
	domain.RestrictionNone: matching.RestrictionNone, domain.RestrictionWomenOnly: matching.RestrictionWomenOnly,
	domain.RestrictionSeniorWG: matching.RestrictionSeniorWG,
}

var statuses = map[domain.HouseholdStatus]matching.Status{
	domain.HouseholdActive: matching.StatusActive, domain.HouseholdPaused: matching.StatusPaused,
	domain.HouseholdHoused: matching.StatusHoused, domain.HouseholdClosed: matching.StatusClosed,
}

var focusGroups = map[domain.FocusGroup]matching.FocusGroup{
	domain.FocusNone: matching.FocusNone, domain.FocusSeniorCare: matching.FocusSeniorCare,
	domain.FocusMentalHealth: matching.FocusMentalHealth, domain.FocusWomen: matching.FocusWomen,
	domain.FocusEU2Family: matching.FocusEU2Family,
}

var benefits = map[domain.Benefit]matching.Benefit{
	domain.BenefitNone: matching.BenefitNone, domain.BenefitSGB2: matching.BenefitSGB2,
	domain.BenefitSGB12: matching.BenefitSGB12, domain.BenefitWohngeld: matching.BenefitWohngeld,
}

// VacancyOf maps a vacancy into the engine's type.
func VacancyOf(v *domain.Vacancy) matching.Vacancy {
	out := matching.Vacancy{
		ID: v.ID, AreaCenti: int64(v.AreaCentiM2), NetColdCents: int64(v.NetColdRentCents),
		ServiceChargesCents: int64(v.ServiceChargesCents), Floor: v.Floor, RoomsHalf: int(v.RoomsHalf),
		Places: v.Places, AvailableFrom: matching.Date(v.AvailableFrom), Borough: boroughs[v.Borough],
		Restriction: restrictions[v.Restriction], Elevator: v.Elevator, StepFree: v.StepFree,
		Wheelchair: v.Wheelchair, WBSRequired: v.WBSRequired, PetsAllowed: v.PetsAllowed,
	}
	if v.MaxOccupants != nil {
		out.MaxOccupants = *v.MaxOccupants
	}
	if v.AcceptsCertificate {
		out.Accepts |= matching.TrackCertificate
	}
	if v.AcceptsAccompaniment {
		out.Accepts |= matching.TrackAccompaniment
	}
	if v.AcceptsFachstelle {
		out.Accepts |= matching.TrackFachstelle
	}
	return out
}

// HouseholdOf maps a candidate row into the engine's type.
func HouseholdOf(r *store.CandidateRow) matching.Household {
	h := matching.Household{
		ID: r.ID, Lottery: uint64(r.LotteryNumber), ActiveMatchVacancyID: r.ActiveMatchVacancyID, Declined: r.Declined,
		PausedUntil: matching.Date(r.PausedUntil), CertificateOn: matching.Date(r.CertificatePassedOn),
		AccompanimentFrom: matching.Date(r.AccompanimentFrom), AccompanimentUntil: matching.Date(r.AccompanimentUntil),
		WBSValidUntil: matching.Date(r.WBSValidUntil), EarliestMoveIn: matching.Date(r.EarliestMoveIn),
		RegisteredOn: matching.Date(r.RegisteredOn), Persons: int16(r.Persons), Status: statuses[r.Status],
		FocusGroup: focusGroups[domain.FocusGroup(r.FocusGroup)], Benefit: benefits[domain.Benefit(r.Benefit)], Preferred: boroughSet(r.PreferredBoroughs),
		Excluded: boroughSet(r.ExcludedBoroughs), FachstelleCase: r.FachstelleCase, AllFemale: r.AllFemale,
		NeedsWheelchair: r.NeedsWheelchair, NeedsStepFree: r.NeedsStepFree, HasPets: r.HasPets,
	}
	if r.Urgency != nil {
		h.Urgency = int8(*r.Urgency)
	}
	if r.WBSPersons != nil {
		h.WBSPersons = int16(*r.WBSPersons)
	}
	return h
}
