package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

func policyFormValues() url.Values {
	return url.Values{"part": {"weights"}, "weights.urgency": {"40"}, "weights.certificate": {"15"},
		"weights.accompaniment": {"15"}, "weights.waiting_time": {"15"}, "weights.preferred_district": {"5"},
		"weights.size_fit": {"5"}, "weights.rent_headroom": {"5"}, "weights.occupancy": {"65"}, "note": {"Test"}}
}

func TestAdminChangesWeightsAndLimits(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) { v.NetColdRentCents = 30000 }) // Bruttokaltmiete 395 €
		h := testutil.Household(t, st, func(h *domain.Household) { h.Members = h.Members[:1] })
		admin := testutil.NewClient(t, testutil.App(t, st))
		admin.Login(users.Admin.Email, testutil.Password)

		bad := policyFormValues()
		bad.Set("weights.urgency", "0")
		bad.Set("weights.certificate", "-3")
		r := admin.Submit("/verwaltung/gewichtung", "/verwaltung/gewichtung", bad)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `href="#weights.urgency"`) ||
			!strings.Contains(r.Body, "muss größer als 0 sein") || !strings.Contains(r.Body, "darf nicht negativ sein") ||
			!strings.Contains(r.Body, "Abstand zur KdU-Grenze") ||
			!strings.Contains(r.Body, "Standardgewichtung: Dringlichkeit zuerst, dann nicht beengte vor beengten Haushalten") {
			t.Fatalf("invalid weights: status %d", r.Status)
		}
		good := policyFormValues()
		good.Set("weights.certificate", "22,5")
		r = admin.Submit("/verwaltung/gewichtung", "/verwaltung/gewichtung", good)
		if body := admin.Get(r.Header.Get("Location")).Body; !strings.Contains(body, "als Version 3 gespeichert") {
			t.Fatal("new weights not saved as version 3")
		}
		staff := testutil.NewClient(t, testutil.App(t, st))
		staff.Login(users.Staff.Email, testutil.Password)
		ranking := staff.Get(fmt.Sprintf("/api/v1/vacancies/%d/ranking", v.ID)).Body
		if !strings.Contains(ranking, `"policy_version":3`) || !strings.Contains(ranking, `"weight":22.5`) {
			t.Fatalf("ranking does not use version 3: %s", ranking)
		}
		// Lower the KdU cap for one person below the flat's 395 €: the household is excluded.
		limits := url.Values{"part": {"limits"}, "limits.kdu_extra_person": {"99"}, "limits.area_first_person": {"50"},
			"limits.area_further_person": {"15"}, "limits.min_area_per_person": {"10"}}
		for i, c := range []string{"390", "490", "600", "720", "850", "927", "1026", "1125"} {
			limits.Set(fmt.Sprintf("limits.kdu_caps.%d", i+1), c)
		}
		r = admin.Submit("/verwaltung/gewichtung", "/verwaltung/gewichtung", limits)
		if body := admin.Get(r.Header.Get("Location")).Body; !strings.Contains(body, "KdU-Grenzen und Wohnflächen sind gespeichert") {
			t.Fatal("limits not saved")
		}
		ranking = staff.Get(fmt.Sprintf("/api/v1/vacancies/%d/ranking?excluded_limit=1000", v.ID)).Body // apirank: excluded only when asked
		if !strings.Contains(ranking, `"kdu_exceeded"`) || !strings.Contains(ranking, "390,00") {
			t.Fatalf("lowered KdU cap not applied to household %d: %s", h.ID, ranking)
		}
		if audit := admin.Get("/verwaltung/protokoll?bereich=policy").Body; !strings.Contains(audit, "Gewichtung der Rangliste als Version") || strings.Contains(audit, "policy.save") {
			t.Fatal("weight change not in the audit log")
		}
		if r := staff.Get("/verwaltung/gewichtung"); r.Status != http.StatusForbidden {
			t.Fatalf("staff on the weights page: %d", r.Status)
		}
	})
}

var invitationLink = regexp.MustCompile(`/einladung/[A-Za-z0-9_-]+`)

// An admin invites a caseworker; the invitation mail's link lets her set a password, and
// she lands on her start page. Wrong input gets German messages; staff cannot invite.
func TestAdminInvitesATeamMember(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		admin := testutil.NewClient(t, app)
		admin.Login(users.Admin.Email, testutil.Password)
		bad := admin.Submit("/verwaltung/benutzer/neu", "/verwaltung/benutzer", url.Values{"user_name": {""}, "user_email": {users.Staff.Email}, "role": {"landlord"}})
		if bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, `href="#user_name"`) ||
			!strings.Contains(bad.Body, `href="#role"`) {
			t.Fatalf("invalid invitation: status %d", bad.Status)
		}
		dup := admin.Submit("/verwaltung/benutzer/neu", "/verwaltung/benutzer", url.Values{"user_name": {"Doppelt"}, "user_email": {users.Staff.Email}, "role": {"staff"}})
		if dup.Status != http.StatusUnprocessableEntity || !strings.Contains(dup.Body, "bereits vergeben") {
			t.Fatalf("taken email: status %d", dup.Status)
		}
		r := admin.Submit("/verwaltung/benutzer/neu", "/verwaltung/benutzer", url.Values{"user_name": {"Jana Neu"},
			"user_email": {"Jana.Neu@hagen.test"}, "role": {"caseworker"}, "user_phone": {"02331 207-3999"}})
		if body := admin.Get(r.Header.Get("Location")).Body; !strings.Contains(body, "Der Zugang für Jana Neu ist angelegt") {
			t.Fatal("invitation not confirmed")
		}
		page, err := st.ListOutbox(t.Context(), store.OutboxFilter{PerPage: 50})
		if err != nil {
			t.Fatal(err)
		}
		var link string
		for _, m := range page.Messages {
			if m.ToAddress == "jana.neu@hagen.test" && m.Kind == "team_invitation" {
				link = invitationLink.FindString(m.BodyText)
			}
		}
		if link == "" {
			t.Fatal("no invitation with a link queued for the new account")
		}
		jana := testutil.NewClient(t, app)
		if s := jana.Login("jana.neu@hagen.test", "ein-gutes-passwort-2026").Status; s != http.StatusUnauthorized {
			t.Fatalf("login before setting the password: %d", s)
		}
		set := jana.Submit(link, link, url.Values{"password": {"ein-gutes-passwort-2026"}, "password_confirm": {"ein-gutes-passwort-2026"}})
		if set.Status != http.StatusSeeOther {
			t.Fatalf("set password: %d", set.Status)
		}
		fresh := testutil.NewClient(t, app)
		if r := fresh.Login("jana.neu@hagen.test", "ein-gutes-passwort-2026"); r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/begleitung" {
			t.Fatalf("login of the invited caseworker: %d → %s", r.Status, r.Header.Get("Location"))
		}
		staff := testutil.NewClient(t, app)
		staff.Login(users.Staff.Email, testutil.Password)
		if r := staff.Get("/verwaltung/benutzer/neu"); r.Status != http.StatusForbidden {
			t.Fatalf("staff on the invitation page: %d", r.Status)
		}
	})
}
