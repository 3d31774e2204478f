package matching

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestFormattingWithoutFmtMatchesFmt: the hand-written euro, area and date formatting gives
// what fmt gave, on many values and days.
func TestFormattingWithoutFmtMatchesFmt(t *testing.T) {
	viaFmt := func(v int64) string {
		neg := v < 0
		u := uint64(v)
		if neg {
			u = -u
		}
		whole := fmt.Sprint(u / 100)
		var b strings.Builder
		if neg {
			b.WriteByte('-')
		}
		for i, r := range whole {
			if i > 0 && (len(whole)-i)%3 == 0 {
				b.WriteByte('.')
			}
			b.WriteRune(r)
		}
		fmt.Fprintf(&b, ",%02d", u%100)
		return b.String()
	}
	for _, v := range []int64{0, 1, 9, 10, 99, 100, 101, 41000, 112500, 99999, 100000, 123456789, -1, -41000, -123456789, 1<<62 + 7, -1 << 63} {
		if got, want := formatCenti(v), viaFmt(v); got != want {
			t.Errorf("formatCenti(%d) = %q, want %q", v, got, want)
		}
	}
	if got := formatEuro(112500); got != "1.125,00 €" {
		t.Errorf("formatEuro = %q", got)
	}
	if got := formatArea(2800); got != "28,00 m²" {
		t.Errorf("formatArea = %q", got)
	}
	for d := MakeDate(1999, time.December, 25); d < MakeDate(2029, time.March, 3); d++ {
		y, m, day := d.Time().Date()
		if got, want := d.German(), fmt.Sprintf("%02d.%02d.%04d", day, int(m), y); got != want {
			t.Fatalf("German(%v) = %q, want %q", d, got, want)
		}
	}
}
