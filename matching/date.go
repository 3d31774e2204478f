package matching

import (
	"fmt"
	"time"
)

// Date is a calendar day as the number of days since 1970-01-01. The zero Date means
// "not set"; a real 1970-01-01 cannot be expressed, which no data of this portal needs.
type Date int32

const secondsPerDay = 24 * 60 * 60

// DateOf returns the calendar day of t in t's own location (a timestamp late in the evening
// in Europe/Berlin stays on its German calendar day).
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return MakeDate(y, m, d)
}

// MakeDate returns the Date of the given calendar day; out-of-range months and days are
// normalised as by time.Date.
func MakeDate(year int, month time.Month, day int) Date {
	u := time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Unix()
	// Floor division, so days before 1970 are negative whole days.
	days := u / secondsPerDay
	if u%secondsPerDay < 0 {
		days--
	}
	return Date(days)
}

// Time returns midnight UTC at the start of the day.
func (d Date) Time() time.Time {
	return time.Unix(int64(d)*secondsPerDay, 0).UTC()
}

// IsZero reports whether the date is not set.
func (d Date) IsZero() bool { return d == 0 }

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return d + Date(n) }

// String formats the date as ISO 8601 (2027-03-01), or "-" when it is not set.
func (d Date) String() string {
	if d == 0 {
		return "-"
	}
	return d.Time().Format(time.DateOnly)
}

// German formats the date the German way (01.03.2027), or "-" when it is not set.
func (d Date) German() string {
	if d == 0 {
		return "-"
	}
	y, m, day := d.Time().Date()
	if y < 0 || y > 9999 {
		return fmt.Sprintf("%02d.%02d.%04d", day, int(m), y)
	}
	b := [10]byte{byte('0' + day/10), byte('0' + day%10), '.', byte('0' + int(m)/10), byte('0' + int(m)%10), '.',
		byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10)}
	return string(b[:])
}
