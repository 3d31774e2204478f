package domain

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
