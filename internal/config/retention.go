package config

import (
	"strconv"
	"strings"
)

// Retention are the periods after which the nightly retention job (internal/retention)
// anonymises a closed or versorgt household and purges delivered mail. Months are calendar
// months counted from the day the household left the active pool.
type Retention struct {
	// ContactMonths: names, contacts, free texts, tokens and mail bodies of a household go
	// this many months after it was closed or marked versorgt (RETENTION_CONTACT_MONTHS, 6).
	ContactMonths int
	// StatisticsMonths: the pseudonymous rest (reference, members' birth years and sex,
	// tracks, dates, states) is kept this long for the statistics and statutory counts
	// (RETENTION_STATISTICS_MONTHS, 120); the job does not delete it yet, it only reports it.
	StatisticsMonths int
	// MailDays: the bodies of delivered mail are purged this many days after delivery
	// (RETENTION_MAIL_DAYS, 30).
	MailDays int
}

// DefaultRetention are the periods without configuration.
var DefaultRetention = Retention{ContactMonths: 6, StatisticsMonths: 120, MailDays: 30}

func loadRetention(getenv func(string) string) (Retention, error) {
	r := DefaultRetention
	for _, f := range []struct {
		name     string
		into     *int
		min, max int
		msg      string
	}{
		{"RETENTION_CONTACT_MONTHS", &r.ContactMonths, 1, 120, "erwartet Monate von 1 bis 120"},
		{"RETENTION_STATISTICS_MONTHS", &r.StatisticsMonths, 1, 600, "erwartet Monate von 1 bis 600"},
		{"RETENTION_MAIL_DAYS", &r.MailDays, 1, 3650, "erwartet Tage von 1 bis 3650"},
	} {
		v := strings.TrimSpace(getenv(f.name))
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < f.min || n > f.max {
			return r, &Error{f.name, f.msg}
		}
		*f.into = n
	}
	if r.StatisticsMonths < r.ContactMonths {
		return r, &Error{"RETENTION_STATISTICS_MONTHS", "darf nicht kürzer sein als RETENTION_CONTACT_MONTHS"}
	}
	return r, nil
}
