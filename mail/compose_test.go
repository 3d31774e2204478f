package mail_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"wohnbruecke/internal/domain"
	"wohnbruecke/mail"
)

func newComposer(t testing.TB) *mail.Composer {
	t.Helper()
	c, err := mail.NewComposer(mail.ComposerConfig{
		MailFrom: "Wohnbrücke Hagen <wohnbruecke@hagen.example>", FachstellePhone: "02331 207-0",
		Now: func() time.Time { return time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// viewingData is a viewing message with every optional part set.
func viewingData(lang domain.Language) mail.ViewingMessage {
	start := time.Date(2026, 4, 14, 8, 0, 0, 0, time.UTC) // 10:00 in Hagen
	return mail.ViewingMessage{
		HouseholdRef: "H-2026-0042",
		Applicant:    mail.Contact{Name: "Maria Popescu", Email: "maria.popescu@example.org", Phone: "0157 111"},
		Language:     lang,
		Companion:    &mail.Contact{Name: "Elena Ionescu", Email: "elena.ionescu@klartext.example", Phone: "0176 222"},
		Caseworker:   &mail.Contact{Name: "Jan Becker", Email: "jan.becker@hagen.example"},
		Viewing: mail.Viewing{ID: 7, MatchID: 3, CalendarUID: "viewing-7@wohnbruecke.hagen.example", Sequence: 2,
			StartsAt: start, EndsAt: start.Add(30 * time.Minute), Address: "Voerder Straße 12, 58135 Hagen"},
		Previous: &mail.Viewing{ID: 7, MatchID: 3, CalendarUID: "viewing-7@wohnbruecke.hagen.example", Sequence: 1,
			StartsAt: start.Add(-24 * time.Hour), EndsAt: start.Add(-23 * time.Hour), Address: "Voerder Straße 12, 58135 Hagen"},
		Links: mail.ApplicantLinks{Confirm: "https://wb.example/a/confirm-tok", Decline: "https://wb.example/a/decline-tok",
			Reschedule: "https://wb.example/a/reschedule-tok"},
		BringCertificate: true, BringWBS: true, BringIncomeProof: true,
	}
}

func TestLocalesHaveEveryKey(t *testing.T) {
	want, err := mail.LocaleKeys("de")
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(want)
	if len(want) < 50 {
		t.Fatalf("German locale has only %d keys", len(want))
	}
	for _, lang := range domain.Languages.Values() {
		t.Run(string(lang), func(t *testing.T) {
			got, err := mail.LocaleKeys(lang)
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range want {
				if !slices.Contains(got, k) {
					t.Errorf("%s lacks key %q", lang, k)
				}
			}
			for _, k := range got {
				if !slices.Contains(want, k) {
					t.Errorf("%s has key %q that German does not have", lang, k)
				}
			}
		})
	}
}

// badOutput finds traces of a template that rendered with missing data.
func badOutput(s string) string {
	for _, bad := range []string{"<no value>", "%!", "{{", "}}", "MISSING", "map["} {
		if strings.Contains(s, bad) {
			return bad
		}
	}
	return ""
}

func TestApplicantMessagesRenderInEveryLanguage(t *testing.T) {
	c := newComposer(t)
	compose := map[string]func(mail.ViewingMessage) ([]domain.OutboxMessage, error){
		mail.KindViewingInvitation: c.ViewingInvitation,
		mail.KindViewingReminder:   c.ViewingReminder,
		mail.KindViewingChanged:    c.ViewingChanged,
		mail.KindViewingCancelled:  c.ViewingCancelled,
	}
	german := map[string]string{
		mail.KindViewingInvitation: "Einladung: Wohnungsbesichtigung am Dienstag, 14. April 2026",
		mail.KindViewingReminder:   "Erinnerung: Wohnungsbesichtigung am Dienstag, 14. April 2026",
		mail.KindViewingChanged:    "Neuer Termin: Wohnungsbesichtigung am Dienstag, 14. April 2026",
		mail.KindViewingCancelled:  "Abgesagt: Wohnungsbesichtigung am Dienstag, 14. April 2026",
	}
	for _, lang := range domain.Languages.Values() {
		for kind, fn := range compose {
			t.Run(string(lang)+"/"+kind, func(t *testing.T) {
				msgs, err := fn(viewingData(lang))
				if err != nil {
					t.Fatal(err)
				}
				if len(msgs) != 3 {
					t.Fatalf("got %d messages, want applicant, companion and caseworker", len(msgs))
				}
				app := msgs[0]
				if app.ToAddress != "maria.popescu@example.org" || app.Kind != kind || app.Language != string(lang) {
					t.Errorf("applicant message to %s kind %s language %s", app.ToAddress, app.Kind, app.Language)
				}
				if !strings.HasSuffix(app.Subject, german[kind]) || (lang != "de" && app.Subject == german[kind]) {
					t.Errorf("subject %q: want the %s subject, then the German one", app.Subject, lang)
				}
				for _, body := range []string{app.BodyText, app.BodyHTML} {
					if bad := badOutput(body); bad != "" {
						t.Errorf("body contains %q:\n%s", bad, body)
					}
					for _, want := range []string{"Voerder Straße 12", "H-2026-0042", "Elena Ionescu", "0176 222",
						"Hallo Maria Popescu"} {
						if !strings.Contains(body, want) {
							t.Errorf("body lacks %q", want)
						}
					}
				}
				if !strings.Contains(app.BodyHTML, `lang="`+string(lang)+`"`) || !strings.Contains(app.BodyHTML, `lang="de"`) {
					t.Errorf("HTML does not mark the %s and German blocks", lang)
				}
				if rtl := strings.Contains(app.BodyHTML, `dir="rtl"`); rtl != (lang == "ar") {
					t.Errorf("dir=rtl present: %v", rtl)
				}
				if strings.Contains(app.BodyHTML, "src=") || strings.Contains(app.BodyHTML, "<link") {
					t.Error("HTML loads external resources")
				}
				links := kind != mail.KindViewingCancelled
				for _, l := range []string{"confirm-tok", "decline-tok", "reschedule-tok"} {
					if strings.Contains(app.BodyText, l) != links || strings.Contains(app.BodyHTML, l) != links {
						t.Errorf("link %s shown: want %v", l, links)
					}
				}
				for _, cp := range msgs[1:] {
					if cp.Language != "de" || !strings.HasPrefix(cp.Subject, "Kopie: "+german[kind]) {
						t.Errorf("copy %s: language %s subject %q", cp.ToAddress, cp.Language, cp.Subject)
					}
					if strings.Contains(cp.BodyText+cp.BodyHTML, "-tok") {
						t.Error("the copy carries the applicant's personal links")
					}
					if bad := badOutput(cp.BodyText + cp.BodyHTML); bad != "" {
						t.Errorf("copy contains %q", bad)
					}
					if cp.ICS == "" {
						t.Error("copy without calendar file")
					}
				}
			})
		}
	}
}

func TestGermanMessagesRender(t *testing.T) {
	c := newComposer(t)
	v := viewingData("de").Viewing
	staff := []mail.Contact{{Name: "Sabine Team", Email: "Sabine@hagen.example"}, {Name: "Ohne Mail"}}
	profile := domain.LandlordProfile{Reference: "H-2026-0042", Adults: 2, Children: 3,
		EarliestMoveIn: domain.NewDate(2026, 5, 1), Certificate: true, CertificateOn: domain.NewDate(2025, 11, 20),
		Accompaniment: true, CompanionName: "Elena Ionescu", CompanionPhone: "0176 222",
		ContactFirstName: "Maria", ContactPhone: "0157 111"}
	landlord := mail.Contact{Name: "Frau Schulte", Email: "vermietung@example.org"}
	tests := []struct {
		name      string
		compose   func() ([]domain.OutboxMessage, error)
		wantTo    []string
		wantKind  string
		wantInAll []string
	}{
		{"answer confirm", func() ([]domain.OutboxMessage, error) {
			return c.ApplicantAnswered(mail.AnswerNotice{HouseholdRef: "H-2026-0042", Answer: mail.AnswerConfirm,
				AnsweredAt: v.StartsAt.Add(-48 * time.Hour), Viewing: v, Companion: viewingData("de").Companion,
				Caseworker: viewingData("de").Caseworker, Staff: staff, MatchURL: "https://wb.example/staff/matches/3"})
		}, []string{"elena.ionescu@klartext.example", "jan.becker@hagen.example"}, mail.KindApplicantAnswered,
			[]string{"Zusage", "Er kommt zur Besichtigung", "H-2026-0042"}},
		{"answer reschedule", func() ([]domain.OutboxMessage, error) {
			return c.ApplicantAnswered(mail.AnswerNotice{HouseholdRef: "H-2026-0042", Answer: mail.AnswerReschedule,
				AnsweredAt: v.StartsAt.Add(-48 * time.Hour), Viewing: v, Companion: viewingData("de").Companion,
				Staff: staff, MatchURL: "https://wb.example/staff/matches/3"})
		}, []string{"elena.ionescu@klartext.example", "Sabine@hagen.example"}, mail.KindApplicantAnswered,
			[]string{"Anderer Termin gewünscht", "neuen Termin"}},
		{"landlord proposal", func() ([]domain.OutboxMessage, error) {
			return c.LandlordProposalMessage(mail.LandlordProposal{Landlord: landlord, MatchID: 3, VacancyID: 9,
				VacancyAddress: "Voerder Straße 12", Profile: profile, Viewing: &v,
				ProposalURL: "https://wb.example/landlord/proposals/3"})
		}, []string{"vermietung@example.org"}, mail.KindLandlordProposal,
			[]string{"Neuer Vorschlag", "Erwachsene", "ja, seit 20.11.2025", "01.05.2026", "Elena Ionescu", "Maria"}},
		{"landlord declined", func() ([]domain.OutboxMessage, error) {
			return c.LandlordAnswerMessage(mail.LandlordAnswer{Landlord: landlord, Answer: mail.AnswerDecline,
				VacancyAddress: "Voerder Straße 12", Viewing: v, Profile: profile, ProposalURL: "https://wb.example/p/3"})
		}, []string{"vermietung@example.org"}, mail.KindLandlordAnswer, []string{"Besichtigung abgesagt", "kommt nicht"}},
		{"landlord confirmed", func() ([]domain.OutboxMessage, error) {
			return c.LandlordAnswerMessage(mail.LandlordAnswer{Landlord: landlord, Answer: mail.AnswerConfirm,
				VacancyAddress: "Voerder Straße 12", Viewing: v, Profile: profile, ProposalURL: "https://wb.example/p/3"})
		}, []string{"vermietung@example.org"}, mail.KindLandlordAnswer,
			[]string{"Besichtigung bestätigt", "Ansprechperson für die Besichtigung", "0157 111"}},
		{"outcome request", func() ([]domain.OutboxMessage, error) {
			return c.LandlordOutcomeRequestMessage(mail.LandlordOutcomeRequest{Landlord: landlord, HouseholdRef: "H-2026-0042",
				VacancyAddress: "Voerder Straße 12", Viewing: v, OutcomeURL: "https://wb.example/landlord/outcome/3"})
		}, []string{"vermietung@example.org"}, mail.KindLandlordOutcome,
			[]string{"Ergebnis der Besichtigung", "https://wb.example/landlord/outcome/3"}},
		{"vacancy submitted", func() ([]domain.OutboxMessage, error) {
			return c.StaffVacancySubmitted(mail.VacancySubmitted{Staff: staff, VacancyID: 9, LandlordName: "HagenWohnen eG",
				Address: "Voerder Straße 12", Summary: "2,5 Zimmer, 58 m²", SubmittedAt: v.StartsAt,
				ReviewURL: "https://wb.example/staff/vacancies/9"})
		}, []string{"Sabine@hagen.example"}, mail.KindStaffVacancySubmitted, []string{"HagenWohnen eG", "2,5 Zimmer"}},
		{"match stalled", func() ([]domain.OutboxMessage, error) {
			return c.StaffMatchStalled(mail.MatchStalled{Staff: staff, MatchID: 3, HouseholdRef: "H-2026-0042",
				VacancyAddress: "Voerder Straße 12", State: "viewing_scheduled", Since: v.StartsAt,
				MatchURL: "https://wb.example/staff/matches/3"})
		}, []string{"Sabine@hagen.example"}, mail.KindStaffMatchStalled, []string{"Besichtigung geplant", "14.04.2026"}},
		{"message failed", func() ([]domain.OutboxMessage, error) {
			return c.StaffMessageFailed(mail.MessageFailed{Staff: staff, FailedAt: v.StartsAt,
				Message: domain.OutboxMessage{ID: 17, Kind: mail.KindViewingInvitation, ToAddress: "weg@example.org",
					Subject: "Einladung", Attempts: 8, LastError: "550 5.1.1 unknown <mailbox>"},
				OutboxURL: "https://wb.example/staff/outbox"})
		}, []string{"Sabine@hagen.example"}, mail.KindStaffMessageFailed,
			[]string{"weg@example.org", "550 5.1.1", "Einladung zur Besichtigung (Haushalt)", "8 Versuchen"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			msgs, err := tc.compose()
			if err != nil {
				t.Fatal(err)
			}
			var to []string
			for _, m := range msgs {
				to = append(to, m.ToAddress)
				if m.Kind != tc.wantKind || m.Language != "de" || m.Subject == "" {
					t.Errorf("message %+v", m)
				}
				for _, body := range []string{m.Subject + "\n" + m.BodyText, m.BodyHTML} {
					if bad := badOutput(body); bad != "" {
						t.Errorf("contains %q:\n%s", bad, body)
					}
				}
				for _, want := range tc.wantInAll {
					if !strings.Contains(m.Subject+m.BodyText, want) || !strings.Contains(m.Subject+m.BodyHTML, want) &&
						!strings.Contains(m.BodyHTML, strings.ReplaceAll(want, "<", "&lt;")) {
						t.Errorf("text or HTML lacks %q:\n%s", want, m.BodyText)
					}
				}
			}
			if !slices.Equal(to, tc.wantTo) {
				t.Errorf("recipients %v, want %v", to, tc.wantTo)
			}
		})
	}
}

func TestDedupeKeysFollowTheEvent(t *testing.T) {
	c := newComposer(t)
	keys := func(msgs []domain.OutboxMessage, err error) []string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		var ks []string
		for _, m := range msgs {
			ks = append(ks, m.DedupeKey)
		}
		return ks
	}
	d := viewingData("ro")
	first := keys(c.ViewingInvitation(d))
	again := keys(c.ViewingInvitation(d))
	if !slices.Equal(first, again) {
		t.Errorf("the same invitation has different keys: %v, %v", first, again)
	}
	if len(first) != 3 || first[0] == first[1] || first[1] == first[2] {
		t.Errorf("keys not one per recipient: %v", first)
	}
	d.Viewing.Sequence++
	changed := keys(c.ViewingChanged(d))
	changedAgain := keys(c.ViewingChanged(d))
	if slices.Equal(changed, first) || !slices.Equal(changed, changedAgain) {
		t.Errorf("change keys %v (again %v) vs invitation %v", changed, changedAgain, first)
	}
	// A household without email still gets its helpers informed.
	d.Applicant.Email = ""
	noMail, err := c.ViewingInvitation(d)
	if err != nil {
		t.Fatal(err)
	}
	if len(noMail) != 2 || !strings.Contains(noMail[0].BodyText, "keine E-Mail-Adresse") {
		t.Errorf("without applicant email: %d messages", len(noMail))
	}
}

func TestCalendarFiles(t *testing.T) {
	c := newComposer(t)
	d := viewingData("bg")
	tests := []struct {
		name       string
		compose    func(mail.ViewingMessage) ([]domain.OutboxMessage, error)
		wantMethod ics.Method
		wantStatus string
	}{
		{"invitation", c.ViewingInvitation, ics.MethodRequest, "CONFIRMED"},
		{"change", c.ViewingChanged, ics.MethodRequest, "CONFIRMED"},
		{"cancellation", c.ViewingCancelled, ics.MethodCancel, "CANCELLED"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			msgs, err := tc.compose(d)
			if err != nil {
				t.Fatal(err)
			}
			raw := msgs[0].ICS
			if strings.Contains(strings.ReplaceAll(raw, "\r\n", ""), "\n") || !strings.HasSuffix(raw, "\r\n") {
				t.Error("calendar lines do not end in CRLF")
			}
			checkCalendar(t, raw, tc.wantMethod, d.Viewing, tc.wantStatus)
		})
	}
}

// checkCalendar parses a calendar object back with golang-ical and checks what calendar
// programs rely on.
func checkCalendar(t *testing.T, raw string, method ics.Method, v mail.Viewing, status string) {
	t.Helper()
	cal, err := ics.ParseCalendar(strings.NewReader(raw))
	if err != nil {
		t.Fatalf("parse calendar: %v\n%s", err, raw)
	}
	var gotMethod string
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == string(ics.PropertyMethod) {
			gotMethod = p.Value
		}
	}
	if gotMethod != string(method) {
		t.Errorf("METHOD %q, want %q", gotMethod, method)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events", len(events))
	}
	ev := events[0]
	prop := func(p ics.ComponentProperty) string {
		if x := ev.GetProperty(p); x != nil {
			return x.Value
		}
		return ""
	}
	if ev.Id() != v.CalendarUID {
		t.Errorf("UID %q, want %q", ev.Id(), v.CalendarUID)
	}
	if got := prop(ics.ComponentPropertySequence); got != "2" {
		t.Errorf("SEQUENCE %q, want 2", got)
	}
	start, err := ev.GetStartAt()
	if err != nil || !start.Equal(v.StartsAt) {
		t.Errorf("DTSTART %v (%v), want %v", start, err, v.StartsAt)
	}
	end, err := ev.GetEndAt()
	if err != nil || !end.Equal(v.EndsAt) {
		t.Errorf("DTEND %v (%v), want %v", end, err, v.EndsAt)
	}
	if got := prop(ics.ComponentPropertyStatus); got != status {
		t.Errorf("STATUS %q, want %q", got, status)
	}
	if got := prop(ics.ComponentPropertyLocation); !strings.Contains(got, "Voerder Straße 12") {
		t.Errorf("LOCATION %q", got)
	}
	if got := prop(ics.ComponentPropertyOrganizer); got != "mailto:wohnbruecke@hagen.example" {
		t.Errorf("ORGANIZER %q", got)
	}
}

// The calendar file names the viewing in Hagen's local time with a VTIMEZONE for
// Europe/Berlin, in summer (CEST) and in winter (CET), so no client has to guess the zone.
func TestCalendarUsesBerlinLocalTimeWithTimezone(t *testing.T) {
	c := newComposer(t)
	for _, tc := range []struct {
		name      string
		start     time.Time
		wantStart string
		wantEnd   string
	}{
		{"summer", time.Date(2026, 4, 14, 8, 0, 0, 0, time.UTC), "DTSTART;TZID=Europe/Berlin:20260414T100000\r\n", "DTEND;TZID=Europe/Berlin:20260414T103000\r\n"},
		{"winter", time.Date(2026, 12, 3, 13, 0, 0, 0, time.UTC), "DTSTART;TZID=Europe/Berlin:20261203T140000\r\n", "DTEND;TZID=Europe/Berlin:20261203T143000\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := viewingData("ar")
			d.Viewing.StartsAt, d.Viewing.EndsAt = tc.start, tc.start.Add(30*time.Minute)
			msgs, err := c.ViewingInvitation(d)
			if err != nil {
				t.Fatal(err)
			}
			raw := msgs[0].ICS
			for _, want := range []string{tc.wantStart, tc.wantEnd,
				"BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n", "BEGIN:DAYLIGHT\r\n", "TZOFFSETTO:+0200\r\n", "TZNAME:CEST\r\n",
				"BEGIN:STANDARD\r\n", "TZOFFSETTO:+0100\r\n", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n", "END:VTIMEZONE\r\n"} {
				if !strings.Contains(raw, want) {
					t.Errorf("calendar lacks %q:\n%s", want, raw)
				}
			}
			if strings.Index(raw, "BEGIN:VTIMEZONE") > strings.Index(raw, "BEGIN:VEVENT") {
				t.Error("VTIMEZONE comes after the event that uses it")
			}
			if strings.Contains(raw, "DTSTART:2026") || strings.Contains(raw, "Z\r\nDTEND") {
				t.Error("DTSTART is still in UTC")
			}
			checkCalendar(t, raw, ics.MethodRequest, d.Viewing, "CONFIRMED")
		})
	}
}
