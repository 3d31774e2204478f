package domain

// Option is one value of an enumeration with its German label, for select fields and
// radio groups.
type Option struct {
	Value string
	Label string
}

// labelOf finds the label of a value in a list of options; unknown values show as they are.
func labelOf(opts []Option, v string) string {
	for _, o := range opts {
		if o.Value == v {
			return o.Label
		}
	}
	return v
}

// validIn reports whether v is one of the options' values.
func validIn(opts []Option, v string) bool {
	for _, o := range opts {
		if o.Value == v {
			return true
		}
	}
	return false
}

// Role is what a user account may do (docs/design.md §2).
type Role string

// The roles of docs/design.md §2. Applicants have no account.
const (
	RoleAdmin      Role = "admin"
	RoleStaff      Role = "staff"
	RoleCaseworker Role = "caseworker"
	RoleLandlord   Role = "landlord"
)

// Roles lists the roles with German labels.
var Roles = Enum[Role]{
	{RoleStaff, "Wohnraumakquise / Fachstelle"},
	{RoleCaseworker, "Wohnbegleitung / Sozialarbeit"},
	{RoleLandlord, "Vermieter*in"},
	{RoleAdmin, "Administration"},
}

// Label returns the German name of the role.
func (r Role) Label() string { return Roles.Label(r) }

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return Roles.Has(r) }

// LandlordKind is what kind of landlord an organisation is.
type LandlordKind string

// The kinds of landlord.
const (
	LandlordPrivate     LandlordKind = "private"
	LandlordCompany     LandlordKind = "company"
	LandlordCooperative LandlordKind = "cooperative"
)

// LandlordKinds lists the kinds of landlord with German labels.
var LandlordKinds = Enum[LandlordKind]{
	{LandlordPrivate, "Privatvermieter*in"},
	{LandlordCompany, "Wohnungsunternehmen"},
	{LandlordCooperative, "Genossenschaft"},
}

// Label returns the German label.
func (k LandlordKind) Label() string { return LandlordKinds.Label(k) }

// Valid reports whether k is one of the kinds.
func (k LandlordKind) Valid() bool { return LandlordKinds.Has(k) }

// Sex is the recorded sex of a household member.
type Sex string

// The recorded sexes.
const (
	SexFemale  Sex = "f"
	SexMale    Sex = "m"
	SexDiverse Sex = "d"
)

// Sexes lists the recorded sexes with German labels.
var Sexes = Enum[Sex]{
	{SexFemale, "weiblich"},
	{SexMale, "männlich"},
	{SexDiverse, "divers"},
}

// Label returns the German label.
func (s Sex) Label() string { return Sexes.Label(s) }

// Valid reports whether s is one of the recorded sexes.
func (s Sex) Valid() bool { return Sexes.Has(s) }

// Restriction limits who may live in a flat.
type Restriction string

// The occupancy restrictions.
const (
	RestrictionNone      Restriction = "none"
	RestrictionWomenOnly Restriction = "women_only"
	RestrictionSeniorWG  Restriction = "senior_wg"
)

// Restrictions lists the occupancy restrictions of a vacancy with German labels.
var Restrictions = Enum[Restriction]{
	{RestrictionNone, "keine"},
	{RestrictionWomenOnly, "nur für Frauen"},
	{RestrictionSeniorWG, "Senioren-WG"},
}

// Label returns the German label.
func (r Restriction) Label() string { return Restrictions.Label(r) }

// Valid reports whether r is one of the restrictions.
func (r Restriction) Valid() bool { return Restrictions.Has(r) }

// RejectionReasonOptions is the catalogue of reasons a landlord gives for a rejection.
var RejectionReasonOptions = []Option{
	{"other_tenant", "Wohnung an andere Person vergeben"},
	{"household_size", "Haushaltsgröße passt nicht"},
	{"income", "Mietzahlung nicht ausreichend gesichert"},
	{"impression", "Eindruck bei der Besichtigung"},
	{"no_contact", "Kein Kontakt zustande gekommen"},
	{"withdrawn_offer", "Wohnung wird nicht mehr vermietet"},
	{"other", "Sonstiger Grund"},
}

// Label returns the German label of a value in one of the option lists.
func Label(opts []Option, v string) string { return labelOf(opts, v) }

// Valid reports whether v is a value of one of the option lists.
func Valid(opts []Option, v string) bool { return validIn(opts, v) }
