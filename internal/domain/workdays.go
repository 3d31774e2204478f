package domain

import "time"

// Holiday is a public holiday in Nordrhein-Westfalen.
type Holiday struct {
	Date Date
	Name string
}

// EasterSunday returns Easter Sunday of a year in the Gregorian calendar (the anonymous
// Gregorian algorithm, "Meeus/Jones/Butcher").
func EasterSunday(year int) Date {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return NewDate(year, time.Month(month), day)
}

// NRWHolidays returns the public holidays of Nordrhein-Westfalen in a year, in date order:
// the fixed ones, the ones that follow Easter (Karfreitag, Ostermontag, Christi
// Himmelfahrt, Pfingstmontag, Fronleichnam) and, in 2017 only, the Reformationstag.
func NRWHolidays(year int) []Holiday {
	e := EasterSunday(year)
	out := []Holiday{
		{NewDate(year, time.January, 1), "Neujahr"},
		{e.AddDays(-2), "Karfreitag"},
		{e.AddDays(1), "Ostermontag"},
		{NewDate(year, time.May, 1), "Tag der Arbeit"},
		{e.AddDays(39), "Christi Himmelfahrt"},
		{e.AddDays(50), "Pfingstmontag"},
		{e.AddDays(60), "Fronleichnam"},
		{NewDate(year, time.October, 3), "Tag der Deutschen Einheit"},
		{NewDate(year, time.November, 1), "Allerheiligen"},
		{NewDate(year, time.December, 25), "1. Weihnachtstag"},
		{NewDate(year, time.December, 26), "2. Weihnachtstag"},
	}
	if year == 2017 {
		out = append(out, Holiday{NewDate(2017, time.October, 31), "Reformationstag"})
	}
	// Date order: Himmelfahrt can fall on 1 May (2008), so sort the few entries.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Date < out[j-1].Date; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// HolidayName returns the name of the NRW public holiday on d, or "".
func HolidayName(d Date) string {
	for _, h := range NRWHolidays(d.Year()) {
		if h.Date == d {
			return h.Name
		}
	}
	return ""
}

// IsWorkingDay reports whether d is a working day in NRW: Monday to Friday and no public
// holiday.
func IsWorkingDay(d Date) bool {
	switch d.Time().Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	return HolidayName(d) == ""
}

// AddWorkingDays returns the n-th working day after d (n ≥ 1); d itself never counts.
func AddWorkingDays(d Date, n int) Date {
	for n > 0 {
		d = d.AddDays(1)
		if IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// ResponseDeadline is the response target of a report filed at filed: the end (midnight in
// Hagen) of the n-th working day after the day of filing. A report filed on Monday with one
// working day is due by the end of Tuesday; one filed on Friday evening, on a Saturday or
// on Gründonnerstag by the end of the next working day after the weekend or the holidays.
// The instant is in UTC, as the store keeps every instant.
func ResponseDeadline(filed time.Time, n int) time.Time {
	if n < 1 {
		n = 1
	}
	return AddWorkingDays(Today(filed), n).AddDays(1).Midnight().UTC()
}
