package domain

import "testing"

func TestDecimal(t *testing.T) {
	for _, c := range []struct {
		f    float64
		d    int
		want string
	}{{82.55, 1, "82,6"}, {75.94, 1, "75,9"}, {1234.5, 1, "1.234,5"}, {0, 1, "0,0"}, {-3.25, 2, "-3,25"}, {41.6, 0, "42"}, {12345, 0, "12.345"}} {
		if got := Decimal(c.f, c.d); got != c.want {
			t.Errorf("Decimal(%v, %d) = %q, want %q", c.f, c.d, got, c.want)
		}
	}
}
