package domain

import (
	"math"
	"strings"
)

// Decimal formats a number the German way with the given decimals, rounded half away from
// zero: Decimal(82.55, 1) is "82,6", Decimal(1234.5, 1) is "1.234,5".
func Decimal(f float64, decimals int) string {
	scale := int64(math.Pow10(decimals))
	s := germanFixed(int64(math.Round(f*float64(scale))), scale, decimals)
	if decimals == 0 {
		s, _, _ = strings.Cut(s, ",") // germanFixed always writes a fraction
	}
	return s
}
