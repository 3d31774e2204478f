package mail_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/mail"
)

func TestAccountMessages(t *testing.T) {
	c := newComposer(t)
	at := time.Date(2026, 4, 14, 8, 0, 0, 0, time.UTC)
	petra := mail.Contact{Name: "Petra Schulz", Email: "p.schulz@wohnbau.example"}
	staff := []mail.Contact{{Name: "Sabine Team", Email: "Sabine@hagen.example"}, {Name: "Ohne Mail"}}
	contact := &mail.Contact{Name: "Sabine Team", Email: "sabine@hagen.example", Phone: "02331 207-1234"}
	tests := []struct {
		name     string
		compose  func() ([]domain.OutboxMessage, error)
		wantTo   []string
		wantKind string
		subject  string
		want     []string
		secret   bool
	}{
		{"invitation by staff", func() ([]domain.OutboxMessage, error) {
			return c.LandlordInvitationMessage(mail.AccountInvitation{To: petra, UserID: 5, Organisation: "Hagener Wohnbau GmbH",
				InvitedBy: "Sabine Team", SetPasswordURL: "https://wb.example/einladung/tok-1", ValidUntil: at})
		}, []string{"p.schulz@wohnbau.example"}, mail.KindLandlordInvitation, "Ihr Zugang zur Wohnbrücke Hagen für Hagener Wohnbau GmbH",
			[]string{"Guten Tag Petra Schulz", "https://wb.example/einladung/tok-1", "lädt Sie", "Dienstag, 14.04.2026, 10:00 Uhr", "02331 207-0"}, true},
		{"invitation by colleague", func() ([]domain.OutboxMessage, error) {
			return c.LandlordInvitationMessage(mail.AccountInvitation{To: petra, UserID: 5, Organisation: "Hagener Wohnbau GmbH",
				InvitedBy: "Jan Becker", ByColleague: true, SetPasswordURL: "https://wb.example/einladung/tok-2", ValidUntil: at,
				HelpPhone: "02331 207-1234"})
		}, []string{"p.schulz@wohnbau.example"}, mail.KindLandlordInvitation, "Ihr Zugang zur Wohnbrücke Hagen für Hagener Wohnbau GmbH",
			[]string{"Jan Becker hat Ihnen einen Zugang zur Wohnbrücke angelegt", "https://wb.example/einladung/tok-2", "02331 207-1234"}, true},
		{"team invitation", func() ([]domain.OutboxMessage, error) {
			return c.TeamInvitationMessage(mail.AccountInvitation{To: petra, UserID: 6, Organisation: "Wohnbegleitung / Sozialarbeit",
				InvitedBy: "Thomas Berger", SetPasswordURL: "https://wb.example/einladung/tok-9", ValidUntil: at})
		}, []string{"p.schulz@wohnbau.example"}, mail.KindTeamInvitation, "Ihr Zugang zur Wohnbrücke Hagen",
			[]string{"Thomas Berger hat Ihnen einen Zugang", "„Wohnbegleitung / Sozialarbeit“", "https://wb.example/einladung/tok-9", "nur einmal"}, true},
		{"password reset", func() ([]domain.OutboxMessage, error) {
			return c.PasswordResetMessage(mail.PasswordReset{To: petra, UserID: 5, ResetURL: "https://wb.example/passwort-neu/tok-3", ValidUntil: at})
		}, []string{"p.schulz@wohnbau.example"}, mail.KindPasswordReset, "Neues Passwort für die Wohnbrücke Hagen",
			[]string{"https://wb.example/passwort-neu/tok-3", "nur einmal", "kein neues Passwort angefordert"}, true},
		{"registration with a taken address", func() ([]domain.OutboxMessage, error) {
			return c.AccountExistsMessage(mail.AccountExists{To: petra, UserID: 5, LoginURL: "https://wb.example/login",
				ResetRequestURL: "https://wb.example/passwort-vergessen", On: at})
		}, []string{"p.schulz@wohnbau.example"}, mail.KindAccountExists, "Registrierung mit Ihrer E-Mail-Adresse bei der Wohnbrücke Hagen",
			[]string{"Guten Tag Petra Schulz", "schon einen Zugang", "https://wb.example/login", "https://wb.example/passwort-vergessen"}, false},
		{"registration", func() ([]domain.OutboxMessage, error) {
			return c.StaffLandlordRegistered(mail.LandlordRegistered{Staff: staff, LandlordID: 8, Organisation: "Familie Yılmaz",
				Kind: "private", ContactName: "Ayşe Yılmaz", Email: "ayse@example.org", Phone: "0171 555", RegisteredAt: at,
				ReviewURL: "https://wb.example/arbeitsbereich/vermieter"})
		}, []string{"Sabine@hagen.example"}, mail.KindStaffLandlordRegistered, "Neue Registrierung: Familie Yılmaz wartet auf Freischaltung",
			[]string{"Privatvermieter*in", "Ayşe Yılmaz", "ayse@example.org", "0171 555", "https://wb.example/arbeitsbereich/vermieter"}, false},
		{"activation", func() ([]domain.OutboxMessage, error) {
			return c.LandlordActivatedMessage(mail.LandlordActivated{Recipients: []mail.Contact{petra, {Name: "ohne"}},
				LandlordID: 8, Organisation: "Familie Yılmaz", ActivatedAt: at, LoginURL: "https://wb.example/login", Contact: contact})
		}, []string{"p.schulz@wohnbau.example"}, mail.KindLandlordActivated, "Ihr Zugang zur Wohnbrücke Hagen ist freigeschaltet",
			[]string{"freigeschaltet", "https://wb.example/login", "Kooperationsvereinbarung", "Sabine Team", "02331 207-1234"}, false},
		{"sent back", func() ([]domain.OutboxMessage, error) {
			return c.LandlordVacancySentBackMessage(mail.VacancySentBack{Recipients: []mail.Contact{petra, {Name: "Jan", Email: "jan@wohnbau.example"}},
				VacancyID: 9, Address: "Lange Straße 7, 58089 Hagen", Comment: "Bitte die Heizkosten angeben.\nUnd <b>das</b> Baujahr.",
				SentBackAt: at, EditURL: "https://wb.example/vermieter/angebote/9", Contact: contact})
		}, []string{"p.schulz@wohnbau.example", "jan@wohnbau.example"}, mail.KindLandlordVacancySentBack,
			"Bitte ergänzen: Ihr Wohnungsangebot Lange Straße 7, 58089 Hagen",
			[]string{"Bitte die Heizkosten angeben.", "Baujahr", "https://wb.example/vermieter/angebote/9", "wieder ein Entwurf"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			msgs, err := tc.compose()
			if err != nil {
				t.Fatal(err)
			}
			var to, keys []string
			for _, m := range msgs {
				to = append(to, m.ToAddress)
				keys = append(keys, m.DedupeKey)
				if m.Kind != tc.wantKind || m.Language != "de" || m.Subject != tc.subject {
					t.Errorf("kind %s language %s subject %q", m.Kind, m.Language, m.Subject)
				}
				if bad := badOutput(m.BodyText + m.BodyHTML); bad != "" {
					t.Errorf("body contains %q", bad)
				}
				for _, w := range tc.want {
					if !strings.Contains(m.BodyText, w) || !strings.Contains(m.BodyHTML, w) {
						t.Errorf("text or HTML lacks %q:\n%s", w, m.BodyText)
					}
				}
				if strings.Contains(m.BodyHTML, "<b>das</b>") {
					t.Error("the comment's HTML is not escaped")
				}
				if strings.Contains(m.DedupeKey, "tok-") {
					t.Errorf("dedupe key %q carries the token", m.DedupeKey)
				}
				if mail.CarriesSecretLink(m.Kind) != tc.secret {
					t.Errorf("CarriesSecretLink(%s) = %v", m.Kind, !tc.secret)
				}
				if mail.KindLabel(m.Kind) == m.Kind {
					t.Errorf("kind %s has no German label", m.Kind)
				}
			}
			if !slices.Equal(to, tc.wantTo) {
				t.Errorf("recipients %v, want %v", to, tc.wantTo)
			}
			again, err := tc.compose()
			if err != nil {
				t.Fatal(err)
			}
			for i := range again {
				if again[i].DedupeKey != keys[i] {
					t.Errorf("the same event has a new key: %q, %q", again[i].DedupeKey, keys[i])
				}
			}
			if len(slices.Compact(slices.Sorted(slices.Values(keys)))) != len(keys) {
				t.Errorf("keys not one per recipient: %v", keys)
			}
		})
	}
}

func TestAccountMessagesNeedRecipientAndLink(t *testing.T) {
	c := newComposer(t)
	if _, err := c.LandlordInvitationMessage(mail.AccountInvitation{To: mail.Contact{Name: "x"}, SetPasswordURL: "https://x"}); err == nil {
		t.Error("invitation without email address")
	}
	if _, err := c.PasswordResetMessage(mail.PasswordReset{To: mail.Contact{Email: "a@b.example"}}); err == nil {
		t.Error("reset without link")
	}
	if _, err := c.LandlordVacancySentBackMessage(mail.VacancySentBack{EditURL: "https://x"}); err == nil {
		t.Error("sent back without comment")
	}
	a, _ := c.PasswordResetMessage(mail.PasswordReset{To: mail.Contact{Email: "a@b.example"}, UserID: 1, ResetURL: "https://x/1"})
	b, _ := c.PasswordResetMessage(mail.PasswordReset{To: mail.Contact{Email: "a@b.example"}, UserID: 1, ResetURL: "https://x/2"})
	if len(a) != 1 || len(b) != 1 || a[0].DedupeKey == b[0].DedupeKey {
		t.Error("a second reset link has the key of the first")
	}
}
