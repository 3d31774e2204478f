package portal

import (
	"fmt"
	"strconv"
	"strings"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/households"
)

// memberRows is how many member rows the household form offers (empty rows are ignored).
const memberRows = 8

// householdFormData is what the household form template needs besides the values.
type householdFormData struct {
	Action      string
	Household   *domain.Household // nil on create
	Caseworkers []domain.Option
	MemberRows  []int
	Cancel      string
	// CorrectRegistration shows the registration date for correction (only staff may
	// correct it: domain.Actor.CanCorrectRegistration).
	CorrectRegistration bool
	// HealthNotesHidden replaces the health notes field by a notice: notes are stored and
	// the caller may not read them (domain.Actor.CanReadHealthNotes); an update keeps them.
	HealthNotesHidden bool
}

func newHouseholdFormData(action, cancel string, h *domain.Household, caseworkers []domain.User) householdFormData {
	d := householdFormData{Action: action, Household: h, Cancel: cancel}
	for _, u := range caseworkers {
		d.Caseworkers = append(d.Caseworkers, domain.Option{Value: strconv.FormatInt(u.ID, 10), Label: u.Name})
	}
	for i := 0; i < memberRows; i++ {
		d.MemberRows = append(d.MemberRows, i)
	}
	return d
}

// formParser reads typed values from a form and collects German messages for the ones
// that cannot be read.
type formParser struct {
	f  FormValues
	ve *domain.ValidationError
}

func (p formParser) str(name string) string { return strings.TrimSpace(p.f.Get(name)) }

func (p formParser) checked(name string) bool { return p.f.Get(name) != "" }

func (p formParser) date(name string) domain.Date {
	d, err := domain.ParseDate(p.str(name))
	if err != nil {
		p.ve.Add(name, "Bitte geben Sie ein Datum an, z. B. 01.03.2026.")
	}
	return d
}

func (p formParser) integer(name string) int {
	s := p.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		p.ve.Add(name, "Bitte geben Sie eine ganze Zahl an.")
	}
	return n
}

func (p formParser) euros(name string) *int64 {
	s := p.str(name)
	if s == "" {
		return nil
	}
	v, err := domain.ParseFixed(s, 2)
	if err != nil {
		p.ve.Add(name, "Bitte geben Sie einen Betrag in Euro an, z. B. 18.500 oder 18.500,00.")
		return nil
	}
	return &v
}

// codes reads a multi-value field as values of an enumeration; the validator checks them.
func codes[T ~string](f FormValues, name string) []T {
	var out []T
	for _, v := range f[name] {
		out = append(out, T(v))
	}
	return out
}

// strs is the inverse of codes, for filling a form.
func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// parseHouseholdForm turns the posted household form into the shared input. The form's
// field names are the input's JSON paths, so validation messages land at the fields.
func parseHouseholdForm(f FormValues, ve *domain.ValidationError) *households.Input {
	p := formParser{f, ve}
	in := &households.Input{
		ContactName: p.str("contact_name"), Email: p.str("email"), Phone: p.str("phone"),
		Language: domain.Language(p.str("language")), Nationality: p.str("nationality"), Benefit: domain.Benefit(p.str("benefit")),
		DirectPaymentConsent: p.checked("direct_payment_consent"), YearlyIncomeCents: p.euros("yearly_income"),
		Needs: households.NeedsInput{Wheelchair: p.checked("needs.wheelchair"), StepFree: p.checked("needs.step_free"),
			Pets: p.checked("needs.pets"), PreferredBoroughs: codes[domain.Borough](f, "needs.preferred_boroughs"),
			ExcludedBoroughs: codes[domain.Borough](f, "needs.excluded_boroughs"), EarliestMoveIn: p.date("needs.earliest_move_in")},
		Consents:           codes[domain.ConsentKind](f, "consents"),
		RegisteredOn:       p.date("registered_on"),
		RegisteredOnReason: p.str("registered_on_reason"),
	}
	if id := p.str("caseworker_id"); id != "" {
		if n, err := strconv.ParseInt(id, 10, 64); err == nil {
			in.CaseworkerID = &n
		} else {
			ve.Add("caseworker_id", "Bitte wählen Sie eine Person aus der Liste.")
		}
	}
	for i := 0; i < memberRows; i++ {
		year, sex := fmt.Sprintf("members[%d].birth_year", i), fmt.Sprintf("members[%d].sex", i)
		if p.str(year) == "" && p.str(sex) == "" {
			continue
		}
		in.Members = append(in.Members, households.MemberInput{BirthYear: p.integer(year), Sex: domain.Sex(p.str(sex))})
	}
	if p.checked("has_certificate") {
		in.Certificate = &households.CertificateInput{PassedOn: p.date("certificate.passed_on"), Number: p.str("certificate.number")}
	}
	if p.checked("has_accompaniment") {
		in.Accompaniment = &households.AccompanimentInput{From: p.date("accompaniment.from"), Until: p.date("accompaniment.until"),
			CompanionName: p.str("accompaniment.companion_name"), CompanionEmail: p.str("accompaniment.companion_email"),
			CompanionPhone: p.str("accompaniment.companion_phone")}
	}
	if p.checked("has_fachstelle") {
		in.Fachstelle = &households.FachstelleInput{Category: domain.EmergencyCategory(p.str("fachstelle.category")),
			Urgency: domain.Urgency(p.integer("fachstelle.urgency")), HomelessSince: p.date("fachstelle.homeless_since"),
			FocusGroup:  domain.FocusGroup(p.str("fachstelle.focus_group")),
			HealthNotes: p.str("fachstelle.health_notes"),
			// the characteristics of the statutory counts (privacy, issue 15)
			AccommodationKind:     domain.AccommodationKind(p.str("fachstelle.accommodation_kind")),
			AccommodationProvider: domain.AccommodationProvider(p.str("fachstelle.accommodation_provider")),
			AccommodatedSince:     p.date("fachstelle.accommodated_since")}
	}
	if p.checked("has_wbs") {
		in.WBS = &households.WBSInput{ValidUntil: p.date("wbs.valid_until"), Persons: p.integer("wbs.persons")}
	}
	return in
}

// householdFormValues fills the form from a stored household (for editing).
func householdFormValues(in *households.Input) FormValues {
	f := FormValues{}
	set := func(k, v string) {
		if v != "" {
			f.Set(k, v)
		}
	}
	set("contact_name", in.ContactName)
	set("email", in.Email)
	set("phone", in.Phone)
	set("language", string(in.Language))
	set("nationality", in.Nationality)
	set("benefit", string(in.Benefit))
	set("registered_on", in.RegisteredOn.String())
	set("registered_on_reason", in.RegisteredOnReason)
	if in.CaseworkerID != nil {
		set("caseworker_id", strconv.FormatInt(*in.CaseworkerID, 10))
	}
	if in.DirectPaymentConsent {
		set("direct_payment_consent", "1")
	}
	if in.YearlyIncomeCents != nil {
		set("yearly_income", domain.Cents(*in.YearlyIncomeCents).Plain())
	}
	for i, m := range in.Members {
		set(fmt.Sprintf("members[%d].birth_year", i), strconv.Itoa(m.BirthYear))
		set(fmt.Sprintf("members[%d].sex", i), string(m.Sex))
	}
	if c := in.Certificate; c != nil {
		set("has_certificate", "1")
		set("certificate.passed_on", c.PassedOn.String())
		set("certificate.number", c.Number)
	}
	if a := in.Accompaniment; a != nil {
		set("has_accompaniment", "1")
		set("accompaniment.from", a.From.String())
		set("accompaniment.until", a.Until.String())
		set("accompaniment.companion_name", a.CompanionName)
		set("accompaniment.companion_email", a.CompanionEmail)
		set("accompaniment.companion_phone", a.CompanionPhone)
	}
	if fs := in.Fachstelle; fs != nil {
		set("has_fachstelle", "1")
		set("fachstelle.category", string(fs.Category))
		set("fachstelle.urgency", strconv.Itoa(int(fs.Urgency)))
		set("fachstelle.homeless_since", fs.HomelessSince.String())
		set("fachstelle.focus_group", string(fs.FocusGroup))
		set("fachstelle.health_notes", fs.HealthNotes)
		set("fachstelle.accommodation_kind", string(fs.AccommodationKind))
		set("fachstelle.accommodation_provider", string(fs.AccommodationProvider))
		set("fachstelle.accommodated_since", fs.AccommodatedSince.String())
	}
	if w := in.WBS; w != nil {
		set("has_wbs", "1")
		set("wbs.valid_until", w.ValidUntil.String())
		set("wbs.persons", strconv.Itoa(w.Persons))
	}
	for k, v := range map[string]bool{"needs.wheelchair": in.Needs.Wheelchair, "needs.step_free": in.Needs.StepFree, "needs.pets": in.Needs.Pets} {
		if v {
			set(k, "1")
		}
	}
	if len(in.Needs.PreferredBoroughs) > 0 {
		f["needs.preferred_boroughs"] = strs(in.Needs.PreferredBoroughs)
	}
	if len(in.Needs.ExcludedBoroughs) > 0 {
		f["needs.excluded_boroughs"] = strs(in.Needs.ExcludedBoroughs)
	}
	set("needs.earliest_move_in", in.Needs.EarliestMoveIn.String())
	f["consents"] = strs(in.Consents)
	return f
}
