package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/testutil"
)

// TestHouseholdPageOffersWhatTheTableAllows: the household page shows a status button
// exactly for the changes the household table allows, and a change it does not allow,
// posted anyway, answers 409 with the German message and leaves the household as it was.
func TestHouseholdPageOffersWhatTheTableAllows(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	users := testutil.SeedUsers(t, st)
	c := testutil.NewClient(t, testutil.App(t, st))
	c.Login(users.Staff.Email, testutil.Password)
	actions := map[string]domain.HouseholdStatus{"pause": domain.HouseholdPaused, "resume": domain.HouseholdActive,
		"housed": domain.HouseholdHoused, "close": domain.HouseholdClosed}
	until := st.Today().AddDays(14)
	for _, from := range domain.HouseholdTransitions.States() {
		for action, to := range actions {
			h := testutil.Household(t, st, func(h *domain.Household) {
				h.Status = from
				if from == domain.HouseholdPaused {
					h.PausedReason, h.PausedUntil = "Klinik", until
				}
			})
			page := fmt.Sprintf("/haushalte/%d", h.ID)
			control := `name="action" value="` + action + `"`
			if action == "close" { // closing asks for a reason on its confirmation page
				control = fmt.Sprintf(`href="/haushalte/%d/abschliessen"`, h.ID)
			}
			shown := strings.Contains(c.Get(page).Body, control)
			if shown != from.CanMove(to) {
				t.Errorf("%s household: button %q shown %v, the table allows %s → %s: %v", from, action, shown, from, to, from.CanMove(to))
			}
			if from.CanMove(to) {
				continue
			}
			target := page + "/status"
			if action == "close" {
				target = page + "/abschliessen"
			}
			r := c.Submit(page, target, url.Values{"action": {action}, "paused_reason": {"Urlaub"},
				"paused_until": {until.AddDays(7).String()}, "reason": {"no_need"}})
			if r.Status != http.StatusConflict || !strings.Contains(r.Body, "inzwischen geändert") && !strings.Contains(r.Body, "Nur aktive Haushalte") && !strings.Contains(r.Body, "bereits abgeschlossen") {
				t.Errorf("%s household, %s posted anyway: status %d, want 409 with a German message", from, action, r.Status)
			}
			after, err := st.HouseholdByID(t.Context(), h.ID)
			if err != nil {
				t.Fatal(err)
			}
			if after.Status != from || after.PausedReason != h.PausedReason || after.PausedUntil != h.PausedUntil {
				t.Errorf("%s household, %s refused but changed to %s (%q until %s)", from, action, after.Status, after.PausedReason, after.PausedUntil)
			}
		}
	}
}
