package stats

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// EquityReport is the equity dashboard of a period (docs/design.md §10.1): per focus group
// and per track the share of the eligible pool against the shares of proposals, viewings
// and placements, the success of proposals, the days to placement, refusals and approvals
// out of rank order; refusals by side and reason; per landlord days-to-let and proposals
// per let; cooperation partners' quota against what they offered.
type EquityReport struct {
	Range Range `json:"range"`
	// Totals over all households: pool, proposals, viewings, placements and overrides.
	Totals      EquityGroup       `json:"totals"`
	FocusGroups []EquityGroup     `json:"focus_groups"`
	Tracks      []EquityGroup     `json:"tracks"`
	Refusals    []Refusal         `json:"refusals"`
	Overrides   []OverrideCount   `json:"overrides"`
	Landlords   []LandlordLets    `json:"landlords"`
	Quotas      []QuotaAttainment `json:"quotas"`
}

// EquityGroup holds the figures of one focus group or track (or of everyone, Totals).
// Shares are percentages of the totals; a household with several tracks counts in each.
type EquityGroup struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	// Pool: households in the eligible pool of the period (EligibleInPeriod).
	Pool int `json:"pool"`
	// Proposals: matches approved in the period; Viewings: matches whose viewing began in
	// the period and took place; Placements: leases signed in the period.
	Proposals  int `json:"proposals"`
	Viewings   int `json:"viewings"`
	Placements int `json:"placements"`
	// Leased: proposals of the period that have ended in a lease by today.
	Leased int `json:"leased"`
	// Refusals among the proposals of the period, by their state today.
	Declined  int `json:"declined_by_applicant"`
	NoShow    int `json:"no_show"`
	Rejected  int `json:"landlord_rejected"`
	Overrides int `json:"overrides"`

	PoolShare      *float64 `json:"pool_share"`
	ProposalShare  *float64 `json:"proposal_share"`
	ViewingShare   *float64 `json:"viewing_share"`
	PlacementShare *float64 `json:"placement_share"`
	// SuccessRate is Leased / Proposals in percent.
	SuccessRate *float64 `json:"success_rate"`
	// MedianDays and P90Days: days from registration to lease of the placements of the
	// period (the 90th percentile by nearest rank).
	MedianDays *float64 `json:"median_days_to_placement"`
	P90Days    *float64 `json:"p90_days_to_placement"`

	days []float64
}

// Refusal is how many proposals of the period ended on one side's refusal with one reason.
type Refusal struct {
	Side   string   `json:"side"`   // declined_by_applicant, no_show, landlord_rejected
	Reason string   `json:"reason"` // the landlord's or the household's reason code, "" for none
	Label  string   `json:"label"`
	Count  int      `json:"count"`
	Rate   *float64 `json:"rate"` // percent of all proposals of the period
}

// OverrideCount counts the approvals of the period out of rank order by written reason.
type OverrideCount struct {
	Reason string `json:"reason"`
	Label  string `json:"label"`
	Count  int    `json:"count"`
}

// LandlordLets is one landlord's leases signed in the period: the median days from the
// flat's publication to the lease and the proposals its let flats had per lease.
type LandlordLets struct {
	Name            string   `json:"name"`
	Lets            int      `json:"lets"`
	MedianDaysToLet *float64 `json:"median_days_to_let"`
	ProposalsPerLet *float64 `json:"proposals_per_let"`
}

// QuotaAttainment is a cooperation partner's yearly quota, its share for the period
// (quota × days of the period / 365) and the flats it offered (submitted) in the period.
type QuotaAttainment struct {
	Name        string  `json:"name"`
	YearlyQuota int     `json:"yearly_quota"`
	Target      float64 `json:"target"`
	Offered     int     `json:"offered"`
	Let         int     `json:"let"`
}

// EligibleInPeriod reports whether a household belongs to the eligible pool of [from, to):
// it was registered before to (a household without a registration day counts as
// registered) and had not ended before from. A household ends on the day of its first
// lease (versorgt) or, when closed (abgeschlossen), on the day of its last closing in the
// audit log; an active or paused household has not ended. So the pool is every household
// on the books on at least one day of the period.
func EligibleInPeriod(registered, ended domain.Date, r Range) bool {
	if !registered.IsZero() && registered >= r.To {
		return false
	}
	return ended.IsZero() || ended >= r.From
}

// Equity computes the equity report for the range (staff and admins).
func (s *Service) Equity(ctx context.Context, a domain.Actor, r Range) (*EquityReport, error) {
	if !a.CanSeeStatistics() {
		return nil, fmt.Errorf("stats: equity: %w", domain.ErrForbidden)
	}
	from, to := r.From.Midnight(), r.To.Midnight()
	hs, err := s.store.EquityHouseholds(ctx, r.To)
	if err != nil {
		return nil, err
	}
	leases, err := s.store.EquityLeases(ctx, to)
	if err != nil {
		return nil, err
	}
	closings, err := s.store.EquityClosings(ctx, to)
	if err != nil {
		return nil, err
	}
	proposals, err := s.store.EquityProposals(ctx, from, to)
	if err != nil {
		return nil, err
	}
	viewings, err := s.store.EquityViewings(ctx, from, to)
	if err != nil {
		return nil, err
	}
	quotas, err := s.store.LandlordQuotas(ctx, from, to)
	if err != nil {
		return nil, err
	}
	// The day a household left the books: its first lease when versorgt, its last closing
	// when abgeschlossen; an active or paused household has not left.
	firstLease, lastClosing := map[int64]domain.Date{}, map[int64]domain.Date{}
	for _, l := range leases {
		if _, ok := firstLease[l.HouseholdID]; !ok {
			firstLease[l.HouseholdID] = domain.Today(l.LeaseAt)
		}
	}
	for _, c := range closings {
		lastClosing[c.EntityID] = domain.Today(c.At)
	}
	rep := &EquityReport{Range: r, Totals: EquityGroup{Code: "all", Label: "alle Haushalte"}}
	for _, f := range domain.FocusGroups {
		rep.FocusGroups = append(rep.FocusGroups, EquityGroup{Code: string(f.Value), Label: f.Label})
	}
	for _, t := range domain.Tracks {
		rep.Tracks = append(rep.Tracks, EquityGroup{Code: string(t.Value), Label: t.Label})
	}
	// groups lists the counters a household adds to: everyone, its focus group, its tracks.
	groupsOf := map[int64][]*EquityGroup{}
	for i := range hs {
		h := &hs[i]
		gs := []*EquityGroup{&rep.Totals}
		for j := range rep.FocusGroups {
			if rep.FocusGroups[j].Code == h.FocusGroup {
				gs = append(gs, &rep.FocusGroups[j])
			}
		}
		for j := range rep.Tracks {
			if holdsTrack(h, domain.Track(rep.Tracks[j].Code)) {
				gs = append(gs, &rep.Tracks[j])
			}
		}
		groupsOf[h.ID] = gs
		var end domain.Date
		switch h.Status {
		case domain.HouseholdHoused:
			end = firstLease[h.ID]
		case domain.HouseholdClosed:
			end = lastClosing[h.ID]
		}
		if EligibleInPeriod(h.RegisteredOn, end, r) {
			for _, g := range gs {
				g.Pool++
			}
		}
	}
	registered := map[int64]domain.Date{}
	for _, h := range hs {
		registered[h.ID] = h.RegisteredOn
	}
	overrides := map[string]int{}
	for _, p := range proposals {
		for _, g := range groupsOf[p.HouseholdID] {
			g.Proposals++
			switch p.State {
			case domain.MatchLeaseSigned:
				g.Leased++
			case domain.MatchDeclinedByApplicant:
				g.Declined++
			case domain.MatchNoShow:
				g.NoShow++
			case domain.MatchLandlordRejected:
				g.Rejected++
			}
			if p.OverrideReason != nil {
				g.Overrides++
			}
		}
		if p.OverrideReason != nil {
			overrides[*p.OverrideReason]++
		}
	}
	for _, hid := range viewings {
		for _, g := range groupsOf[hid] {
			g.Viewings++
		}
	}
	type lets struct {
		name      string
		days      []float64
		proposals map[int64]int
		n         int
	}
	byLandlord := map[int64]*lets{}
	var landlordOrder []int64
	for _, l := range leases {
		if l.LeaseAt.Before(from) {
			continue
		}
		leaseDay := domain.Today(l.LeaseAt)
		for _, g := range groupsOf[l.HouseholdID] {
			g.Placements++
			if reg := registered[l.HouseholdID]; !reg.IsZero() {
				g.days = append(g.days, float64(leaseDay-reg))
			}
		}
		ll := byLandlord[l.LandlordID]
		if ll == nil {
			ll = &lets{name: l.LandlordName, proposals: map[int64]int{}}
			byLandlord[l.LandlordID] = ll
			landlordOrder = append(landlordOrder, l.LandlordID)
		}
		ll.n++
		ll.proposals[l.VacancyID] = l.Proposals
		if l.PublishedAt != nil {
			ll.days = append(ll.days, float64(leaseDay-domain.Today(*l.PublishedAt)))
		}
	}
	for _, g := range append(append([]*EquityGroup{&rep.Totals}, ptrs(rep.FocusGroups)...), ptrs(rep.Tracks)...) {
		g.finish(&rep.Totals)
	}
	rep.Refusals = refusals(proposals, len(proposals))
	for _, o := range domain.OverrideReasons {
		rep.Overrides = append(rep.Overrides, OverrideCount{Reason: string(o.Value), Label: o.Label, Count: overrides[string(o.Value)]})
	}
	for _, id := range landlordOrder {
		ll := byLandlord[id]
		total := 0
		for _, n := range ll.proposals {
			total += n
		}
		rep.Landlords = append(rep.Landlords, LandlordLets{Name: ll.name, Lets: ll.n, MedianDaysToLet: median(ll.days),
			ProposalsPerLet: ratio(total, ll.n, 1)})
	}
	slices.SortStableFunc(rep.Landlords, func(a, b LandlordLets) int { return strings.Compare(a.Name, b.Name) })
	days := float64(r.To - r.From)
	for _, q := range quotas {
		if q.YearlyQuota == 0 {
			continue // no signed quota: not a cooperation partner with a target
		}
		rep.Quotas = append(rep.Quotas, QuotaAttainment{Name: q.Name, YearlyQuota: q.YearlyQuota,
			Target: math.Round(float64(q.YearlyQuota)*days/365*10) / 10, Offered: q.Offered, Let: q.Let})
	}
	return rep, nil
}

// finish computes a group's shares of the totals, its success rate and its days.
func (g *EquityGroup) finish(t *EquityGroup) {
	g.PoolShare = ratio(g.Pool, t.Pool, 100)
	g.ProposalShare = ratio(g.Proposals, t.Proposals, 100)
	g.ViewingShare = ratio(g.Viewings, t.Viewings, 100)
	g.PlacementShare = ratio(g.Placements, t.Placements, 100)
	g.SuccessRate = ratio(g.Leased, g.Proposals, 100)
	g.MedianDays = median(slices.Clone(g.days))
	g.P90Days = percentile(g.days, 90)
}

func refusals(ps []store.EquityProposal, total int) []Refusal {
	counts := map[[2]string]int{}
	for _, p := range ps {
		switch p.State {
		case domain.MatchDeclinedByApplicant:
			reason := ""
			if p.DeclineReason != nil {
				reason = *p.DeclineReason
			}
			counts[[2]string{string(p.State), reason}]++
		case domain.MatchNoShow:
			counts[[2]string{string(p.State), ""}]++
		case domain.MatchLandlordRejected:
			reason := "other"
			if p.RejectionReason != nil {
				reason = *p.RejectionReason
			}
			counts[[2]string{string(p.State), reason}]++
		}
	}
	var out []Refusal
	for _, o := range domain.DeclineReasons {
		out = append(out, Refusal{Side: string(domain.MatchDeclinedByApplicant), Reason: string(o.Value), Label: "Absage des Haushalts: " + o.Label})
	}
	out = append(out, Refusal{Side: string(domain.MatchDeclinedByApplicant), Label: "Absage des Haushalts ohne Angabe eines Grundes"},
		Refusal{Side: string(domain.MatchNoShow), Label: "Haushalt nicht erschienen"})
	for _, o := range domain.RejectionReasonOptions {
		out = append(out, Refusal{Side: string(domain.MatchLandlordRejected), Reason: o.Value, Label: "Absage der Vermieter*in: " + o.Label})
	}
	for i := range out {
		out[i].Count = counts[[2]string{out[i].Side, out[i].Reason}]
		out[i].Rate = ratio(out[i].Count, total, 100)
	}
	return out
}

func holdsTrack(h *store.EquityHousehold, t domain.Track) bool {
	switch t {
	case domain.TrackCertificate:
		return !h.CertificatePassedOn.IsZero()
	case domain.TrackAccompaniment:
		return !h.AccompanimentFrom.IsZero()
	case domain.TrackFachstelle:
		return h.FachstelleCase
	}
	return false
}

func ptrs(gs []EquityGroup) []*EquityGroup {
	out := make([]*EquityGroup, len(gs))
	for i := range gs {
		out[i] = &gs[i]
	}
	return out
}

// ratio is n/d × scale, rounded to one decimal; nil when d is 0.
func ratio(n, d int, scale float64) *float64 {
	if d == 0 {
		return nil
	}
	v := math.Round(float64(n)/float64(d)*scale*10) / 10
	return &v
}

// percentile is the p-th percentile by nearest rank: the ⌈p/100 × n⌉-th smallest value.
func percentile(xs []float64, p int) *float64 {
	if len(xs) == 0 {
		return nil
	}
	s := slices.Sorted(slices.Values(xs))
	k := (p*len(s) + 99) / 100
	v := s[max(k, 1)-1]
	return &v
}
