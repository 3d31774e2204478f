package demo_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/demo"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/followups"
	"wohnbruecke/internal/stats"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// The demo's tenancy phase on first start: due follow-ups open, older ones recorded, a
// caseworker with her own due follow-ups, answered satisfaction checks, sustainment figures
// at every horizon; the job finds nothing left to make due. It logs the sustainment table
// (the figures the statistics page shows).
func TestDemoFollowUpsShowOnFirstStart(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2026, time.December, 1, 9, 0, 0, 0, domain.Berlin), func(t *testing.T, st *store.Store, _ *clock.Manual) {
		ctx := context.Background()
		if _, err := demo.Load(ctx, st, demo.Options{}); err != nil {
			t.Fatal(err)
		}
		open, recorded := true, false
		staff := domain.Actor{User: &domain.User{ID: 1, Role: domain.RoleStaff}}
		svc := followups.New(st, nil, "")
		due, err := svc.List(ctx, staff, &open, 0)
		if err != nil {
			t.Fatal(err)
		}
		done, err := svc.List(ctx, staff, &recorded, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(due) < 2 || len(done) < 20 {
			t.Fatalf("%d open and %d recorded follow-ups", len(due), len(done))
		}
		outcomes := map[domain.FollowUpOutcome]int{}
		for _, r := range done {
			outcomes[*r.Outcome]++
		}
		for _, o := range domain.FollowUpOutcomes.Values() {
			if outcomes[o] == 0 {
				t.Errorf("no recorded follow-up %s: %v", o, outcomes)
			}
		}
		rows, err := st.FollowUpTaskRows(ctx, 0, st.Today())
		if err != nil || len(rows) == 0 {
			t.Fatalf("no follow-up task for staff: %v", err)
		}
		cw, err := st.UserByEmail(ctx, "klartext@wohnbruecke.demo")
		if err != nil {
			t.Fatal(err)
		}
		if mine, err := svc.List(ctx, domain.Actor{User: cw}, nil, 0); err != nil || len(mine) == 0 {
			t.Errorf("the Klartext caseworker has %d follow-ups: %v", len(mine), err)
		}
		if n, err := svc.MakeDue(ctx); err != nil || n != 0 {
			t.Errorf("the job made %d due after the demo load: %v", n, err)
		}
		s, err := stats.New(st).Sustainment(ctx, staff)
		if err != nil {
			t.Fatal(err)
		}
		for i, h := range s.Horizons {
			if c := s.Total.Cells[i]; c.Counted == 0 || c.Kept == 0 || c.Kept == c.Counted {
				t.Errorf("%d months: %+v", h, c)
			}
		}
		if sat := s.Satisfaction; sat[0].Answered == 0 || sat[1].Answered == 0 {
			t.Errorf("satisfaction: %+v", sat)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "sustainment on %v (%d tenancies):\n", s.Today, s.Total.Tenancies)
		for _, groups := range [][]stats.Group{{s.Total}, s.ByTrack, s.ByFocusGroup, s.ByLandlord} {
			for _, g := range groups {
				fmt.Fprintf(&b, "%-45s %3d", g.Label, g.Tenancies)
				for i, c := range g.Cells {
					fmt.Fprintf(&b, " | %2d M: %2d/%2d kept %s, %2d housed %s", s.Horizons[i], c.Kept, c.Counted, pct(c.KeptShare()), c.Housed, pct(c.HousedShare()))
				}
				b.WriteString("\n")
			}
		}
		for _, sat := range s.Satisfaction {
			fmt.Fprintf(&b, "satisfaction %d M: sent %d answered %d\n", sat.Months, sat.Sent, sat.Answered)
		}
		t.Log(b.String())
	})
}

func pct(p *float64) string {
	if p == nil {
		return "   –  "
	}
	return fmt.Sprintf("%5.1f%%", *p)
}
