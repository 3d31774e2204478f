package matching

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

var ruleToday = MakeDate(2027, time.February, 1)

// baseVacancy is a flat that baseHousehold passes every rule for.
func baseVacancy() Vacancy {
	return Vacancy{
		ID: 10, Borough: Haspe, Floor: 2, Elevator: true, RoomsHalf: 6, AreaCenti: 7000,
		NetColdCents: 42000, ServiceChargesCents: 12000, AvailableFrom: MakeDate(2027, time.March, 1),
		PetsAllowed: true, Places: 1, Accepts: AllTracks,
	}
}

func baseHousehold() Household {
	return Household{
		ID: 1, Status: StatusActive, CertificateOn: MakeDate(2025, time.May, 3), Persons: 3,
		Benefit: BenefitSGB2, RegisteredOn: MakeDate(2025, time.January, 1), Lottery: 42,
	}
}

func TestRules(t *testing.T) {
	p := DefaultHagenPolicy()
	tests := []struct {
		name string
		v    func(*Vacancy)
		h    func(*Household)
		want ReasonSet
	}{
		{"base passes", nil, nil, 0},
		// no_accepted_track
		{"certificate accepted", func(v *Vacancy) { v.Accepts = TrackCertificate }, nil, 0},
		{"only fachstelle accepted", func(v *Vacancy) { v.Accepts = TrackFachstelle }, nil, ReasonNoAcceptedTrack.set()},
		{"fachstelle case accepted", func(v *Vacancy) { v.Accepts = TrackFachstelle }, func(h *Household) { h.FachstelleCase = true }, 0},
		{"accompaniment active today", func(v *Vacancy) { v.Accepts = TrackAccompaniment }, func(h *Household) {
			h.AccompanimentFrom, h.AccompanimentUntil = ruleToday, ruleToday
		}, 0},
		{"accompaniment ended yesterday", func(v *Vacancy) { v.Accepts = TrackAccompaniment }, func(h *Household) {
			h.AccompanimentFrom, h.AccompanimentUntil = ruleToday-100, ruleToday-1
		}, ReasonNoAcceptedTrack.set()},
		{"accompaniment starts tomorrow", func(v *Vacancy) { v.Accepts = TrackAccompaniment }, func(h *Household) {
			h.AccompanimentFrom = ruleToday + 1
		}, ReasonNoAcceptedTrack.set()},
		{"accompaniment open-ended", func(v *Vacancy) { v.Accepts = TrackAccompaniment }, func(h *Household) {
			h.AccompanimentFrom = ruleToday - 300
		}, 0},
		// household_inactive
		{"paused until yesterday", nil, func(h *Household) { h.Status, h.PausedUntil = StatusPaused, ruleToday-1 }, 0},
		{"paused until today", nil, func(h *Household) { h.Status, h.PausedUntil = StatusPaused, ruleToday }, 0},
		{"paused until tomorrow", nil, func(h *Household) { h.Status, h.PausedUntil = StatusPaused, ruleToday+1 }, ReasonHouseholdInactive.set()},
		{"paused without end", nil, func(h *Household) { h.Status = StatusPaused }, ReasonHouseholdInactive.set()},
		{"active with future pause", nil, func(h *Household) { h.PausedUntil = ruleToday + 5 }, ReasonHouseholdInactive.set()},
		{"housed", nil, func(h *Household) { h.Status = StatusHoused }, ReasonHouseholdInactive.set()},
		{"closed", nil, func(h *Household) { h.Status = StatusClosed }, ReasonHouseholdInactive.set()},
		{"status not set", nil, func(h *Household) { h.Status = StatusUnknown }, ReasonHouseholdInactive.set()},
		// active_offer
		{"active match for this vacancy", nil, func(h *Household) { h.ActiveMatchVacancyID = 10 }, 0},
		{"active match for another vacancy", nil, func(h *Household) { h.ActiveMatchVacancyID = 11 }, ReasonActiveOffer.set()},
		// previously_declined
		{"declined other vacancies", nil, func(h *Household) { h.Declined = []int64{9, 11} }, 0},
		{"declined this vacancy", nil, func(h *Household) { h.Declined = []int64{9, 10} }, ReasonPreviouslyDeclined.set()},
		// overcrowded: 3 persons need 30,00 m²
		{"exactly 10 m² per person", func(v *Vacancy) { v.AreaCenti = 3000 }, nil, 0},
		{"9.99 m² per person", func(v *Vacancy) { v.AreaCenti = 2999 }, nil, ReasonOvercrowded.set()},
		{"persons at max occupants", func(v *Vacancy) { v.MaxOccupants = 3 }, nil, 0},
		{"persons above max occupants", func(v *Vacancy) { v.MaxOccupants = 2 }, nil, ReasonOvercrowded.set()},
		{"shared flat area per place", func(v *Vacancy) { v.Places, v.AreaCenti = 2, 5999 }, func(h *Household) { h.Benefit = BenefitNone }, ReasonOvercrowded.set()},
		{"shared flat area per place enough", func(v *Vacancy) { v.Places, v.AreaCenti = 2, 6000 }, func(h *Household) { h.Benefit = BenefitNone }, 0},
		// kdu_exceeded: cap for 3 persons is 600,00 €
		{"rent exactly at cap", func(v *Vacancy) { v.NetColdCents, v.ServiceChargesCents = 48000, 12000 }, nil, 0},
		{"rent one cent above cap", func(v *Vacancy) { v.NetColdCents, v.ServiceChargesCents = 48001, 12000 }, nil, ReasonKdUExceeded.set()},
		{"SGB XII above cap", func(v *Vacancy) { v.NetColdCents = 48001 }, func(h *Household) { h.Benefit = BenefitSGB12 }, ReasonKdUExceeded.set()},
		{"no benefit not checked", func(v *Vacancy) { v.NetColdCents = 90000 }, func(h *Household) { h.Benefit = BenefitNone }, 0},
		{"wohngeld not checked", func(v *Vacancy) { v.NetColdCents = 90000 }, func(h *Household) { h.Benefit = BenefitWohngeld }, 0},
		{"9 persons at cap 1224", func(v *Vacancy) { v.AreaCenti, v.NetColdCents, v.ServiceChargesCents = 12000, 100000, 22400 }, func(h *Household) { h.Persons = 9 }, 0},
		{"9 persons one cent above", func(v *Vacancy) { v.AreaCenti, v.NetColdCents, v.ServiceChargesCents = 12000, 100000, 22401 }, func(h *Household) { h.Persons = 9 }, ReasonKdUExceeded.set()},
		// wbs_missing
		{"no WBS needed", nil, nil, 0},
		{"WBS needed, none", func(v *Vacancy) { v.WBSRequired = true }, nil, ReasonWBSMissing.set()},
		{"WBS valid exactly on available-from", func(v *Vacancy) { v.WBSRequired = true }, func(h *Household) {
			h.WBSValidUntil, h.WBSPersons = MakeDate(2027, time.March, 1), 3
		}, 0},
		{"WBS ends the day before", func(v *Vacancy) { v.WBSRequired = true }, func(h *Household) {
			h.WBSValidUntil, h.WBSPersons = MakeDate(2027, time.February, 28), 3
		}, ReasonWBSMissing.set()},
		{"WBS for fewer persons", func(v *Vacancy) { v.WBSRequired = true }, func(h *Household) {
			h.WBSValidUntil, h.WBSPersons = MakeDate(2028, time.March, 1), 2
		}, ReasonWBSMissing.set()},
		{"WBS expired though flat was available earlier", func(v *Vacancy) { v.WBSRequired, v.AvailableFrom = true, ruleToday-30 }, func(h *Household) {
			h.WBSValidUntil, h.WBSPersons = ruleToday-1, 3
		}, ReasonWBSMissing.set()},
		// wheelchair_access, step_free_access
		{"wheelchair flat", func(v *Vacancy) { v.Wheelchair = true }, func(h *Household) { h.NeedsWheelchair = true }, 0},
		{"wheelchair needed", nil, func(h *Household) { h.NeedsWheelchair = true }, ReasonWheelchairAccess.set()},
		{"step-free: ground floor", func(v *Vacancy) { v.Floor, v.Elevator = 0, false }, func(h *Household) { h.NeedsStepFree = true }, 0},
		{"step-free: upper floor with elevator", nil, func(h *Household) { h.NeedsStepFree = true }, 0},
		{"step-free: upper floor without elevator", func(v *Vacancy) { v.Elevator = false }, func(h *Household) { h.NeedsStepFree = true }, ReasonStepFreeAccess.set()},
		{"step-free: flagged step-free", func(v *Vacancy) { v.Elevator, v.StepFree = false, true }, func(h *Household) { h.NeedsStepFree = true }, 0},
		{"step-free: basement", func(v *Vacancy) { v.Floor, v.Elevator = -1, false }, func(h *Household) { h.NeedsStepFree = true }, ReasonStepFreeAccess.set()},
		// pets_not_allowed
		{"pets allowed", nil, func(h *Household) { h.HasPets = true }, 0},
		{"pets not allowed", func(v *Vacancy) { v.PetsAllowed = false }, func(h *Household) { h.HasPets = true }, ReasonPetsNotAllowed.set()},
		{"no pets, none allowed", func(v *Vacancy) { v.PetsAllowed = false }, nil, 0},
		// restricted_flat
		{"women only, all female", func(v *Vacancy) { v.Restriction = RestrictionWomenOnly }, func(h *Household) { h.AllFemale = true }, 0},
		{"women only, a male member", func(v *Vacancy) { v.Restriction = RestrictionWomenOnly }, nil, ReasonRestrictedFlat.set()},
		{"senior WG with senior_care", func(v *Vacancy) { v.Restriction = RestrictionSeniorWG }, func(h *Household) { h.FocusGroup = FocusSeniorCare }, 0},
		{"senior WG without senior_care", func(v *Vacancy) { v.Restriction = RestrictionSeniorWG }, func(h *Household) { h.FocusGroup = FocusMentalHealth }, ReasonRestrictedFlat.set()},
		// district_excluded
		{"other district excluded", nil, func(h *Household) { h.Excluded = BoroughsOf(Mitte, Nord) }, 0},
		{"district excluded", nil, func(h *Household) { h.Excluded = BoroughsOf(Haspe) }, ReasonDistrictExcluded.set()},
		// several at once
		{"fails several rules", func(v *Vacancy) {
			v.AreaCenti, v.NetColdCents, v.PetsAllowed, v.Accepts = 2500, 60000, false, TrackFachstelle
		}, func(h *Household) {
			h.HasPets, h.Excluded, h.Status = true, BoroughsOf(Haspe), StatusClosed
		}, ReasonNoAcceptedTrack.set() | ReasonHouseholdInactive.set() | ReasonOvercrowded.set() |
			ReasonKdUExceeded.set() | ReasonPetsNotAllowed.set() | ReasonDistrictExcluded.set()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, h := baseVacancy(), baseHousehold()
			if tt.v != nil {
				tt.v(&v)
			}
			if tt.h != nil {
				tt.h(&h)
			}
			got := Check(v, h, p, ruleToday)
			if got != tt.want {
				t.Fatalf("Check = {%v}, want {%v}", got, tt.want)
			}
			if ref := refCheck(v, h, p, ruleToday); !slices.Equal(ref, codesOf(tt.want)) {
				t.Fatalf("reference = %v, want {%v}", ref, tt.want)
			}
			agreeWithReference(t, v, []Household{h}, p, ruleToday, 1)
			// Rank must agree with Check, and explain every reason.
			res, err := Rank(v, []Household{h}, p, ruleToday, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == 0 {
				if len(res.Candidates) != 1 || len(res.Excluded) != 0 {
					t.Fatalf("Rank: %d candidates, %d excluded; want 1, 0", len(res.Candidates), len(res.Excluded))
				}
				return
			}
			if len(res.Excluded) != 1 || res.Excluded[0].Reasons != tt.want {
				t.Fatalf("Rank excluded = %+v, want reasons {%v}", res.Excluded, tt.want)
			}
			reasons := got.Explain(v, h, p, ruleToday)
			if len(reasons) != got.Len() {
				t.Fatalf("Explain gave %d reasons for {%v}", len(reasons), got)
			}
			for _, r := range reasons {
				if r.Message == "" || !got.Has(r.Code) {
					t.Errorf("reason %v: message %q", r.Code, r.Message)
				}
			}
		})
	}
}

func TestReasonMessages(t *testing.T) {
	p := DefaultHagenPolicy()
	tests := []struct {
		name string
		v    func(*Vacancy)
		h    func(*Household)
		code ReasonCode
		want string
	}{
		{"overcrowded", func(v *Vacancy) { v.AreaCenti = 2800 }, nil, ReasonOvercrowded,
			"28,00 m² für 3 Personen – mindestens 30,00 m² nötig (WohnStG NRW § 10)"},
		{"max occupants", func(v *Vacancy) { v.MaxOccupants = 2 }, nil, ReasonOvercrowded,
			"3 Personen, aber höchstens 2 Bewohner*innen zulässig"},
		{"kdu", func(v *Vacancy) { v.NetColdCents, v.ServiceChargesCents = 48500, 12000 }, nil, ReasonKdUExceeded,
			"Bruttokaltmiete 605,00 € über der KdU-Grenze von 600,00 € für 3 Personen"},
		{"kdu thousands", func(v *Vacancy) { v.AreaCenti, v.NetColdCents = 12000, 113000 }, func(h *Household) { h.Persons = 8 }, ReasonKdUExceeded,
			"Bruttokaltmiete 1.250,00 € über der KdU-Grenze von 1.125,00 € für 8 Personen"},
		{"wbs missing", func(v *Vacancy) { v.WBSRequired = true }, nil, ReasonWBSMissing,
			"Wohnberechtigungsschein fehlt oder ist am 01.03.2027 nicht mehr gültig"},
		{"wbs persons", func(v *Vacancy) { v.WBSRequired = true }, func(h *Household) { h.WBSValidUntil, h.WBSPersons = ruleToday+400, 2 }, ReasonWBSMissing,
			"Wohnberechtigungsschein gilt für 2 Personen, der Haushalt hat 3 Personen"},
		{"paused", nil, func(h *Household) { h.Status, h.PausedUntil = StatusPaused, MakeDate(2027, time.April, 15) }, ReasonHouseholdInactive,
			"Haushalt ist pausiert bis 15.04.2027"},
		{"housed", nil, func(h *Household) { h.Status = StatusHoused }, ReasonHouseholdInactive,
			"Haushalt ist nicht aktiv (Status: versorgt)"},
		{"step free", func(v *Vacancy) { v.Elevator = false }, func(h *Household) { h.NeedsStepFree = true }, ReasonStepFreeAccess,
			"Haushalt braucht eine stufenlos erreichbare Wohnung; die Wohnung liegt in der 2. Etage ohne Aufzug"},
		{"district", nil, func(h *Household) { h.Excluded = BoroughsOf(Haspe) }, ReasonDistrictExcluded,
			"Haushalt hat den Stadtbezirk Haspe ausgeschlossen"},
		{"track", func(v *Vacancy) { v.Accepts = TrackFachstelle | TrackAccompaniment }, nil, ReasonNoAcceptedTrack,
			"Keine passende Grundlage: Die Wohnung ist offen für Klartext-Wohnbegleitung, Fall der Fachstelle; der Haushalt hat Integrationszertifikat Wohnen"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, h := baseVacancy(), baseHousehold()
			if tt.v != nil {
				tt.v(&v)
			}
			if tt.h != nil {
				tt.h(&h)
			}
			rs := Check(v, h, p, ruleToday)
			if !rs.Has(tt.code) {
				t.Fatalf("Check = {%v}, want %v", rs, tt.code)
			}
			for _, r := range rs.Explain(v, h, p, ruleToday) {
				if r.Code == tt.code && r.Message != tt.want {
					t.Fatalf("message\n got %q\nwant %q", r.Message, tt.want)
				}
			}
		})
	}
}

func TestAllReasonCodes(t *testing.T) {
	want := "no_accepted_track household_inactive active_offer previously_declined overcrowded kdu_exceeded " +
		"wbs_missing wheelchair_access step_free_access pets_not_allowed restricted_flat borough_excluded"
	var got []string
	for _, c := range AllReasonCodes() {
		got = append(got, c.String())
		b, err := c.MarshalText()
		if err != nil || string(b) != c.String() {
			t.Errorf("MarshalText(%v) = %q, %v", c, b, err)
		}
		var back ReasonCode
		if err := back.UnmarshalText(b); err != nil || back != c {
			t.Errorf("UnmarshalText(%q) = %v, %v", b, back, err)
		}
	}
	if strings.Join(got, " ") != want {
		t.Fatalf("AllReasonCodes = %v", got)
	}
}

func TestKdUCap(t *testing.T) {
	l := DefaultHagenLimits()
	for _, tt := range []struct {
		persons int
		want    int64
	}{{0, 41000}, {1, 41000}, {3, 60000}, {8, 112500}, {9, 122400}, {10, 132300}} {
		if got := l.KdUCapCents(tt.persons); got != tt.want {
			t.Errorf("KdUCapCents(%d) = %d, want %d", tt.persons, got, tt.want)
		}
	}
	for _, tt := range []struct {
		persons int
		want    int64
	}{{1, 5000}, {2, 6500}, {4, 9500}} {
		if got := l.AppropriateAreaCenti(tt.persons); got != tt.want {
			t.Errorf("AppropriateAreaCenti(%d) = %d, want %d", tt.persons, got, tt.want)
		}
	}
}

func TestBoroughs(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Borough
	}{{"Mitte", Mitte}, {"nord", Nord}, {"Eilpe/Dahl", EilpeDahl}, {" eilpe_dahl ", EilpeDahl}, {"Eilpe-Dahl", EilpeDahl}, {"HASPE", Haspe}, {"Hohenlimburg", Hohenlimburg}} {
		got, err := ParseBorough(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseBorough(%q) = %v, %v", tt.in, got, err)
		}
	}
	if _, err := ParseBorough("Dortmund"); err == nil {
		t.Error("ParseBorough(Dortmund) succeeded")
	}
	if EilpeDahl.String() != "Eilpe/Dahl" || EilpeDahl.Code() != "eilpe_dahl" {
		t.Errorf("EilpeDahl = %q / %q", EilpeDahl.String(), EilpeDahl.Code())
	}
	s := BoroughsOf(Mitte, Haspe)
	if !s.Has(Mitte) || !s.Has(Haspe) || s.Has(Nord) || len(s.Boroughs()) != 2 {
		t.Errorf("BoroughSet %08b", s)
	}
}

func TestDate(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone data")
	}
	late := time.Date(2027, time.March, 1, 23, 30, 0, 0, berlin)
	d := DateOf(late)
	if d.String() != "2027-03-01" || d.German() != "01.03.2027" {
		t.Fatalf("DateOf = %s / %s", d, d.German())
	}
	if d.Time() != time.Date(2027, time.March, 1, 0, 0, 0, 0, time.UTC) {
		t.Fatalf("Time = %v", d.Time())
	}
	if MakeDate(1970, time.January, 2) != 1 || MakeDate(1969, time.December, 31) != -1 {
		t.Fatal("MakeDate around the epoch")
	}
}

// The rules and components tables are complete: codes unique and stable, German labels and
// messages, and every input they claim to read exists.
func TestRulesTable(t *testing.T) {
	fields := map[string]bool{"today": true}
	for _, typ := range []reflect.Type{reflect.TypeFor[Household](), reflect.TypeFor[Vacancy](), reflect.TypeFor[Limits]()} {
		for f := range typ.Fields() {
			fields[typ.Name()+"."+f.Name] = true
		}
	}
	seen := map[string]bool{}
	check := func(code, label string, reads []string) {
		t.Helper()
		if code == "" || seen[code] || label == "" || label == code || len(reads) == 0 {
			t.Errorf("entry %q: label %q, reads %v", code, label, reads)
		}
		seen[code] = true
		for _, r := range reads {
			if !fields[r] {
				t.Errorf("%s reads %q, which is no input", code, r)
			}
		}
	}
	for _, c := range AllReasonCodes() {
		check(c.String(), c.Label(), c.Reads())
		if c.Description() == "" || rules[c].message == nil {
			t.Errorf("%v has no description or message", c)
		}
	}
	for _, c := range AllComponents() {
		check(c.Code(), c.Label(), c.Reads())
		if c.Short() == "" || c.WeightLabel() == "" || c.WeightHint() == "" {
			t.Errorf("%v lacks a German text", c.Code())
		}
		if lv := components[c].levels; lv != nil &&
			(len(lv) > maxLevels || len(lv)&(len(lv)-1) != 0 || len(lv)<<components[c].shift > 1<<numScoreFlags) {
			t.Errorf("%v: %d levels from bit %d do not fit the score flag index", c.Code(), len(lv), components[c].shift)
		}
		var w Weights
		w.Set(c, 12.5)
		if w.Of(c) != 12.5 || DefaultHagenWeights().Of(c) == 0 {
			t.Errorf("%v: weight accessors", c.Code())
		}
	}
	if ReasonCode(numReasons).String() != "reason_12" || Component(NumComponents).Label() != "component_8" {
		t.Error("unknown codes are not named by number")
	}
}

// input is one input of the rules and components that a test can replace.
type input struct {
	name  string // as in ReasonCode.Reads
	apply func(v *Vacancy, h *Household, l *Limits, today *Date)
}

// replacements returns, for each field of Vacancy, Household and Limits, the change that
// sets it to its value in v2, h2 or l2, and a change of today by delta days.
func replacements(v2 Vacancy, h2 Household, l2 Limits, delta Date) []input {
	out := []input{{"today", func(_ *Vacancy, _ *Household, _ *Limits, d *Date) { *d += delta }}}
	add := func(src any, dst func(v *Vacancy, h *Household, l *Limits) any) {
		typ := reflect.TypeOf(src)
		for i := range typ.NumField() {
			out = append(out, input{typ.Name() + "." + typ.Field(i).Name, func(v *Vacancy, h *Household, l *Limits, _ *Date) {
				reflect.ValueOf(dst(v, h, l)).Elem().Field(i).Set(reflect.ValueOf(src).Field(i))
			}})
		}
	}
	add(v2, func(v *Vacancy, _ *Household, _ *Limits) any { return v })
	add(h2, func(_ *Vacancy, h *Household, _ *Limits) any { return h })
	add(l2, func(_ *Vacancy, _ *Household, l *Limits) any { return l })
	return out
}

// Each rule and component reads only the inputs the table says: replacing any other input
// with another household's, vacancy's or policy's (or moving today) never changes whether a
// rule excludes or what a component is worth.
func TestRulesReadOnlyWhatTheyDeclare(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	changed := map[string]int{}
	for round := range 400 {
		today := genToday + Date(r.IntN(60)-30)
		p := DefaultHagenPolicy()
		v, hs := wild(r, today, 2)
		v2, _ := wild(r, today, 0)
		if round%2 == 0 {
			onEdges(r, &v, hs, p, today)
		}
		h := hs[0]
		hs[1].Urgency = int8(r.IntN(6)) // wild urgencies are rarely 1–4
		before, valsBefore := Check(v, h, p, today), ComponentValues(v, h, p, today)
		for _, in := range replacements(v2, hs[1], randomLimits(r), Date(r.IntN(5)-2)) {
			vv, hh, pp, dd := v, h, p, today
			in.apply(&vv, &hh, &pp.Limits, &dd)
			after, vals := Check(vv, hh, pp, dd), ComponentValues(vv, hh, pp, dd)
			for _, c := range AllReasonCodes() {
				if before.Has(c) == after.Has(c) {
					continue
				}
				changed[c.String()]++
				if !slices.Contains(c.Reads(), in.name) {
					t.Fatalf("rule %v changed with %s, which it does not declare", c, in.name)
				}
			}
			for _, c := range AllComponents() {
				if vals[c] == valsBefore[c] {
					continue
				}
				changed[c.Code()]++
				if !slices.Contains(c.Reads(), in.name) {
					t.Fatalf("component %s changed with %s, which it does not declare", c.Code(), in.name)
				}
			}
		}
	}
	for _, c := range AllReasonCodes() {
		if changed[c.String()] < 20 {
			t.Errorf("rule %v changed only %d times", c, changed[c.String()])
		}
	}
	for _, c := range AllComponents() {
		if changed[c.Code()] < 20 {
			t.Errorf("component %s changed only %d times", c.Code(), changed[c.Code()])
		}
	}
}
