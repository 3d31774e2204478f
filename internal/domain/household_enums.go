package domain

// The enumerations of a household record (docs/design.md §3). Each has one typed definition here:
// the constants and one ordered table with the German labels. The JSON and form values are
// the constants' strings and must not change.

// Language is the language applicant mail is written in (German always alongside).
type Language string

// The languages applicant mail is written in.
const (
	LanguageDE Language = "de"
	LanguageRO Language = "ro"
	LanguageBG Language = "bg"
	LanguageEN Language = "en"
	LanguageTR Language = "tr"
	LanguageAR Language = "ar"
	LanguageUK Language = "uk"
	LanguagePL Language = "pl"
)

// LanguageInfo describes one language: its German name, its name in itself (the heading above
// its block in a mail) and its writing direction.
type LanguageInfo struct {
	Language    Language
	German      string
	Native      string
	RightToLeft bool
}

// LanguageTable lists the languages in the order forms offer them; every one needs a mail
// locale file (mail/locales/<code>.toml).
var LanguageTable = []LanguageInfo{
	{LanguageDE, "Deutsch", "Deutsch", false},
	{LanguageRO, "Rumänisch", "Română", false},
	{LanguageBG, "Bulgarisch", "Български", false},
	{LanguageEN, "Englisch", "English", false},
	{LanguageTR, "Türkisch", "Türkçe", false},
	{LanguageAR, "Arabisch", "العربية", true},
	{LanguageUK, "Ukrainisch", "Українська", false},
	{LanguagePL, "Polnisch", "Polski", false},
}

// Languages is LanguageTable as an enumeration; a label names the language in German and, for
// all but German, in itself: "Rumänisch (Română)".
var Languages = languageEnum()

func languageEnum() Enum[Language] {
	e := make(Enum[Language], len(LanguageTable))
	for i, l := range LanguageTable {
		e[i] = Choice[Language]{l.Language, l.German}
		if l.Native != l.German {
			e[i].Label += " (" + l.Native + ")"
		}
	}
	return e
}

func (l Language) info() (LanguageInfo, bool) {
	for _, i := range LanguageTable {
		if i.Language == l {
			return i, true
		}
	}
	return LanguageInfo{}, false
}

// Label returns the German label, e.g. "Rumänisch (Română)".
func (l Language) Label() string { return Languages.Label(l) }

// Valid reports whether l is one of the languages.
func (l Language) Valid() bool { return Languages.Has(l) }

// Native returns the language's name in itself ("Română"); an unknown code shows as it is.
func (l Language) Native() string {
	if i, ok := l.info(); ok {
		return i.Native
	}
	return string(l)
}

// RightToLeft reports whether the language is written right to left.
func (l Language) RightToLeft() bool {
	i, _ := l.info()
	return i.RightToLeft
}

// Benefit is the income support a household lives on; the KdU rule depends on it.
type Benefit string

// The benefits.
const (
	BenefitNone     Benefit = "none"
	BenefitSGB2     Benefit = "sgb2"
	BenefitSGB12    Benefit = "sgb12"
	BenefitWohngeld Benefit = "wohngeld"
)

// Benefits lists the benefits with German labels.
var Benefits = Enum[Benefit]{
	{BenefitNone, "keine Sozialleistung"},
	{BenefitSGB2, "Bürgergeld (SGB II, Jobcenter)"},
	{BenefitSGB12, "Grundsicherung / Sozialhilfe (SGB XII)"},
	{BenefitWohngeld, "Wohngeld"},
}

// Label returns the German label.
func (b Benefit) Label() string { return Benefits.Label(b) }

// Valid reports whether b is one of the benefits.
func (b Benefit) Valid() bool { return Benefits.Has(b) }

// PaidByAuthority reports whether the rent is paid by a benefit office (SGB II or XII): such a
// household is bound to the KdU caps and can have the rent paid directly to the landlord.
func (b Benefit) PaidByAuthority() bool { return b == BenefitSGB2 || b == BenefitSGB12 }

// Track is a programme through which a household can be placed (docs/design.md §1).
type Track string

// The tracks.
const (
	TrackCertificate   Track = "certificate"
	TrackAccompaniment Track = "accompaniment"
	TrackFachstelle    Track = "fachstelle"
)

// TrackInfo names a track three ways: Label in lists and filters, Short in table headings,
// Households for the choice of whom a vacancy or an agreement accepts.
type TrackInfo struct {
	Track      Track
	Label      string
	Short      string
	Households string
}

// TrackTable lists the tracks in the order every page shows them.
var TrackTable = []TrackInfo{
	{TrackCertificate, "Integrationszertifikat Wohnen", "Integrationszertifikat", "Haushalte mit Integrationszertifikat Wohnen (Mietführerschein)"},
	{TrackAccompaniment, "Klartext-Wohnbegleitung", "Wohnbegleitung", "Haushalte mit „Klartext“-Wohnbegleitung"},
	{TrackFachstelle, "Fall der Fachstelle", "Fachstelle", "Haushalte der Zentralen Fachstelle („Endlich ein ZUHAUSE!“)"},
}

// Tracks is TrackTable as an enumeration labelled with Label.
var Tracks = trackEnum(func(t TrackInfo) string { return t.Label })

// TrackShortOptions labels the tracks with their short names, for table headings.
var TrackShortOptions = trackEnum(func(t TrackInfo) string { return t.Short }).Options()

// TrackHouseholdOptions labels the tracks by the households they stand for, for the choice of
// whom a vacancy or a cooperation agreement accepts.
var TrackHouseholdOptions = trackEnum(func(t TrackInfo) string { return t.Households }).Options()

func trackEnum(label func(TrackInfo) string) Enum[Track] {
	e := make(Enum[Track], len(TrackTable))
	for i, t := range TrackTable {
		e[i] = Choice[Track]{t.Track, label(t)}
	}
	return e
}

// Label returns the German name of the track.
func (t Track) Label() string { return Tracks.Label(t) }

// Valid reports whether t is one of the tracks.
func (t Track) Valid() bool { return Tracks.Has(t) }

// Households names the households of the track, as a vacancy or an agreement accepts them.
func (t Track) Households() string {
	for _, i := range TrackTable {
		if i.Track == t {
			return i.Households
		}
	}
	return string(t)
}

// FocusGroup is a focus group of "Endlich ein ZUHAUSE!".
type FocusGroup string

// The focus groups.
const (
	FocusNone         FocusGroup = "none"
	FocusSeniorCare   FocusGroup = "senior_care"
	FocusMentalHealth FocusGroup = "mental_health"
	FocusWomen        FocusGroup = "women"
	FocusEU2Family    FocusGroup = "eu2_family"
)

// FocusGroups lists the focus groups with German labels.
var FocusGroups = Enum[FocusGroup]{
	{FocusNone, "keine"},
	{FocusSeniorCare, "Ältere Langzeitwohnungslose (Pflegebedarf)"},
	{FocusMentalHealth, "Psychisch erkrankte Menschen in Unterkünften"},
	{FocusWomen, "Wohnungslose Frauen"},
	{FocusEU2Family, "EU-2-Familien (Bulgarien, Rumänien)"},
}

// Label returns the German label.
func (f FocusGroup) Label() string { return FocusGroups.Label(f) }

// Valid reports whether f is one of the focus groups.
func (f FocusGroup) Valid() bool { return FocusGroups.Has(f) }

// EmergencyCategory is a housing-emergency category of BAG W.
type EmergencyCategory string

// The housing-emergency categories.
const (
	EmergencyStreet     EmergencyCategory = "A1" // without shelter: street, makeshift, with friends
	EmergencySheltered  EmergencyCategory = "A2" // placed in a shelter or an institution
	EmergencyThreatened EmergencyCategory = "B"  // immediately threatened by homelessness
	EmergencyUnbearable EmergencyCategory = "C"  // unacceptable living conditions
)

// EmergencyCategories lists the categories with German labels.
var EmergencyCategories = Enum[EmergencyCategory]{
	{EmergencyStreet, "A.1 ohne Unterkunft (Straße, Behelf, bei Bekannten)"},
	{EmergencySheltered, "A.2 ordnungsrechtlich oder in Einrichtungen untergebracht"},
	{EmergencyThreatened, "B unmittelbar von Wohnungslosigkeit bedroht"},
	{EmergencyUnbearable, "C unzumutbare Wohnverhältnisse"},
}

// Label returns the German label.
func (c EmergencyCategory) Label() string { return EmergencyCategories.Label(c) }

// Valid reports whether c is one of the categories.
func (c EmergencyCategory) Valid() bool { return EmergencyCategories.Has(c) }

// Urgency is the urgency of a Fachstelle case, 1 (highest) to 4.
type Urgency int

// The urgencies.
const (
	UrgencyVeryHigh Urgency = 1
	UrgencyHigh     Urgency = 2
	UrgencyMedium   Urgency = 3
	UrgencyLow      Urgency = 4
)

// Urgencies lists the urgencies, highest first, with German labels.
var Urgencies = Enum[Urgency]{
	{UrgencyVeryHigh, "1 – sehr hoch (z. B. ohne Unterkunft)"},
	{UrgencyHigh, "2 – hoch (untergebracht)"},
	{UrgencyMedium, "3 – mittel (bedroht)"},
	{UrgencyLow, "4 – niedrig"},
}

// Label returns the German label.
func (u Urgency) Label() string { return Urgencies.Label(u) }

// Valid reports whether u is one of the urgencies.
func (u Urgency) Valid() bool { return Urgencies.Has(u) }

// ConsentKind is what a household can consent to.
type ConsentKind string

// The consent kinds.
const (
	ConsentDataProcessing          ConsentKind = "data_processing"
	ConsentShareWithLandlord       ConsentKind = "share_with_landlord"
	ConsentDirectPaymentDisclosure ConsentKind = "direct_payment_disclosure"
	ConsentHealthData              ConsentKind = "health_data"
	ConsentEmailContact            ConsentKind = "email_contact"
)

// ConsentKinds lists the consent kinds with German labels.
var ConsentKinds = Enum[ConsentKind]{
	{ConsentDataProcessing, "Verarbeitung der Daten für die Wohnungsvermittlung"},
	{ConsentShareWithLandlord, "Weitergabe des pseudonymen Profils an Vermieter*innen"},
	{ConsentDirectPaymentDisclosure, "Vermieter*in darf „Direktzahlung“ sehen"},
	{ConsentHealthData, "Verarbeitung von Gesundheitsdaten (Art. 9 DSGVO)"},
	{ConsentEmailContact, "Kontakt per E-Mail"},
}

// Label returns the German label.
func (k ConsentKind) Label() string { return ConsentKinds.Label(k) }

// Valid reports whether k is one of the consent kinds.
func (k ConsentKind) Valid() bool { return ConsentKinds.Has(k) }
