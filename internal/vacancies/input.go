package vacancies

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/validate"
)

// FeatureOptions lists the yes/no properties of a flat, offered as one group of checkboxes.
var FeatureOptions = []domain.Option{
	{Value: "elevator", Label: "Aufzug vorhanden"},
	{Value: "step_free", Label: "barrierefrei (stufenlos erreichbar)"},
	{Value: "wheelchair", Label: "rollstuhlgerecht"},
	{Value: "wbs_required", Label: "Wohnberechtigungsschein (WBS) erforderlich"},
	{Value: "pets_allowed", Label: "Haustiere erlaubt"},
}

// Input is a landlord's vacancy as entered, with typed fields. The portal fills it from a
// form (InputFromForm), the API from JSON; Validate holds every rule.
type Input struct {
	Street               string             `form:"street" json:"street" label:"Straße und Hausnummer" validate:"required,max=200"`
	PostalCode           string             `form:"postal_code" json:"postal_code" label:"die Postleitzahl" validate:"required,plz_hagen"`
	District             string             `form:"district" json:"district" label:"den Stadtteil" validate:"required,max=100"`
	Floor                int                `form:"floor" json:"floor" label:"Etage" validate:"gte=-1,lte=40"`
	Elevator             bool               `form:"elevator" json:"elevator"`
	StepFree             bool               `form:"step_free" json:"step_free"`
	Wheelchair           bool               `form:"wheelchair" json:"wheelchair"`
	Rooms                domain.RoomsHalf   `form:"rooms" json:"rooms_half"`
	Area                 domain.AreaCenti   `form:"area" json:"area_centi_m2"`
	NetColdRent          domain.Cents       `form:"net_cold_rent" json:"net_cold_rent_cents"`
	ServiceCharges       domain.Cents       `form:"service_charges" json:"service_charges_cents"`
	HeatingCosts         domain.Cents       `form:"heating_costs" json:"heating_costs_cents"`
	Deposit              domain.Cents       `form:"deposit" json:"deposit_cents"`
	AvailableFrom        domain.Date        `form:"available_from" json:"available_from"`
	WBSRequired          bool               `form:"wbs_required" json:"wbs_required"`
	PetsAllowed          bool               `form:"pets_allowed" json:"pets_allowed"`
	MaxOccupants         *int               `form:"max_occupants" json:"max_occupants" label:"Höchstzahl der Bewohner*innen" validate:"omitempty,min=1,max=30"`
	Places               int                `form:"places" json:"places" label:"Zahl der Plätze" validate:"min=1,max=30"`
	Restriction          domain.Restriction `form:"restriction" json:"restriction" label:"Belegung" validate:"enum"`
	SeniorWGNew          bool               `form:"senior_wg_new" json:"senior_wg_new"`
	AcceptsCertificate   bool               `form:"-" json:"accepts_certificate"`
	AcceptsAccompaniment bool               `form:"-" json:"accepts_accompaniment"`
	AcceptsFachstelle    bool               `form:"-" json:"accepts_fachstelle"`
	Description          string             `form:"description" json:"description" label:"Beschreibung" validate:"max=4000"`
	// RentConfirmed is the landlord's explicit confirmation of a rent per m² outside the
	// usual range.
	RentConfirmed bool `form:"rent_confirmed" json:"rent_confirmed"`
}

// Plausible ranges.
const (
	minRoomsHalf, maxRoomsHalf = 1, 20                  // 0,5 to 10 rooms
	minArea, maxArea           = 10_00, 300_00          // m² in hundredths
	minRentPerM2, maxRentPerM2 = 3_00, 15_00            // cents per m²
	minAreaPerPerson           = domain.AreaCenti(1000) // WohnStG NRW § 10
	maxAvailableAhead          = 730                    // days
	// maxMonthly bounds each monthly amount (10.000 €): far above any flat of the
	// programmes, far below where sums over many flats could overflow.
	maxMonthly = domain.Cents(10_000_00)
)

// Validate checks the input: field rules through validator/v10 and the plausibility rules.
// agreement is the landlord's signed agreement or nil; the accepted tracks must be a subset
// of a signed agreement's. today is the day in Hagen.
func (in *Input) Validate(v *validate.Validator, agreement *domain.CooperationAgreement, today domain.Date) error {
	ve := domain.NewValidationError()
	if err := v.Into(ve, in); err != nil {
		return err
	}
	if !ve.Has("postal_code") && !ve.Has("district") {
		if _, ok := domain.LookupDistrict(in.PostalCode, in.District); !ok {
			ve.Add("district", "Bitte wählen Sie einen Stadtteil, der zur Postleitzahl passt.")
		}
	}
	in.checkSize(ve)
	in.checkMoney(ve)
	switch {
	case in.AvailableFrom.IsZero():
		ve.Add("available_from", "Bitte geben Sie an, ab wann die Wohnung verfügbar ist.")
	case in.AvailableFrom < today:
		ve.Add("available_from", "„Verfügbar ab“ darf nicht in der Vergangenheit liegen. Ist die Wohnung schon frei, geben Sie das heutige Datum an.")
	case in.AvailableFrom > today.AddDays(maxAvailableAhead):
		ve.Add("available_from", "„Verfügbar ab“ darf höchstens zwei Jahre in der Zukunft liegen.")
	}
	in.checkOccupancy(ve, agreement)
	return ve.OrNil()
}

func (in *Input) checkSize(ve *domain.ValidationError) {
	if in.Rooms < minRoomsHalf || in.Rooms > maxRoomsHalf {
		ve.Add("rooms", "Bitte geben Sie zwischen 0,5 und 10 Zimmer an (halbe Zimmer sind möglich, z. B. 2,5).")
	}
	if in.Area < minArea || in.Area > maxArea {
		ve.Add("area", "Bitte geben Sie eine Wohnfläche zwischen 10 und 300 m² an.")
	}
	if in.Wheelchair && in.Floor != 0 && !in.Elevator {
		ve.Add("features", "Eine rollstuhlgerechte Wohnung außerhalb des Erdgeschosses braucht einen Aufzug. Bitte prüfen Sie Etage, Aufzug und „rollstuhlgerecht“.")
	}
}

func (in *Input) checkMoney(ve *domain.ValidationError) {
	for _, f := range []struct {
		key, label string
		v          domain.Cents
	}{{"service_charges", "Die kalten Nebenkosten", in.ServiceCharges}, {"heating_costs", "Die Heizkosten", in.HeatingCosts}, {"deposit", "Die Kaution", in.Deposit}} {
		if f.v < 0 {
			ve.Add(f.key, f.label+" dürfen nicht negativ sein.")
		}
		if f.v > maxMonthly && f.key != "deposit" {
			ve.Add(f.key, f.label+" dürfen höchstens "+maxMonthly.Euro()+" im Monat betragen.")
		}
	}
	switch {
	case in.NetColdRent <= 0:
		ve.Add("net_cold_rent", "Bitte geben Sie die Nettokaltmiete in Euro an, z. B. 385,00.")
		return
	case in.NetColdRent > maxMonthly:
		ve.Add("net_cold_rent", "Die Nettokaltmiete darf höchstens "+maxMonthly.Euro()+" im Monat betragen.")
		return
	}
	if in.Deposit > 3*in.NetColdRent {
		ve.Add("deposit", fmt.Sprintf("Die Kaution darf höchstens drei Nettokaltmieten betragen (§ 551 BGB), hier also %s.", (3*in.NetColdRent).Euro()))
	}
	if ve.Has("area") || in.RentConfirmed {
		return
	}
	perM2 := domain.Cents(int64(in.NetColdRent) * 100 / int64(in.Area))
	if perM2 < minRentPerM2 || perM2 > maxRentPerM2 {
		ve.Add("rent_confirmed", fmt.Sprintf("Die Nettokaltmiete entspricht %s je m² und liegt außerhalb des üblichen Bereichs von 3 bis 15 € je m². "+
			"Bitte prüfen Sie Miete und Wohnfläche und bestätigen Sie die Angaben.", perM2.Euro()))
	}
}

func (in *Input) checkOccupancy(ve *domain.ValidationError, agreement *domain.CooperationAgreement) {
	switch {
	case !in.AcceptsCertificate && !in.AcceptsAccompaniment && !in.AcceptsFachstelle:
		ve.Add("tracks", "Bitte wählen Sie mindestens eine Gruppe von Haushalten, die Sie aufnehmen.")
	case in.Restriction == domain.RestrictionSeniorWG && !in.AcceptsFachstelle:
		ve.Add("tracks", "Plätze in einer Senioren-WG vermittelt die Zentrale Fachstelle: bitte wählen Sie auch „Haushalte der Zentralen Fachstelle“.")
	case agreement != nil && agreement.SignedAt != nil:
		for _, t := range []struct {
			want, have bool
			label      string
		}{
			{in.AcceptsCertificate, agreement.AcceptsCertificate, domain.TrackCertificate.Households()},
			{in.AcceptsAccompaniment, agreement.AcceptsAccompaniment, domain.TrackAccompaniment.Households()},
			{in.AcceptsFachstelle, agreement.AcceptsFachstelle, domain.TrackFachstelle.Households()},
		} {
			if t.want && !t.have {
				ve.Add("tracks", "Ihre Kooperationsvereinbarung umfasst „"+t.label+"“ nicht. Bitte wählen Sie nur Gruppen aus Ihrer Vereinbarung.")
			}
		}
	}
	if in.SeniorWGNew && in.Restriction != domain.RestrictionSeniorWG {
		ve.Add("senior_wg_new", "Als neu geschaffen kann nur eine Senioren-WG markiert werden.")
	}
	if in.Restriction == domain.RestrictionSeniorWG && in.Places < 2 && !ve.Has("places") {
		ve.Add("places", "Eine Senioren-WG hat mindestens zwei Plätze.")
	}
	if in.MaxOccupants == nil || ve.Has("max_occupants") {
		return
	}
	if *in.MaxOccupants < in.Places {
		ve.Add("max_occupants", "Die Höchstzahl der Bewohner*innen darf nicht kleiner sein als die Zahl der Plätze.")
	} else if !ve.Has("area") && in.Area < minAreaPerPerson*domain.AreaCenti(*in.MaxOccupants) {
		ve.Add("max_occupants", fmt.Sprintf("Für %d Personen ist die Wohnung zu klein: vorgeschrieben sind mindestens 10 m² je Person (§ 10 WohnStG NRW).", *in.MaxOccupants))
	}
}

// InputFromForm reads a posted vacancy form. Values that are not numbers or dates give
// field messages; everything else is left to Validate. The location field carries
// "PLZ|Stadtteil" from the combined select.
func InputFromForm(f url.Values) (Input, *domain.ValidationError) {
	ve := domain.NewValidationError()
	in := Input{
		Street: strings.TrimSpace(f.Get("street")), Description: strings.TrimSpace(f.Get("description")),
		Restriction: domain.Restriction(f.Get("restriction")), RentConfirmed: f.Get("rent_confirmed") != "",
		SeniorWGNew: f.Get("senior_wg_new") != "",
	}
	in.PostalCode, in.District, _ = strings.Cut(f.Get("location"), "|")
	has := func(name, value string) bool {
		for _, v := range f[name] {
			if v == value {
				return true
			}
		}
		return false
	}
	in.Elevator, in.StepFree, in.Wheelchair = has("features", "elevator"), has("features", "step_free"), has("features", "wheelchair")
	in.WBSRequired, in.PetsAllowed = has("features", "wbs_required"), has("features", "pets_allowed")
	in.AcceptsCertificate, in.AcceptsAccompaniment, in.AcceptsFachstelle =
		has("tracks", string(domain.TrackCertificate)), has("tracks", string(domain.TrackAccompaniment)), has("tracks", string(domain.TrackFachstelle))

	var err error
	if in.Floor, err = strconv.Atoi(strings.TrimSpace(f.Get("floor"))); err != nil {
		ve.Add("floor", "Bitte wählen Sie die Etage.")
	}
	if s := strings.TrimSpace(f.Get("rooms")); s == "" {
		ve.Add("rooms", "Bitte geben Sie die Zahl der Zimmer an, z. B. 2 oder 2,5.")
	} else if in.Rooms, err = domain.ParseRooms(s); err != nil {
		ve.Add("rooms", "Bitte geben Sie die Zimmer als ganze oder halbe Zahl an, z. B. 2 oder 2,5.")
	}
	if a, err := domain.ParseFixed(f.Get("area"), 2); err != nil {
		ve.Add("area", "Bitte geben Sie die Wohnfläche in m² an, z. B. 54,5.")
	} else {
		in.Area = domain.AreaCenti(a)
	}
	for _, m := range []struct {
		key, msg string
		dst      *domain.Cents
		optional bool
	}{
		{"net_cold_rent", "Bitte geben Sie die Nettokaltmiete in Euro an, z. B. 385,00.", &in.NetColdRent, false},
		{"service_charges", "Bitte geben Sie die kalten Nebenkosten in Euro an, z. B. 95,00 (0, wenn keine).", &in.ServiceCharges, false},
		{"heating_costs", "Bitte geben Sie die Heizkosten in Euro an, z. B. 70,00 (0, wenn die Mieter*innen direkt zahlen).", &in.HeatingCosts, false},
		{"deposit", "Bitte geben Sie die Kaution in Euro an, z. B. 1155,00.", &in.Deposit, true},
	} {
		s := strings.TrimSpace(f.Get(m.key))
		if s == "" && m.optional {
			continue
		}
		c, err := domain.ParseFixed(s, 2)
		if err != nil {
			ve.Add(m.key, m.msg)
		}
		*m.dst = domain.Cents(c)
	}
	if in.AvailableFrom, err = domain.ParseDate(f.Get("available_from")); err != nil {
		ve.Add("available_from", "Bitte geben Sie das Datum als TT.MM.JJJJ an, z. B. 01.04.2026.")
	}
	if s := strings.TrimSpace(f.Get("max_occupants")); s != "" {
		if n, err := strconv.Atoi(s); err != nil {
			ve.Add("max_occupants", "Bitte geben Sie die Höchstzahl der Bewohner*innen als ganze Zahl an.")
		} else {
			in.MaxOccupants = &n
		}
	}
	if in.Places, err = strconv.Atoi(strings.TrimSpace(f.Get("places"))); err != nil {
		ve.Add("places", "Bitte geben Sie die Zahl der Plätze als ganze Zahl an (1 für eine Wohnung, mehr für eine WG).")
	}
	return in, ve
}

// InputOf returns the input a stored vacancy was made from (to edit, duplicate or check it
// again on submission).
func InputOf(v *domain.Vacancy) Input {
	return Input{
		Street: v.Street, PostalCode: v.PostalCode, District: v.District, Floor: v.Floor, Elevator: v.Elevator,
		StepFree: v.StepFree, Wheelchair: v.Wheelchair, Rooms: v.RoomsHalf, Area: v.AreaCentiM2,
		NetColdRent: v.NetColdRentCents, ServiceCharges: v.ServiceChargesCents, HeatingCosts: v.HeatingCostsCents,
		Deposit: v.DepositCents, AvailableFrom: v.AvailableFrom, WBSRequired: v.WBSRequired, PetsAllowed: v.PetsAllowed,
		MaxOccupants: v.MaxOccupants, Places: v.Places, Restriction: v.Restriction, AcceptsCertificate: v.AcceptsCertificate,
		AcceptsAccompaniment: v.AcceptsAccompaniment, AcceptsFachstelle: v.AcceptsFachstelle, Description: v.Description,
		RentConfirmed: true, SeniorWGNew: v.SeniorWGNew,
	}
}

// apply copies the input onto a vacancy; the Stadtbezirk follows from PLZ and Stadtteil.
func (in *Input) apply(v *domain.Vacancy) {
	d, _ := domain.LookupDistrict(in.PostalCode, in.District)
	v.Street, v.PostalCode, v.District, v.Borough = in.Street, in.PostalCode, d.Name, d.Borough
	v.Floor, v.Elevator, v.StepFree, v.Wheelchair = in.Floor, in.Elevator, in.StepFree, in.Wheelchair
	v.RoomsHalf, v.AreaCentiM2 = in.Rooms, in.Area
	v.NetColdRentCents, v.ServiceChargesCents, v.HeatingCostsCents, v.DepositCents = in.NetColdRent, in.ServiceCharges, in.HeatingCosts, in.Deposit
	v.AvailableFrom, v.WBSRequired, v.PetsAllowed = in.AvailableFrom, in.WBSRequired, in.PetsAllowed
	v.MaxOccupants, v.Places, v.Restriction = in.MaxOccupants, in.Places, in.Restriction
	v.AcceptsCertificate, v.AcceptsAccompaniment, v.AcceptsFachstelle = in.AcceptsCertificate, in.AcceptsAccompaniment, in.AcceptsFachstelle
	v.Description = in.Description
	v.SeniorWGNew = in.SeniorWGNew
}

// Applied copies the input onto v and returns v (for callers outside the service, such as
// demo data and tests).
func Applied(in *Input, v *domain.Vacancy) *domain.Vacancy {
	in.apply(v)
	return v
}
