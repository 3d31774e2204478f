package domain

import (
	"testing"
	"time"
)

func TestRetentionEndsOnTheSameDayMonthsLaterAndClampsMonthEnds(t *testing.T) {
	d := func(y int, m time.Month, day int) Date { return NewDate(y, m, day) }
	for _, c := range []struct {
		left   Date
		months int
		want   Date
	}{
		{d(2026, time.January, 15), 6, d(2026, time.July, 15)},
		{d(2025, time.August, 31), 6, d(2026, time.February, 28)},
		{d(2027, time.August, 31), 6, d(2028, time.February, 29)}, // leap year
		{d(2028, time.February, 29), 12, d(2029, time.February, 28)},
		{d(2028, time.February, 29), 48, d(2032, time.February, 29)},
		{d(2026, time.December, 31), 6, d(2027, time.June, 30)},
		{d(2026, time.June, 30), 6, d(2026, time.December, 30)},
		{d(2026, time.July, 31), 1, d(2026, time.August, 31)},
		{d(2026, time.March, 31), 1, d(2026, time.April, 30)},
		{d(2026, time.December, 1), 1, d(2027, time.January, 1)},
	} {
		if got := RetentionEnds(c.left, c.months); got != c.want {
			t.Errorf("RetentionEnds(%s, %d) = %s, want %s", c.left, c.months, got, c.want)
		}
		if RetentionDue(c.left, c.months, c.want.AddDays(-1)) || !RetentionDue(c.left, c.months, c.want) {
			t.Errorf("%s + %d months: due the day before or not on %s", c.left, c.months, c.want)
		}
	}
	if RetentionDue(0, 6, d(2030, time.January, 1)) {
		t.Error("a household without a leaving day is due")
	}
}
