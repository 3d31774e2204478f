package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/landlords"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/validate"
)

func TestStaffInviteAndLandlordSetsPassword(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		staff := testutil.NewClient(t, app)
		staff.Login(users.Staff.Email, testutil.Password)
		form := url.Values{"name": {"Hagener Wohnbau GmbH"}, "kind": {"company"}, "user_name": {"Petra Schulz"},
			"user_email": {"P.Schulz@wohnbau.test"}, "contact_user_id": {strconv.FormatInt(users.Staff.ID, 10)}, "guarantee": {"1"}}
		missing := staff.Submit("/arbeitsbereich/vermieter/einladen", "/arbeitsbereich/vermieter/einladen", url.Values{"kind": {"company"}})
		if missing.Status != http.StatusUnprocessableEntity || !strings.Contains(missing.Body, `href="#user_email"`) || !strings.Contains(missing.Body, `href="#name"`) {
			t.Fatalf("empty invitation: status %d", missing.Status)
		}
		if r := staff.Submit("/arbeitsbereich/vermieter/einladen", "/arbeitsbereich/vermieter/einladen", form); r.Status != http.StatusSeeOther {
			t.Fatalf("invite: status %d", r.Status)
		}
		if r := staff.Submit("/arbeitsbereich/vermieter/einladen", "/arbeitsbereich/vermieter/einladen", form); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "bereits vergeben") {
			t.Errorf("second invitation with the same email: status %d", r.Status)
		}
		list := staff.Get("/arbeitsbereich/vermieter").Body
		if !strings.Contains(list, "Hagener Wohnbau GmbH") || !strings.Contains(list, "Einladung offen") {
			t.Error("the list lacks the invited landlord")
		}
		u, err := st.UserByEmail(ctx, "p.schulz@wohnbau.test")
		if err != nil || u.Active || u.PasswordHash != "" {
			t.Fatalf("invited user %+v, %v: want inactive without password", u, err)
		}
		// The raw token exists only in the email; a test-made token stands in for it.
		raw := "einladung-fuer-petra-schulz-0123456789abcdef"
		if err := st.CreateUserToken(ctx, &domain.UserToken{UserID: u.ID, Purpose: "invite", TokenHash: auth.HashToken(raw), ExpiresAt: st.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		c := testutil.NewClient(t, app)
		if r := c.Get("/einladung/falsch"); r.Status != http.StatusNotFound {
			t.Errorf("unknown invitation: status %d", r.Status)
		}
		page := "/einladung/" + raw
		if r := c.Get(page); r.Status != http.StatusOK || !strings.Contains(r.Body, "Petra Schulz") {
			t.Fatalf("invitation page: status %d", r.Status)
		}
		// The one password rule: length, the list of common passwords, not the own name.
		for password, want := range map[string]string{"kurz": "mindestens 12 Zeichen", "passwort1234": "zu bekannt",
			"Petra-Schulz-2026": "Namen"} {
			weak := c.Submit(page, page, url.Values{"password": {password}, "password_confirm": {password}})
			if weak.Status != http.StatusUnprocessableEntity || !strings.Contains(weak.Body, want) {
				t.Fatalf("password %q: status %d, want 422 with %q", password, weak.Status, want)
			}
		}
		ok := c.Submit(page, page, url.Values{"password": {"Sommer in Hagen 2026"}, "password_confirm": {"Sommer in Hagen 2026"}})
		if ok.Status != http.StatusSeeOther || ok.Header.Get("Location") != "/vermieter" {
			t.Fatalf("set password: status %d location %q", ok.Status, ok.Header.Get("Location"))
		}
		home := c.Get("/vermieter")
		if home.Status != http.StatusOK || !strings.Contains(home.Body, "Willkommen, Hagener Wohnbau GmbH") || !strings.Contains(home.Body, users.Staff.Name) {
			t.Fatalf("landlord home after invitation: status %d", home.Status)
		}
		agreement := c.Get("/vermieter/vereinbarung").Body
		if !strings.Contains(agreement, "Mietausfall- und Schadensregelung:</strong> gilt") {
			t.Error("the agreement does not show the guarantee staff granted")
		}
		if r := testutil.NewClient(t, app).Get(page); r.Status != http.StatusNotFound {
			t.Errorf("used invitation link: status %d, want 404", r.Status)
		}
		l, err := st.LandlordByID(ctx, *u.LandlordID)
		if err != nil || l.Status != "active" {
			t.Errorf("landlord after accepted invitation: %+v %v", l, err)
		}

		colleague := c.Submit("/vermieter/kolleginnen", "/vermieter/kolleginnen", url.Values{"user_name": {"Jan Becker"}, "user_email": {"j.becker@wohnbau.test"}})
		if colleague.Status != http.StatusSeeOther {
			t.Fatalf("invite colleague: status %d", colleague.Status)
		}
		cu, err := st.UserByEmail(ctx, "j.becker@wohnbau.test")
		if err != nil || cu.LandlordID == nil || *cu.LandlordID != l.ID || cu.Role != domain.RoleLandlord {
			t.Fatalf("colleague %+v %v", cu, err)
		}
		if !strings.Contains(c.Get("/vermieter/kolleginnen").Body, "Jan Becker") {
			t.Error("colleague not listed")
		}
	})
}

func TestPasswordResetEndsSessionsAndRevealsNoAccounts(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		c := testutil.NewClient(t, app)
		known := c.Submit("/passwort-vergessen", "/passwort-vergessen", url.Values{"email": {users.Landlord.Email}})
		unknown := c.Submit("/passwort-vergessen", "/passwort-vergessen", url.Values{"email": {"niemand@test.de"}})
		if known.Status != http.StatusOK || unknown.Status != known.Status || !strings.Contains(known.Body, "Wenn es zu dieser E-Mail-Adresse einen Zugang gibt") {
			t.Fatalf("reset request: status %d / %d", known.Status, unknown.Status)
		}
		if known.Body != unknown.Body {
			t.Error("the answer differs between a known and an unknown email")
		}
		var n int64
		db, _ := st.SQLDB()
		if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM user_tokens WHERE purpose = 'reset'").Scan(&n); err != nil || n != 1 {
			t.Fatalf("reset tokens: %d %v, want exactly one (for the known account)", n, err)
		}

		signedIn := testutil.NewClient(t, app)
		signedIn.Login(users.Landlord.Email, testutil.Password)
		raw := "reset-link-for-the-landlord-0123456789abcdef"
		if err := st.CreateUserToken(ctx, &domain.UserToken{UserID: users.Landlord.ID, Purpose: "reset", TokenHash: auth.HashToken(raw), ExpiresAt: st.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		page := "/passwort-neu/" + raw
		if r := c.Get("/einladung/" + raw); r.Status != http.StatusNotFound {
			t.Errorf("a reset token opened the invitation page: %d", r.Status)
		}
		r := c.Submit(page, page, url.Values{"password": {"ein ganz neues Passwort"}, "password_confirm": {"ein ganz neues Passwort"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("reset: status %d", r.Status)
		}
		if r := signedIn.Get("/vermieter"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
			t.Errorf("old session after reset: status %d, want a redirect to the login", r.Status)
		}
		if r := testutil.NewClient(t, app).Login(users.Landlord.Email, testutil.Password); r.Status != http.StatusUnauthorized {
			t.Errorf("old password still works: %d", r.Status)
		}
		if r := testutil.NewClient(t, app).Login(users.Landlord.Email, "ein ganz neues Passwort"); r.Status != http.StatusSeeOther {
			t.Errorf("new password: %d", r.Status)
		}
	})
}

func TestRegistrationWaitsForActivationAndBlockingShutsOut(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		c := testutil.NewClient(t, app)
		bad := c.Submit("/registrieren", "/registrieren", url.Values{"name": {"Familie Yilmaz"}, "kind": {"private"},
			"user_name": {"Ayşe Yılmaz"}, "user_email": {"ayse@example.test"}, "password": {"lang genug 123"}, "password_confirm": {"anders 12345"}})
		if bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, `href="#password_confirm"`) ||
			!strings.Contains(bad.Body, `href="#privacy"`) || strings.Contains(bad.Body, "lang genug 123") {
			t.Fatalf("invalid registration: status %d (passwords must not be echoed)", bad.Status)
		}
		ok := c.Submit("/registrieren", "/registrieren", url.Values{"name": {"Familie Yilmaz"}, "kind": {"private"},
			"user_name": {"Ayşe Yılmaz"}, "user_email": {"ayse@example.test"}, "password": {"lang genug 123"},
			"password_confirm": {"lang genug 123"}, "privacy": {"1"}})
		if ok.Status != http.StatusSeeOther {
			t.Fatalf("registration: status %d", ok.Status)
		}
		if r := testutil.NewClient(t, app).Login("ayse@example.test", "lang genug 123"); r.Status != http.StatusUnauthorized {
			t.Fatalf("login before activation: status %d, want 401", r.Status)
		}
		staff := testutil.NewClient(t, app)
		staff.Login(users.Staff.Email, testutil.Password)
		list := staff.Get("/arbeitsbereich/vermieter").Body
		if !strings.Contains(list, "wartet auf Freischaltung") {
			t.Fatal("the staff list does not mark the registration as waiting")
		}
		u, err := st.UserByEmail(ctx, "ayse@example.test")
		if err != nil {
			t.Fatal(err)
		}
		lid := strconv.FormatInt(*u.LandlordID, 10)
		act := staff.Submit("/arbeitsbereich/vermieter", "/arbeitsbereich/vermieter/"+lid+"/freischalten", url.Values{"contact_user_id": {strconv.FormatInt(users.Staff.ID, 10)}})
		if act.Status != http.StatusSeeOther {
			t.Fatalf("activate: status %d", act.Status)
		}
		landlord := testutil.NewClient(t, app)
		if r := landlord.Login("ayse@example.test", "lang genug 123"); r.Status != http.StatusSeeOther {
			t.Fatalf("login after activation: status %d", r.Status)
		}
		if body := landlord.Get("/vermieter").Body; !strings.Contains(body, users.Staff.Name) {
			t.Error("the Ansprechperson chosen on activation is not shown")
		}
		if r := staff.Submit("/arbeitsbereich/vermieter", "/arbeitsbereich/vermieter/"+lid+"/sperren", url.Values{"reason": {"partnership_ended"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("block: status %d", r.Status)
		}
		if r := landlord.Get("/vermieter"); r.Status != http.StatusSeeOther {
			t.Errorf("blocked landlord's session: status %d, want a redirect to the login", r.Status)
		}
		// A landlord cannot reach the staff pages.
		if r := landlord.Get("/arbeitsbereich/vermieter"); r.Status == http.StatusOK {
			t.Error("staff list reachable without staff role")
		}
		if _, err := landlords.New(st, validate.New(), testComposer(t), "http://localhost").Invite(ctx, domain.Actor{User: users.Landlord}, landlords.InviteInput{}); err == nil {
			t.Error("a landlord could invite landlords")
		}
	})
}
