package vacancies_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/vacancies"
	"wohnbruecke/internal/validate"
)

var today = domain.NewDate(2026, time.March, 2)

// validForm is a form that passes every rule; each case changes one thing.
func validForm() url.Values {
	return url.Values{
		"street": {"Elberfelder Straße 12"}, "location": {"58095|Mittelstadt"}, "floor": {"2"},
		"rooms": {"2,5"}, "area": {"64,5"}, "net_cold_rent": {"410,00"}, "service_charges": {"120"},
		"heating_costs": {"80,50"}, "deposit": {"1230"}, "available_from": {"2026-04-01"}, "places": {"1"},
		"restriction": {"none"}, "tracks": {"certificate", "accompaniment"}, "features": {"elevator"},
	}
}

func TestValidateVacancyInput(t *testing.T) {
	signed := time.Date(2026, time.March, 2, 10, 0, 0, 0, time.UTC)
	agreement := &domain.CooperationAgreement{SignedAt: &signed, AcceptsCertificate: true, AcceptsAccompaniment: true}
	cases := []struct {
		name   string
		change func(url.Values)
		field  string // "" means valid
		words  string
	}{
		{"valid", func(url.Values) {}, "", ""},
		{"half rooms", func(f url.Values) { f.Set("rooms", "0,5") }, "", ""},
		{"rooms not in halves", func(f url.Values) { f.Set("rooms", "2,3") }, "rooms", "halbe"},
		{"too many rooms", func(f url.Values) { f.Set("rooms", "10,5") }, "rooms", "zwischen 0,5 und 10"},
		{"area too small", func(f url.Values) { f.Set("area", "9,99") }, "area", "10 und 300"},
		{"area too large", func(f url.Values) { f.Set("area", "300,01") }, "area", "10 und 300"},
		{"rent per m² too low", func(f url.Values) { f.Set("net_cold_rent", "190") }, "rent_confirmed", "2,94 € je m²"},
		{"rent per m² too high", func(f url.Values) { f.Set("net_cold_rent", "980") }, "rent_confirmed", "außerhalb"},
		{"unusual rent confirmed", func(f url.Values) { f.Set("net_cold_rent", "980"); f.Set("rent_confirmed", "1") }, "", ""},
		{"rent missing", func(f url.Values) { f.Del("net_cold_rent") }, "net_cold_rent", "Nettokaltmiete"},
		{"rent not a number", func(f url.Values) { f.Set("net_cold_rent", "vierhundert") }, "net_cold_rent", "385,00"},
		{"absurd rent even when confirmed", func(f url.Values) { f.Set("net_cold_rent", "21474836,48"); f.Set("rent_confirmed", "1") }, "net_cold_rent", "höchstens 10.000,00 €"},
		{"absurd heating costs", func(f url.Values) { f.Set("heating_costs", "2147483648") }, "heating_costs", "höchstens 10.000,00 €"},
		{"absurd service charges", func(f url.Values) { f.Set("service_charges", "10000,01") }, "service_charges", "im Monat"},
		{"deposit above three rents", func(f url.Values) { f.Set("deposit", "1230,01") }, "deposit", "§ 551 BGB"},
		{"available in the past", func(f url.Values) { f.Set("available_from", "2026-03-01") }, "available_from", "Vergangenheit"},
		{"available today", func(f url.Values) { f.Set("available_from", "02.03.2026") }, "", ""},
		{"postal code outside Hagen", func(f url.Values) { f.Set("location", "44135|Mitte") }, "postal_code", "Hagener Postleitzahl"},
		{"district of another code", func(f url.Values) { f.Set("location", "58095|Boele") }, "district", "passt"},
		{"no track", func(f url.Values) { f.Del("tracks") }, "tracks", "mindestens eine Gruppe"},
		{"track outside the agreement", func(f url.Values) { f["tracks"] = []string{"fachstelle"} }, "tracks", "umfasst"},
		{"no places", func(f url.Values) { f.Set("places", "0") }, "places", "mindestens 1"},
		{"senior flat with one place", func(f url.Values) { f.Set("restriction", "senior_wg"); f.Set("places", "1") }, "places", "mindestens zwei"},
		{"senior flat without Fachstelle", func(f url.Values) { f.Set("restriction", "senior_wg"); f.Set("places", "3") }, "tracks", "Fachstelle"},
		{"max occupants below places", func(f url.Values) { f.Set("places", "2"); f.Set("max_occupants", "1") }, "max_occupants", "nicht kleiner"},
		{"overcrowded", func(f url.Values) { f.Set("max_occupants", "7") }, "max_occupants", "10 m² je Person"},
		{"wheelchair upstairs without lift", func(f url.Values) { f["features"] = []string{"wheelchair"} }, "features", "Aufzug"},
		{"unknown restriction", func(f url.Values) { f.Set("restriction", "men_only") }, "restriction", "angebotenen Werte"},
		{"street missing", func(f url.Values) { f.Set("street", " ") }, "street", "Straße und Hausnummer"},
	}
	v := validate.New()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := validForm()
			tc.change(f)
			in, ve := vacancies.InputFromForm(f)
			err := ve.OrNil()
			if err == nil {
				err = in.Validate(v, agreement, today)
			}
			if tc.field == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			fields, ok := err.(*domain.ValidationError)
			if !ok {
				t.Fatalf("want a validation error on %s, got %v", tc.field, err)
			}
			if msg := fields.Fields[tc.field]; !strings.Contains(msg, tc.words) {
				t.Fatalf("%s: message %q does not contain %q (all: %v)", tc.field, msg, tc.words, fields.Fields)
			}
		})
	}
}

func TestFormRoundTripKeepsEveryField(t *testing.T) {
	in, ve := vacancies.InputFromForm(validForm())
	if ve.OrNil() != nil {
		t.Fatal(ve)
	}
	v := &domain.Vacancy{}
	// InputOf(apply(in)) must give back what was entered (rent confirmation aside).
	in2 := vacancies.InputOf(vacancies.Applied(&in, v))
	in.RentConfirmed = true
	if in != in2 {
		t.Fatalf("round trip changed the input:\n%+v\n%+v", in, in2)
	}
	if v.Borough != domain.BoroughMitte || v.RoomsHalf != 5 || v.AreaCentiM2 != 6450 || v.HeatingCostsCents != 8050 {
		t.Fatalf("stored values %+v", v)
	}
}
