package workflow_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
	"wohnbruecke/mail"
)

// The household asks for another date and picks a free slot on its own page: the viewing
// moves there (the old place is freed, the calendar sequence raised), the choice counts as
// its Zusage, and the household, its companion and caseworker, the landlord and the staff
// member are told.
func TestApplicantRebooksIntoAFreeSlotAndEveryoneIsTold(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, twoSlots)
		h := testutil.Household(t, st, func(h *domain.Household) {
			h.CompanionName, h.CompanionEmail = "Klara Begleitung", "begleitung@klartext.test"
			h.CaseworkerID = &users.Caseworker.ID
		})
		wf, _ := mailingService(t, st)
		a, err := wf.Approve(ctx, domain.Actor{User: users.Staff}, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID})
		if err != nil {
			t.Fatal(err)
		}
		token := a.ApplicantToken
		applicant := domain.Applicant(token)
		if _, err := wf.Answer(ctx, applicant, token, workflow.AnswerReschedule); err != nil {
			t.Fatal(err)
		}
		// Another household's token cannot rebook this viewing.
		if _, err := wf.Rebook(ctx, domain.Applicant("someone-else"), token, v.Slots[1].ID); !errors.Is(err, domain.ErrForbidden) {
			t.Fatalf("rebook with another token: %v", err)
		}
		inv, err := wf.Rebook(ctx, applicant, token, v.Slots[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		if !inv.Viewing.StartsAt.Equal(v.Slots[1].StartsAt) || inv.Viewing.Sequence != 1 || inv.Viewing.State != domain.ViewingConfirmed ||
			inv.Match.State != domain.MatchViewingConfirmed || inv.Token.Answer == nil || *inv.Token.Answer != workflow.AnswerConfirm {
			t.Fatalf("after rebooking: viewing %+v, match %s, answer %v", inv.Viewing, inv.Match.State, inv.Token.Answer)
		}
		if !inv.Token.ExpiresAt.After(v.Slots[1].EndsAt) {
			t.Errorf("link expires %v, before the new viewing ends %v", inv.Token.ExpiresAt, v.Slots[1].EndsAt)
		}
		vac, _ := st.VacancyByID(ctx, v.ID)
		if vac.Slots[0].Booked != 0 || vac.Slots[1].Booked != 1 {
			t.Fatalf("slots booked %d/%d, want 0/1", vac.Slots[0].Booked, vac.Slots[1].Booked)
		}
		// A second rebooking after the Zusage is refused.
		var ce *domain.ConflictError
		if _, err := wf.Rebook(ctx, applicant, token, v.Slots[0].ID); !errors.As(err, &ce) {
			t.Fatalf("second rebooking: %v", err)
		}

		page, err := st.ListOutbox(ctx, store.OutboxFilter{MatchID: a.Match.ID, PerPage: 100})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]domain.OutboxMessage{}
		for _, m := range page.Messages {
			if strings.Contains(m.DedupeKey, "seq-1") {
				got[m.Kind+" "+m.ToAddress] = m
			}
		}
		landlordAddr := ""
		for _, m := range page.Messages {
			if m.Kind == mail.KindLandlordProposal {
				landlordAddr = m.ToAddress
			}
		}
		applicantMail, ok := got[mail.KindViewingChanged+" "+*h.Email]
		if !ok {
			t.Fatalf("no change message to the household; have %v", keysOf(got))
		}
		if applicantMail.Language != "ro" || !strings.Contains(applicantMail.BodyText, "Der Termin für Ihre Wohnungsbesichtigung hat sich geändert.") ||
			!strings.Contains(applicantMail.ICS, "SEQUENCE:1") || !strings.Contains(applicantMail.ICS, "METHOD:REQUEST") {
			t.Errorf("household change message: language %s, ics:\n%s\ntext:\n%s", applicantMail.Language, applicantMail.ICS, applicantMail.BodyText)
		}
		for _, want := range []string{
			mail.KindViewingChangedCopy + " begleitung@klartext.test",
			mail.KindViewingChangedCopy + " " + users.Caseworker.Email,
			mail.KindApplicantAnswered + " " + users.Staff.Email,
			mail.KindLandlordAnswer + " " + landlordAddr,
		} {
			if _, ok := got[want]; !ok {
				t.Errorf("no %q message; have %v", want, keysOf(got))
			}
		}
		if m := got[mail.KindApplicantAnswered+" "+users.Staff.Email]; !strings.Contains(m.Subject, "Neuer Termin gewählt") || !strings.Contains(m.BodyText, "ist wieder frei") {
			t.Errorf("staff notice: %q\n%s", m.Subject, m.BodyText)
		}
		if m := got[mail.KindLandlordAnswer+" "+landlordAddr]; !strings.Contains(m.BodyText, "selbst gewählt") {
			t.Errorf("landlord notice:\n%s", m.BodyText)
		}
	})
}

func keysOf(m map[string]domain.OutboxMessage) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Several households ask for the one last place of a slot at the same moment: exactly one
// gets it; the others get ErrSlotTaken and their viewings stay where they were.
func TestConcurrentRebookingOfTheLastPlace(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		const n = 5
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) {
			twoSlots(v)
			v.Slots[0].Capacity, v.Slots[1].Capacity = n, 1
		})
		wf, _ := mailingService(t, st)
		tokens := make([]string, n)
		for i := range tokens {
			h := testutil.Household(t, st, nil)
			a, err := wf.Approve(ctx, domain.Actor{User: users.Staff}, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID})
			if err != nil {
				t.Fatal(err)
			}
			tokens[i] = a.ApplicantToken
		}
		errs := make([]error, n)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i, tok := range tokens {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, errs[i] = wf.Rebook(ctx, domain.Applicant(tok), tok, v.Slots[1].ID)
			}()
		}
		close(start)
		wg.Wait()
		wins := 0
		for i, err := range errs {
			switch {
			case err == nil:
				wins++
			case errors.Is(err, store.ErrSlotTaken):
				tok, _ := st.ApplicantTokenByHash(ctx, auth.HashToken(tokens[i]))
				vw, _ := st.ViewingByID(ctx, tok.ViewingID)
				if *vw.SlotID != v.Slots[0].ID || vw.Sequence != 0 || vw.State != domain.ViewingScheduled || tok.Answer != nil {
					t.Errorf("loser %d was changed: viewing %+v, answer %v", i, vw, tok.Answer)
				}
			default:
				t.Errorf("household %d: unexpected error %v", i, err)
			}
		}
		if wins != 1 {
			t.Fatalf("%d households won the last place, want exactly 1", wins)
		}
		vac, _ := st.VacancyByID(ctx, v.ID)
		if vac.Slots[0].Booked != n-1 || vac.Slots[1].Booked != 1 {
			t.Fatalf("slots booked %d/%d, want %d/1", vac.Slots[0].Booked, vac.Slots[1].Booked, n-1)
		}
	})
}

// Staff move a viewing after the household asked for another date: the answer belonged to
// the old time and is cleared, and the link works until the day after the new viewing.
func TestStaffRescheduleReopensTheAnswer(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) {
			twoSlots(v)
			v.Slots[1].StartsAt, v.Slots[1].EndsAt = v.Slots[1].StartsAt.AddDate(0, 0, 7), v.Slots[1].EndsAt.AddDate(0, 0, 7)
		})
		h := testutil.Household(t, st, nil)
		svc := newService(st)
		a := mustApprove(t, svc, users, v, h)
		if _, err := svc.Answer(ctx, domain.Applicant(a.ApplicantToken), a.ApplicantToken, workflow.AnswerReschedule); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Reschedule(ctx, domain.Actor{User: users.Staff}, a.Match.ID, v.Slots[1].ID); err != nil {
			t.Fatal(err)
		}
		tok, _ := st.ApplicantTokenByHash(ctx, auth.HashToken(a.ApplicantToken))
		if tok.Answer != nil || tok.AnsweredAt != nil || !tok.ExpiresAt.After(v.Slots[1].EndsAt) {
			t.Fatalf("token after reschedule: answer %v at %v, expires %v (new viewing ends %v)", tok.Answer, tok.AnsweredAt, tok.ExpiresAt, v.Slots[1].EndsAt)
		}
	})
}
