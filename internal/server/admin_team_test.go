package server_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/landlords"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/validate"
)

// TestAdminDeactivatesAndReactivatesTeamAccounts: an admin deactivates a staff account
// (its open session ends at once, its password no longer signs in), reactivates it and
// changes its role; refusals (one's own account) come back on the account page.
func TestAdminDeactivatesAndReactivatesTeamAccounts(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		admin := testutil.NewClient(t, app)
		admin.Login(users.Admin.Email, testutil.Password)
		staff := testutil.NewClient(t, app)
		staff.Login(users.Staff.Email, testutil.Password)
		if r := staff.Get("/arbeitsbereich"); r.Status != http.StatusOK {
			t.Fatalf("staff start page: %d", r.Status)
		}
		account := fmt.Sprintf("/verwaltung/benutzer/%d", users.Staff.ID)
		if list := admin.Get("/verwaltung").Body; !strings.Contains(list, `href="`+account+`"`) {
			t.Fatal("the admin's account list does not link the team account")
		}

		if r := admin.Submit(account, account+"/deaktivieren", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("deactivate: %d", r.Status)
		}
		if r := staff.Get("/arbeitsbereich"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
			t.Errorf("the deactivated account's session still opens pages: %d %s", r.Status, r.Header.Get("Location"))
		}
		again := testutil.NewClient(t, app)
		if r := again.Login(users.Staff.Email, testutil.Password); r.Status == http.StatusSeeOther && !strings.HasPrefix(r.Header.Get("Location"), "/login") {
			t.Errorf("the deactivated account signs in (to %s)", r.Header.Get("Location"))
		}
		if body := admin.Get(account).Body; !strings.Contains(body, "deaktiviert") || !strings.Contains(body, "Zugang wieder aktivieren") {
			t.Error("the account page does not show the deactivated account with the way back")
		}

		if r := admin.Submit(account, account+"/reaktivieren", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("reactivate: %d", r.Status)
		}
		if r := again.Login(users.Staff.Email, testutil.Password); r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/arbeitsbereich" {
			t.Errorf("the reactivated account does not sign in: %d %s", r.Status, r.Header.Get("Location"))
		}

		if r := admin.Submit(account, account+"/rolle", url.Values{"role": {"caseworker"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("change role: %d", r.Status)
		}
		if u, err := st.UserByID(ctx, users.Staff.ID); err != nil || u.Role != domain.RoleCaseworker {
			t.Fatalf("role after the change: %v %v", u.Role, err)
		}
		if r := again.Get("/arbeitsbereich"); r.Status != http.StatusSeeOther {
			t.Errorf("the session of the changed account goes on: %d", r.Status)
		}
		if r := admin.Submit(account, account+"/rolle", url.Values{"role": {"landlord"}}); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `href="#role"`) {
			t.Errorf("landlord role for a team account: %d, want 422 with a field message", r.Status)
		}

		secondAdmin(t, st) // so that the rule about one's own account is what refuses
		own := fmt.Sprintf("/verwaltung/benutzer/%d", users.Admin.ID)
		for action, msg := range map[string]string{"deaktivieren": "Sie können Ihren eigenen Zugang nicht deaktivieren", "rolle": "Sie können Ihre eigene Rolle nicht ändern"} {
			r := admin.Submit(own, own+"/"+action, url.Values{"role": {"staff"}})
			if r.Status != http.StatusConflict || !strings.Contains(r.Body, msg) || !strings.Contains(r.Body, "Zugang von "+users.Admin.Name) {
				t.Errorf("%s of one's own account: %d, want 409 on the account page with %q", action, r.Status, msg)
			}
		}
		if u, err := st.UserByID(ctx, users.Admin.ID); err != nil || !u.Active || u.Role != domain.RoleAdmin {
			t.Fatalf("the admin changed themselves: %+v %v", u, err)
		}
		landlordAccount := fmt.Sprintf("/verwaltung/benutzer/%d", users.Landlord.ID)
		if r := admin.Get(landlordAccount); r.Status != http.StatusNotFound {
			t.Errorf("a landlord's account as a team account: %d, want 404", r.Status)
		}
		entries, err := st.AuditEntries(ctx, "user", users.Staff.ID, 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range entries {
			actions = append(actions, e.Action)
		}
		if got := strings.Join(actions, " "); !strings.Contains(got, "user.deactivate") || !strings.Contains(got, "user.reactivate") || !strings.Contains(got, "user.role") {
			t.Errorf("audit of the account: %s", got)
		}
	})
}

// secondAdmin creates another active admin who can sign in.
func secondAdmin(t *testing.T, st *store.Store) *domain.User {
	t.Helper()
	hash, err := auth.HashPassword(testutil.Password)
	if err != nil {
		t.Fatal(err)
	}
	u := &domain.User{Email: "zweite@stadt.test", Name: "Zora Zweite", Role: domain.RoleAdmin, PasswordHash: hash, Active: true}
	if err := st.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

// TestTwoAdminsCannotRemoveEachOther: two admins deactivating each other at the same time
// leave one active admin; the last active admin is never taken away.
func TestTwoAdminsCannotRemoveEachOther(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		second := secondAdmin(t, st)
		svc := landlords.New(st, validate.New(), testutil.Composer(t), "http://wohnbruecke.test")
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, pair := range [][2]*domain.User{{users.Admin, second}, {second, users.Admin}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = svc.DeactivateTeamMember(ctx, domain.Actor{User: pair[0]}, pair[1].ID)
			}()
		}
		wg.Wait()
		n, err := st.LockActiveAdmins(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var ce *domain.ConflictError
		refused := 0
		for _, e := range errs {
			if e != nil && !errors.As(e, &ce) {
				t.Fatalf("unexpected error: %v", e)
			}
			if e != nil {
				refused++
			}
		}
		if n != 1 || refused != 1 {
			t.Fatalf("after two admins deactivated each other: %d active admins, %d refused (%v)", n, refused, errs)
		}
	})
}
