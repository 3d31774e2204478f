package workflow_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
	"wohnbruecke/mail"
)

// mailboxService is the workflow service writing mail for the mailbox's worker.
func mailboxService(st *store.Store, mb *testutil.Mailbox) *workflow.Service {
	return workflow.New(st, ranking.New(st), workflow.WithMail(mb.Composer, baseURL))
}

// mailedLandlord is an active landlord whose messages go to vermietung@test.de.
func mailedLandlord(t *testing.T, st *store.Store) *domain.Landlord {
	t.Helper()
	l := &domain.Landlord{Name: "Hagener Stadtwohnen", Kind: "company", Status: "active", Email: "vermietung@test.de"}
	if err := st.CreateLandlord(context.Background(), l); err != nil {
		t.Fatal(err)
	}
	return l
}

func byRecipient(msgs []testutil.Delivered) map[string][]testutil.Delivered {
	out := map[string][]testutil.Delivered{}
	for _, m := range msgs {
		out[m.To] = append(out[m.To], m)
	}
	return out
}

// Withdrawing with a reason tells everyone once: the household in its language with
// German alongside and the reason, the caseworker who is also the companion one copy,
// the landlord the catalogue reason without staff's words; the audit log keeps the reason.
func TestWithdrawalWithReasonReachesEveryoneOnce(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		l := mailedLandlord(t, st)
		v := testutil.Vacancy(t, st, l.ID, nil)
		h := testutil.Household(t, st, func(h *domain.Household) {
			h.Language = domain.LanguageAR
			h.CaseworkerID = &users.Caseworker.ID
			h.AccompanimentFrom, h.CompanionName, h.CompanionEmail, h.CompanionPhone = st.Today().AddDays(-10), users.Caseworker.Name, users.Caseworker.Email, "02331 1234"
		})
		mb := testutil.StartMailbox(t, st)
		wf := mailboxService(st, mb)
		a := mustApprove(t, wf, users, v, h)
		invited := byRecipient(mb.Deliver(t))
		if n := len(invited[users.Caseworker.Email]); n != 1 {
			t.Fatalf("caseworker who is the companion got %d invitation copies, want 1", n)
		}
		reason := domain.Reason{Code: "flat_unavailable", Note: "Wasserschaden im Bad"}
		if err := wf.Withdraw(ctx, domain.Actor{User: users.Staff}, a.Match.ID, reason); err != nil {
			t.Fatal(err)
		}
		got := byRecipient(mb.Deliver(t))
		applicant, helper, landlord := got[*h.Email], got[users.Caseworker.Email], got["vermietung@test.de"]
		if len(applicant) != 1 || len(helper) != 1 || len(landlord) != 1 {
			t.Fatalf("cancellation went to applicant %d, caseworker/companion %d, landlord %d times, want once each", len(applicant), len(helper), len(landlord))
		}
		for _, want := range []string{"السبب: الشقة لم تعد متاحة. – Wasserschaden im Bad", "Grund: Die Wohnung ist nicht mehr frei. – Wasserschaden im Bad"} {
			if !strings.Contains(applicant[0].Text, want) {
				t.Errorf("applicant cancellation lacks %q:\n%s", want, applicant[0].Text)
			}
		}
		if !strings.Contains(helper[0].Text, "Wasserschaden im Bad") {
			t.Error("companion copy lacks the reason")
		}
		lt := landlord[0].Text
		if !strings.Contains(landlord[0].Subject, "Vorschlag zurückgezogen") || !strings.Contains(lt, "Grund: Wohnung nicht mehr verfügbar") || !strings.Contains(lt, h.Reference) {
			t.Errorf("landlord withdrawal notice %q:\n%s", landlord[0].Subject, lt)
		}
		if strings.Contains(lt, "Wasserschaden") {
			t.Error("landlord reads staff's free text")
		}
		entries, err := st.AuditEntries(ctx, "match", a.Match.ID, 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range entries {
			found = found || e.Action == "match.withdraw" && e.Detail == "Wohnung nicht mehr verfügbar: Wasserschaden im Bad"
		}
		if !found {
			t.Errorf("audit log lacks the reason: %+v", entries)
		}
		if err := wf.Withdraw(ctx, domain.Actor{User: users.Staff}, a.Match.ID, domain.Reason{Code: "nonsense"}); err == nil {
			t.Error("a reason outside the catalogue was accepted")
		}
	})
}

var newLinkRE = regexp.MustCompile(`https://wohnbruecke\.test/besichtigung/([A-Za-z0-9_-]+)\?antwort=bestaetigen`)

// The "Neuer Termin" mail carries answer links that answer the new date, and the landlord
// learns of the new time.
func TestNewDateMailHasAnswerLinksAndTellsTheLandlord(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		l := mailedLandlord(t, st)
		v := testutil.Vacancy(t, st, l.ID, twoSlots)
		h := testutil.Household(t, st, nil)
		mb := testutil.StartMailbox(t, st)
		wf := mailboxService(st, mb)
		a := mustApprove(t, wf, users, v, h)
		mb.Deliver(t)
		if _, err := wf.Reschedule(ctx, domain.Actor{User: users.Staff}, a.Match.ID, v.Slots[1].ID); err != nil {
			t.Fatal(err)
		}
		got := byRecipient(mb.Deliver(t))
		applicant, landlord := got[*h.Email], got["vermietung@test.de"]
		if len(applicant) != 1 || len(landlord) != 1 {
			t.Fatalf("new date went to applicant %d, landlord %d times", len(applicant), len(landlord))
		}
		link := newLinkRE.FindStringSubmatch(applicant[0].Text)
		if link == nil {
			t.Fatalf("new-date mail has no answer link:\n%s", applicant[0].Text)
		}
		if link[1] == a.ApplicantToken {
			t.Error("new-date mail reuses the first link")
		}
		if !strings.Contains(applicant[0].Text, "Bitte antworten Sie bis") {
			t.Error("new-date mail does not say until when to answer")
		}
		if !strings.Contains(landlord[0].Subject, "Neuer Besichtigungstermin") || !strings.Contains(landlord[0].Text, mail.GermanDateTime(v.Slots[1].StartsAt)) {
			t.Errorf("landlord change notice %q:\n%s", landlord[0].Subject, landlord[0].Text)
		}
		inv, err := wf.Answer(ctx, domain.Applicant(link[1]), link[1], workflow.AnswerConfirm)
		if err != nil {
			t.Fatal(err)
		}
		if inv.Viewing.State != domain.ViewingConfirmed || !inv.Viewing.StartsAt.Equal(v.Slots[1].StartsAt) {
			t.Errorf("answer through the new link: viewing %s at %v", inv.Viewing.State, inv.Viewing.StartsAt)
		}
	})
}

// The invitation names the flat and until when to answer.
func TestInvitationMailNamesTheFlat(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) { v.Floor = 2 })
		h := testutil.Household(t, st, nil)
		mb := testutil.StartMailbox(t, st)
		a := mustApprove(t, mailboxService(st, mb), users, v, h)
		got := byRecipient(mb.Deliver(t))[*h.Email]
		if len(got) != 1 {
			t.Fatalf("%d invitations", len(got))
		}
		deadline := a.Viewing.EndsAt.Add(24 * time.Hour).In(domain.Berlin).Format("15:04")
		for _, want := range []string{"2 Zimmer, 54,00 m², 2. Etage", "480,00 €", "Bitte antworten Sie bis", deadline + " Uhr."} {
			if !strings.Contains(got[0].Text, want) {
				t.Errorf("invitation lacks %q:\n%s", want, got[0].Text)
			}
		}
	})
}

// Staff who approve several households for one flat within ProposalWindow send the
// landlord one message naming them all; a proposal after the window is a new message.
func TestLandlordGetsOneMessagePerVacancyWithinTheWindow(t *testing.T) {
	start := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	testutil.ForEachDialectAt(t, start, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		users := testutil.SeedUsers(t, st)
		l := mailedLandlord(t, st)
		v := testutil.Vacancy(t, st, l.ID, func(v *domain.Vacancy) { v.Slots[0].Capacity = 3 })
		hs := []*domain.Household{testutil.Household(t, st, nil), testutil.Household(t, st, nil), testutil.Household(t, st, nil)}
		mb := testutil.StartMailbox(t, st)
		wf := mailboxService(st, mb)
		landlordMail := func() []testutil.Delivered { return byRecipient(mb.Deliver(t))["vermietung@test.de"] }

		mustApprove(t, wf, users, v, hs[0])
		clk.Advance(4 * time.Minute)
		mustApprove(t, wf, users, v, hs[1])
		if got := landlordMail(); len(got) != 0 {
			t.Fatalf("landlord mailed %d times inside the window", len(got))
		}
		clk.Advance(workflow.ProposalWindow - 4*time.Minute)
		got := landlordMail()
		if len(got) != 1 {
			t.Fatalf("after the window the landlord got %d messages, want 1", len(got))
		}
		if !strings.Contains(got[0].Subject, "2 neue Vorschläge") || !strings.Contains(got[0].Text, hs[0].Reference) || !strings.Contains(got[0].Text, hs[1].Reference) {
			t.Errorf("joined message %q lacks a proposal:\n%s", got[0].Subject, got[0].Text)
		}
		mustApprove(t, wf, users, v, hs[2])
		clk.Advance(workflow.ProposalWindow)
		late := landlordMail()
		if len(late) != 1 || !strings.Contains(late[0].Subject, "Neuer Vorschlag") || !strings.Contains(late[0].Text, hs[2].Reference) || strings.Contains(late[0].Text, hs[0].Reference) {
			t.Fatalf("proposal after the window: %d messages", len(late))
		}
	})
}
