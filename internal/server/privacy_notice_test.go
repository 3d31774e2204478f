package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/links"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
	"wohnbruecke/mail"
)

// Every applicant page (the answer page of the link, the printed invitation) and every
// mail to an applicant link the privacy notice for applicants, which answers in four
// languages.
func TestApplicantPagesAndMailsLinkThePrivacyNotice(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	ctx := context.Background()
	users := testutil.SeedUsers(t, st)
	composer, err := mail.NewComposer(mail.ComposerConfig{MailFrom: "Wohnbrücke <wb@hagen.example>", FachstellePhone: "02331 207-0", Now: st.Now})
	if err != nil {
		t.Fatal(err)
	}
	wf := workflow.New(st, ranking.New(st), workflow.WithMail(composer, "https://wb.hagen.example"))
	v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
	h := testutil.Household(t, st, func(h *domain.Household) { h.Language = domain.LanguageRO })
	a, err := wf.Approve(ctx, workflow.Actor{User: users.Staff}, workflow.ApproveRequest{VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	db, _ := st.SQLDB()
	rows, err := db.Query("SELECT kind, body_text, body_html FROM outbox")
	if err != nil {
		t.Fatal(err)
	}
	applicantMails := 0
	for rows.Next() {
		var kind, text, html string
		_ = rows.Scan(&kind, &text, &html)
		if kind != mail.KindViewingInvitation {
			continue
		}
		applicantMails++
		want := "https://wb.hagen.example" + links.PrivacyNoticePath + "#ro"
		if !strings.Contains(text, want) || !strings.Contains(html, want) {
			t.Errorf("the invitation does not link %s", want)
		}
	}
	_ = rows.Close()
	if applicantMails != 1 {
		t.Fatalf("%d invitations to the applicant", applicantMails)
	}

	app := testutil.App(t, st)
	pages := map[string]*testutil.Client{"/besichtigung/" + a.ApplicantToken: testutil.NewClient(t, app)}
	staff := testutil.NewClient(t, app)
	staff.Login(users.Staff.Email, testutil.Password)
	pages[fmt.Sprintf("/arbeitsbereich/vorschlaege/%d/einladung", a.Match.ID)] = staff
	for path, c := range pages {
		r := c.Get(path)
		if r.Status != http.StatusOK || !strings.Contains(r.Body, `href="`+links.PrivacyNoticePath+`#ro"`) {
			t.Errorf("%s (status %d) does not link the privacy notice in Romanian", path, r.Status)
		}
	}
	r := testutil.NewClient(t, app).Get(links.PrivacyNoticePath)
	for _, lang := range []string{"de", "ro", "bg", "en"} {
		if r.Status != http.StatusOK || !strings.Contains(r.Body, `<section id="`+lang+`" lang="`+lang+`">`) {
			t.Errorf("the privacy notice has no part in %s (status %d)", lang, r.Status)
		}
	}
	if !strings.Contains(r.Body, "6 Monate") {
		t.Error("the notice does not state the retention period in force")
	}
}
