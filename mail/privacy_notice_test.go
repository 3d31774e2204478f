package mail_test

import (
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/mail"
)

// Every applicant message links the privacy notice, in text and HTML, in every language.
func TestEveryApplicantMessageLinksThePrivacyNotice(t *testing.T) {
	c := newComposer(t)
	const notice = "https://wb.example/datenschutz/wohnungssuchende#ro"
	compose := map[string]func(mail.ViewingMessage) ([]domain.OutboxMessage, error){
		mail.KindViewingInvitation: c.ViewingInvitation, mail.KindViewingReminder: c.ViewingReminder,
		mail.KindViewingChanged: c.ViewingChanged, mail.KindViewingCancelled: c.ViewingCancelled,
	}
	for kind, fn := range compose {
		for _, lang := range domain.Languages.Values() {
			d := viewingData(lang)
			d.PrivacyNotice = notice
			msgs, err := fn(d)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, m := range msgs {
				if m.Kind != kind {
					continue
				}
				found = true
				if !strings.Contains(m.BodyText, notice) || !strings.Contains(m.BodyHTML, `href="`+notice+`"`) {
					t.Errorf("%s (%s) does not link the privacy notice", kind, lang)
				}
			}
			if !found {
				t.Errorf("no %s message for the applicant (%s)", kind, lang)
			}
		}
	}
}
