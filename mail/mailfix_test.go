package mail_test

import (
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/mail"
)

// A caseworker who is also the household's companion gets one copy, not two.
func TestViewingCopyGoesOncePerPerson(t *testing.T) {
	c := newComposer(t)
	d := viewingData("ro")
	d.Caseworker = &mail.Contact{Name: "Elena Ionescu", Email: " Elena.Ionescu@klartext.example", Phone: "0176 222"}
	for name, compose := range map[string]func(mail.ViewingMessage) ([]domain.OutboxMessage, error){
		"invitation": c.ViewingInvitation, "change": c.ViewingChanged, "cancellation": c.ViewingCancelled,
	} {
		msgs, err := compose(d)
		if err != nil {
			t.Fatal(err)
		}
		to := map[string]int{}
		for _, m := range msgs {
			to[strings.ToLower(strings.TrimSpace(m.ToAddress))]++
		}
		if to["elena.ionescu@klartext.example"] != 1 || len(msgs) != 2 {
			t.Errorf("%s: recipients %v, want the applicant and one copy", name, to)
		}
	}
	notice, err := c.ApplicantAnswered(mail.AnswerNotice{HouseholdRef: "H-1", Answer: mail.AnswerReschedule, AnsweredAt: d.Viewing.StartsAt,
		Viewing: d.Viewing, Companion: d.Companion, Caseworker: d.Caseworker,
		Staff: []mail.Contact{{Name: "Elena", Email: "elena.ionescu@klartext.example"}, {Name: "Team", Email: "team@hagen.example"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(notice) != 2 {
		t.Errorf("answer notice went %d times, want companion and one staff member", len(notice))
	}
}

// The invitation names the flat in the vacancy's German formats and until when the links
// answer, in the applicant's language and in German.
func TestInvitationNamesTheFlatAndTheAnswerDeadline(t *testing.T) {
	c := newComposer(t)
	d := viewingData("en")
	d.Flat = mail.FlatFrom(&domain.Vacancy{RoomsHalf: 5, AreaCentiM2: 5450, NetColdRentCents: 32000, ServiceChargesCents: 9500, HeatingCostsCents: 6500, Floor: 2})
	d.AnswerBy = d.Viewing.EndsAt.Add(24 * time.Hour) // Wednesday 15 April 2026, 10:30 in Hagen
	msgs, err := c.ViewingInvitation(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{msgs[0].BodyText, msgs[0].BodyHTML} {
		for _, want := range []string{"2,5 rooms, 54,50 m², floor 2", "2,5 Zimmer, 54,50 m², 2. Etage", "480,00 €",
			"Please answer by Wednesday, 15 April 2026, 10:30.", "Bitte antworten Sie bis Mittwoch, 15. April 2026, 10:30 Uhr."} {
			if !strings.Contains(part, want) {
				t.Errorf("invitation lacks %q:\n%s", want, part)
			}
		}
	}
	if copyText := msgs[1].BodyText; !strings.Contains(copyText, "2,5 Zimmer") || strings.Contains(copyText, "Bitte antworten Sie bis") {
		t.Errorf("copy should name the flat but not the applicant's deadline:\n%s", copyText)
	}
}

// In Arabic the phone numbers are isolated, so the digits keep their order inside the
// right-to-left sentence: Unicode isolates in the text, <bdi dir="ltr"> in HTML.
func TestPhoneNumbersAreIsolatedInArabic(t *testing.T) {
	c := newComposer(t)
	d := viewingData("ar")
	msgs, err := c.ViewingInvitation(d)
	if err != nil {
		t.Fatal(err)
	}
	text, html := msgs[0].BodyText, msgs[0].BodyHTML
	arabic, german, _ := strings.Cut(text, "Hallo ")
	if !strings.Contains(arabic, "\u20660176 222\u2069") {
		t.Errorf("companion phone not isolated in the Arabic text:\n%s", arabic)
	}
	if strings.Contains(german, "\u2066") {
		t.Error("the German text carries isolates it does not need")
	}
	arabicHTML, germanHTML, _ := strings.Cut(html, `lang="de"`)
	if n := strings.Count(arabicHTML, `<bdi dir="ltr">0176 222</bdi>`); n != 2 {
		t.Errorf("phone isolated %d times in the Arabic HTML, want companion and questions", n)
	}
	if strings.Contains(germanHTML, "<bdi") {
		t.Error("the German HTML isolates numbers it does not need to")
	}
	if strings.Contains(html, "&lt;bdi") {
		t.Error("bdi escaped")
	}
}

// A cancellation names the reason: the catalogue entry in the applicant's language and in
// German, followed by staff's words.
func TestCancellationNamesTheReason(t *testing.T) {
	c := newComposer(t)
	d := viewingData("tr")
	d.Reason = domain.Reason{Code: "flat_unavailable", Note: "Wasserschaden"}
	msgs, err := c.ViewingCancelled(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Sebep: Daire artık boş değil. – Wasserschaden", "Grund: Die Wohnung ist nicht mehr frei. – Wasserschaden"} {
		if !strings.Contains(msgs[0].BodyText, want) {
			t.Errorf("cancellation lacks %q:\n%s", want, msgs[0].BodyText)
		}
	}
	if !strings.Contains(msgs[1].BodyText, "Grund: Die Wohnung ist nicht mehr frei. – Wasserschaden") {
		t.Errorf("companion copy lacks the reason:\n%s", msgs[1].BodyText)
	}
}

// Every withdrawal reason has its sentence in every applicant language.
func TestWithdrawReasonsAreTranslated(t *testing.T) {
	for _, lang := range domain.Languages.Values() {
		keys, err := mail.LocaleKeys(lang)
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]bool{}
		for _, k := range keys {
			have[k] = true
		}
		for _, code := range domain.WithdrawReasons.Values() {
			if !have["reason_"+string(code)] {
				t.Errorf("%s lacks reason_%s", lang, code)
			}
		}
	}
}
