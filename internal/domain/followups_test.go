package domain

import (
	"errors"
	"testing"
	"time"
)

func TestFollowUpDueKeepsTheDayOrTakesTheMonthsLastDay(t *testing.T) {
	for _, c := range []struct {
		start  Date
		months int
		want   Date
	}{
		{NewDate(2026, 1, 31), 3, NewDate(2026, 4, 30)},
		{NewDate(2026, 1, 31), 1, NewDate(2026, 2, 28)},
		{NewDate(2028, 1, 31), 1, NewDate(2028, 2, 29)},
		{NewDate(2028, 2, 29), 12, NewDate(2029, 2, 28)},
		{NewDate(2028, 2, 29), 24, NewDate(2030, 2, 28)},
		{NewDate(2028, 2, 29), 3, NewDate(2028, 5, 29)},
		{NewDate(2027, 8, 31), 6, NewDate(2028, 2, 29)},
		{NewDate(2026, 8, 31), 6, NewDate(2027, 2, 28)},
		{NewDate(2026, 11, 30), 3, NewDate(2027, 2, 28)},
		{NewDate(2026, 10, 31), 12, NewDate(2027, 10, 31)},
		{NewDate(2026, 12, 31), 24, NewDate(2028, 12, 31)},
		{NewDate(2026, 3, 15), 6, NewDate(2026, 9, 15)},
		{NewDate(2026, 3, 1), 0, NewDate(2026, 3, 1)},
	} {
		if got := FollowUpDue(c.start, c.months); got != c.want {
			t.Errorf("%v + %d months = %v, want %v", c.start, c.months, got, c.want)
		}
	}
}

func TestFollowUpDueOnEveryDayOfFourYears(t *testing.T) {
	for d := NewDate(2026, 1, 1); d < NewDate(2030, 1, 1); d++ {
		for _, n := range FollowUpMonths {
			got := FollowUpDue(d, n)
			y, m, day := d.Time().Date()
			gy, gm, gd := got.Time().Date()
			wantMonth := (int(m)-1+n)%12 + 1
			wantYear := y + (int(m)-1+n)/12
			if gy != wantYear || int(gm) != wantMonth {
				t.Fatalf("%v + %d: %v is not in %d-%02d", d, n, got, wantYear, wantMonth)
			}
			if gd != day && (gd > day || got.AddDays(1).Time().Day() != 1) {
				t.Fatalf("%v + %d: %v is neither the same day nor the month's last day", d, n, got)
			}
		}
	}
}

func TestFollowUpEffectIsOneRuleForTheTenancy(t *testing.T) {
	start, today := NewDate(2026, 1, 10), NewDate(2026, 7, 10)
	for _, c := range []struct {
		name   string
		r      FollowUpRecord
		active bool
		want   TenancyChange
		fields []string
	}{
		{"in flat, running", FollowUpRecord{Outcome: OutcomeInFlat}, true, TenancyChange{}, nil},
		{"in flat, ended", FollowUpRecord{Outcome: OutcomeInFlat}, false, TenancyChange{}, []string{"outcome"}},
		{"elsewhere ends", FollowUpRecord{Outcome: OutcomeElsewhere, EndDate: NewDate(2026, 6, 1)}, true,
			TenancyChange{End: true, EndDate: NewDate(2026, 6, 1), Reason: EndHousedElsewhere}, nil},
		{"elsewhere after an end updates", FollowUpRecord{Outcome: OutcomeElsewhere}, false, TenancyChange{SetHoused: true, Housed: true}, nil},
		{"lost ends with reason", FollowUpRecord{Outcome: OutcomeLost, EndDate: NewDate(2026, 5, 2), Reason: EndEviction}, true,
			TenancyChange{End: true, EndDate: NewDate(2026, 5, 2), Reason: EndEviction}, nil},
		{"lost after an end updates", FollowUpRecord{Outcome: OutcomeLost, Reason: EndEviction}, false, TenancyChange{SetHoused: true, Housed: false}, nil},
		{"lost needs a reason", FollowUpRecord{Outcome: OutcomeLost, EndDate: NewDate(2026, 5, 2)}, true, TenancyChange{}, []string{"end_reason"}},
		{"lost is not housed elsewhere", FollowUpRecord{Outcome: OutcomeLost, EndDate: NewDate(2026, 5, 2), Reason: EndHousedElsewhere}, true, TenancyChange{}, []string{"end_reason"}},
		{"end needs a date", FollowUpRecord{Outcome: OutcomeElsewhere}, true, TenancyChange{}, []string{"end_date"}},
		{"end before start", FollowUpRecord{Outcome: OutcomeElsewhere, EndDate: start - 1}, true, TenancyChange{}, []string{"end_date"}},
		{"end in the future", FollowUpRecord{Outcome: OutcomeElsewhere, EndDate: today + 1}, true, TenancyChange{}, []string{"end_date"}},
		{"no outcome", FollowUpRecord{}, true, TenancyChange{}, []string{"outcome"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := FollowUpEffect(c.r, c.active, start, today)
			var ve *ValidationError
			if len(c.fields) == 0 {
				if err != nil || got != c.want {
					t.Fatalf("got %+v, %v; want %+v", got, err, c.want)
				}
				return
			}
			if !errors.As(err, &ve) {
				t.Fatalf("want a validation error on %v, got %v", c.fields, err)
			}
			for _, f := range c.fields {
				if !ve.Has(f) {
					t.Errorf("no message for %s: %v", f, ve.FieldNames())
				}
			}
		})
	}
}

func TestEarlyWarningsEachTrigger(t *testing.T) {
	today := NewDate(2026, 12, 1)
	start := NewDate(2026, 3, 1)
	at := func(d Date) time.Time { return d.Midnight().Add(10 * time.Hour) }
	for _, c := range []struct {
		name string
		s    TenancySignals
		want []WarningKind
	}{
		{"quiet", TenancySignals{Start: start}, nil},
		{"open rent arrears long ago", TenancySignals{Start: start, Reports: []WarningReport{{RentArrears: true, FiledOn: today.AddDays(-200)}}},
			[]WarningKind{WarningRentArrears}},
		{"closed rent arrears within 60 days", TenancySignals{Start: start, Reports: []WarningReport{{RentArrears: true, FiledOn: today.AddDays(-59), Done: true}}},
			[]WarningKind{WarningRentArrears}},
		{"closed rent arrears 60 days ago", TenancySignals{Start: start, Reports: []WarningReport{{RentArrears: true, FiledOn: today.AddDays(-60), Done: true}}}, nil},
		{"two reports within 60 days", TenancySignals{Start: start, Reports: []WarningReport{{FiledOn: today.AddDays(-59), Done: true}, {FiledOn: today}}},
			[]WarningKind{WarningRepeatedReports}},
		{"two reports 60 days apart", TenancySignals{Start: start, Reports: []WarningReport{{FiledOn: today.AddDays(-60)}, {FiledOn: today}}}, nil},
		{"overdue visit", TenancySignals{Start: start, VisitOverdue: true}, []WarningKind{WarningVisitOverdue}},
		{"consent revoked after the start", TenancySignals{Start: start, ConsentRevoked: []time.Time{at(start)}}, []WarningKind{WarningConsentRevoked}},
		{"consent revoked before the start", TenancySignals{Start: start, ConsentRevoked: []time.Time{at(start - 1)}}, nil},
		{"all", TenancySignals{Start: start, VisitOverdue: true, ConsentRevoked: []time.Time{at(today)},
			Reports: []WarningReport{{RentArrears: true, FiledOn: today}, {FiledOn: today.AddDays(-3)}}},
			[]WarningKind{WarningRentArrears, WarningRepeatedReports, WarningVisitOverdue, WarningConsentRevoked}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := EarlyWarnings(c.s, today)
			if len(got) != len(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Fatalf("got %v, want %v", got, c.want)
				}
			}
		})
	}
}

func TestSustainedAtCountsOnlyTenanciesOldEnough(t *testing.T) {
	start := NewDate(2026, 1, 31)
	lost, elsewhere := OutcomeLost, OutcomeElsewhere
	for _, c := range []struct {
		name                string
		end                 Date
		housedAfterEnd      bool
		observed            *FollowUpOutcome
		today               Date
		kept, housed, count bool
	}{
		{"younger than six months", 0, false, nil, NewDate(2026, 7, 30), false, false, false},
		{"six months on the last day of July", 0, false, nil, NewDate(2026, 7, 31), true, true, true},
		{"ended on the horizon day", NewDate(2026, 7, 31), false, nil, NewDate(2026, 8, 1), false, false, true},
		{"ended the day after", NewDate(2026, 8, 1), false, nil, NewDate(2026, 8, 1), true, true, true},
		{"ended housed elsewhere", NewDate(2026, 5, 1), true, nil, NewDate(2026, 8, 1), false, true, true},
		{"follow-up found it lost", NewDate(2026, 5, 1), true, &lost, NewDate(2026, 8, 1), false, false, true},
		{"follow-up found it elsewhere", NewDate(2026, 5, 1), false, &elsewhere, NewDate(2026, 8, 1), false, true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			kept, housed, ok := SustainedAt(start, c.end, c.housedAfterEnd, c.observed, 6, c.today)
			if kept != c.kept || housed != c.housed || ok != c.count {
				t.Fatalf("got kept %v housed %v counted %v, want %v %v %v", kept, housed, ok, c.kept, c.housed, c.count)
			}
		})
	}
}
