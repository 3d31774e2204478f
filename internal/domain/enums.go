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

// Role is what a user account may do (DESIGN §2).
type Role string

// The roles of DESIGN §2. Applicants have no account.
const (
	RoleAdmin      Role = "admin"
	RoleStaff      Role = "staff"
	RoleCaseworker Role = "caseworker"
	RoleLandlord   Role = "landlord"
)

// RoleOptions lists the roles with German labels.
var RoleOptions = []Option{
	{string(RoleStaff), "Wohnraumakquise / Fachstelle"},
	{string(RoleCaseworker), "Wohnbegleitung / Sozialarbeit"},
	{string(RoleLandlord), "Vermieter*in"},
	{string(RoleAdmin), "Administration"},
}

// Label returns the German name of the role.
func (r Role) Label() string { return labelOf(RoleOptions, string(r)) }

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return validIn(RoleOptions, string(r)) }

// LandlordKindOptions lists the kinds of landlord.
var LandlordKindOptions = []Option{
	{"private", "Privatvermieter*in"},
	{"company", "Wohnungsunternehmen"},
	{"cooperative", "Genossenschaft"},
}

// LanguageOptions lists the languages applicant mail is written in (German alongside).
var LanguageOptions = []Option{
	{"de", "Deutsch"},
	{"ro", "Rumänisch (Română)"},
	{"bg", "Bulgarisch (Български)"},
	{"en", "Englisch (English)"},
	{"tr", "Türkisch (Türkçe)"},
	{"ar", "Arabisch (العربية)"},
	{"uk", "Ukrainisch (Українська)"},
	{"pl", "Polnisch (Polski)"},
}

// FocusGroupOptions lists the focus groups of "Endlich ein ZUHAUSE!".
var FocusGroupOptions = []Option{
	{"none", "keine"},
	{"senior_care", "Ältere Langzeitwohnungslose (Pflegebedarf)"},
	{"mental_health", "Psychisch erkrankte Menschen in Unterkünften"},
	{"women", "Wohnungslose Frauen"},
	{"eu2_family", "EU-2-Familien (Bulgarien, Rumänien)"},
}

// EmergencyCategoryOptions lists the housing-emergency categories of BAG W.
var EmergencyCategoryOptions = []Option{
	{"A1", "A.1 ohne Unterkunft (Straße, Behelf, bei Bekannten)"},
	{"A2", "A.2 ordnungsrechtlich oder in Einrichtungen untergebracht"},
	{"B", "B unmittelbar von Wohnungslosigkeit bedroht"},
	{"C", "C unzumutbare Wohnverhältnisse"},
}

// BenefitOptions lists the income sources the KdU rule depends on.
var BenefitOptions = []Option{
	{"none", "keine Sozialleistung"},
	{"sgb2", "Bürgergeld (SGB II, Jobcenter)"},
	{"sgb12", "Grundsicherung / Sozialhilfe (SGB XII)"},
	{"wohngeld", "Wohngeld"},
}

// SexOptions lists the recorded sexes of household members.
var SexOptions = []Option{
	{"f", "weiblich"},
	{"m", "männlich"},
	{"d", "divers"},
}

// ConsentKindOptions lists what a household can consent to.
var ConsentKindOptions = []Option{
	{"data_processing", "Verarbeitung der Daten für die Wohnungsvermittlung"},
	{"share_with_landlord", "Weitergabe des pseudonymen Profils an Vermieter*innen"},
	{"direct_payment_disclosure", "Vermieter*in darf „Direktzahlung“ sehen"},
	{"health_data", "Verarbeitung von Gesundheitsdaten (Art. 9 DSGVO)"},
	{"email_contact", "Kontakt per E-Mail"},
}

// RestrictionOptions lists the occupancy restrictions of a vacancy.
var RestrictionOptions = []Option{
	{"none", "keine"},
	{"women_only", "nur für Frauen"},
	{"senior_wg", "Senioren-WG"},
}

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
