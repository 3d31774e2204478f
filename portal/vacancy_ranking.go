package portal

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/tasks"
	"wohnbruecke/internal/workflow"
	"wohnbruecke/matching"
)

// rankingTop is how many candidates the ranking page shows.
const rankingTop = 50

// excludedShown is how many excluded households the page lists (after the reason filter).
const excludedShown = 100

type componentCell struct {
	Label  string
	Points string
	Width  int // bar width in px, 0–60
}

type candidateRow struct {
	Rank       int32
	ID         int64
	Reference  string
	Persons    int
	Children   int
	Score      string
	Facts      []fact
	Components []componentCell
	// Running is the state of the household's running proposal for this flat ("" if none).
	Running string
}

// columnHead is the head of a component column with the most points it can give.
type columnHead struct {
	Label, Max string
}

type excludedRow struct {
	ID        int64
	Reference string
	Reasons   []matching.Reason
}

type slotOption struct {
	ID    int64
	Label string
	Free  int
}

type rankingData struct {
	Vacancy       *domain.Vacancy
	PolicyVersion int
	Eligible      int
	Candidates    []candidateRow
	Components    []columnHead
	MaxScore      string
	// CanApprove: the flat has a future slot with a free place; Booked: it has future slots,
	// all taken.
	CanApprove, Booked bool
	Excluded           []excludedRow
	ExcludedTotal      int
	ReasonCounts       []reasonCount
	Filter             string
	FilterLabel        string // German name of the filter's rule
	Slots              []slotOption
	Matches            []store.MatchRow
}

type reasonCount struct {
	Code, Label string
	Count       int
}

func (p *Portal) vacancyRanking(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	r, err := p.ranking.RankVacancy(c.UserContext(), id, rankingTop)
	if err != nil {
		return err
	}
	matches, err := p.store.MatchesOfVacancy(c.UserContext(), id)
	if err != nil {
		return err
	}
	d := rankingData{Vacancy: r.Vacancy, PolicyVersion: r.Result.PolicyVersion, Eligible: r.Result.Eligible,
		Filter: c.Query("grund"), Slots: freeSlots(r.Vacancy, p.store.Now()), Matches: matches}
	for _, s := range d.Slots {
		d.CanApprove = d.CanApprove || s.Free > 0
	}
	d.CanApprove = d.CanApprove && r.Vacancy.Status == domain.VacancyPublished
	d.Booked = len(d.Slots) > 0 && !d.CanApprove
	var total matching.Points
	for _, comp := range matching.AllComponents() {
		w := r.Policy.Weights.Of(comp)
		if w == 0 {
			continue
		}
		max := matching.Points(w * matching.PointsPerPoint)
		total += max
		d.Components = append(d.Components, columnHead{Label: comp.Short(), Max: max.String()})
	}
	d.MaxScore = total.String()
	ids := make([]int64, len(r.Result.Candidates))
	for i, cand := range r.Result.Candidates {
		ids[i] = cand.HouseholdID(r.Households)
	}
	withEmail, err := p.store.HouseholdsWithEmail(c.UserContext(), ids)
	if err != nil {
		return err
	}
	d.Candidates = candidateRows(r, withEmail, activeMatchByHousehold(matches))
	d.Excluded, d.ExcludedTotal, d.ReasonCounts = excludedRows(r, d.Filter)
	var code matching.ReasonCode
	if code.UnmarshalText([]byte(d.Filter)) == nil {
		d.FilterLabel = code.Label()
	}
	pg := p.page(c, "Rangliste "+r.Vacancy.Street, d)
	return p.views.render(c, "vacancy_ranking", pg)
}

func candidateRows(r *ranking.VacancyRanking, withEmail map[int64]bool, running map[int64]*store.MatchRow) []candidateRow {
	out := make([]candidateRow, 0, len(r.Result.Candidates))
	ex := r.Explainer()
	for _, cand := range r.Result.Candidates {
		row := &r.Rows[cand.Index]
		b := cand.Breakdown(ex, r.Households)
		id := cand.HouseholdID(r.Households)
		cr := candidateRow{Rank: cand.Rank, ID: id, Reference: row.Reference, Persons: row.Persons,
			Children: row.Children, Score: cand.Score.String(), Facts: candidateFacts(r, cand.Index, withEmail[id])}
		if m := running[id]; m != nil {
			cr.Running = m.State.Label()
		}
		for _, cs := range b.Components {
			if cs.Weight == 0 {
				continue
			}
			width := 0
			if cs.Weight > 0 {
				width = int(40 * cs.Contribution.Float64() / cs.Weight)
			}
			cr.Components = append(cr.Components, componentCell{Label: cs.Component.Label(), Points: cs.Contribution.String(), Width: width})
		}
		out = append(out, cr)
	}
	return out
}

func excludedRows(r *ranking.VacancyRanking, filter string) ([]excludedRow, int, []reasonCount) {
	counts := map[string]int{}
	var rows []excludedRow
	total := 0
	for _, e := range r.Result.Excluded {
		match := filter == ""
		for _, code := range e.Reasons.Codes() {
			counts[code.String()]++
			match = match || code.String() == filter
		}
		if !match {
			continue
		}
		total++
		if len(rows) < excludedShown {
			rows = append(rows, excludedRow{ID: e.HouseholdID(r.Households), Reference: r.Rows[e.Index].Reference, Reasons: r.Explain(e)})
		}
	}
	var rc []reasonCount
	for _, code := range matching.AllReasonCodes() {
		if n := counts[code.String()]; n > 0 {
			rc = append(rc, reasonCount{code.String(), code.Label(), n})
		}
	}
	return rows, total, rc
}

func freeSlots(v *domain.Vacancy, now time.Time) []slotOption {
	var out []slotOption
	for _, s := range v.Slots {
		if !s.StartsAt.After(now) {
			continue
		}
		label := s.StartsAt.In(domain.Berlin).Format("Mon 02.01.2006, 15:04") + "–" + s.EndsAt.In(domain.Berlin).Format("15:04") + " Uhr"
		out = append(out, slotOption{ID: s.ID, Label: germanWeekday(label), Free: s.Capacity - s.Booked})
	}
	return out
}

var weekdays = map[string]string{"Mon": "Mo.", "Tue": "Di.", "Wed": "Mi.", "Thu": "Do.", "Fri": "Fr.", "Sat": "Sa.", "Sun": "So."}

func germanWeekday(s string) string {
	if len(s) >= 3 {
		if d, ok := weekdays[s[:3]]; ok {
			return d + s[3:]
		}
	}
	return s
}

func (p *Portal) vacancyApprove(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	back := fmt.Sprintf("/arbeitsbereich/angebote/%d/rangliste", id)
	if c.FormValue("back") == "/arbeitsbereich/verteilung" {
		back = "/arbeitsbereich/verteilung"
	}
	householdID, err1 := strconv.ParseInt(c.FormValue("household_id"), 10, 64)
	slotID, err2 := strconv.ParseInt(c.FormValue("slot_id"), 10, 64)
	if err1 != nil || err2 != nil {
		return p.redirectWithError(c, back, "Bitte wählen Sie einen Besichtigungstermin aus.")
	}
	req := workflow.ApproveRequest{VacancyID: id, HouseholdID: householdID, SlotID: slotID,
		Override: domain.Reason{Code: domain.ReasonCode(c.FormValue("reason")), Note: c.FormValue("reason_note")}}
	res, err := p.workflow.Approve(c.UserContext(), actor(c), req)
	if ve := (*domain.ValidationError)(nil); errors.As(err, &ve) {
		return p.approveReasonForm(c, req, back, ve) // fairness: Art. 22 reason
	}
	if msg, ok := conflictMessage(err); ok {
		return p.redirectWithError(c, back, msg)
	}
	if err != nil {
		return err
	}
	when := res.Viewing.StartsAt.In(domain.Berlin).Format("02.01.2006 um 15:04 Uhr")
	h, err := p.store.HouseholdByID(c.UserContext(), res.Match.HouseholdID)
	if err != nil {
		return err
	}
	if h.Email == nil || *h.Email == "" {
		return p.redirectWithFlashLink(c, back, fmt.Sprintf("Vorschlag freigegeben: Besichtigung am %s. Der Haushalt %s hat keine "+
			"E-Mail-Adresse und bekommt keine Einladung per E-Mail: Drucken Sie die Einladung und übergeben Sie sie persönlich.",
			when, h.Reference), FlashLink{Href: tasks.PrintPath(res.Match.ID), Text: "Einladung drucken"})
	}
	return p.redirectWithFlash(c, back, fmt.Sprintf("Vorschlag freigegeben: Besichtigung am %s. Die Einladungen werden verschickt.", when))
}
