package domain_test

import (
	"testing"

	"wohnbruecke/internal/domain"
)

func TestMonthsLaterKeepsTheDayOrTakesTheMonthsLast(t *testing.T) {
	d := domain.NewDate
	for _, c := range []struct {
		from domain.Date
		n    int
		want domain.Date
	}{
		{d(2026, 3, 2), 1, d(2026, 4, 2)},
		{d(2026, 1, 31), 1, d(2026, 2, 28)},
		{d(2028, 1, 31), 1, d(2028, 2, 29)}, // leap year
		{d(2028, 2, 29), 12, d(2029, 2, 28)},
		{d(2026, 12, 15), 1, d(2027, 1, 15)},
		{d(2026, 12, 31), 2, d(2027, 2, 28)},
		{d(2026, 5, 31), 1, d(2026, 6, 30)},
		{d(2026, 5, 31), 0, d(2026, 5, 31)},
		{d(2026, 8, 31), 24, d(2028, 8, 31)},
	} {
		if got := domain.MonthsLater(c.from, c.n); got != c.want {
			t.Errorf("MonthsLater(%s, %d) = %s, want %s", c.from, c.n, got, c.want)
		}
	}
}

func TestVisitRhythmIsWeeklyInTheFirstMonthThenMonthly(t *testing.T) {
	d := domain.NewDate
	for _, start := range []domain.Date{d(2026, 3, 2), d(2026, 1, 31), d(2028, 2, 29), d(2026, 12, 28)} {
		tn := domain.NewTenancy(&domain.Match{ID: 1, Place: 1}, &domain.Vacancy{ID: 2, LandlordID: 3},
			&domain.Household{ID: 4}, nil, start)
		if tn.NextVisitDue != start.AddDays(7) {
			t.Errorf("start %s: first contact due %s, want a week later", start, tn.NextVisitDue)
		}
		end := domain.MonthsLater(start, 1)
		// Weekly while the next week still falls within the first month.
		last := start
		for last.AddDays(7) <= end {
			next := tn.VisitDueAfter(last)
			if next != last.AddDays(7) {
				t.Fatalf("start %s: after %s due %s, want weekly", start, last, next)
			}
			last = next
		}
		if got := tn.VisitDueAfter(last); got != last.AddDays(30) {
			t.Errorf("start %s: after the last weekly contact %s due %s, want 30 days later", start, last, got)
		}
		if got := tn.VisitDueAfter(end.AddDays(40)); got != end.AddDays(70) {
			t.Errorf("start %s: later contact due %s", start, got)
		}
	}
	tn := domain.NewTenancy(&domain.Match{ID: 1}, &domain.Vacancy{}, &domain.Household{}, nil, d(2026, 3, 2))
	tn.VisitEarlyDays, tn.VisitEarlyMonths, tn.VisitLaterDays = 14, 3, 60
	if got := tn.VisitDueAfter(d(2026, 5, 1)); got != d(2026, 5, 15) {
		t.Errorf("configured rhythm: due %s, want 15.05.2026", got)
	}
	if got := tn.VisitDueAfter(d(2026, 5, 25)); got != d(2026, 7, 24) {
		t.Errorf("configured rhythm after the early phase: due %s, want 24.07.2026", got)
	}
	if !tn.VisitOverdue(tn.NextVisitDue.AddDays(1)) || tn.VisitOverdue(tn.NextVisitDue) {
		t.Error("overdue is the day after the due day")
	}
	tn.Status = domain.TenancyEnded
	if tn.VisitOverdue(tn.NextVisitDue.AddDays(10)) {
		t.Error("an ended tenancy has no overdue contact")
	}
}

func TestTenancyEndValidation(t *testing.T) {
	today := domain.NewDate(2026, 6, 1)
	tn := domain.NewTenancy(&domain.Match{ID: 1}, &domain.Vacancy{}, &domain.Household{}, nil, domain.NewDate(2026, 3, 2))
	yes, no := true, false
	for _, c := range []struct {
		name   string
		end    domain.TenancyEnd
		housed bool
		fields []string
	}{
		{"housed elsewhere implies housed", domain.TenancyEnd{EndDate: today, Reason: domain.EndHousedElsewhere}, true, nil},
		{"died implies not housed", domain.TenancyEnd{EndDate: today, Reason: domain.EndDied}, false, nil},
		{"contradiction", domain.TenancyEnd{EndDate: today, Reason: domain.EndDied, StablyHoused: &yes}, false, []string{"stably_housed"}},
		{"eviction asks", domain.TenancyEnd{EndDate: today, Reason: domain.EndEviction}, false, []string{"stably_housed"}},
		{"eviction, housed", domain.TenancyEnd{EndDate: today, Reason: domain.EndEviction, StablyHoused: &yes}, true, nil},
		{"moved on, not housed", domain.TenancyEnd{EndDate: today, Reason: domain.EndMovedOn, StablyHoused: &no}, false, nil},
		{"before the start", domain.TenancyEnd{EndDate: domain.NewDate(2026, 3, 1), Reason: domain.EndOther, StablyHoused: &no}, false, []string{"end_date"}},
		{"no date, no reason", domain.TenancyEnd{}, false, []string{"end_date", "end_reason"}},
		{"unknown reason", domain.TenancyEnd{EndDate: today, Reason: "away", StablyHoused: &no}, false, []string{"end_reason"}},
	} {
		housed, err := c.end.Validate(tn, today)
		var got []string
		if ve, ok := err.(*domain.ValidationError); ok {
			got = ve.FieldNames()
		} else if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(got) != len(c.fields) || (len(got) > 0 && got[0] != c.fields[0]) {
			t.Errorf("%s: fields %v, want %v", c.name, got, c.fields)
		}
		if err == nil && housed != c.housed {
			t.Errorf("%s: housed %v, want %v", c.name, housed, c.housed)
		}
	}
}

func TestTenancyPermissions(t *testing.T) {
	companion, other := int64(10), int64(11)
	lid, otherLid := int64(5), int64(6)
	tn := &domain.Tenancy{ID: 1, LandlordID: lid, CompanionID: &companion, Status: domain.TenancyActive}
	actor := func(id int64, r domain.Role, landlord *int64) domain.Actor {
		return domain.Actor{User: &domain.User{ID: id, Role: r, LandlordID: landlord}}
	}
	staff, admin := actor(1, domain.RoleStaff, nil), actor(2, domain.RoleAdmin, nil)
	mine, notMine := actor(companion, domain.RoleCaseworker, nil), actor(other, domain.RoleCaseworker, nil)
	landlord, otherLandlord := actor(20, domain.RoleLandlord, &lid), actor(21, domain.RoleLandlord, &otherLid)
	applicant := domain.Applicant("x")
	type perms struct{ see, end, visits, record, file, handle bool }
	for name, c := range map[string]struct {
		a    domain.Actor
		want perms
	}{
		"staff":          {staff, perms{true, true, true, false, false, true}},
		"admin":          {admin, perms{true, true, true, false, false, true}},
		"companion":      {mine, perms{true, true, true, true, false, true}},
		"other worker":   {notMine, perms{false, false, false, false, false, false}},
		"landlord":       {landlord, perms{true, false, false, false, true, false}},
		"other landlord": {otherLandlord, perms{false, false, false, false, false, false}},
		"applicant":      {applicant, perms{false, false, false, false, false, false}},
	} {
		got := perms{c.a.CanSeeTenancy(tn), c.a.CanEndTenancy(tn), c.a.CanSeeVisits(tn), c.a.CanRecordVisit(tn),
			c.a.CanFileReport(tn), c.a.CanHandleReport(tn)}
		if got != c.want {
			t.Errorf("%s: %+v, want %+v", name, got, c.want)
		}
	}
	ended := *tn
	ended.Status = domain.TenancyEnded
	if landlord.CanFileReport(&ended) {
		t.Error("landlord files a report about an ended tenancy")
	}
	if !domain.TenancyTransitions.Terminal(domain.TenancyEnded) {
		t.Error("an ended tenancy can start again")
	}
}
