package domain

import "sort"

// Borough is a Stadtbezirk of Hagen.
type Borough string

// The five Stadtbezirke of Hagen.
const (
	BoroughMitte        Borough = "mitte"
	BoroughNord         Borough = "nord"
	BoroughHohenlimburg Borough = "hohenlimburg"
	BoroughEilpeDahl    Borough = "eilpe_dahl"
	BoroughHaspe        Borough = "haspe"
)

// Boroughs lists the Stadtbezirke with their German names.
var Boroughs = Enum[Borough]{
	{BoroughMitte, "Hagen-Mitte"},
	{BoroughNord, "Hagen-Nord"},
	{BoroughHohenlimburg, "Hohenlimburg"},
	{BoroughEilpeDahl, "Eilpe/Dahl"},
	{BoroughHaspe, "Haspe"},
}

// Label returns the German name of the Stadtbezirk.
func (b Borough) Label() string { return Boroughs.Label(b) }

// Valid reports whether b is one of the five Stadtbezirke.
func (b Borough) Valid() bool { return Boroughs.Has(b) }

// District is a Stadtteil with the Stadtbezirk it belongs to.
type District struct {
	Name    string
	Borough Borough
}

// districtsByPostalCode maps Hagen's postal codes to the Stadtteile they serve
// (docs/hagen.md §4; codes shared by two Bezirke list both).
var districtsByPostalCode = map[string][]District{
	"58089": {{"Wehringhausen", BoroughMitte}, {"Haspe", BoroughHaspe}, {"Vorhalle", BoroughNord}},
	"58091": {{"Eilpe", BoroughEilpeDahl}, {"Delstern", BoroughEilpeDahl}, {"Selbecke", BoroughEilpeDahl}, {"Dahl", BoroughEilpeDahl}, {"Priorei", BoroughEilpeDahl}, {"Rummenohl", BoroughEilpeDahl}, {"Ambrock", BoroughEilpeDahl}},
	"58093": {{"Emst", BoroughMitte}, {"Eppenhausen", BoroughMitte}, {"Berchum", BoroughHohenlimburg}, {"Halden", BoroughHohenlimburg}},
	"58095": {{"Mittelstadt", BoroughMitte}, {"Hochschulviertel", BoroughMitte}},
	"58097": {{"Altenhagen", BoroughMitte}, {"Remberg", BoroughMitte}, {"Eckesey", BoroughNord}},
	"58099": {{"Boele", BoroughNord}, {"Boelerheide", BoroughNord}, {"Bathey", BoroughNord}, {"Helfe", BoroughNord}, {"Garenfeld", BoroughNord}, {"Kabel", BoroughNord}, {"Hengstey", BoroughNord}},
	"58119": {{"Hohenlimburg", BoroughHohenlimburg}, {"Elsey", BoroughHohenlimburg}, {"Reh", BoroughHohenlimburg}, {"Oege", BoroughHohenlimburg}, {"Henkhausen", BoroughHohenlimburg}, {"Nahmer", BoroughHohenlimburg}},
	"58135": {{"Haspe", BoroughHaspe}, {"Westerbauer", BoroughHaspe}, {"Hestert", BoroughHaspe}, {"Kückelhausen", BoroughHaspe}, {"Quambusch", BoroughHaspe}},
}

// PostalCodes returns Hagen's postal codes in ascending order.
func PostalCodes() []string {
	codes := make([]string, 0, len(districtsByPostalCode))
	for c := range districtsByPostalCode {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return codes
}

// DistrictsFor returns the Stadtteile a Hagen postal code serves, or nil for a code
// outside Hagen.
func DistrictsFor(postalCode string) []District { return districtsByPostalCode[postalCode] }

// LookupDistrict finds the Stadtteil of that name under the postal code.
func LookupDistrict(postalCode, name string) (District, bool) {
	for _, d := range districtsByPostalCode[postalCode] {
		if d.Name == name {
			return d, true
		}
	}
	return District{}, false
}
