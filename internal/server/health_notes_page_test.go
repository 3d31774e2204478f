package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/testutil"
)

// The household page shows health notes only when asked for, only to staff and the
// assigned caseworker, and the read is in the audit log; the admin sees that notes exist.
func TestHouseholdPageShowsHealthNotesOnRequestAndAuditsTheRead(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	users := testutil.SeedUsers(t, st)
	h := testutil.Household(t, st, func(h *domain.Household) {
		h.CaseworkerID = &users.Caseworker.ID
		h.HealthNotes = "Psychose, Betreuung durch SpDi"
	})
	app := testutil.App(t, st)
	path := fmt.Sprintf("/haushalte/%d", h.ID)
	reads := func() int {
		entries, err := st.AuditEntries(context.Background(), "household", h.ID, 100, 0)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range entries {
			if e.Action == "household.health_notes_read" {
				n++
			}
		}
		return n
	}
	for _, u := range []*domain.User{users.Staff, users.Caseworker, users.Admin} {
		c := testutil.NewClient(t, app)
		c.Login(u.Email, testutil.Password)
		before := reads()
		page := c.Get(path).Body
		if strings.Contains(page, "Psychose") || reads() != before {
			t.Fatalf("%s: notes shown or read without asking", u.Role)
		}
		revealed := c.Get(path + "?gesundheit=anzeigen").Body
		may := u.Role != domain.RoleAdmin
		if strings.Contains(revealed, "Psychose") != may || (reads() == before+1) != may {
			t.Errorf("%s: shown %v, reads %d→%d; want shown %v", u.Role, strings.Contains(revealed, "Psychose"), before, reads(), may)
		}
		if !may && !strings.Contains(revealed, "gespeichert; lesbar nur") {
			t.Errorf("the admin is not told that notes exist")
		}
	}
}
