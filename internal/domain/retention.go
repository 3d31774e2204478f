package domain

import "time"

// MonthsLater returns the same day n calendar months after d; a day the target month does
// not have becomes its last day (31 August + 6 months = 28 or 29 February).
func MonthsLater(d Date, n int) Date {
	y, m, day := d.Time().Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return NewDate(first.Year(), first.Month(), min(day, last))
}

// RetentionEnds is the first day on which a household that left the active pool on
// leftOn (closed or marked versorgt) is past a retention period of months: its data is
// kept up to and including the day before.
func RetentionEnds(leftOn Date, months int) Date { return MonthsLater(leftOn, months) }

// RetentionDue reports whether the period has run out on today.
func RetentionDue(leftOn Date, months int, today Date) bool {
	return !leftOn.IsZero() && today >= RetentionEnds(leftOn, months)
}

// Anonymised is the name a household keeps once the retention job has anonymised it.
const Anonymised = "anonymisiert"
