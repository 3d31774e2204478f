package domain

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParseFixed(t *testing.T) {
	cases := []struct {
		in      string
		dec     int
		want    int64
		wantErr bool
	}{
		{"605", 2, 60500, false},
		{"605,5", 2, 60550, false},
		{"605.55", 2, 60555, false},
		{"1.234,50 €", 2, 123450, false},
		{"54,30 m²", 2, 5430, false},
		{",5", 2, 50, false},
		{"1,234", 2, 0, true},
		{"abc", 2, 0, true},
		{"", 2, 0, true},
		{"12e3", 2, 0, true},
	}
	for _, tc := range cases {
		got, err := ParseFixed(tc.in, tc.dec)
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("ParseFixed(%q) = %d, %v; want %d, err %v", tc.in, got, err, tc.want, tc.wantErr)
		}
	}
}

func TestRoomsAndMoney(t *testing.T) {
	if r, err := ParseRooms("2,5"); err != nil || r != 5 || r.String() != "2,5" {
		t.Errorf("ParseRooms(2,5) = %v, %v", r, err)
	}
	if _, err := ParseRooms("2,3"); err == nil {
		t.Error("2,3 rooms accepted")
	}
	if got := Cents(123450).Euro(); got != "1.234,50 €" {
		t.Errorf("Euro = %q", got)
	}
	if got := AreaCenti(5430).String(); got != "54,30 m²" {
		t.Errorf("Area = %q", got)
	}
}

func TestDate(t *testing.T) {
	d, err := ParseDate("2026-03-01")
	if err != nil || d.String() != "01.03.2026" || d.ISO() != "2026-03-01" {
		t.Fatalf("ParseDate = %v (%s), %v", d, d.ISO(), err)
	}
	if g, _ := ParseDate("01.03.2026"); g != d {
		t.Error("German date differs")
	}
	var scanned Date
	if err := scanned.Scan(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)); err != nil || scanned != d {
		t.Errorf("Scan(time) = %v, %v", scanned, err)
	}
	if err := scanned.Scan("2026-03-01 00:00:00+00:00"); err != nil || scanned != d {
		t.Errorf("Scan(string) = %v, %v", scanned, err)
	}
	b, _ := json.Marshal(struct{ D, Z Date }{D: d})
	if string(b) != `{"D":"2026-03-01","Z":null}` {
		t.Errorf("JSON = %s", b)
	}
	// Late evening in Berlin is still the same day there, though UTC has moved on.
	late := time.Date(2026, 6, 30, 22, 30, 0, 0, time.UTC) // 00:30 on 1 July in Berlin
	if Today(late) != NewDate(2026, 7, 1) {
		t.Errorf("Today(%v) = %v, want 01.07.2026", late, Today(late))
	}
}
