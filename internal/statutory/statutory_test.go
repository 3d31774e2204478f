package statutory_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/statutory"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// The WoBerichtsG count on 31 January lists one row per person of the households
// accommodated on that day, with unknown values written as such; households that left
// before, arrived after or are not accommodated are not in it.
func TestCountListsEveryAccommodatedPersonOnTheReferenceDay(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2026, time.December, 1, 10, 0, 0, 0, domain.Berlin), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		staff := domain.Actor{User: users.Staff}
		svc := statutory.New(st)
		sheltered := func(change func(h *domain.Household)) *domain.Household {
			return testutil.Household(t, st, func(h *domain.Household) {
				cat, urg := domain.EmergencySheltered, domain.Urgency(2)
				h.FachstelleCase, h.EmergencyCategory, h.Urgency = true, &cat, &urg
				h.RegisteredOn = domain.NewDate(2026, time.November, 1)
				if change != nil {
					change(h)
				}
			})
		}
		full := sheltered(func(h *domain.Household) {
			h.Nationality, h.AccommodationKind, h.ShelterProvider = "rumänisch", domain.AccommodationShelter, domain.ProviderMunicipality
			h.AccommodatedSince = domain.NewDate(2026, time.October, 15)
		})
		unknown := sheltered(func(h *domain.Household) {
			h.Members = []domain.HouseholdMember{{BirthYear: 1970, Sex: "m"}}
		})
		sheltered(func(h *domain.Household) { h.RegisteredOn = domain.NewDate(2027, time.February, 1) }) // came later
		left := sheltered(nil)
		clk.Set(time.Date(2027, time.January, 30, 9, 0, 0, 0, domain.Berlin))
		if err := st.SetHouseholdStatus(ctx, left.ID, domain.HouseholdHoused); err != nil { // left before the day
			t.Fatal(err)
		}
		testutil.Household(t, st, nil) // not a Fachstelle case
		count, _ := statutory.CountByKey("woberichtsg")
		day := count.DayIn(2027)
		if day != domain.NewDate(2027, time.January, 31) {
			t.Fatalf("reference day %s", day)
		}
		rows, err := svc.PersonRows(ctx, staff, count, day)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1+2+1 {
			t.Fatalf("%d rows, want header and 3 persons: %v", len(rows), rows)
		}
		byRef := map[string][][]string{}
		for _, r := range rows[1:] {
			if len(r) != len(statutory.PersonHeader) || r[0] != "05914000" || r[1] != "31.01.2027" {
				t.Fatalf("row %v", r)
			}
			byRef[r[2]] = append(byRef[r[2]], r)
		}
		first := byRef[full.Reference][0]
		want := []string{"05914000", "31.01.2027", full.Reference, "1", "weiblich", "31", "rumänisch", "Alleinerziehende Person mit Kind(ern)", "2",
			"Notunterkunft, Obdach", "Stadt Hagen (ordnungsrechtlich)", "15.10.2026"}
		if strings.Join(first, "|") != strings.Join(want, "|") {
			t.Errorf("row\n %v\nwant\n %v", first, want)
		}
		u := byRef[unknown.Reference][0]
		if u[6] != "unbekannt" || u[9] != "unbekannt" || u[10] != "unbekannt" || u[11] != "unbekannt" || u[7] != "Einpersonenhaushalt" {
			t.Errorf("unknown values: %v", u)
		}
		if _, err := svc.PersonRows(ctx, domain.Actor{User: users.Caseworker}, count, day); err == nil {
			t.Error("a caseworker exported the count")
		}
	})
}

// The project report counts Fachstelle households taken on in the year per focus group and
// the places of newly created Senioren-WGs against the target of ten.
func TestProjectReportCountsPerFocusGroupAndSeniorWGPlaces(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2027, time.March, 1, 10, 0, 0, 0, domain.Berlin), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		for _, focus := range []domain.FocusGroup{domain.FocusSeniorCare, domain.FocusSeniorCare, domain.FocusWomen} {
			testutil.Household(t, st, func(h *domain.Household) {
				cat, urg := domain.EmergencySheltered, domain.Urgency(2)
				h.FachstelleCase, h.EmergencyCategory, h.Urgency, h.FocusGroup = true, &cat, &urg, focus
				h.RegisteredOn = domain.NewDate(2027, time.February, 1)
			})
		}
		db, _ := st.SQLDB()
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		if _, err := db.Exec("UPDATE vacancies SET restriction = 'senior_wg', senior_wg_new = TRUE, places = 4, status = 'published', published_at = $1 WHERE id = $2",
			st.Now(), v.ID); err != nil {
			t.Fatal(err)
		}
		rows, err := statutory.New(st).ProjectRows(ctx, domain.Actor{User: users.Staff}, 2027)
		if err != nil {
			t.Fatal(err)
		}
		text := ""
		for _, r := range rows {
			text += strings.Join(r, ";") + "\n"
		}
		for _, want := range []string{"2027;" + domain.FocusSeniorCare.Label() + ";2;0;", "2027;" + domain.FocusWomen.Label() + ";1;0;",
			"2027;gesamt;3;0;", "2027;4;mindestens 10;nein"} {
			if !strings.Contains(text, want) {
				t.Errorf("report lacks %q:\n%s", want, text)
			}
		}
	})
}
