package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

// Outcomes of the portal matrix. allowed: a GET answers 200, a POST passes the role and
// scope checks (any answer but 401, 403, 404 or the way to the login page); toLogin: a
// redirect to the login page; toStart: a redirect to the caller's start page.
const (
	pAllowed   = 0
	pForbidden = http.StatusForbidden
	pNotFound  = http.StatusNotFound
	pToLogin   = 1
	pToStart   = 2
)

// portalRoles are the callers of the matrix: nobody signed in, a landlord whose
// self-registration still waits for activation (its session opens nothing), an active
// landlord (the owner of the records in the paths), another active landlord, a
// caseworker (to whom none of the households in the paths belongs), staff and an admin.
var portalRoles = []string{"anonymous", "pending_landlord", "landlord", "other_landlord", "caseworker", "staff", "admin"}

// portalAccess lists the expected outcome per role; anonymous and pending landlords are
// sent to the login page unless listed, the other roles are forbidden unless listed.
type portalAccess map[string]int

func (a portalAccess) of(role string) int {
	if v, ok := a[role]; ok {
		return v
	}
	if role == "anonymous" || role == "pending_landlord" {
		return pToLogin
	}
	return pForbidden
}

// with returns a copy with the given roles set to an outcome.
func (a portalAccess) with(outcome int, roles ...string) portalAccess {
	out := portalAccess{}
	for k, v := range a {
		out[k] = v
	}
	for _, r := range roles {
		out[r] = outcome
	}
	return out
}

var (
	everyone        = portalAccess{"anonymous": pAllowed, "pending_landlord": pAllowed, "landlord": pAllowed, "other_landlord": pAllowed, "caseworker": pAllowed, "staff": pAllowed, "admin": pAllowed}
	signedOutPage   = everyone.with(pToStart, "landlord", "other_landlord", "caseworker", "staff", "admin")
	anyLandlord     = portalAccess{"landlord": pAllowed, "other_landlord": pAllowed}
	ownLandlord     = portalAccess{"landlord": pAllowed, "other_landlord": pNotFound}
	staffArea       = portalAccess{"staff": pAllowed, "admin": pAllowed}
	householdArea   = portalAccess{"staff": pAllowed, "admin": pAllowed, "caseworker": pAllowed}
	staffHousehold  = householdArea.with(pNotFound, "caseworker")
	caseworkerArea  = portalAccess{"caseworker": pAllowed}
	adminArea       = portalAccess{"admin": pAllowed}
	portalOnlyPaths = []string{"/api/", "/healthz", "/readyz"}
)

// portalFixture holds the records the matrix's paths name.
type portalFixture struct {
	vacancy, draft, toWithdraw, toLet *domain.Vacancy
	household                         *domain.Household
	approved                          *workflow.Approved
	toActivate, toBlock               *domain.Landlord
	outboxID, apiTokenID              int64
	inviteToken, resetToken           string
	pendingUser                       *domain.User
	teamMember                        *domain.User
}

func newPortalFixture(t *testing.T, st *store.Store, users testutil.Users) *portalFixture {
	t.Helper()
	ctx := context.Background()
	lid := users.LandlordOrg.ID
	agreementFor(t, st, lid, users.Staff, users.Landlord, true)
	fx := &portalFixture{
		vacancy: testutil.Vacancy(t, st, lid, func(v *domain.Vacancy) {
			for i := 1; i <= 2; i++ {
				s := v.Slots[0]
				s.StartsAt, s.EndsAt = s.StartsAt.AddDate(0, 0, i), s.EndsAt.AddDate(0, 0, i)
				v.Slots = append(v.Slots, s)
			}
		}),
		draft:      testutil.Vacancy(t, st, lid, func(v *domain.Vacancy) { v.Status = "draft" }),
		toWithdraw: testutil.Vacancy(t, st, lid, func(v *domain.Vacancy) { v.Status = "draft" }),
		toLet:      testutil.Vacancy(t, st, lid, nil),
		household:  testutil.Household(t, st, nil),
	}
	wf := workflow.New(st, ranking.New(st), workflow.WithMail(testutil.Composer(t), "http://wohnbruecke.test"))
	var err error
	fx.approved, err = wf.Approve(ctx, domain.Actor{User: users.Staff},
		workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: fx.vacancy.ID, HouseholdID: fx.household.ID, SlotID: fx.vacancy.Slots[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	fx.toActivate = &domain.Landlord{Name: "Wartende Vermietung", Kind: "private", Status: "invited", SelfRegistered: true}
	fx.toBlock = &domain.Landlord{Name: "Zu sperrende Vermietung", Kind: "private", Status: "active"}
	for _, l := range []*domain.Landlord{fx.toActivate, fx.toBlock} {
		if err := st.CreateLandlord(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	hash, err := auth.HashPassword(testutil.Password)
	if err != nil {
		t.Fatal(err)
	}
	fx.pendingUser = &domain.User{Email: "wartet@vermietung.test", Name: "Wanda Wartet", Role: domain.RoleLandlord,
		LandlordID: &fx.toActivate.ID, PasswordHash: hash}
	if err := st.CreateUser(ctx, fx.pendingUser); err != nil {
		t.Fatal(err)
	}
	fx.teamMember = &domain.User{Email: "team@stadt.test", Name: "Tim Team", Role: domain.RoleStaff, PasswordHash: hash, Active: true}
	if err := st.CreateUser(ctx, fx.teamMember); err != nil {
		t.Fatal(err)
	}
	for purpose, raw := range map[string]*string{"invite": &fx.inviteToken, "reset": &fx.resetToken} {
		if *raw, err = auth.NewToken(); err != nil {
			t.Fatal(err)
		}
		if err := st.CreateUserToken(ctx, &domain.UserToken{UserID: users.Staff.ID, Purpose: purpose,
			TokenHash: auth.HashToken(*raw), ExpiresAt: st.Now().Add(24 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	db, err := st.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, "SELECT MIN(id) FROM outbox").Scan(&fx.outboxID); err != nil {
		t.Fatal(err)
	}
	tok := &domain.APIToken{Name: "Testanbindung", Role: domain.RoleStaff, UserID: users.Staff.ID, TokenHash: auth.HashToken("wb_matrix")}
	if err := st.CreateAPIToken(ctx, tok); err != nil {
		t.Fatal(err)
	}
	fx.apiTokenID = tok.ID
	return fx
}

// TestPortalRoleMatrix calls every route of the portal as every role. The routes come
// from the router, so a new route without a row here fails the test.
func TestPortalRoleMatrix(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		fx := newPortalFixture(t, st, users)
		fu := newFollowUpFixture(t, st, users) // follow-ups
		_, other := landlordWithUser(t, st, "Andere Vermietung", "andere@vermietung.test")
		clients := map[string]*testutil.Client{
			"anonymous":        testutil.NewClient(t, app),
			"pending_landlord": testutil.SessionClient(t, st, app, fx.pendingUser),
		}
		for role, u := range map[string]*domain.User{"landlord": users.Landlord, "other_landlord": other,
			"caseworker": users.Caseworker, "staff": users.Staff, "admin": users.Admin} {
			c := testutil.NewClient(t, app)
			if s := c.Login(u.Email, testutil.Password).Status; s != http.StatusSeeOther {
				t.Fatalf("%s login: %d", role, s)
			}
			clients[role] = c
		}
		csrf := map[string]string{}
		for role, c := range clients {
			csrf[role] = testutil.CSRFFrom(t, c.Get("/passwort-vergessen").Body)
		}

		v, m := fx.vacancy.ID, fx.approved.Match.ID
		hh := fx.household.ID
		tn, rep := tenancyFixture(t, st, users, fx) // tenancy phase
		type row struct {
			route string // method and path pattern, as the router lists it
			path  string // "" means the pattern itself
			form  url.Values
			who   portalAccess
		}
		rows := []row{
			{"GET /", "", nil, portalAccess{"anonymous": pToLogin, "pending_landlord": pToLogin, "landlord": pToStart, "other_landlord": pToStart, "caseworker": pToStart, "staff": pToStart, "admin": pToStart}},
			{"GET /login", "", nil, signedOutPage},
			{"POST /login", "", nil, everyone},
			{"GET /barrierefreiheit", "", nil, everyone},
			{"GET /datenschutz", "", nil, everyone},
			{"GET /datenschutz/wohnungssuchende", "", nil, everyone}, // privacy, issue 15
			{"GET /impressum", "", nil, everyone},
			{"GET /registrieren", "", nil, everyone},
			{"POST /registrieren", "", nil, everyone},
			{"GET /einladung/:token", "/einladung/" + fx.inviteToken, nil, everyone},
			{"POST /einladung/:token", "/einladung/" + fx.inviteToken, url.Values{"password": {"kurz"}}, everyone},
			{"GET /passwort-vergessen", "", nil, everyone},
			{"POST /passwort-vergessen", "", url.Values{"email": {"niemand@test.de"}}, everyone},
			{"GET /passwort-neu/:token", "/passwort-neu/" + fx.resetToken, nil, everyone},
			{"POST /passwort-neu/:token", "/passwort-neu/" + fx.resetToken, url.Values{"password": {"kurz"}}, everyone},
			{"GET /besichtigung/:token", "/besichtigung/" + fx.approved.ApplicantToken, nil, everyone},
			{"POST /besichtigung/:token", "/besichtigung/" + fx.approved.ApplicantToken, url.Values{"antwort": {"anderer-termin"}}, everyone},
			{"GET /arbeitsbereich/vorschlaege/:id/einladung", fmt.Sprintf("/arbeitsbereich/vorschlaege/%d/einladung", m), nil, staffHousehold},
			{"POST /arbeitsbereich/vorschlaege/:id/einladung/uebergeben", fmt.Sprintf("/arbeitsbereich/vorschlaege/%d/einladung/uebergeben", m), nil, staffHousehold},

			{"GET /vermieter/", "", nil, anyLandlord},
			{"GET /vermieter/angebote", "", nil, anyLandlord},
			{"GET /vermieter/angebote/neu", "", nil, anyLandlord},
			{"POST /vermieter/angebote/neu", "", nil, anyLandlord},
			{"GET /vermieter/angebote/:id", fmt.Sprintf("/vermieter/angebote/%d", v), nil, ownLandlord},
			{"GET /vermieter/angebote/:id/bearbeiten", fmt.Sprintf("/vermieter/angebote/%d/bearbeiten", fx.draft.ID), nil, ownLandlord},
			{"POST /vermieter/angebote/:id/bearbeiten", fmt.Sprintf("/vermieter/angebote/%d/bearbeiten", fx.draft.ID), nil, ownLandlord},
			{"POST /vermieter/angebote/:id/kopieren", fmt.Sprintf("/vermieter/angebote/%d/kopieren", v), nil, ownLandlord},
			{"POST /vermieter/angebote/:id/einreichen", fmt.Sprintf("/vermieter/angebote/%d/einreichen", fx.draft.ID), nil, ownLandlord},
			{"POST /vermieter/angebote/:id/zurueckziehen", fmt.Sprintf("/vermieter/angebote/%d/zurueckziehen", fx.toWithdraw.ID), nil, ownLandlord},
			{"POST /vermieter/angebote/:id/vermietet", fmt.Sprintf("/vermieter/angebote/%d/vermietet", fx.toLet.ID), nil, ownLandlord},
			{"POST /vermieter/angebote/:id/termine", fmt.Sprintf("/vermieter/angebote/%d/termine", v), nil, ownLandlord},
			{"POST /vermieter/angebote/:id/termine/:slot/loeschen", fmt.Sprintf("/vermieter/angebote/%d/termine/%d/loeschen", v, fx.vacancy.Slots[2].ID), nil, ownLandlord},
			{"GET /vermieter/angebote/:id/vorschlaege/:match", fmt.Sprintf("/vermieter/angebote/%d/vorschlaege/%d", v, m), nil, ownLandlord},
			{"POST /vermieter/angebote/:id/vorschlaege/:match", fmt.Sprintf("/vermieter/angebote/%d/vorschlaege/%d", v, m), nil, ownLandlord},
			{"GET /vermieter/vereinbarung", "", nil, anyLandlord},
			{"POST /vermieter/vereinbarung", "", nil, anyLandlord},
			{"GET /vermieter/vereinbarung/druck", "", nil, anyLandlord},
			{"GET /vermieter/kolleginnen", "", nil, anyLandlord},
			{"POST /vermieter/kolleginnen", "", nil, anyLandlord},
			{"GET /vermieter/profil", "", nil, anyLandlord},
			{"POST /vermieter/profil", "", nil, anyLandlord},

			{"GET /arbeitsbereich/", "", nil, staffArea},
			{"GET /arbeitsbereich/vermieter", "", nil, staffArea},
			{"GET /arbeitsbereich/vermieter/einladen", "", nil, staffArea},
			{"GET /arbeitsbereich/vermieter/:id", fmt.Sprintf("/arbeitsbereich/vermieter/%d", users.LandlordOrg.ID), nil, staffArea},
			{"POST /arbeitsbereich/vermieter/einladen", "", nil, staffArea},
			{"POST /arbeitsbereich/vermieter/:id/freischalten", fmt.Sprintf("/arbeitsbereich/vermieter/%d/freischalten", fx.toActivate.ID), nil, staffArea},
			{"GET /arbeitsbereich/vermieter/:id/sperren", fmt.Sprintf("/arbeitsbereich/vermieter/%d/sperren", fx.toBlock.ID), nil, staffArea},
			{"POST /arbeitsbereich/vermieter/:id/sperren", fmt.Sprintf("/arbeitsbereich/vermieter/%d/sperren", fx.toBlock.ID), nil, staffArea},
			{"GET /arbeitsbereich/angebote", "", nil, staffArea},
			{"GET /arbeitsbereich/angebote/:id", fmt.Sprintf("/arbeitsbereich/angebote/%d", v), nil, staffArea},
			{"POST /arbeitsbereich/angebote/:id/pruefung", fmt.Sprintf("/arbeitsbereich/angebote/%d/pruefung", v), url.Values{"action": {"send_back"}}, staffArea},
			{"GET /arbeitsbereich/angebote/:id/rangliste", fmt.Sprintf("/arbeitsbereich/angebote/%d/rangliste", v), nil, staffArea},
			{"POST /arbeitsbereich/angebote/:id/freigabe", fmt.Sprintf("/arbeitsbereich/angebote/%d/freigabe", v),
				url.Values{"household_id": {fmt.Sprint(hh)}, "slot_id": {fmt.Sprint(fx.vacancy.Slots[1].ID)}}, staffArea},
			{"GET /arbeitsbereich/vorschlaege", "", nil, staffArea},
			{"POST /arbeitsbereich/vorschlaege/:id", fmt.Sprintf("/arbeitsbereich/vorschlaege/%d", m), nil, staffArea},
			// Without a reason the confirmations answer 422 and change nothing.
			{"GET /arbeitsbereich/vorschlaege/:id/zurueckziehen", fmt.Sprintf("/arbeitsbereich/vorschlaege/%d/zurueckziehen", m), nil, staffArea},
			{"POST /arbeitsbereich/vorschlaege/:id/zurueckziehen", fmt.Sprintf("/arbeitsbereich/vorschlaege/%d/zurueckziehen", m), nil, staffArea},
			{"GET /arbeitsbereich/vorschlaege/:id/absagen", fmt.Sprintf("/arbeitsbereich/vorschlaege/%d/absagen", m), nil, staffArea},
			{"POST /arbeitsbereich/vorschlaege/:id/absagen", fmt.Sprintf("/arbeitsbereich/vorschlaege/%d/absagen", m), nil, staffArea},
			{"GET /arbeitsbereich/verteilung", "", nil, staffArea},
			{"GET /arbeitsbereich/statistik", "", nil, staffArea},
			{"GET /arbeitsbereich/statistik.csv", "/arbeitsbereich/statistik.csv?tabelle=vermittlungen", nil, staffArea},
			// fairness
			{"GET /arbeitsbereich/fairness", "", nil, staffArea},
			{"GET /arbeitsbereich/fairness.csv", "/arbeitsbereich/fairness.csv?tabelle=zielgruppen", nil, staffArea},
			{"GET /haushalte/:id/erklaerung/:match", fmt.Sprintf("/haushalte/%d/erklaerung/%d", hh, m), nil, staffHousehold},
			{"POST /verwaltung/gewichtung/simulation", "", nil, adminArea},
			{"GET /arbeitsbereich/postausgang", "", nil, staffArea},
			{"GET /arbeitsbereich/postausgang/:id", fmt.Sprintf("/arbeitsbereich/postausgang/%d", fx.outboxID), nil, staffArea},
			{"POST /arbeitsbereich/postausgang/:id/erneut", fmt.Sprintf("/arbeitsbereich/postausgang/%d/erneut", fx.outboxID), nil, staffArea},
			// Data protection (issue 15, branch privacy)
			{"GET /arbeitsbereich/haushalte/:id/auskunft", fmt.Sprintf("/arbeitsbereich/haushalte/%d/auskunft", hh), nil, staffArea},
			{"GET /arbeitsbereich/haushalte/:id/auskunft.json", fmt.Sprintf("/arbeitsbereich/haushalte/%d/auskunft.json", hh), nil, staffArea},
			{"GET /arbeitsbereich/zaehlungen", "", nil, staffArea},
			{"GET /arbeitsbereich/aufbewahrung", "", nil, staffArea},
			{"GET /arbeitsbereich/zaehlungen.csv", "/arbeitsbereich/zaehlungen.csv?bericht=woberichtsg&jahr=2026", nil, staffArea},

			{"GET /haushalte/", "", nil, householdArea},
			{"POST /haushalte/", "", nil, householdArea},
			{"GET /haushalte/neu", "", nil, householdArea},
			{"GET /haushalte/:id", fmt.Sprintf("/haushalte/%d", hh), nil, staffHousehold},
			{"GET /haushalte/:id/bearbeiten", fmt.Sprintf("/haushalte/%d/bearbeiten", hh), nil, staffHousehold},
			{"POST /haushalte/:id", fmt.Sprintf("/haushalte/%d", hh), nil, staffHousehold},
			{"POST /haushalte/:id/status", fmt.Sprintf("/haushalte/%d/status", hh), url.Values{"action": {"pause"}}, staffHousehold},
			{"GET /haushalte/:id/abschliessen", fmt.Sprintf("/haushalte/%d/abschliessen", hh), nil, staffHousehold},
			{"POST /haushalte/:id/abschliessen", fmt.Sprintf("/haushalte/%d/abschliessen", hh), nil, staffHousehold},

			{"GET /begleitung/", "", nil, caseworkerArea},

			// Tenancy phase: the matrix's caseworker does not accompany the tenancy.
			{"GET /mietverhaeltnisse", "", nil, householdArea},
			{"GET /mietverhaeltnisse/:id", fmt.Sprintf("/mietverhaeltnisse/%d", tn), nil, staffHousehold},
			{"POST /mietverhaeltnisse/:id/kontakte", fmt.Sprintf("/mietverhaeltnisse/%d/kontakte", tn), nil, portalAccess{"caseworker": pNotFound}},
			{"POST /mietverhaeltnisse/:id/rhythmus", fmt.Sprintf("/mietverhaeltnisse/%d/rhythmus", tn), nil, staffHousehold},
			{"POST /mietverhaeltnisse/:id/ende", fmt.Sprintf("/mietverhaeltnisse/%d/ende", tn), nil, staffHousehold},
			{"GET /meldungen", "", nil, householdArea},
			{"GET /meldungen/:id", fmt.Sprintf("/meldungen/%d", rep), nil, staffHousehold},
			{"POST /meldungen/:id/antwort", fmt.Sprintf("/meldungen/%d/antwort", rep), nil, staffHousehold},
			{"POST /meldungen/:id/status", fmt.Sprintf("/meldungen/%d/status", rep), nil, staffHousehold},
			{"GET /vermieter/mietverhaeltnisse", "", nil, anyLandlord},
			{"GET /vermieter/mietverhaeltnisse/:id", fmt.Sprintf("/vermieter/mietverhaeltnisse/%d", tn), nil, ownLandlord},
			{"POST /vermieter/mietverhaeltnisse/:id/meldungen", fmt.Sprintf("/vermieter/mietverhaeltnisse/%d/meldungen", tn), nil, ownLandlord},
			{"GET /vermieter/meldungen/:id", fmt.Sprintf("/vermieter/meldungen/%d", rep), nil, ownLandlord},
			{"POST /vermieter/meldungen/:id/antwort", fmt.Sprintf("/vermieter/meldungen/%d/antwort", rep), nil, ownLandlord},

			{"GET /verwaltung/", "", nil, adminArea},
			{"GET /verwaltung/benutzer/neu", "", nil, adminArea},
			{"POST /verwaltung/benutzer", "", nil, adminArea},
			{"GET /verwaltung/benutzer/:id", fmt.Sprintf("/verwaltung/benutzer/%d", fx.teamMember.ID), nil, adminArea},
			{"POST /verwaltung/benutzer/:id/:action", fmt.Sprintf("/verwaltung/benutzer/%d/rolle", fx.teamMember.ID), url.Values{"role": {"caseworker"}}, adminArea},
			{"GET /verwaltung/gewichtung", "", nil, adminArea},
			{"POST /verwaltung/gewichtung", "", nil, adminArea},
			{"GET /verwaltung/protokoll", "", nil, adminArea},
			{"GET /verwaltung/tokens", "", nil, adminArea},
			{"POST /verwaltung/tokens", "", nil, adminArea},
			{"POST /verwaltung/tokens/:id/widerrufen", fmt.Sprintf("/verwaltung/tokens/%d/widerrufen", fx.apiTokenID), nil, adminArea},

			// Follow-ups (Nachsorge), the landlord's satisfaction link, early warnings and the
			// tenancy statistics. The follow-up's household has no caseworker; the bad
			// answers change nothing (422).
			{"GET /nachsorge/", "", nil, householdArea},
			{"GET /nachsorge/:id", fmt.Sprintf("/nachsorge/%d", fu.followUpID), nil, staffHousehold},
			{"POST /nachsorge/:id", fmt.Sprintf("/nachsorge/%d", fu.followUpID), url.Values{"outcome": {"lost"}}, staffHousehold},
			{"GET /zufriedenheit/:token", "/zufriedenheit/" + fu.token, nil, everyone},
			{"POST /zufriedenheit/:token", "/zufriedenheit/" + fu.token, url.Values{"contact_score": {"9"}}, everyone},
			{"GET /arbeitsbereich/fruehwarnungen", "", nil, staffArea},
			{"GET /arbeitsbereich/statistik/mietverhaeltnisse", "", nil, staffArea},
			{"GET /arbeitsbereich/statistik/mietverhaeltnisse.csv", "/arbeitsbereich/statistik/mietverhaeltnisse.csv?tabelle=kohorten", nil, staffArea},

			// Last: it ends each session, and everyone ends up at the login page.
			{"POST /logout", "", nil, portalAccess{}.with(pToLogin, portalRoles...)},
		}
		// Mietführerschein (mfs_roles_test.go), before the logout row.
		for _, cr := range newCourseFixture(t, st, users.Staff).rows() {
			rows = append(rows[:len(rows)-1:len(rows)-1], row{cr.route, cr.path, cr.form, cr.who}, rows[len(rows)-1])
		}

		covered := map[string]bool{}
		for _, r := range rows {
			covered[r.route] = true
			method, pattern, _ := strings.Cut(r.route, " ")
			path := r.path
			if path == "" {
				path = pattern
			}
			for _, role := range portalRoles {
				t.Run(fmt.Sprintf("%s as %s", r.route, role), func(t *testing.T) {
					c := clients[role]
					var resp *testutil.Response
					if method == http.MethodGet {
						resp = c.Get(path)
					} else {
						form := url.Values{}
						for k, v := range r.form {
							form[k] = v
						}
						form.Set("_csrf", csrf[role])
						resp = c.PostForm(path, form)
					}
					checkPortalOutcome(t, method, r.who.of(role), resp)
				})
			}
		}

		var missing []string
		for _, rt := range app.GetRoutes(true) {
			if rt.Method == http.MethodHead || !portalRoute(rt.Path) {
				continue
			}
			if key := rt.Method + " " + rt.Path; !covered[key] {
				missing = append(missing, key)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("portal routes without a row in the matrix: %v", missing)
		}
	})
}

// portalRoute tells the portal's routes from the API's and the health checks.
func portalRoute(path string) bool {
	for _, p := range portalOnlyPaths {
		if strings.HasPrefix(path, p) {
			return false
		}
	}
	return true
}

func checkPortalOutcome(t *testing.T, method string, want int, resp *testutil.Response) {
	t.Helper()
	loc := resp.Header.Get("Location")
	redirect := resp.Status >= 300 && resp.Status < 400
	toLogin := redirect && strings.HasPrefix(loc, "/login")
	switch want {
	case pAllowed:
		if method == http.MethodGet && resp.Status != http.StatusOK || resp.Status >= 500 ||
			resp.Status == http.StatusUnauthorized || resp.Status == http.StatusForbidden || resp.Status == http.StatusNotFound || toLogin {
			t.Errorf("want allowed, got %d %s", resp.Status, loc)
		}
	case pToLogin:
		if !toLogin {
			t.Errorf("want the way to the login page, got %d %s", resp.Status, loc)
		}
	case pToStart:
		if !redirect || toLogin || loc == "" {
			t.Errorf("want a redirect to the start page, got %d %s", resp.Status, loc)
		}
	default:
		if resp.Status != want {
			t.Errorf("want %d, got %d %s", want, resp.Status, loc)
		}
	}
}
