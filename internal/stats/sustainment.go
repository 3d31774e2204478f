package stats

import (
	"context"
	"fmt"
	"slices"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// Cell counts the tenancies old enough for a horizon (Counted), those that kept the placed
// flat and those stably housed on the horizon day (domain.SustainedAt).
type Cell struct {
	Counted int `json:"counted"`
	Kept    int `json:"kept_flat"`
	Housed  int `json:"stably_housed"`
}

// KeptShare and HousedShare are the shares in percent, nil without tenancies to count.
func (c Cell) KeptShare() *float64 { return share(c.Kept, c.Counted) }

// HousedShare is the share of the counted tenancies stably housed, in percent.
func (c Cell) HousedShare() *float64 { return share(c.Housed, c.Counted) }

func share(n, of int) *float64 {
	if of == 0 {
		return nil
	}
	v := 100 * float64(n) / float64(of)
	return &v
}

// Group is one row of a sustainment table: a cohort, track, focus group or landlord, with
// one cell per horizon (domain.SustainmentHorizons) and the number of its tenancies.
type Group struct {
	Key       string `json:"key"`
	Label     string `json:"label"`
	Tenancies int    `json:"tenancies"`
	Cells     []Cell `json:"horizons"`
}

// Sustainment is the tenancy phase's figures (design §8.5).
type Sustainment struct {
	Today        domain.Date       `json:"today"`
	Horizons     []int             `json:"horizon_months"`
	Total        Group             `json:"total"`
	ByCohort     []Group           `json:"by_cohort"` // lease month "2026-03", oldest first
	ByTrack      []Group           `json:"by_track"`
	ByFocusGroup []Group           `json:"by_focus_group"`
	ByLandlord   []Group           `json:"by_landlord"`
	Reports      ReportFigures     `json:"reports"`
	Visits       []VisitMonth      `json:"visits_per_month"`
	Satisfaction []SatisfactionSum `json:"satisfaction"`
}

// ReportFigures are the landlords' reports: how many of each category, the median hours to
// the first answer and the share answered within the response target.
type ReportFigures struct {
	Total               int            `json:"total"`
	ByCategory          map[string]int `json:"by_category"`
	Answered            int            `json:"answered"`
	MedianHoursToAnswer *float64       `json:"median_hours_to_first_answer"`
	WithinTarget        int            `json:"answered_within_target"`
}

// WithinTargetShare is the share of all reports answered within their target, in percent
// (a report still unanswered after its target counts against it).
func (r ReportFigures) WithinTargetShare() *float64 { return share(r.WithinTarget, r.Total) }

// VisitMonth is the Wohnbegleitung's contacts in a calendar month against the tenancies
// running in it.
type VisitMonth struct {
	Month      string   `json:"month"`
	Visits     int      `json:"visits"`
	Tenancies  int      `json:"tenancies"`
	PerTenancy *float64 `json:"visits_per_tenancy"`
}

// SatisfactionSum is the landlords' satisfaction checks of one month (3 or 12).
type SatisfactionSum struct {
	Months   int        `json:"months"`
	Sent     int        `json:"sent"`
	Answered int        `json:"answered"`
	Means    []*float64 `json:"mean_scores"` // per domain.SatisfactionQuestions
}

// Sustainment computes the tenancy phase's figures as of today (staff and admins).
func (s *Service) Sustainment(ctx context.Context, a domain.Actor) (*Sustainment, error) {
	if !a.CanSeeStatistics() {
		return nil, fmt.Errorf("stats: sustainment: %w", domain.ErrForbidden)
	}
	today := s.store.Today()
	rows, err := s.store.SustainmentRows(ctx)
	if err != nil {
		return nil, err
	}
	fus, err := s.store.RecordedFollowUps(ctx)
	if err != nil {
		return nil, err
	}
	out := ComputeSustainment(rows, fus, today)
	reports, err := s.store.ReportTimes(ctx)
	if err != nil {
		return nil, err
	}
	out.Reports = computeReports(reports)
	from := today.AddMonths(-11)
	visits, err := s.store.VisitsByMonth(ctx, from)
	if err != nil {
		return nil, err
	}
	out.Visits = computeVisits(rows, visits, from, today)
	checks, err := s.store.SatisfactionChecks(ctx)
	if err != nil {
		return nil, err
	}
	out.Satisfaction = computeSatisfaction(checks)
	return &out, nil
}

// ComputeSustainment counts the tenancies at each horizon by cohort (lease month), track,
// focus group and landlord, as of today. A household holding several tracks counts once
// for each.
func ComputeSustainment(rows []store.SustainmentRow, fus []domain.FollowUp, today domain.Date) Sustainment {
	out := Sustainment{Today: today, Horizons: domain.SustainmentHorizons}
	observed := map[[2]int64]domain.FollowUpOutcome{}
	for _, f := range fus {
		if f.Outcome != nil {
			observed[[2]int64{f.TenancyID, int64(f.Months)}] = *f.Outcome
		}
	}
	newGroup := func(key, label string) Group {
		return Group{Key: key, Label: label, Cells: make([]Cell, len(domain.SustainmentHorizons))}
	}
	out.Total = newGroup("total", "alle Mietverhältnisse")
	for _, t := range domain.Tracks {
		out.ByTrack = append(out.ByTrack, newGroup(string(t.Value), t.Label))
	}
	for _, f := range domain.FocusGroups {
		out.ByFocusGroup = append(out.ByFocusGroup, newGroup(string(f.Value), f.Label))
	}
	cohorts, landlords := map[string]*Group{}, map[string]*Group{}
	for _, r := range rows {
		month := r.StartDate.Month()
		if cohorts[month] == nil {
			g := newGroup(month, month)
			cohorts[month] = &g
		}
		if landlords[r.LandlordName] == nil {
			g := newGroup(r.LandlordName, r.LandlordName)
			landlords[r.LandlordName] = &g
		}
		groups := []*Group{&out.Total, cohorts[month], landlords[r.LandlordName]}
		for i, t := range domain.Tracks {
			if holds(r, t.Value) {
				groups = append(groups, &out.ByTrack[i])
			}
		}
		for i, f := range domain.FocusGroups {
			if string(f.Value) == r.FocusGroup || (r.FocusGroup == "" && f.Value == domain.FocusNone) {
				groups = append(groups, &out.ByFocusGroup[i])
			}
		}
		var cells []Cell
		for _, h := range domain.SustainmentHorizons {
			var obs *domain.FollowUpOutcome
			if o, ok := observed[[2]int64{r.TenancyID, int64(h)}]; ok {
				obs = &o
			}
			kept, housed, ok := domain.SustainedAt(r.StartDate, r.EndDate, r.Status != string(domain.TenancyActive) && r.StablyHoused, obs, h, today)
			cells = append(cells, Cell{Counted: b2i(ok), Kept: b2i(ok && kept), Housed: b2i(ok && housed)})
		}
		for _, g := range groups {
			g.Tenancies++
			for i, c := range cells {
				g.Cells[i].Counted += c.Counted
				g.Cells[i].Kept += c.Kept
				g.Cells[i].Housed += c.Housed
			}
		}
	}
	for _, m := range sortedKeys(cohorts) {
		out.ByCohort = append(out.ByCohort, *cohorts[m])
	}
	for _, l := range sortedKeys(landlords) {
		out.ByLandlord = append(out.ByLandlord, *landlords[l])
	}
	return out
}

func holds(r store.SustainmentRow, t domain.Track) bool {
	switch t {
	case domain.TrackCertificate:
		return !r.CertificatePassedOn.IsZero()
	case domain.TrackAccompaniment:
		return !r.AccompanimentFrom.IsZero()
	case domain.TrackFachstelle:
		return r.FachstelleCase
	}
	return false
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func sortedKeys(m map[string]*Group) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// computeReports counts the reports by category and their first answers against the
// target; an unanswered report never counts as answered within it.
func computeReports(rs []store.ReportTime) ReportFigures {
	out := ReportFigures{ByCategory: map[string]int{}}
	var hours []float64
	for _, r := range rs {
		out.Total++
		out.ByCategory[r.Category]++
		if r.FirstAnswerAt == nil {
			continue
		}
		out.Answered++
		hours = append(hours, r.FirstAnswerAt.Sub(r.CreatedAt).Hours())
		if !r.FirstAnswerAt.After(r.RespondBy) {
			out.WithinTarget++
		}
	}
	out.MedianHoursToAnswer = median(hours)
	return out
}

// computeVisits divides each month's contacts by the tenancies running in that month (begun
// by its last day, not ended before its first), for the months from from to today's.
func computeVisits(rows []store.SustainmentRow, visits map[string]int, from, today domain.Date) []VisitMonth {
	var out []VisitMonth
	for m := from.FirstOfMonth(); m <= today; m = m.AddMonths(1) {
		last := m.AddMonths(1).AddDays(-1)
		vm := VisitMonth{Month: m.Month(), Visits: visits[m.Month()]}
		for _, r := range rows {
			if r.StartDate <= last && (r.EndDate.IsZero() || r.EndDate >= m) {
				vm.Tenancies++
			}
		}
		if vm.Tenancies > 0 {
			v := float64(vm.Visits) / float64(vm.Tenancies)
			vm.PerTenancy = &v
		}
		out = append(out, vm)
	}
	return out
}

func computeSatisfaction(checks []store.SatisfactionRow) []SatisfactionSum {
	var out []SatisfactionSum
	for _, m := range domain.SatisfactionMonths {
		sum := SatisfactionSum{Months: m}
		totals := make([]int, len(domain.SatisfactionQuestions))
		for _, c := range checks {
			if c.Months != m {
				continue
			}
			sum.Sent++
			if c.AnsweredAt == nil {
				continue
			}
			sum.Answered++
			for i, s := range []*domain.SatisfactionScore{c.ContactScore, c.SupportScore, c.OverallScore} {
				if s != nil {
					totals[i] += int(*s)
				}
			}
		}
		for _, t := range totals {
			if sum.Answered == 0 {
				sum.Means = append(sum.Means, nil)
				continue
			}
			v := float64(t) / float64(sum.Answered)
			sum.Means = append(sum.Means, &v)
		}
		out = append(out, sum)
	}
	return out
}
