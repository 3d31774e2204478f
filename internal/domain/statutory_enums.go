package domain

// Data protection and statutory reports (issue 15, branch privacy): the characteristics
// the WoBerichtsG count (§ 4) and the NRW count ask for that the portal records on a
// Fachstelle case. The empty value is "unbekannt" and allowed: the reports count it as such.

// AccommodationKind is the kind of accommodation of a homeless household (Art der
// Unterbringung).
type AccommodationKind string

// The kinds of accommodation.
const (
	AccommodationUnknown      AccommodationKind = ""
	AccommodationShelter      AccommodationKind = "emergency_shelter"
	AccommodationTransitional AccommodationKind = "transitional_flat"
	AccommodationHotel        AccommodationKind = "hotel"
	AccommodationFacility     AccommodationKind = "facility"
	AccommodationWomensRefuge AccommodationKind = "womens_refuge"
	AccommodationOther        AccommodationKind = "other"
)

// AccommodationKinds lists the kinds of accommodation with German labels.
var AccommodationKinds = Enum[AccommodationKind]{
	{AccommodationUnknown, "unbekannt"},
	{AccommodationShelter, "Notunterkunft, Obdach"},
	{AccommodationTransitional, "Übergangswohnung (ordnungsrechtlich)"},
	{AccommodationHotel, "Hotel oder Pension"},
	{AccommodationFacility, "Einrichtung der Wohnungslosenhilfe"},
	{AccommodationWomensRefuge, "Frauenhaus oder Schutzwohnung"},
	{AccommodationOther, "sonstige Unterbringung"},
}

// Label returns the German label.
func (k AccommodationKind) Label() string { return AccommodationKinds.Label(k) }

// Valid reports whether k is one of the kinds (the empty "unbekannt" included).
func (k AccommodationKind) Valid() bool { return AccommodationKinds.Has(k) }

// AccommodationProvider is who provides the accommodation (Träger).
type AccommodationProvider string

// The providers.
const (
	ProviderUnknown      AccommodationProvider = ""
	ProviderMunicipality AccommodationProvider = "municipality"
	ProviderFree         AccommodationProvider = "free_provider"
	ProviderCommercial   AccommodationProvider = "commercial"
)

// AccommodationProviders lists the providers with German labels.
var AccommodationProviders = Enum[AccommodationProvider]{
	{ProviderUnknown, "unbekannt"},
	{ProviderMunicipality, "Stadt Hagen (ordnungsrechtlich)"},
	{ProviderFree, "freier Träger der Wohnungslosenhilfe"},
	{ProviderCommercial, "gewerblicher Anbieter"},
}

// Label returns the German label.
func (p AccommodationProvider) Label() string { return AccommodationProviders.Label(p) }

// Valid reports whether p is one of the providers (the empty "unbekannt" included).
func (p AccommodationProvider) Valid() bool { return AccommodationProviders.Has(p) }

// HagenMunicipalityKey is the Amtlicher Gemeindeschlüssel of the city of Hagen.
const HagenMunicipalityKey = "05914000"
