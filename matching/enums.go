package matching

import (
	"fmt"
	"strings"
)

// Borough is one of Hagen's five Stadtbezirke. The zero value BoroughUnknown means "not set".
type Borough uint8

// The Stadtbezirke of Hagen.
const (
	BoroughUnknown Borough = iota
	Mitte
	Nord
	Hohenlimburg
	EilpeDahl
	Haspe
)

var boroughNames = [...]string{"unbekannt", "Hagen-Mitte", "Hagen-Nord", "Hohenlimburg", "Eilpe/Dahl", "Haspe"}
var boroughCodes = [...]string{"unknown", "mitte", "nord", "hohenlimburg", "eilpe_dahl", "haspe"}

// AllBoroughs lists the five Stadtbezirke in their usual order.
func AllBoroughs() []Borough { return []Borough{Mitte, Nord, Hohenlimburg, EilpeDahl, Haspe} }

// String returns the German name shown to users, e.g. "Eilpe/Dahl".
func (b Borough) String() string {
	if int(b) < len(boroughNames) {
		return boroughNames[b]
	}
	return fmt.Sprintf("Stadtbezirk(%d)", uint8(b))
}

// Code returns the stable ASCII code used in storage and the API, e.g. "eilpe_dahl".
func (b Borough) Code() string {
	if int(b) < len(boroughCodes) {
		return boroughCodes[b]
	}
	return fmt.Sprintf("borough_%d", uint8(b))
}

// ParseBorough accepts the German name ("Eilpe/Dahl", also "Eilpe-Dahl" or "Eilpe / Dahl") or
// the code ("eilpe_dahl"), ignoring case and surrounding space.
func ParseBorough(s string) (Borough, error) {
	key := strings.ToLower(strings.TrimSpace(s))
	key = strings.NewReplacer(" ", "", "/", "_", "-", "_").Replace(key)
	for b := Mitte; b <= Haspe; b++ {
		if key == boroughCodes[b] {
			return b, nil
		}
	}
	return BoroughUnknown, fmt.Errorf("matching: unbekannter Stadtbezirk %q", s)
}

// BoroughSet is a set of Stadtbezirke as a bitmask (bit b for Borough b).
type BoroughSet uint8

// BoroughsOf returns the set holding the given boroughs.
func BoroughsOf(bs ...Borough) BoroughSet {
	var s BoroughSet
	for _, b := range bs {
		s = s.With(b)
	}
	return s
}

// Has reports whether b is in the set.
func (s BoroughSet) Has(b Borough) bool { return b < 8 && s&(1<<b) != 0 }

// With returns the set with b added.
func (s BoroughSet) With(b Borough) BoroughSet {
	if b >= 8 {
		return s
	}
	return s | 1<<b
}

// Boroughs lists the members in enum order.
func (s BoroughSet) Boroughs() []Borough {
	var out []Borough
	for b := Borough(0); b < 8; b++ {
		if s.Has(b) {
			out = append(out, b)
		}
	}
	return out
}

// Track is a set of the programme tracks through which a household can be placed: the
// Integrationszertifikat Wohnen, an active Klartext Wohnbegleitung, a Fachstelle case.
type Track uint8

// The tracks; combine them with |.
const (
	TrackCertificate   Track = 1 << iota // Integrationszertifikat Wohnen
	TrackAccompaniment                   // active Klartext Wohnbegleitung
	TrackFachstelle                      // case of the Zentrale Fachstelle
	AllTracks          = TrackCertificate | TrackAccompaniment | TrackFachstelle
)

var trackNames = [...]string{"Integrationszertifikat Wohnen", "Klartext-Wohnbegleitung", "Fall der Fachstelle"}

// String lists the German names of the tracks in the set, or "keiner".
func (t Track) String() string {
	var parts []string
	for i, name := range trackNames {
		if t&(1<<i) != 0 {
			parts = append(parts, name)
		}
	}
	if len(parts) == 0 {
		return "keiner"
	}
	return strings.Join(parts, ", ")
}

// Restriction limits who may live in a flat.
type Restriction uint8

// The restrictions of a vacancy.
const (
	RestrictionNone Restriction = iota
	RestrictionWomenOnly
	RestrictionSeniorWG // Senioren-WG for older long-term homeless people with care needs
)

// Status is the state of a household in the programme. The zero value StatusUnknown is not
// active, so a household whose status was not mapped is excluded rather than offered a flat.
type Status uint8

// The household states (aktiv, pausiert, versorgt, abgeschlossen).
const (
	StatusUnknown Status = iota
	StatusActive
	StatusPaused
	StatusHoused
	StatusClosed
)

var statusNames = [...]string{"unbekannt", "aktiv", "pausiert", "versorgt", "abgeschlossen"}

// String returns the German label.
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", uint8(s))
}

// FocusGroup is the focus group of a Fachstelle case ("Endlich ein ZUHAUSE!").
type FocusGroup uint8

// The focus groups.
const (
	FocusNone         FocusGroup = iota
	FocusSeniorCare              // older long-term homeless people with care needs
	FocusMentalHealth            // mentally ill people in shelters or transitional flats
	FocusWomen                   // homeless women
	FocusEU2Family               // EU-2 families (Bulgaria, Romania)
)

// Benefit is the household's main income support.
type Benefit uint8

// The benefits. SGB II and SGB XII households are bound to the KdU caps.
const (
	BenefitNone  Benefit = iota
	BenefitSGB2          // Bürgergeld, Jobcenter
	BenefitSGB12         // Grundsicherung / Hilfe zum Lebensunterhalt, SGB XII
	BenefitWohngeld
)

// BoundToKdU reports whether the household's rent must stay within the KdU caps.
func (b Benefit) BoundToKdU() bool { return b == BenefitSGB2 || b == BenefitSGB12 }
