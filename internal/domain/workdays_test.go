package domain_test

import (
	"testing"
	"time"

	"wohnbruecke/internal/domain"
)

func TestEasterSundayOverManyYears(t *testing.T) {
	// Published dates of Easter Sunday.
	for year, want := range map[int]string{
		2000: "2000-04-23", 2008: "2008-03-23", 2011: "2011-04-24", 2016: "2016-03-27", 2019: "2019-04-21",
		2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28", 2028: "2028-04-16",
		2029: "2029-04-01", 2030: "2030-04-21", 2038: "2038-04-25", 2285: "2285-03-22",
	} {
		if got := domain.EasterSunday(year).ISO(); got != want {
			t.Errorf("Easter %d = %s, want %s", year, got, want)
		}
	}
}

func TestNRWHolidays(t *testing.T) {
	for year, want := range map[int][]string{
		2026: {"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25", "2026-06-04",
			"2026-10-03", "2026-11-01", "2026-12-25", "2026-12-26"},
		2027: {"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-01", "2027-05-06", "2027-05-17", "2027-05-27",
			"2027-10-03", "2027-11-01", "2027-12-25", "2027-12-26"},
		2017: {"2017-01-01", "2017-04-14", "2017-04-17", "2017-05-01", "2017-05-25", "2017-06-05", "2017-06-15",
			"2017-10-03", "2017-10-31", "2017-11-01", "2017-12-25", "2017-12-26"},
		2008: {"2008-01-01", "2008-03-21", "2008-03-24", "2008-05-01", "2008-05-01", "2008-05-12", "2008-05-22",
			"2008-10-03", "2008-11-01", "2008-12-25", "2008-12-26"},
	} {
		got := domain.NRWHolidays(year)
		if len(got) != len(want) {
			t.Fatalf("%d: %d holidays, want %d: %v", year, len(got), len(want), got)
		}
		for i, h := range got {
			if h.Date.ISO() != want[i] || h.Name == "" {
				t.Errorf("%d: holiday %d = %s %q, want %s", year, i, h.Date.ISO(), h.Name, want[i])
			}
		}
	}
	if domain.HolidayName(domain.NewDate(2026, 6, 4)) != "Fronleichnam" || domain.HolidayName(domain.NewDate(2026, 10, 31)) != "" {
		t.Error("Fronleichnam is a holiday in NRW, the Reformationstag (outside 2017) is not")
	}
	// Every year 1990–2100: eleven or twelve holidays, Karfreitag a Friday, Ostermontag,
	// Pfingstmontag a Monday, Himmelfahrt and Fronleichnam Thursdays.
	for year := 1990; year <= 2100; year++ {
		for _, h := range domain.NRWHolidays(year) {
			wd := h.Date.Time().Weekday()
			switch h.Name {
			case "Karfreitag":
				if wd != time.Friday {
					t.Errorf("%d: Karfreitag on %s", year, wd)
				}
			case "Ostermontag", "Pfingstmontag":
				if wd != time.Monday {
					t.Errorf("%d: %s on %s", year, h.Name, wd)
				}
			case "Christi Himmelfahrt", "Fronleichnam":
				if wd != time.Thursday {
					t.Errorf("%d: %s on %s", year, h.Name, wd)
				}
			}
			if h.Date.Year() != year {
				t.Errorf("%d: %s falls in %d", year, h.Name, h.Date.Year())
			}
		}
	}
}

func TestResponseDeadlineCountsNRWWorkingDays(t *testing.T) {
	at := func(y int, m time.Month, d, hh, mm int) time.Time {
		return time.Date(y, m, d, hh, mm, 0, 0, domain.Berlin)
	}
	end := func(y int, m time.Month, d int) time.Time { return domain.NewDate(y, m, d).AddDays(1).Midnight() }
	for _, c := range []struct {
		name  string
		filed time.Time
		days  int
		want  time.Time
	}{
		{"Monday → end of Tuesday", at(2026, 3, 2, 10, 0), 1, end(2026, 3, 3)},
		{"Friday evening → end of Monday", at(2026, 3, 6, 18, 30), 1, end(2026, 3, 9)},
		{"Saturday → end of Monday", at(2026, 3, 7, 9, 0), 1, end(2026, 3, 9)},
		{"Sunday late → end of Monday", at(2026, 3, 8, 23, 59), 1, end(2026, 3, 9)},
		{"Gründonnerstag → past Easter to Tuesday", at(2026, 4, 2, 12, 0), 1, end(2026, 4, 7)},
		{"Wednesday before Himmelfahrt → Friday", at(2026, 5, 13, 8, 0), 1, end(2026, 5, 15)},
		{"Wednesday before Fronleichnam → Friday", at(2026, 6, 3, 8, 0), 1, end(2026, 6, 5)},
		{"Christmas Eve → 28 December", at(2026, 12, 24, 11, 0), 1, end(2026, 12, 28)},
		{"New Year's Eve 2027 (Friday) → Monday 3 January 2028", at(2027, 12, 31, 11, 0), 1, end(2028, 1, 3)},
		{"Reformationstag 2017 (Tuesday holiday) and Allerheiligen", at(2017, 10, 30, 9, 0), 1, end(2017, 11, 2)},
		{"two working days over a weekend", at(2026, 3, 5, 9, 0), 2, end(2026, 3, 9)},
		{"29 February 2028 (Tuesday)", at(2028, 2, 29, 9, 0), 1, end(2028, 3, 1)},
		{"just after midnight counts the new day", at(2026, 3, 3, 0, 5), 1, end(2026, 3, 4)},
		{"Karfreitag 2027 → Tuesday after Ostermontag", at(2027, 3, 26, 9, 0), 1, end(2027, 3, 30)},
	} {
		if got := domain.ResponseDeadline(c.filed.UTC(), c.days); !got.Equal(c.want) {
			t.Errorf("%s: %s, want %s", c.name, got.In(domain.Berlin), c.want.In(domain.Berlin))
		}
	}
	// The deadline always ends a working day and is later than the filing.
	for d := domain.NewDate(2025, 1, 1); d < domain.NewDate(2029, 1, 1); d++ {
		filed := d.Midnight().Add(13 * time.Hour)
		due := domain.ResponseDeadline(filed, 1)
		last := domain.Today(due.Add(-time.Minute))
		if !domain.IsWorkingDay(last) || !due.After(filed) || last <= d {
			t.Fatalf("filed %s: due %s", d, due)
		}
		for x := d + 1; x < last; x++ {
			if domain.IsWorkingDay(x) {
				t.Fatalf("filed %s: due %s skips the working day %s", d, due, x)
			}
		}
	}
}
