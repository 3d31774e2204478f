// Package stats computes the figures of the statistics page and the API: placements per
// month by track and focus group, the median time from registration to lease, the
// conversion from approval to viewing to lease, landlords against their yearly quota and
// the households waiting.
package stats

import (
	"context"
	"fmt"
	"slices"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// Range is a period [From, To) of whole days.
type Range struct {
	From domain.Date `json:"from"`
	To   domain.Date `json:"to"` // exclusive
}

// Report holds all figures for a range.
type Report struct {
	Range             Range             `json:"range"`
	Months            []MonthPlacements `json:"placements_per_month"`
	MedianDaysToLease *float64          `json:"median_days_registration_to_lease"`
	Conversion        Conversion        `json:"conversion"`
	Landlords         []LandlordQuota   `json:"landlords"`
	Waiting           []WaitingGroup    `json:"waiting"`
	WaitingByUrgency  map[string]int    `json:"waiting_by_urgency"`
	Placements        int               `json:"placements"`
}

// MonthPlacements counts leases of a month by track and by focus group. A household holding
// several tracks counts once for each.
type MonthPlacements struct {
	Month        string         `json:"month"` // "2026-03"
	Total        int            `json:"total"`
	ByTrack      map[string]int `json:"by_track"`
	ByFocusGroup map[string]int `json:"by_focus_group"`
}

// Conversion follows the matches approved in the range.
type Conversion struct {
	Approved int `json:"approved"`
	Viewed   int `json:"viewed"`
	Leased   int `json:"leased"`
}

// LandlordQuota is one landlord's offer against the yearly quota.
type LandlordQuota struct {
	Name        string `json:"name"`
	YearlyQuota int    `json:"yearly_quota"`
	Offered     int    `json:"offered"`
	Let         int    `json:"let"`
}

// WaitingGroup counts active households of a focus group by urgency.
type WaitingGroup struct {
	FocusGroup string      `json:"focus_group"`
	ByUrgency  map[int]int `json:"by_urgency"` // 0 = no urgency (no Fachstelle case)
	Total      int         `json:"total"`
}

// Tracks in the order the statistics show them.
var Tracks = []domain.Option{
	{Value: "certificate", Label: "Integrationszertifikat"},
	{Value: "accompaniment", Label: "Wohnbegleitung"},
	{Value: "fachstelle", Label: "Fachstelle"},
}

// Service computes reports.
type Service struct{ store *store.Store }

// New returns the statistics service.
func New(st *store.Store) *Service { return &Service{store: st} }

// DefaultRange is the last twelve months up to today.
func DefaultRange(today domain.Date) Range {
	t := today.Time()
	first := time.Date(t.Year()-1, t.Month()+1, 1, 12, 0, 0, 0, time.UTC)
	return Range{From: domain.DateOf(first), To: today.AddDays(1)}
}

// viewedStates are the states a match reaches only after its viewing took place.
var viewedStates = []string{"viewed", "landlord_accepted", "lease_signed", "landlord_rejected"}

// Report computes all figures for the range (staff and admins,
// domain.Actor.CanSeeStatistics).
func (s *Service) Report(ctx context.Context, a domain.Actor, r Range) (*Report, error) {
	if !a.CanSeeStatistics() {
		return nil, fmt.Errorf("stats: report: %w", domain.ErrForbidden)
	}
	from, to := r.From.Time(), r.To.Time()
	leases, err := s.store.LeasesBetween(ctx, from, to)
	if err != nil {
		return nil, err
	}
	approvals, err := s.store.ApprovalsBetween(ctx, from, to)
	if err != nil {
		return nil, err
	}
	quotas, err := s.store.LandlordQuotas(ctx, from, to)
	if err != nil {
		return nil, err
	}
	waiting, err := s.store.WaitingHouseholds(ctx)
	if err != nil {
		return nil, err
	}
	rep := &Report{Range: r, Placements: len(leases), WaitingByUrgency: map[string]int{}}
	rep.Months = months(r)
	index := map[string]int{}
	for i, m := range rep.Months {
		index[m.Month] = i
	}
	var days []float64
	for _, l := range leases {
		i, ok := index[l.LeaseAt.In(domain.Berlin).Format("2006-01")]
		if !ok { // a lease just past midnight at the range's edge: outside the months shown
			continue
		}
		m := &rep.Months[i]
		m.Total++
		if !l.CertificatePassedOn.IsZero() {
			m.ByTrack["certificate"]++
		}
		if !l.AccompanimentFrom.IsZero() {
			m.ByTrack["accompaniment"]++
		}
		if l.FachstelleCase {
			m.ByTrack["fachstelle"]++
		}
		m.ByFocusGroup[l.FocusGroup]++
		if !l.RegisteredOn.IsZero() {
			days = append(days, float64(domain.DateOf(l.LeaseAt.In(domain.Berlin))-l.RegisteredOn))
		}
	}
	rep.MedianDaysToLease = median(days)
	for _, a := range approvals {
		rep.Conversion.Approved++
		if slices.Contains(viewedStates, a.State) {
			rep.Conversion.Viewed++
		}
		if a.State == "lease_signed" {
			rep.Conversion.Leased++
		}
	}
	for _, q := range quotas {
		rep.Landlords = append(rep.Landlords, LandlordQuota{q.Name, q.YearlyQuota, q.Offered, q.Let})
	}
	groups := map[string]*WaitingGroup{}
	for _, o := range domain.FocusGroupOptions {
		rep.Waiting = append(rep.Waiting, WaitingGroup{FocusGroup: o.Value, ByUrgency: map[int]int{}})
	}
	for i := range rep.Waiting {
		groups[rep.Waiting[i].FocusGroup] = &rep.Waiting[i]
	}
	for _, w := range waiting {
		if g := groups[w.FocusGroup]; g != nil {
			g.ByUrgency[w.Urgency] += w.N
			g.Total += w.N
		}
		key := "none"
		if w.Urgency > 0 {
			key = string(rune('0' + w.Urgency))
		}
		rep.WaitingByUrgency[key] += w.N
	}
	return rep, nil
}

// months lists the calendar months the range touches, each with empty counters.
func months(r Range) []MonthPlacements {
	var out []MonthPlacements
	t := r.From.Time()
	cur := time.Date(t.Year(), t.Month(), 1, 12, 0, 0, 0, time.UTC)
	end := r.To.AddDays(-1).Time()
	for !cur.After(end) {
		out = append(out, MonthPlacements{Month: cur.Format("2006-01"), ByTrack: map[string]int{}, ByFocusGroup: map[string]int{}})
		cur = cur.AddDate(0, 1, 0)
	}
	return out
}

func median(xs []float64) *float64 {
	if len(xs) == 0 {
		return nil
	}
	slices.Sort(xs)
	m := xs[len(xs)/2]
	if len(xs)%2 == 0 {
		m = (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
	}
	return &m
}
