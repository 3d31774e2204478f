package households_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/households"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/validate"
)

func validInput(today domain.Date) *households.Input {
	return &households.Input{
		ContactName: "Ioana Stan", Email: "Ioana@Example.org", Phone: "0157 1234567", Language: "ro",
		Members:     []households.MemberInput{{BirthYear: today.Year() - 34, Sex: "f"}, {BirthYear: today.Year() - 6, Sex: "m"}},
		Certificate: &households.CertificateInput{PassedOn: today.AddDays(-30), Number: "IZW-2026-7"},
		Benefit:     "sgb2", DirectPaymentConsent: true,
		Needs:    households.NeedsInput{PreferredBoroughs: []domain.Borough{domain.BoroughHaspe}},
		Consents: []domain.ConsentKind{domain.ConsentDataProcessing, domain.ConsentShareWithLandlord},
	}
}

func TestCreateStoresAHouseholdWithReferenceAndLottery(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		svc := households.New(st, validate.New())
		staff := domain.Actor{User: users.Staff}
		a, err := svc.Create(ctx, staff, validInput(st.Today()), nil)
		if err != nil {
			t.Fatal(err)
		}
		b, err := svc.Create(ctx, staff, validInput(st.Today()), nil)
		if err != nil {
			t.Fatal(err)
		}
		year := st.Today().Year()
		if !strings.HasPrefix(a.Reference, "HH-") || a.Reference == b.Reference || a.LotteryNumber == b.LotteryNumber {
			t.Fatalf("references %q %q lottery %d %d", a.Reference, b.Reference, a.LotteryNumber, b.LotteryNumber)
		}
		if a.Reference != fmt.Sprintf("HH-%d-0001", year) {
			t.Errorf("first reference %q", a.Reference)
		}
		got, err := svc.Open(ctx, staff, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if *got.Email != "ioana@example.org" || len(got.Members) != 2 || len(got.Consents) != 2 || got.RegisteredOn != st.Today() {
			t.Fatalf("stored household %+v", got)
		}
	})
}

func TestInvalidInputGetsGermanMessagesPerField(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	users := testutil.SeedUsers(t, st)
	svc := households.New(st, validate.New())
	today := st.Today()
	cases := []struct {
		name  string
		edit  func(in *households.Input)
		field string
		text  string
	}{
		{"no name", func(in *households.Input) { in.ContactName = " " }, "contact_name", "Bitte geben Sie den Namen der Ansprechperson an."},
		{"bad email", func(in *households.Input) { in.Email = "keine-adresse" }, "email", "gültige E-Mail-Adresse"},
		{"unknown language", func(in *households.Input) { in.Language = "xx" }, "language", "angebotenen Werte"},
		{"no members", func(in *households.Input) { in.Members = nil }, "members", "Haushaltsmitglieder"},
		{"member born in the future", func(in *households.Input) { in.Members[1].BirthYear = today.Year() + 1 }, "members[1].birth_year", "Zukunft"},
		{"member sex", func(in *households.Input) { in.Members[0].Sex = "x" }, "members[0].sex", "Geschlecht"},
		{"only children", func(in *households.Input) { in.Members = in.Members[1:] }, "members", "volljährig"},
		{"no track", func(in *households.Input) { in.Certificate = nil }, "tracks", "mindestens eine Grundlage"},
		{"certificate in the future", func(in *households.Input) { in.Certificate.PassedOn = today.AddDays(1) }, "certificate.passed_on", "Zukunft"},
		{"accompaniment ends before it starts", func(in *households.Input) {
			in.Accompaniment = &households.AccompanimentInput{From: today, Until: today.AddDays(-1), CompanionName: "M. Koch"}
		}, "accompaniment.until", "vor ihrem Beginn"},
		{"urgency out of range", func(in *households.Input) {
			in.Fachstelle = &households.FachstelleInput{Category: "A1", Urgency: 7, FocusGroup: "none"}
		}, "fachstelle.urgency", "angebotenen Werte"},
		{"health notes without consent", func(in *households.Input) {
			in.Fachstelle = &households.FachstelleInput{Category: "A2", Urgency: 2, FocusGroup: "mental_health", HealthNotes: "Diagnose"}
		}, "fachstelle.health_notes", "Einwilligung"},
		{"direct payment without benefit", func(in *households.Input) { in.Benefit = "wohngeld" }, "direct_payment_consent", "Direktzahlung"},
		{"borough preferred and excluded", func(in *households.Input) { in.Needs.ExcludedBoroughs = []domain.Borough{domain.BoroughHaspe} }, "needs.excluded_boroughs", "Haspe"},
		{"no data consent", func(in *households.Input) { in.Consents = nil }, "consents", "Einwilligung in die Datenverarbeitung"},
		{"WBS without date", func(in *households.Input) { in.WBS = &households.WBSInput{Persons: 2} }, "wbs.valid_until", "WBS"},
		{"unknown caseworker", func(in *households.Input) { id := users.Staff.ID; in.CaseworkerID = &id }, "caseworker_id", "Wohnbegleitung"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := validInput(today)
			tc.edit(in)
			_, err := svc.Create(context.Background(), domain.Actor{User: users.Staff}, in, nil)
			var ve *domain.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want validation error", err)
			}
			if msg := ve.Fields[tc.field]; !strings.Contains(msg, tc.text) {
				t.Fatalf("%s: %q, want it to contain %q (all: %v)", tc.field, msg, tc.text, ve.Fields)
			}
		})
	}
	if rows, total, err := st.ListHouseholds(context.Background(), store.HouseholdFilter{}); err != nil || total != 0 || len(rows) != 0 {
		t.Fatalf("invalid input left %d households (%v)", total, err)
	}
}

func TestUpdateReplacesMembersAndKeepsConsentHistory(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		svc := households.New(st, validate.New())
		staff := domain.Actor{User: users.Staff}
		h, err := svc.Create(ctx, staff, validInput(st.Today()), nil)
		if err != nil {
			t.Fatal(err)
		}
		in := households.InputOf(h)
		in.Members = append(in.Members, households.MemberInput{BirthYear: st.Today().Year() - 40, Sex: "m"})
		in.Consents = []domain.ConsentKind{domain.ConsentDataProcessing, domain.ConsentEmailContact} // share_with_landlord revoked
		in.Certificate = nil
		in.Fachstelle = &households.FachstelleInput{Category: "B", Urgency: 3, FocusGroup: "eu2_family"}
		got, err := svc.Update(ctx, staff, h.ID, in, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Members) != 3 || got.CertificatePassedOn != 0 || !got.FachstelleCase || *got.Urgency != 3 || got.Reference != h.Reference || got.LotteryNumber != h.LotteryNumber {
			t.Fatalf("updated household %+v", got)
		}
		active, revoked := 0, 0
		for _, c := range got.Consents {
			if c.RevokedAt == nil {
				active++
			} else if c.Kind == "share_with_landlord" {
				revoked++
			}
		}
		if active != 2 || revoked != 1 || len(got.Consents) != 3 {
			t.Fatalf("consents %+v", got.Consents)
		}
	})
}

func TestCaseworkersSeeOnlyTheirHouseholds(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		svc := households.New(st, validate.New())
		cw := domain.Actor{User: users.Caseworker}
		mine, err := svc.Create(ctx, cw, validInput(st.Today()), nil)
		if err != nil {
			t.Fatal(err)
		}
		if mine.CaseworkerID == nil || *mine.CaseworkerID != users.Caseworker.ID {
			t.Fatal("a caseworker's household is not assigned to them")
		}
		other := testutil.Household(t, st, nil)
		if _, err := svc.Open(ctx, cw, other.ID); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("caseworker opened another household: %v", err)
		}
		if _, err := svc.Update(ctx, cw, other.ID, validInput(st.Today()), nil); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("caseworker updated another household: %v", err)
		}
		rows, total, err := svc.List(ctx, cw, store.HouseholdFilter{})
		if err != nil || total != 1 || rows[0].ID != mine.ID {
			t.Fatalf("caseworker list: %d rows (%v)", total, err)
		}
		if _, err := svc.Open(ctx, domain.Actor{User: users.Landlord}, mine.ID); !errors.Is(err, domain.ErrForbidden) {
			t.Fatalf("landlord opened a household: %v", err)
		}
		db, _ := st.SQLDB()
		var opened int
		if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM audit_log WHERE action = 'household.open'").Scan(&opened); err != nil || opened != 0 {
			t.Fatalf("refused opens were audited: %d %v", opened, err)
		}
		if _, err := svc.Open(ctx, cw, mine.ID); err != nil {
			t.Fatal(err)
		}
		q := fmt.Sprintf("SELECT COUNT(*) FROM audit_log WHERE action = 'household.open' AND entity_id = %d AND actor_user_id = %d", mine.ID, users.Caseworker.ID)
		if err := db.QueryRowContext(ctx, q).Scan(&opened); err != nil || opened != 1 {
			t.Fatalf("opening was not audited: %d %v", opened, err)
		}
	})
}

func TestListFiltersAndPages(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		today := st.Today()
		for i := 0; i < 7; i++ {
			testutil.Household(t, st, func(h *domain.Household) {
				h.RegisteredOn = today.AddDays(-100 * i)
				if i%2 == 0 {
					cat, urg := domain.EmergencyStreet, domain.Urgency(1+i%4)
					h.FachstelleCase, h.EmergencyCategory, h.Urgency, h.FocusGroup = true, &cat, &urg, "women"
				}
				if i == 3 {
					h.ContactName = "Zeynep Kaya"
					h.PreferredBoroughs = domain.BoroughList{domain.BoroughNord}
				}
			})
		}
		svc := households.New(st, validate.New())
		staff := domain.Actor{User: users.Staff}
		cases := []struct {
			name string
			f    store.HouseholdFilter
			want int64
		}{
			{"all", store.HouseholdFilter{}, 7},
			{"fachstelle", store.HouseholdFilter{Track: "fachstelle"}, 4},
			{"focus group", store.HouseholdFilter{FocusGroup: "women"}, 4},
			{"urgency", store.HouseholdFilter{Urgency: 1}, 2},
			{"search", store.HouseholdFilter{Query: "kaya"}, 1},
			{"borough", store.HouseholdFilter{Borough: domain.BoroughNord}, 1},
			{"waiting a year", store.HouseholdFilter{MinWaitDays: 365}, 3},
		}
		for _, tc := range cases {
			if _, total, err := svc.List(ctx, staff, tc.f); err != nil || total != tc.want {
				t.Errorf("%s: %d (%v), want %d", tc.name, total, err, tc.want)
			}
		}
		rows, total, err := svc.List(ctx, staff, store.HouseholdFilter{Sort: "registered_on", PerPage: 3, Page: 3})
		if err != nil || total != 7 || len(rows) != 1 || rows[0].RegisteredOn != today.AddDays(-0) {
			t.Fatalf("page 3 of 3: %d rows, total %d, %v", len(rows), total, err)
		}
		if rows[0].Persons != 2 {
			t.Errorf("persons %d, want 2", rows[0].Persons)
		}
	})
}
