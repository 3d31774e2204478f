package households_test

import (
	"context"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/households"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/validate"
)

// Health notes open only for staff and the assigned caseworker (domain.Actor
// CanReadHealthNotes), each read leaves an audit entry, and an update by someone who may
// not read them keeps them.
func TestHealthNotesOpenForStaffAndTheAssignedCaseworkerOnlyAndEachReadIsAudited(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		callers := testutil.Callers(t, st, users)
		svc := households.New(st, validate.New())
		h := testutil.Household(t, st, func(h *domain.Household) {
			h.CaseworkerID = &users.Caseworker.ID
			h.HealthNotes = "Psychiatrische Behandlung"
		})
		want := map[string]bool{"staff": true, "caseworker": true}
		reads := 0
		for name, a := range callers {
			got, err := st.HouseholdByID(ctx, h.ID)
			if err != nil {
				t.Fatal(err)
			}
			read, err := svc.ReadHealthNotes(ctx, a, got, "Test")
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if read != want[name] || (got.HealthNotes == "Psychiatrische Behandlung") != want[name] {
				t.Errorf("%s: read %v, notes %q; want read %v", name, read, got.HealthNotes, want[name])
			}
			if read {
				reads++
			}
		}
		entries, err := st.AuditEntries(ctx, "household", h.ID, 100, 0)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range entries {
			if e.Action == "household.health_notes_read" && e.Detail == "Test" {
				n++
			}
		}
		if n != reads || n != 2 {
			t.Fatalf("%d read entries for %d reads, want 2", n, reads)
		}

		// The admin edits the household without seeing the notes: they stay.
		in := households.InputOf(h)
		in.Fachstelle = &households.FachstelleInput{Category: domain.EmergencySheltered, Urgency: 2, FocusGroup: domain.FocusMentalHealth}
		in.Consents = []domain.ConsentKind{domain.ConsentDataProcessing, domain.ConsentShareWithLandlord, domain.ConsentHealthData}
		in.ContactName = "Neu Name"
		if _, err := svc.Update(ctx, callers["admin"], h.ID, in, nil); err != nil {
			t.Fatal(err)
		}
		got, _ := svc.ForChange(ctx, callers["staff"], h.ID)
		if got.HealthNotes != "Psychiatrische Behandlung" || got.ContactName != "Neu Name" {
			t.Fatalf("after the admin's update: notes %q, name %q", got.HealthNotes, got.ContactName)
		}
		// Staff change them; the new text is sealed.
		in = households.InputOf(got)
		in.Fachstelle.HealthNotes = "Rollator"
		if _, err := svc.Update(ctx, callers["staff"], h.ID, in, nil); err != nil {
			t.Fatal(err)
		}
		got, _ = svc.ForChange(ctx, callers["caseworker"], h.ID)
		if got.HealthNotes != "Rollator" {
			t.Fatalf("after the staff update: %q", got.HealthNotes)
		}
	})
}
