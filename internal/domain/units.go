package domain

import (
	"fmt"
	"strconv"
	"strings"
)

// Cents is an amount of money in euro cents.
type Cents int64

// Euro formats the amount the German way: "1.234,50 €".
func (c Cents) Euro() string { return germanFixed(int64(c), 100, 2) + " €" }

// Plain formats the amount for form fields: "1234,50".
func (c Cents) Plain() string { return plainFixed(int64(c), 100, 2) }

// AreaCenti is a living area in hundredths of a square metre (54,30 m² = 5430).
type AreaCenti int64

// String formats the area: "54,30 m²".
func (a AreaCenti) String() string { return germanFixed(int64(a), 100, 2) + " m²" }

// Plain formats the area for form fields: "54,30".
func (a AreaCenti) Plain() string { return plainFixed(int64(a), 100, 2) }

// RoomsHalf counts rooms in halves (2,5 Zimmer = 5).
type RoomsHalf int

// String formats the rooms: "2" or "2,5".
func (r RoomsHalf) String() string {
	if r%2 == 0 {
		return strconv.Itoa(int(r) / 2)
	}
	return strconv.Itoa(int(r)/2) + ",5"
}

// ParseFixed reads a decimal number written with a comma or a dot ("1.234,5", "54.3",
// "605") into an integer of the given scale (100 for cents or centi-m², 2 for half rooms
// is not decimal and has its own parser). It rejects more fraction digits than the scale
// allows.
func ParseFixed(s string, decimals int) (int64, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(s), "€"), "m²"))
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("empty")
	}
	// German thousands separators: "1.234,50". A dot followed by exactly three digits and
	// a later comma, or several dots, is a thousands separator.
	if strings.Contains(s, ",") {
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" || len(frac) > decimals {
		return 0, fmt.Errorf("invalid number")
	}
	if whole == "" {
		whole = "0"
	}
	for _, part := range []string{whole, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return 0, fmt.Errorf("invalid number")
			}
		}
	}
	if len(whole) > 12 {
		return 0, fmt.Errorf("number too large")
	}
	frac += strings.Repeat("0", decimals-len(frac))
	v, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("invalid number")
	}
	if neg {
		v = -v
	}
	return v, nil
}

// ParseRooms reads "2", "2,5" or "2.5" into half rooms.
func ParseRooms(s string) (RoomsHalf, error) {
	v, err := ParseFixed(s, 1)
	if err != nil {
		return 0, err
	}
	if v%5 != 0 {
		return 0, fmt.Errorf("only whole or half rooms")
	}
	return RoomsHalf(v / 5), nil
}

func plainFixed(v, scale int64, decimals int) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d,%0*d", sign, v/scale, decimals, v%scale)
}

func germanFixed(v, scale int64, decimals int) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	whole := strconv.FormatInt(v/scale, 10)
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return fmt.Sprintf("%s%s,%0*d", sign, b.String(), decimals, v%scale)
}
