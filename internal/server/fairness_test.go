package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

// Approving a household that is not first asks for the written reason (Art. 22): without
// it nothing is written and the reason form appears; an incomplete reason shows German
// field messages (422); with it the approval goes through, the household's history shows
// the reason, its printable explanation shows the points and the reason without the other
// household, and the equity dashboard counts the override.
func TestApprovalOutOfRankOrderNeedsWrittenReason(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		first := testutil.Household(t, st, func(h *domain.Household) { h.RegisteredOn = h.RegisteredOn.AddDays(-200) })
		second := testutil.Household(t, st, func(h *domain.Household) { h.CaseworkerID = &users.Caseworker.ID })
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Staff.Email, testutil.Password)
		page := fmt.Sprintf("/arbeitsbereich/angebote/%d/rangliste", v.ID)
		approve := fmt.Sprintf("/arbeitsbereich/angebote/%d/freigabe", v.ID)
		form := func() url.Values {
			return url.Values{"household_id": {fmt.Sprint(second.ID)}, "slot_id": {fmt.Sprint(v.Slots[0].ID)}}
		}
		r := c.Submit(page, approve, form())
		if r.Status != http.StatusOK || !strings.Contains(r.Body, "Abweichung von der Rangfolge begründen") ||
			!strings.Contains(r.Body, first.Reference) || !strings.Contains(r.Body, "Art. 22 DSGVO") {
			t.Fatalf("approving rank 2 without reason: status %d, no reason form", r.Status)
		}
		if ms, _ := st.MatchesOfVacancy(t.Context(), v.ID); len(ms) != 0 {
			t.Fatalf("%d matches written without a reason", len(ms))
		}
		f := form()
		f.Set("reason_form", "1")
		f.Set("reason", "top_unreachable")
		r = c.Submit(page, approve, f)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Bitte begründen Sie die Auswahl") {
			t.Fatalf("reason without text: status %d", r.Status)
		}
		f.Set("reason_note", "Der erste Haushalt ist seit einer Woche nicht erreichbar.")
		r = c.Submit(page, approve, f)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("approve with reason: status %d", r.Status)
		}
		ms, _ := st.MatchesOfVacancy(t.Context(), v.ID)
		if len(ms) != 1 || ms[0].HouseholdID != second.ID || ms[0].SnapshotID == nil {
			t.Fatalf("matches after approval %+v", ms)
		}
		snap, err := st.SnapshotByID(t.Context(), *ms[0].SnapshotID)
		if err != nil || snap.OverrideReason == nil || *snap.OverrideReason != "top_unreachable" || snap.TopHouseholdID == nil || *snap.TopHouseholdID != first.ID {
			t.Fatalf("snapshot keeps no reason: %+v, %v", snap, err)
		}
		history := c.Get(fmt.Sprintf("/haushalte/%d", second.ID)).Body
		if !strings.Contains(history, "Abweichend von der Rangfolge vorgeschlagen: Besser platzierter Haushalt nicht erreichbar: Der erste Haushalt") {
			t.Fatal("the household's history does not show the reason")
		}
		if !strings.Contains(history, "an erster Stelle stand "+first.Reference) {
			t.Error("staff do not see which household stood first")
		}
		cw := testutil.NewClient(t, testutil.App(t, st))
		cw.Login(users.Caseworker.Email, testutil.Password)
		if own := cw.Get(fmt.Sprintf("/haushalte/%d", second.ID)).Body; !strings.Contains(own, "nicht erreichbar") || strings.Contains(own, first.Reference) {
			t.Error("the caseworker sees no reason, or the reference of a household that is not theirs")
		}
		expl := c.Get(fmt.Sprintf("/haushalte/%d/erklaerung/%d", second.ID, ms[0].ID))
		if expl.Status != http.StatusOK || !strings.Contains(expl.Body, "Rang 2") || !strings.Contains(expl.Body, "Wartezeit") ||
			!strings.Contains(expl.Body, "nicht erreichbar") || strings.Contains(expl.Body, first.Reference) {
			t.Fatalf("explanation: status %d, rank, points or reason missing, or the other household named", expl.Status)
		}
		dash := c.Get("/arbeitsbereich/fairness").Body
		if !strings.Contains(dash, `<th scope="row">Besser platzierter Haushalt nicht erreichbar</th><td class="num">1</td>`) {
			t.Fatal("the dashboard does not count the override")
		}
		csv := c.Get("/arbeitsbereich/fairness.csv?tabelle=absagen")
		if csv.Status != http.StatusOK || !strings.Contains(csv.Body, "Abweichung von der Rangfolge: Besser platzierter Haushalt nicht erreichbar;1") {
			t.Fatalf("csv: status %d\n%s", csv.Status, csv.Body)
		}
		admin := testutil.NewClient(t, testutil.App(t, st))
		admin.Login(users.Admin.Email, testutil.Password)
		if log := admin.Get("/verwaltung/protokoll").Body; !strings.Contains(log, "abweichend von der Rangfolge freigegeben") {
			t.Fatal("the audit log lacks the override sentence")
		}
	})
}

// The simulator on the policy page shows before and after for the weights in the form and
// saves nothing; a draft the policy refuses shows the field message.
func TestPolicySimulatorPage(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	users := testutil.SeedUsers(t, st)
	v := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) { now := st.Now(); v.PublishedAt = &now })
	testutil.Household(t, st, nil)
	c := testutil.NewClient(t, testutil.App(t, st))
	c.Login(users.Admin.Email, testutil.Password)
	page := c.Get("/verwaltung/gewichtung")
	if !strings.Contains(page.Body, "Absagen kosten nichts") || !strings.Contains(page.Body, "Vorher prüfen") {
		t.Fatal("the policy page states no refusal rule or has no simulator")
	}
	before, _ := st.Policies(t.Context())
	form := url.Values{}
	for _, f := range []string{"urgency", "certificate", "accompaniment", "waiting_time", "preferred_district", "size_fit", "rent_headroom", "occupancy"} {
		form.Set("weights."+f, "10")
	}
	r := c.Submit("/verwaltung/gewichtung", "/verwaltung/gewichtung/simulation", form)
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "Simulation: so ändert sich die Rangfolge") || !strings.Contains(r.Body, v.Street) ||
		!strings.Contains(r.Body, "Erste Plätze je Zielgruppe") || !strings.Contains(r.Body, `value="10"`) {
		t.Fatalf("simulation: status %d", r.Status)
	}
	if !strings.Contains(r.Body, "Dringlichkeit steht nicht mehr zuerst") || !strings.Contains(r.Body, "zählt mit diesen Gewichten 2,5 Punkte") {
		t.Error("the simulator does not warn that urgency no longer comes first")
	}
	if after, _ := st.Policies(t.Context()); len(after) != len(before) {
		t.Fatal("the simulation saved a policy version")
	}
	defaults := url.Values{}
	for f, w := range map[string]string{"urgency": "520", "certificate": "15", "accompaniment": "15", "waiting_time": "15",
		"preferred_district": "5", "size_fit": "5", "rent_headroom": "5", "occupancy": "65"} {
		defaults.Set("weights."+f, w)
	}
	if r := c.Submit("/verwaltung/gewichtung", "/verwaltung/gewichtung/simulation", defaults); r.Status != http.StatusOK || strings.Contains(r.Body, "nicht mehr zuerst") {
		t.Errorf("the default weights: status %d, or a warning that urgency no longer comes first", r.Status)
	}
	form.Set("weights.urgency", "0")
	if r := c.Submit("/verwaltung/gewichtung", "/verwaltung/gewichtung/simulation", form); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("simulating zero urgency: status %d", r.Status)
	}
}

// The household may say why it declines (optional, in its language with German alongside);
// the reason is kept on the match and the dashboard counts the decline under it.
func TestApplicantDeclineWithReason(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		hh := testutil.Household(t, st, nil) // Romanian
		app := testutil.App(t, st)
		staff := testutil.NewClient(t, app)
		staff.Login(users.Staff.Email, testutil.Password)
		res, err := workflow.New(st, ranking.New(st)).Approve(t.Context(), domain.Actor{User: users.Staff},
			workflow.ApproveRequest{VacancyID: v.ID, HouseholdID: hh.ID, SlotID: v.Slots[0].ID})
		if err != nil {
			t.Fatal(err)
		}
		page := "/besichtigung/" + res.ApplicantToken
		c := testutil.NewClient(t, app)
		body := c.Get(page + "?antwort=absagen").Body
		for _, want := range []string{"Warum sagen Sie ab?", "De ce refuzați?", `name="grund" value="too_expensive"`, "Locuința este prea scumpă"} {
			if !strings.Contains(body, want) {
				t.Errorf("decline form lacks %q", want)
			}
		}
		if r := c.Submit(page+"?antwort=absagen", page, url.Values{"antwort": {"absagen"}, "grund": {"found_elsewhere"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("decline: status %d", r.Status)
		}
		ms, _ := st.MatchesOfVacancy(t.Context(), v.ID)
		if len(ms) != 1 || ms[0].State != domain.MatchDeclinedByApplicant || ms[0].DeclineReason == nil || *ms[0].DeclineReason != "found_elsewhere" {
			t.Fatalf("match after decline %+v", ms)
		}
		dash := staff.Get("/arbeitsbereich/fairness").Body
		if !strings.Contains(dash, `<th scope="row">Absage des Haushalts: Anderswo eine Wohnung gefunden</th><td class="num">1</td>`) {
			t.Fatal("the dashboard does not count the decline under its reason")
		}
	})
}
