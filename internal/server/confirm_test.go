package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/mail"
)

// "Abschließen" on the household page leads to its confirmation: the page says what
// happens, a POST without a reason is refused with German messages per field and changes
// nothing, and a POST with a reason closes the household, withdraws its proposal and keeps
// the reason in the audit log.
func TestCloseHouseholdAsksForAReason(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	users := testutil.SeedUsers(t, st)
	_, a := invited(t, st, users, nil)
	c := testutil.NewClient(t, testutil.App(t, st))
	c.Login(users.Staff.Email, testutil.Password)
	path := fmt.Sprintf("/haushalte/%d/abschliessen", a.Match.HouseholdID)
	if body := c.Get(fmt.Sprintf("/haushalte/%d", a.Match.HouseholdID)).Body; !strings.Contains(body, `href="`+path+`"`) {
		t.Fatal("household page does not link to the confirmation")
	}
	page := c.Get(path)
	if page.Status != http.StatusOK || !strings.Contains(page.Body, "1 laufende Vorschläge werden zurückgezogen") {
		t.Fatalf("confirmation page %d:\n%s", page.Status, page.Body)
	}
	r := c.Submit(path, path, url.Values{"reason": {"other"}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Bitte beschreiben Sie den Grund in einem Satz.") {
		t.Fatalf("other without words: %d", r.Status)
	}
	r = c.Submit(path, path, url.Values{"reason": {"weil"}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Bitte wählen Sie einen Grund aus der Liste.") {
		t.Fatalf("unknown reason: %d", r.Status)
	}
	if h, _ := st.HouseholdByID(context.Background(), a.Match.HouseholdID); h.Status != domain.HouseholdActive {
		t.Fatalf("refused close left the household %s", h.Status)
	}
	if r = c.Submit(path, path, url.Values{"reason": {"moved_away"}, "reason_note": {"nach Dortmund"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("close: %d", r.Status)
	}
	if h, _ := st.HouseholdByID(context.Background(), a.Match.HouseholdID); h.Status != domain.HouseholdClosed {
		t.Errorf("household %s after closing", h.Status)
	}
	if m, _ := st.MatchByID(context.Background(), a.Match.ID); m.State != domain.MatchWithdrawn {
		t.Errorf("proposal %s after closing the household", m.State)
	}
	wantAudit(t, st, "household", a.Match.HouseholdID, "household.close", "Aus Hagen weggezogen: nach Dortmund")
}

// "Besichtigung absagen" on the Vorschläge board calls the viewing off with the reason;
// the landlord is told with the catalogue entry.
func TestCancelViewingAsksForAReason(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	users := testutil.SeedUsers(t, st)
	_, a := invited(t, st, users, nil)
	c := testutil.NewClient(t, testutil.App(t, st))
	c.Login(users.Staff.Email, testutil.Password)
	path := fmt.Sprintf("/arbeitsbereich/vorschlaege/%d/absagen", a.Match.ID)
	if body := c.Get("/arbeitsbereich/vorschlaege").Body; !strings.Contains(body, `href="`+path+`"`) {
		t.Fatal("the board does not link to the cancellation")
	}
	if r := c.Submit(path, path, nil); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Bitte wählen Sie einen Grund.") {
		t.Fatalf("without reason: %d", r.Status)
	}
	if r := c.Submit(path, path, url.Values{"reason": {"requirements"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("cancel: %d", r.Status)
	}
	vw, err := st.ViewingByID(context.Background(), a.Viewing.ID)
	if err != nil || vw.State != domain.ViewingCancelled {
		t.Fatalf("viewing %v (%v)", vw, err)
	}
	wantAudit(t, st, "match", a.Match.ID, "viewing.cancel", "Voraussetzungen nicht erfüllt")
	wantMail(t, st, a.Match.ID, mail.KindLandlordWithdrawn, users.Landlord.Email, "Grund: Voraussetzungen nicht erfüllt")
	if r := c.Get(path); r.Status != http.StatusConflict {
		t.Errorf("confirmation of a cancelled viewing: %d, want 409", r.Status)
	}
}

// On the Arabic applicant page the phone number is isolated, so its digits keep their
// order inside the right-to-left sentence.
func TestArabicApplicantPageIsolatesThePhone(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	users := testutil.SeedUsers(t, st)
	token, _ := invited(t, st, users, func(h *domain.Household) {
		h.Language, h.CompanionName, h.CompanionPhone = domain.LanguageAR, "Elena Ionescu", "0176 2222222"
		h.AccompanimentFrom = st.Today().AddDays(-30)
	})
	c := testutil.NewClient(t, testutil.App(t, st))
	page := "/besichtigung/" + token
	if r := c.Submit(page, page, url.Values{"antwort": {"bestaetigen"}}); r.Status >= 400 {
		t.Fatalf("confirm: %d", r.Status)
	}
	body := c.Get(page).Body
	// The companion's number, in the invitation and in "the answer cannot be changed
	// here, please call …", in the Arabic text.
	if n := strings.Count(body, `<bdi dir="ltr">0176 2222222</bdi>`); n != 2 {
		t.Errorf("phone isolated %d times on the answered Arabic page, want 2:\n%s", n, body)
	}
}
