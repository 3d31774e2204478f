// Package stats computes the figures of the statistics page and the API: placements per
// month by track and focus group, the median time from registration to lease, the
// conversion from approval to viewing to lease, landlords against their yearly quota and
// the households waiting.
package stats

import (
	"context"
	"fmt"
	"slices"

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

// Service computes reports.
type Service struct{ store *store.Store }

// New returns the statistics service.
func New(st *store.Store) *Service { return &Service{store: st} }

// DefaultRange is the current calendar month and the eleven before it, up to and including
// today.
func DefaultRange(today domain.Date) Range {
	return Range{From: today.AddMonths(-11), To: today.AddDays(1)}
}

// Report computes all figures for the range (staff and admins,
// domain.Actor.CanSeeStatistics).
func (s *Service) Report(ctx context.Context, a domain.Actor, r Range) (*Report, error) {
	if !a.CanSeeStatistics() {
		return nil, fmt.Errorf("stats: report: %w", domain.ErrForbidden)
	}
	// The range's days are days in Hagen: they begin at midnight local time, the same
	// reckoning that puts each lease into its month below.
	from, to := r.From.Midnight(), r.To.Midnight()
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
	rep.Months = Months(r)
	index := map[string]int{}
	for i, m := range rep.Months {
		index[m.Month] = i
	}
	var days []float64
	for _, l := range leases {
		month := domain.DateOf(l.LeaseAt.In(domain.Berlin)).Month()
		i, ok := index[month]
		if !ok { // cannot happen while the query and Months reckon days alike
			return nil, fmt.Errorf("stats: lease %d in %s lies outside the months of %v", l.MatchID, month, r)
		}
		m := &rep.Months[i]
		m.Total++
		if !l.CertificatePassedOn.IsZero() {
			m.ByTrack[string(domain.TrackCertificate)]++
		}
		if !l.AccompanimentFrom.IsZero() {
			m.ByTrack[string(domain.TrackAccompaniment)]++
		}
		if l.FachstelleCase {
			m.ByTrack[string(domain.TrackFachstelle)]++
		}
		m.ByFocusGroup[l.FocusGroup]++
		if !l.RegisteredOn.IsZero() {
			days = append(days, float64(domain.DateOf(l.LeaseAt.In(domain.Berlin))-l.RegisteredOn))
		}
	}
	rep.MedianDaysToLease = median(days)
	for _, a := range approvals {
		rep.Conversion.Approved++
		if slices.Contains(domain.ViewedMatchStates, a.State) {
			rep.Conversion.Viewed++
		}
		if a.State == domain.MatchLeaseSigned {
			rep.Conversion.Leased++
		}
	}
	for _, q := range quotas {
		rep.Landlords = append(rep.Landlords, LandlordQuota{q.Name, q.YearlyQuota, q.Offered, q.Let})
	}
	groups := map[string]*WaitingGroup{}
	for _, f := range domain.FocusGroups.Codes() {
		rep.Waiting = append(rep.Waiting, WaitingGroup{FocusGroup: f, ByUrgency: map[int]int{}})
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

// Months lists the calendar months the range touches, from the month of its first day to
// the month of its last day, each with empty counters. It steps over calendar months, not
// instants, so no month is lost at a month's first day or last day.
func Months(r Range) []MonthPlacements {
	var out []MonthPlacements
	last := r.To.AddDays(-1)
	for m := r.From.FirstOfMonth(); m <= last; m = m.AddMonths(1) {
		out = append(out, MonthPlacements{Month: m.Month(), ByTrack: map[string]int{}, ByFocusGroup: map[string]int{}})
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
