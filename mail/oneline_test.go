package mail_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"

	"wohnbruecke/internal/domain"
	"wohnbruecke/mail"
)

// A line break typed into a street or a name reaches neither the mail headers (where it
// would start a forged header) nor the calendar file (where a bare CR breaks its lines).
func TestLineBreaksStayOutOfHeadersAndCalendars(t *testing.T) {
	c := newComposer(t)
	d := viewingData("de")
	d.Viewing.Address = "Voerder Straße 12\rX-Evil: 1\r\n58135\u2028Hagen"
	d.Applicant.Name = "Maria\r\nBcc: evil@example.org\nPopescu"
	d.Companion.Name = "Elena\r\nIonescu"
	for name, compose := range map[string]func(mail.ViewingMessage) ([]domain.OutboxMessage, error){
		"invitation": c.ViewingInvitation, "cancellation": c.ViewingCancelled,
	} {
		t.Run(name, func(t *testing.T) {
			msgs, err := compose(d)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range msgs {
				raw := m.ICS
				if raw == "" {
					continue
				}
				if strings.Count(raw, "\r") != strings.Count(raw, "\r\n") || strings.Count(raw, "\n") != strings.Count(raw, "\r\n") {
					t.Errorf("%s: calendar has a bare CR or LF:\n%q", m.ToAddress, raw)
				}
				cal, err := ics.ParseCalendar(strings.NewReader(raw))
				if err != nil {
					t.Fatalf("parse calendar: %v", err)
				}
				loc := cal.Events()[0].GetProperty(ics.ComponentPropertyLocation).Value
				if loc != `Voerder Straße 12 X-Evil: 1 58135 Hagen` {
					t.Errorf("LOCATION %q", loc)
				}
				for _, line := range strings.Split(raw, "\r\n") {
					if strings.HasPrefix(line, "X-Evil") || strings.HasPrefix(line, "58135") {
						t.Errorf("calendar line %q comes from the address", line)
					}
				}
			}
			dir := t.TempDir()
			sender, err := mail.NewFileSender(dir, "Wohnbrücke Hagen <wohnbruecke@hagen.example>", nil)
			if err != nil {
				t.Fatal(err)
			}
			for i := range msgs {
				msgs[i].ID = int64(i + 1)
			}
			for i, err := range sender.Send(context.Background(), msgs, nil) {
				if err != nil {
					t.Fatalf("message %d: %v", i, err)
				}
			}
			files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
			if len(files) != len(msgs) {
				t.Fatalf("%d files for %d messages", len(files), len(msgs))
			}
			for _, f := range files {
				raw, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				head, _, _ := strings.Cut(string(raw), "\r\n\r\n")
				for _, line := range strings.Split(head, "\r\n") {
					if strings.HasPrefix(line, "Bcc:") || strings.HasPrefix(line, "X-Evil:") || strings.HasPrefix(line, "Popescu") {
						t.Errorf("%s: forged header line %q", filepath.Base(f), line)
					}
				}
			}
		})
	}
}
