package server_test

import (
	"net/http"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// areas maps each area of the portal to the roles allowed in it.
var areas = map[string][]domain.Role{
	"/vermieter":      {domain.RoleLandlord},
	"/arbeitsbereich": {domain.RoleStaff, domain.RoleAdmin},
	"/begleitung":     {domain.RoleCaseworker},
	"/verwaltung":     {domain.RoleAdmin},
}

func TestEachRoleAgainstEachArea(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		accounts := map[domain.Role]*domain.User{
			domain.RoleAdmin: users.Admin, domain.RoleStaff: users.Staff,
			domain.RoleCaseworker: users.Caseworker, domain.RoleLandlord: users.Landlord,
		}
		for role, u := range accounts {
			c := testutil.NewClient(t, app)
			if s := c.Login(u.Email, testutil.Password).Status; s != http.StatusSeeOther {
				t.Fatalf("%s login: %d", role, s)
			}
			for area, allowed := range areas {
				want := http.StatusForbidden
				for _, r := range allowed {
					if r == role {
						want = http.StatusOK
					}
				}
				t.Run(string(role)+area, func(t *testing.T) {
					resp := c.Get(area)
					if resp.Status != want {
						t.Fatalf("status %d, want %d", resp.Status, want)
					}
					if want == http.StatusForbidden && !strings.Contains(resp.Body, "Kein Zugriff") {
						t.Error("403 page lacks the German heading")
					}
				})
			}
		}
		anon := testutil.NewClient(t, app)
		for area := range areas {
			resp := anon.Get(area)
			if resp.Status != http.StatusSeeOther || resp.Header.Get("Location") != "/login?next="+strings.ReplaceAll(area, "/", "%2F") {
				t.Errorf("anonymous %s: status %d location %q, want redirect to login", area, resp.Status, resp.Header.Get("Location"))
			}
		}
	})
}

func TestLoginReturnsToTheRequestedPage(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	users := testutil.SeedUsers(t, st)
	c := testutil.NewClient(t, testutil.App(t, st))
	page := c.Get("/login?next=%2Fverwaltung")
	if !strings.Contains(page.Body, `name="next" value="/verwaltung"`) {
		t.Fatal("next not carried into the form")
	}
	form := map[string][]string{"email": {users.Admin.Email}, "password": {testutil.Password},
		"next": {"/verwaltung"}, "_csrf": {testutil.CSRFFrom(t, page.Body)}}
	if loc := c.PostForm("/login", form).Header.Get("Location"); loc != "/verwaltung" {
		t.Fatalf("location %q, want /verwaltung", loc)
	}
	// An outside target is ignored.
	c2 := testutil.NewClient(t, testutil.App(t, st))
	page = c2.Get("/login")
	form = map[string][]string{"email": {users.Admin.Email}, "password": {testutil.Password},
		"next": {"//evil.example/"}, "_csrf": {testutil.CSRFFrom(t, page.Body)}}
	if loc := c2.PostForm("/login", form).Header.Get("Location"); loc != "/verwaltung" {
		t.Fatalf("location %q, want the start page instead of an outside target", loc)
	}
}
