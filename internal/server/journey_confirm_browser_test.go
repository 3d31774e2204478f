package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/mail"
)

// TestBrowserConfirmWithReason clicks the two destructive steps staff take most in
// Chromium: "Zurückziehen" of a proposal with a scheduled viewing and "Sperren" of a
// landlord. Each button opens a confirmation page that says what happens and who is told;
// without a reason it answers with a German message at the field; with one it acts, and
// the reason reaches the audit log and the affected people's mail. Every page passes
// axe-core and reflows at 320 px.
func TestBrowserConfirmWithReason(t *testing.T) {
	testutil.RequireBrowser(t)
	dialects := testutil.Dialects(t)
	st := testutil.Open(t, dialects[len(dialects)-1])
	ctx := context.Background()
	users := testutil.SeedUsers(t, st)
	_, a := invited(t, st, users, func(h *domain.Household) {
		h.ContactName, h.CompanionName, h.CompanionEmail = "Mirela Dumitru", "Elena Ionescu", "elena@klartext.test"
		h.AccompanimentFrom = st.Today().AddDays(-30)
	})
	h, err := st.HouseholdByID(ctx, a.Match.HouseholdID)
	if err != nil {
		t.Fatal(err)
	}
	b := testutil.Browse(t, st)
	check := pageCheck(t, b)
	reflow := func() {
		b.SetViewport(320, 800, 1)
		b.CheckNoHorizontalScroll()
		b.SetViewport(1280, 900, 1)
	}
	b.Login(users.Staff.Email, testutil.Password)

	check("pipeline", b.Visit("/arbeitsbereich/vorschlaege"), http.StatusOK, "Vorschläge")
	check("confirm-withdraw", b.Click("Zurückziehen ("+h.Reference+")"), http.StatusOK, "Vorschlag zurückziehen")
	reflow()
	page := b.Text("main")
	for _, want := range []string{h.Reference, "Die Besichtigung am", "Haushalt " + h.Reference + " (Mirela Dumitru)", "auf Rumänisch (Română) und Deutsch",
		"Begleitung Elena Ionescu", "Vermieter*in Testvermietung GmbH"} {
		if !strings.Contains(page, want) {
			t.Errorf("confirmation page lacks %q:\n%s", want, page)
		}
	}
	if m, _ := st.MatchByID(ctx, a.Match.ID); m.State != domain.MatchViewingScheduled {
		t.Fatalf("opening the confirmation moved the match to %s", m.State)
	}
	check("confirm-withdraw-error", b.Click("Vorschlag zurückziehen"), http.StatusUnprocessableEntity, "Vorschlag zurückziehen")
	if s := b.Text(".error-summary"); !strings.Contains(s, "Bitte wählen Sie einen Grund.") {
		t.Errorf("error summary: %q", s)
	}
	reflow()
	b.Check("Wohnung nicht mehr verfügbar")
	b.Fill("reason_note", "Wasserschaden im Bad")
	check("withdrawn", b.Click("Vorschlag zurückziehen"), http.StatusOK, "Vorschläge")
	if msg := b.Text("main"); !strings.Contains(msg, "Der Vorschlag wurde zurückgezogen.") {
		t.Errorf("no confirmation after withdrawing: %q", msg)
	}
	if m, _ := st.MatchByID(ctx, a.Match.ID); m.State != domain.MatchWithdrawn {
		t.Fatalf("match %s after the confirmation", m.State)
	}
	wantMail(t, st, a.Match.ID, mail.KindViewingCancelled, *h.Email, "Wasserschaden im Bad")
	wantMail(t, st, a.Match.ID, mail.KindViewingCancelledCopy, "elena@klartext.test", "Wasserschaden im Bad")
	wantAudit(t, st, "match", a.Match.ID, "match.withdraw", "Wohnung nicht mehr verfügbar: Wasserschaden im Bad")

	l := users.LandlordOrg
	check("landlords", b.Visit("/arbeitsbereich/vermieter"), http.StatusOK, "Vermieter*innen")
	check("confirm-block", b.Click("Sperren ("+l.Name+")"), http.StatusOK, "Zugang sperren")
	reflow()
	if page := b.Text("main"); !strings.Contains(page, "Sie sperren den Zugang von "+l.Name) || !strings.Contains(page, users.Landlord.Email) {
		t.Errorf("block confirmation does not name the landlord and its accounts:\n%s", page)
	}
	b.Check("Anderer Grund")
	check("confirm-block-error", b.Click("Zugang sperren"), http.StatusUnprocessableEntity, "Zugang sperren")
	if s := b.Text(".error-summary"); !strings.Contains(s, "Bitte beschreiben Sie den Grund in einem Satz.") {
		t.Errorf("error summary: %q", s)
	}
	reflow()
	b.Fill("reason_note", "Mehrfach Haushalte ohne Besichtigung abgelehnt")
	check("blocked", b.Click("Zugang sperren"), http.StatusOK, "Vermieter*innen")
	got, err := st.LandlordByID(ctx, l.ID)
	if err != nil || got.Status != domain.LandlordBlocked {
		t.Fatalf("landlord %v after the confirmation (%v)", got, err)
	}
	wantAudit(t, st, "landlord", l.ID, "landlord.block", "Anderer Grund: Mehrfach Haushalte ohne Besichtigung abgelehnt")
	page, err = outboxText(st, mail.KindLandlordBlocked, users.Landlord.Email)
	if err != nil || !strings.Contains(page, "Mehrfach Haushalte ohne Besichtigung abgelehnt") {
		t.Errorf("landlord not told the reason (%v):\n%s", err, page)
	}
}

func outboxText(st *store.Store, kind, to string) (string, error) {
	page, err := st.ListOutbox(context.Background(), store.OutboxFilter{PerPage: 200})
	if err != nil {
		return "", err
	}
	for _, m := range page.Messages {
		if m.Kind == kind && m.ToAddress == to {
			return m.BodyText, nil
		}
	}
	return "", nil
}

func wantMail(t *testing.T, st *store.Store, matchID int64, kind, to, text string) {
	t.Helper()
	page, err := st.ListOutbox(context.Background(), store.OutboxFilter{MatchID: matchID, PerPage: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range page.Messages {
		if m.Kind == kind && m.ToAddress == to && strings.Contains(m.BodyText, text) {
			return
		}
	}
	t.Errorf("no %s to %s containing %q", kind, to, text)
}

func wantAudit(t *testing.T, st *store.Store, entity string, id int64, action, detail string) {
	t.Helper()
	entries, err := st.AuditEntries(context.Background(), entity, id, 20, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Action == action && e.Detail == detail {
			return
		}
	}
	t.Errorf("audit log of %s %d lacks %s with %q", entity, id, action, detail)
}
