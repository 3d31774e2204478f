package domain

import (
	"database/sql/driver"
	"fmt"
	"strings"
	"time"
)

// Date is a calendar day without time of day or zone, stored as days since 1970-01-01.
// The zero value means "not set" and is stored as SQL NULL. Working in whole days keeps
// comparisons exact and lets the matching package use the same representation.
type Date int32

// Berlin is the time zone of Hagen; "today" and viewing times are reckoned in it.
var Berlin = mustLoadBerlin()

func mustLoadBerlin() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		// The binary embeds time/tzdata (see cmd/wohnbruecke), so this cannot happen in
		// production; a fixed zone keeps tests working on stripped machines.
		return time.FixedZone("CET", 3600)
	}
	return loc
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	days := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
	return Date(days)
}

// Today returns the current day in Hagen for the instant now.
func Today(now time.Time) Date { return DateOf(now.In(Berlin)) }

// NewDate returns the date for year, month and day.
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 12, 0, 0, 0, time.UTC))
}

// ParseDate reads "2006-01-02" (HTML date inputs, JSON) or "02.01.2006" (German writing).
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	for _, layout := range []string{"2006-01-02", "02.01.2006", "2.1.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return DateOf(t), nil
		}
	}
	return 0, fmt.Errorf("domain: invalid date %q", s)
}

// IsZero reports whether the date is not set.
func (d Date) IsZero() bool { return d == 0 }

// Time returns midnight UTC of the day.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// ISO returns "2006-01-02", or "" when not set.
func (d Date) ISO() string {
	if d == 0 {
		return ""
	}
	return d.Time().Format("2006-01-02")
}

// String returns the German form "02.01.2006", or "" when not set.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return d.Time().Format("02.01.2006")
}

// Midnight returns the instant the day begins in Hagen (23:00 or 22:00 UTC the day before).
func (d Date) Midnight() time.Time {
	y, m, day := d.Time().Date()
	return time.Date(y, m, day, 0, 0, 0, 0, Berlin)
}

// FirstOfMonth returns the first day of d's calendar month.
func (d Date) FirstOfMonth() Date {
	y, m, _ := d.Time().Date()
	return NewDate(y, m, 1)
}

// AddMonths returns the first day of the calendar month n months after d's month (n may
// be negative). It works on the month, never on a day that may not exist (31 February).
func (d Date) AddMonths(n int) Date {
	y, m, _ := d.Time().Date()
	return NewDate(y, m+time.Month(n), 1)
}

// MonthsLater returns the same day n calendar months after d; a day the target month does
// not have becomes its last day (31 August + 6 months = 28 or 29 February; 31 January + 1 =
// 28 or 29 February). Retention periods and tenancy follow-ups count months with it.
func MonthsLater(d Date, n int) Date {
	y, m, day := d.Time().Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return NewDate(first.Year(), first.Month(), min(day, last))
}

// Month returns the calendar month as "2006-01".
func (d Date) Month() string { return d.Time().Format("2006-01") }

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// Year returns the calendar year.
func (d Date) Year() int { return d.Time().Year() }

// Value stores the date as "2006-01-02" or NULL.
func (d Date) Value() (driver.Value, error) {
	if d == 0 {
		return nil, nil
	}
	return d.ISO(), nil
}

// Scan reads DATE columns as the drivers deliver them (time.Time, string or bytes).
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = 0
	case time.Time:
		*d = DateOf(v)
	case string:
		return d.scanString(v)
	case []byte:
		return d.scanString(string(v))
	default:
		return fmt.Errorf("domain: cannot scan %T into Date", src)
	}
	return nil
}

func (d *Date) scanString(s string) error {
	if len(s) >= 10 {
		s = s[:10]
	}
	parsed, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// MarshalJSON writes "2006-01-02" or null.
func (d Date) MarshalJSON() ([]byte, error) {
	if d == 0 {
		return []byte("null"), nil
	}
	return []byte(`"` + d.ISO() + `"`), nil
}

// UnmarshalJSON reads "2006-01-02" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		*d = 0
		return nil
	}
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return fmt.Errorf("domain: date must be a string like \"2026-03-01\"")
	}
	parsed, err := time.Parse("2006-01-02", s[1:len(s)-1])
	if err != nil {
		return fmt.Errorf("domain: date must look like \"2026-03-01\"")
	}
	*d = DateOf(parsed)
	return nil
}
