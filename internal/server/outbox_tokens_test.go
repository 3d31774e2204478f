package server_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// Once a message is sent, the outbox keeps it without its personal link token: the
// applicant's mail has the working link, the stored copy (text and HTML) a masked one. A
// message that failed keeps its token until it is sent, so "Erneut senden" still works.
func TestSentMessagesKeepNoLinkTokens(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		mailbox := testutil.StartMailbox(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		h := testutil.Household(t, st, nil)
		mailbox.SMTP.RejectRecipient(*h.Email)
		staff := testutil.NewClient(t, app)
		staff.Login(users.Staff.Email, testutil.Password)
		staff.Submit(fmt.Sprintf("/arbeitsbereich/angebote/%d/rangliste", v.ID), fmt.Sprintf("/arbeitsbereich/angebote/%d/freigabe", v.ID),
			url.Values{"household_id": {fmt.Sprint(h.ID)}, "slot_id": {fmt.Sprint(v.Slots[0].ID)}})
		mailbox.Deliver(t)

		invitation := func() *domain.OutboxMessage {
			t.Helper()
			page, err := st.ListOutbox(ctx, store.OutboxFilter{PerPage: 200})
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range page.Messages {
				if m.ToAddress == *h.Email {
					got, err := st.OutboxMessageByID(ctx, m.ID)
					if err != nil {
						t.Fatal(err)
					}
					return got
				}
			}
			t.Fatal("no invitation to the applicant in the outbox")
			return nil
		}
		failed := invitation()
		token := confirmLink.FindStringSubmatch(failed.BodyText)
		if failed.State != domain.MessageFailed || token == nil || !strings.Contains(failed.BodyHTML, token[1]) {
			t.Fatalf("failed invitation: state %s, token kept %v", failed.State, token != nil)
		}

		mailbox.SMTP.AcceptRecipient(*h.Email)
		if err := st.RetryMessage(ctx, failed.ID, domain.Actor{User: users.Staff}.Audit("outbox.retry", "outbox", failed.ID, "")); err != nil {
			t.Fatal(err)
		}
		var received string
		for _, m := range mailbox.Deliver(t) {
			if m.To == *h.Email {
				received = m.Text
			}
		}
		if !strings.Contains(received, token[1]) {
			t.Fatal("the applicant's mail lacks the working link")
		}
		sent := invitation()
		if sent.State != domain.MessageSent {
			t.Fatalf("state %s after the retry", sent.State)
		}
		for part, body := range map[string]string{"text": sent.BodyText, "html": sent.BodyHTML} {
			if strings.Contains(body, token[1]) {
				t.Errorf("the sent %s body keeps the token", part)
			}
			if !strings.Contains(body, "/besichtigung/…") {
				t.Errorf("the sent %s body lacks the masked link", part)
			}
		}
		if page := staff.Get(fmt.Sprintf("/arbeitsbereich/postausgang/%d", sent.ID)); strings.Contains(page.Body, token[1]) {
			t.Error("the Postausgang shows the token")
		}
	})
}
